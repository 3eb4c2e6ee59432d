"""Response bodies shaped like api.github.com's recordings, with URLs pointing at the fake."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from .server import FakeCommit, FakeRepo

# Keys a single-repository GET has and an /orgs/{org}/repos item lacks (orgs.repos.list.json):
# PyGithub lazily GETs the repository when code reads one of them on a list item, so the
# fake must leave them out of list items to keep the crawler's request count honest.
ONLY_IN_FULL = (
    "has_pull_requests",
    "pull_request_creation_policy",
    "temp_clone_token",
    "custom_properties",
    "organization",
    "network_count",
    "subscribers_count",
)

DOCS = "https://docs.github.com"


def node_id(kind: str, number: int) -> str:
    """GitHub's legacy node id: base64 of ``"<len(kind):03>:<Kind><id>"``."""
    return base64.b64encode(f"{len(kind):03d}:{kind}{number}".encode()).decode()


def base64_lines(data: bytes) -> str:
    """Ruby's Base64.encode64 layout GitHub uses: 60 characters a line, every line ending "\\n"."""
    encoded = base64.b64encode(data).decode()
    return "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))


def error(status: int, message: str, doc: str = "rest") -> dict[str, Any]:
    """The error envelope since 2024: message, documentation_url and status as a string."""
    return {"message": message, "documentation_url": f"{DOCS}/{doc}", "status": str(status)}


def validation_failed(resource: str, field: str, code: str, doc: str = "rest") -> dict[str, Any]:
    return {
        "message": "Validation Failed",
        "errors": [{"resource": resource, "code": code, "field": field}],
        "documentation_url": f"{DOCS}/{doc}",
        "status": "422",
    }


def user(api: str, web: str, login: str, uid: int, kind: str = "User") -> dict[str, Any]:
    """A simple-user object (owner, issue author, ...), as in every 2025-2026 capture."""
    url = f"{api}/users/{login}"
    return {
        "login": login,
        "id": uid,
        "node_id": node_id("Organization" if kind == "Organization" else "User", uid),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": url,
        "html_url": f"{web}/{login}",
        "followers_url": f"{url}/followers",
        "following_url": f"{url}/following{{/other_user}}",
        "gists_url": f"{url}/gists{{/gist_id}}",
        "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{url}/subscriptions",
        "organizations_url": f"{url}/orgs",
        "repos_url": f"{url}/repos",
        "events_url": f"{url}/events{{/privacy}}",
        "received_events_url": f"{url}/received_events",
        "type": kind,
        "user_view_type": "public",
        "site_admin": False,
    }


def organization(api: str, web: str, login: str, uid: int, public_repos: int) -> dict[str, Any]:
    """GET /orgs/{org} (OpenAPI organization-full, public part)."""
    url = f"{api}/orgs/{login}"
    return {
        "login": login,
        "id": uid,
        "node_id": node_id("Organization", uid),
        "url": url,
        "repos_url": f"{url}/repos",
        "events_url": f"{url}/events",
        "hooks_url": f"{url}/hooks",
        "issues_url": f"{url}/issues",
        "members_url": f"{url}/members{{/member}}",
        "public_members_url": f"{url}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "description": None,
        "name": login,
        "company": None,
        "blog": "",
        "location": None,
        "email": None,
        "twitter_username": None,
        "is_verified": False,
        "has_organization_projects": True,
        "has_repository_projects": True,
        "public_repos": public_repos,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "html_url": f"{web}/{login}",
        "created_at": "2020-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "archived_at": None,
        "type": "Organization",
    }


def licence(api: str, spdx: str | None) -> dict[str, Any] | None:
    """The inline licence object: null when none, NOASSERTION as licensee's "other"."""
    if not spdx:
        return None
    if spdx == "NOASSERTION":
        return {
            "key": "other",
            "name": "Other",
            "spdx_id": "NOASSERTION",
            "url": None,
            "node_id": "MDc6TGljZW5zZTA=",
        }
    key = spdx.lower()
    return {
        "key": key,
        "name": spdx,
        "spdx_id": spdx,
        "url": f"{api}/licenses/{key}",
        "node_id": node_id("License", sum(key.encode())),
    }


def repository(
    api: str,
    web: str,
    repo: FakeRepo,
    *,
    full: bool,
    permissions: dict[str, bool] | None,
    parent: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A repository: ``full`` as GET /repos/{o}/{r} answers, else an /orgs/{org}/repos item.

    ``permissions`` is None for anonymous requests (GitHub then omits the key and the merge
    settings).
    """
    name = repo.full_name
    url = f"{api}/repos/{name}"
    html = f"{web}/{name}"
    owner = user(api, web, repo.owner, repo.owner_id, repo.owner_kind)
    open_issues = repo.open_issue_count()
    body: dict[str, Any] = {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": name,
        "private": repo.private,
        "owner": owner,
        "html_url": html,
        "description": repo.description,
        "fork": repo.fork,
        "url": url,
        "forks_url": f"{url}/forks",
        "keys_url": f"{url}/keys{{/key_id}}",
        "collaborators_url": f"{url}/collaborators{{/collaborator}}",
        "teams_url": f"{url}/teams",
        "hooks_url": f"{url}/hooks",
        "issue_events_url": f"{url}/issues/events{{/number}}",
        "events_url": f"{url}/events",
        "assignees_url": f"{url}/assignees{{/user}}",
        "branches_url": f"{url}/branches{{/branch}}",
        "tags_url": f"{url}/tags",
        "blobs_url": f"{url}/git/blobs{{/sha}}",
        "git_tags_url": f"{url}/git/tags{{/sha}}",
        "git_refs_url": f"{url}/git/refs{{/sha}}",
        "trees_url": f"{url}/git/trees{{/sha}}",
        "statuses_url": f"{url}/statuses/{{sha}}",
        "languages_url": f"{url}/languages",
        "stargazers_url": f"{url}/stargazers",
        "contributors_url": f"{url}/contributors",
        "subscribers_url": f"{url}/subscribers",
        "subscription_url": f"{url}/subscription",
        "commits_url": f"{url}/commits{{/sha}}",
        "git_commits_url": f"{url}/git/commits{{/sha}}",
        "comments_url": f"{url}/comments{{/number}}",
        "issue_comment_url": f"{url}/issues/comments{{/number}}",
        "contents_url": f"{url}/contents/{{+path}}",
        "compare_url": f"{url}/compare/{{base}}...{{head}}",
        "merges_url": f"{url}/merges",
        "archive_url": f"{url}/{{archive_format}}{{/ref}}",
        "downloads_url": f"{url}/downloads",
        "issues_url": f"{url}/issues{{/number}}",
        "pulls_url": f"{url}/pulls{{/number}}",
        "milestones_url": f"{url}/milestones{{/number}}",
        "notifications_url": f"{url}/notifications{{?since,all,participating}}",
        "labels_url": f"{url}/labels{{/name}}",
        "releases_url": f"{url}/releases{{/id}}",
        "deployments_url": f"{url}/deployments",
        "created_at": repo.created_at,
        "updated_at": repo.updated_at,
        "pushed_at": repo.pushed_at,
        "git_url": f"git://{web.split('://', 1)[1]}/{name}.git",
        "ssh_url": f"git@{web.split('://', 1)[1].split('/')[0]}:{name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "homepage": repo.homepage,
        "size": repo.size_kb(),
        "stargazers_count": 0,
        "watchers_count": 0,
        "language": repo.language,
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
        "open_issues_count": open_issues,
        "license": licence(api, repo.license_spdx),
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "has_pull_requests": True,
        "pull_request_creation_policy": "all",
        "topics": list(repo.topics),
        "visibility": "private" if repo.private else "public",
        "forks": 0,
        "open_issues": open_issues,
        "watchers": 0,
        "default_branch": repo.default_branch,
    }
    if permissions is not None:
        body["permissions"] = permissions
    if not full:
        for key in ONLY_IN_FULL:
            body.pop(key, None)
        return body
    if permissions is not None:
        # Merge settings come with the authenticated single GET (repos.get.authenticated-fork).
        body.update(
            {
                "allow_squash_merge": True,
                "allow_merge_commit": True,
                "allow_rebase_merge": True,
                "allow_auto_merge": False,
                "delete_branch_on_merge": False,
                "allow_update_branch": False,
                "use_squash_pr_title_as_default": False,
                "squash_merge_commit_message": "COMMIT_MESSAGES",
                "squash_merge_commit_title": "COMMIT_OR_PR_TITLE",
                "merge_commit_message": "PR_TITLE",
                "merge_commit_title": "MERGE_MESSAGE",
            }
        )
    body["temp_clone_token"] = None
    body["custom_properties"] = {}
    if repo.owner_kind == "Organization":
        body["organization"] = owner
    if parent is not None:
        body["parent"] = parent
        body["source"] = parent
    body["network_count"] = 0
    body["subscribers_count"] = 1
    return body


def content_links(api: str, web: str, repo: FakeRepo, path: str, sha: str, kind: str) -> dict:
    """The url/html_url/git_url/download_url/_links block shared by contents entries."""
    qpath = quote(path)
    branch = repo.default_branch
    self_url = f"{api}/repos/{repo.full_name}/contents/{qpath}?ref={quote(branch)}"
    git = f"{api}/repos/{repo.full_name}/git/{'trees' if kind == 'dir' else 'blobs'}/{sha}"
    html = f"{web}/{repo.full_name}/{'tree' if kind == 'dir' else 'blob'}/{branch}/{qpath}"
    raw_host = "https://raw.githubusercontent.com" if web == "https://github.com" else f"{web}/raw"
    return {
        "url": self_url,
        "html_url": html,
        "git_url": git,
        "download_url": None if kind == "dir" else f"{raw_host}/{repo.full_name}/{branch}/{qpath}",
        "_links": {"self": self_url, "git": git, "html": html},
    }


def content_entry(
    api: str, web: str, repo: FakeRepo, path: str, sha: str, size: int, kind: str
) -> dict[str, Any]:
    """One entry of a directory listing: no content or encoding (repos.contents.dir.json)."""
    links = content_links(api, web, repo, path, sha, kind)
    return {
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": sha,
        "size": size,
        "url": links["url"],
        "html_url": links["html_url"],
        "git_url": links["git_url"],
        "download_url": links["download_url"],
        "type": kind,
        "_links": links["_links"],
    }


def content_file(
    api: str, web: str, repo: FakeRepo, path: str, data: bytes, sha: str, inline_limit: int
) -> dict[str, Any]:
    """A file's content object; above ``inline_limit`` bytes GitHub sends content "" and
    encoding "none" (PyGithub's decoded_content then fails, as it does against GitHub)."""
    links = content_links(api, web, repo, path, sha, "file")
    inline = len(data) <= inline_limit
    return {
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": sha,
        "size": len(data),
        "url": links["url"],
        "html_url": links["html_url"],
        "git_url": links["git_url"],
        "download_url": links["download_url"],
        "type": "file",
        "content": base64_lines(data) if inline else "",
        "encoding": "base64" if inline else "none",
        "_links": links["_links"],
    }


def symlink(api: str, web: str, repo: FakeRepo, path: str, target: str, sha: str) -> dict[str, Any]:
    """OpenAPI content-file-response-if-content-is-a-symlink."""
    links = content_links(api, web, repo, path, sha, "file")
    return {
        "type": "symlink",
        "target": target,
        "size": len(target.encode()),
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": sha,
        "url": links["url"],
        "git_url": links["git_url"],
        "html_url": links["html_url"],
        "download_url": links["download_url"],
        "_links": links["_links"],
    }


def git_user(commit: FakeCommit) -> dict[str, str]:
    return {"name": commit.author_name, "email": commit.author_email, "date": commit.date}


def commit(
    api: str,
    web: str,
    repo: FakeRepo,
    item: FakeCommit,
    parents: list[str],
    author: dict[str, Any] | None,
    *,
    full: bool,
) -> dict[str, Any]:
    """A commit as GET /repos/{o}/{r}/commits lists it; ``full`` adds stats and files."""
    url = f"{api}/repos/{repo.full_name}"
    body: dict[str, Any] = {
        "sha": item.sha,
        "node_id": "C_" + base64.urlsafe_b64encode(item.sha.encode()).decode()[:40],
        "commit": {
            "author": git_user(item),
            "committer": git_user(item),
            "message": item.message,
            "tree": {"sha": item.tree, "url": f"{url}/git/trees/{item.tree}"},
            "url": f"{url}/git/commits/{item.sha}",
            "comment_count": 0,
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        },
        "url": f"{url}/commits/{item.sha}",
        "html_url": f"{web}/{repo.full_name}/commit/{item.sha}",
        "comments_url": f"{url}/commits/{item.sha}/comments",
        "author": author,
        "committer": author,
        "parents": [
            {
                "sha": sha,
                "url": f"{url}/commits/{sha}",
                "html_url": f"{web}/{repo.full_name}/commit/{sha}",
            }
            for sha in parents
        ],
    }
    if full:
        body["stats"] = {"total": 0, "additions": 0, "deletions": 0}
        body["files"] = []
    return body


def label(api: str, repo: FakeRepo, name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": data["id"],
        "node_id": node_id("Label", data["id"]),
        "url": f"{api}/repos/{repo.full_name}/labels/{quote(name)}",
        "name": name,
        "color": data["color"],
        "default": data.get("default", False),
        "description": data.get("description"),
    }


def reactions(url: str) -> dict[str, Any]:
    return {
        "url": f"{url}/reactions",
        "total_count": 0,
        "+1": 0,
        "-1": 0,
        "laugh": 0,
        "hooray": 0,
        "confused": 0,
        "heart": 0,
        "rocket": 0,
        "eyes": 0,
    }


def issue(
    api: str, web: str, repo: FakeRepo, data: dict[str, Any], users: dict[str, int]
) -> dict[str, Any]:
    """An issue (issues.list.json / issues.update.close.json key set)."""
    url = f"{api}/repos/{repo.full_name}/issues/{data['number']}"
    closer = data.get("closed_by")
    return {
        "url": url,
        "repository_url": f"{api}/repos/{repo.full_name}",
        "labels_url": f"{url}/labels{{/name}}",
        "comments_url": f"{url}/comments",
        "events_url": f"{url}/events",
        "html_url": f"{web}/{repo.full_name}/issues/{data['number']}",
        "id": data["id"],
        "node_id": node_id("Issue", data["id"]),
        "number": data["number"],
        "title": data["title"],
        "user": user(api, web, data["user"], users.get(data["user"], 1)),
        "labels": [
            label(api, repo, name, repo.labels[name.lower()])
            for name in data["labels"]
            if name.lower() in repo.labels
        ],
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
        "issue_dependencies_summary": {
            "blocked_by": 0,
            "total_blocked_by": 0,
            "blocking": 0,
            "total_blocking": 0,
        },
        "body": data["body"],
        "closed_by": user(api, web, closer, users.get(closer, 1)) if closer else None,
        "reactions": reactions(url),
        "timeline_url": f"{url}/timeline",
        "performed_via_github_app": None,
        "state_reason": data.get("state_reason"),
    }


def comment(
    api: str,
    web: str,
    repo: FakeRepo,
    number: int,
    data: dict[str, Any],
    users: dict[str, int],
) -> dict[str, Any]:
    """An issue comment (issues.comments.create.json key set)."""
    url = f"{api}/repos/{repo.full_name}/issues/comments/{data['id']}"
    return {
        "url": url,
        "html_url": f"{web}/{repo.full_name}/issues/{number}#issuecomment-{data['id']}",
        "issue_url": f"{api}/repos/{repo.full_name}/issues/{number}",
        "id": data["id"],
        "node_id": node_id("IssueComment", data["id"]),
        "user": user(api, web, data["user"], users.get(data["user"], 1)),
        "created_at": data["created_at"],
        "updated_at": data["updated_at"],
        "body": data["body"],
        "author_association": "NONE",
        "reactions": reactions(url),
        "performed_via_github_app": None,
    }


def rate_limit_resource(limit: int, used: int, reset: int) -> dict[str, int]:
    return {"limit": limit, "used": used, "remaining": max(0, limit - used), "reset": reset}
