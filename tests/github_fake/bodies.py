"""Response bodies shaped like api.github.com's, with every URL pointing at the fake itself."""

from __future__ import annotations

import base64
from typing import Any

# Keys a single-repository GET has and a list item lacks (changes PyGithub's lazy completion).
ONLY_IN_FULL = (
    "temp_clone_token",
    "custom_properties",
    "organization",
    "network_count",
    "subscribers_count",
    "has_pull_requests",
    "pull_request_creation_policy",
)


def user(origin: str, login: str, *, kind: str = "User", uid: int = 1) -> dict[str, Any]:
    api = f"{origin}/{'orgs' if kind == 'Organization' else 'users'}/{login}"
    return {
        "login": login,
        "id": uid,
        "node_id": f"MDQ6VXNlcj{uid}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"https://github.com/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": kind,
        "user_view_type": "public",
        "site_admin": False,
    }


def repository(origin: str, repo: Any, *, full: bool) -> dict[str, Any]:
    """A repository object: ``full`` for GET /repos/{o}/{r}, else a list item."""
    api = f"{origin}/repos/{repo.full_name}"
    html = f"https://github.com/{repo.full_name}"
    licence = (
        {
            "key": repo.license_spdx.lower(),
            "name": repo.license_spdx,
            "spdx_id": repo.license_spdx,
            "url": f"{origin}/licenses/{repo.license_spdx.lower()}",
            "node_id": "MDc6TGljZW5zZTEz",
        }
        if repo.license_spdx and repo.license_spdx != "NOASSERTION"
        else {
            "key": "other",
            "name": "Other",
            "spdx_id": "NOASSERTION",
            "url": None,
            "node_id": "MDc6TGljZW5zZTA=",
        }
        if repo.license_spdx == "NOASSERTION"
        else None
    )
    body: dict[str, Any] = {
        "id": repo.id,
        "node_id": f"R_kgDO{repo.id:08d}",
        "name": repo.name,
        "full_name": repo.full_name,
        "private": repo.private,
        "owner": user(origin, repo.owner, kind="Organization", uid=repo.owner_id),
        "html_url": html,
        "description": repo.description,
        "fork": repo.fork,
        "url": api,
        "forks_url": f"{api}/forks",
        "keys_url": f"{api}/keys{{/key_id}}",
        "collaborators_url": f"{api}/collaborators{{/collaborator}}",
        "teams_url": f"{api}/teams",
        "hooks_url": f"{api}/hooks",
        "issue_events_url": f"{api}/issues/events{{/number}}",
        "events_url": f"{api}/events",
        "assignees_url": f"{api}/assignees{{/user}}",
        "branches_url": f"{api}/branches{{/branch}}",
        "tags_url": f"{api}/tags",
        "blobs_url": f"{api}/git/blobs{{/sha}}",
        "git_tags_url": f"{api}/git/tags{{/sha}}",
        "git_refs_url": f"{api}/git/refs{{/sha}}",
        "trees_url": f"{api}/git/trees{{/sha}}",
        "statuses_url": f"{api}/statuses/{{sha}}",
        "languages_url": f"{api}/languages",
        "stargazers_url": f"{api}/stargazers",
        "contributors_url": f"{api}/contributors",
        "subscribers_url": f"{api}/subscribers",
        "subscription_url": f"{api}/subscription",
        "commits_url": f"{api}/commits{{/sha}}",
        "git_commits_url": f"{api}/git/commits{{/sha}}",
        "comments_url": f"{api}/comments{{/number}}",
        "issue_comment_url": f"{api}/issues/comments{{/number}}",
        "contents_url": f"{api}/contents/{{+path}}",
        "compare_url": f"{api}/compare/{{base}}...{{head}}",
        "merges_url": f"{api}/merges",
        "archive_url": f"{api}/{{archive_format}}{{/ref}}",
        "downloads_url": f"{api}/downloads",
        "issues_url": f"{api}/issues{{/number}}",
        "pulls_url": f"{api}/pulls{{/number}}",
        "milestones_url": f"{api}/milestones{{/number}}",
        "notifications_url": f"{api}/notifications{{?since,all,participating}}",
        "labels_url": f"{api}/labels{{/name}}",
        "releases_url": f"{api}/releases{{/id}}",
        "deployments_url": f"{api}/deployments",
        "created_at": repo.created_at,
        "updated_at": repo.pushed_at,
        "pushed_at": None if repo.empty else repo.pushed_at,
        "git_url": f"git://github.com/{repo.full_name}.git",
        "ssh_url": f"git@github.com:{repo.full_name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "homepage": repo.homepage,
        "size": 0 if repo.empty else max(1, sum(len(d) for d in repo.files.values()) // 1024),
        "stargazers_count": 0,
        "watchers_count": 0,
        "language": "Python",
        "has_issues": repo.has_issues,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": True,
        "has_pages": False,
        "has_discussions": False,
        "forks_count": 0,
        "mirror_url": None,
        "archived": repo.archived,
        "disabled": False,
        "open_issues_count": sum(1 for i in repo.issues if i["state"] == "open"),
        "license": licence,
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "has_pull_requests": True,
        "pull_request_creation_policy": "all",
        "topics": list(repo.topics),
        "visibility": "private" if repo.private else "public",
        "forks": 0,
        "open_issues": sum(1 for i in repo.issues if i["state"] == "open"),
        "watchers": 0,
        "default_branch": repo.default_branch,
        "temp_clone_token": None,
        "custom_properties": {},
        "organization": user(origin, repo.owner, kind="Organization", uid=repo.owner_id),
        "network_count": 0,
        "subscribers_count": 1,
    }
    if not full:
        for key in ONLY_IN_FULL:
            body.pop(key, None)
        body["permissions"] = {
            "admin": False,
            "maintain": False,
            "push": False,
            "triage": False,
            "pull": True,
        }
    return body


def base64_lines(data: bytes) -> str:
    """GitHub's layout: 60 characters per line, each line ending in a newline."""
    encoded = base64.b64encode(data).decode()
    return "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))


def error(origin: str, status: int, message: str, doc: str = "rest") -> dict[str, Any]:
    return {
        "message": message,
        "documentation_url": f"https://docs.github.com/{doc}",
        "status": str(status),
    }


def issue(origin: str, repo: Any, data: dict[str, Any]) -> dict[str, Any]:
    api = f"{origin}/repos/{repo.full_name}/issues/{data['number']}"
    return {
        "url": api,
        "repository_url": f"{origin}/repos/{repo.full_name}",
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": f"https://github.com/{repo.full_name}/issues/{data['number']}",
        "id": data["id"],
        "node_id": f"I_kwDO{data['id']:08d}",
        "number": data["number"],
        "title": data["title"],
        "user": user(origin, data["user"], uid=7),
        "labels": [label(origin, repo, name) for name in data["labels"]],
        "state": data["state"],
        "locked": False,
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "comments": len(data["comments"]),
        "created_at": data["created_at"],
        "updated_at": data["updated_at"],
        "closed_at": data.get("closed_at"),
        "author_association": "NONE",
        "type": None,
        "active_lock_reason": None,
        "sub_issues_summary": {"total": 0, "completed": 0, "percent_completed": 0},
        "body": data["body"],
        "closed_by": user(origin, data["user"], uid=7) if data["state"] == "closed" else None,
        "reactions": {"url": f"{api}/reactions", "total_count": 0},
        "timeline_url": f"{api}/timeline",
        "performed_via_github_app": None,
        "state_reason": data.get("state_reason"),
    }


def comment(origin: str, repo: Any, number: int, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": f"{origin}/repos/{repo.full_name}/issues/comments/{data['id']}",
        "html_url": f"https://github.com/{repo.full_name}/issues/{number}#issuecomment-{data['id']}",
        "issue_url": f"{origin}/repos/{repo.full_name}/issues/{number}",
        "id": data["id"],
        "node_id": f"IC_kwDO{data['id']:08d}",
        "user": user(origin, data["user"], uid=7),
        "created_at": data["created_at"],
        "updated_at": data["created_at"],
        "author_association": "NONE",
        "body": data["body"],
        "reactions": {"total_count": 0},
        "performed_via_github_app": None,
    }


def label(origin: str, repo: Any, name: str) -> dict[str, Any]:
    data = repo.labels.get(name, {"color": "ededed", "description": None, "id": 1})
    return {
        "id": data["id"],
        "node_id": f"LA_kwDO{data['id']:08d}",
        "url": f"{origin}/repos/{repo.full_name}/labels/{name}",
        "name": name,
        "color": data["color"],
        "default": False,
        "description": data["description"],
    }
