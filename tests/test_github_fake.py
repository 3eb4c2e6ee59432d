"""The loopback GitHub, driven by real PyGithub, requests and requests-cache, must be faithful."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import requests_cache
from github import Auth, Github, GithubException
from github.GithubException import (
    BadCredentialsException,
    RateLimitExceededException,
    UnknownObjectException,
)

from .github_fake import SECONDARY_MESSAGE, FakeCommit, FakeGitHub, blob_sha


def client(fake: FakeGitHub, **kwargs: Any) -> Github:
    return Github(
        base_url=fake.base_url,
        auth=Auth.Token("t"),
        seconds_between_requests=None,
        seconds_between_writes=None,
        **kwargs,
    )


def get(fake: FakeGitHub, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": "token t", **kwargs.pop("headers", {})}
    return requests.get(f"{fake.base_url}{path}", headers=headers, timeout=5, **kwargs)


@pytest.fixture
def ghes() -> Iterator[FakeGitHub]:
    with FakeGitHub(api_prefix="/api/v3") as fake:
        yield fake


# -- repositories ----------------------------------------------------------------------------------


def test_get_repo_fields_point_at_the_fake(fake_github: FakeGitHub) -> None:
    fake_github.add_repo(
        "team/app",
        {"README.md": "# App\n", "app/main.py": "print('hi')\n"},
        topics=("cts-hackathon",),
        description="An app",
        homepage="https://app.example.org",
        license_spdx="MIT",
    )
    repo = client(fake_github).get_repo("team/app")
    assert (repo.full_name, repo.default_branch, repo.description) == ("team/app", "main", "An app")
    assert repo.topics == ["cts-hackathon"]
    assert repo.license.spdx_id == "MIT"
    assert repo.language == "Python"
    assert repo.owner.type == "Organization" and repo.organization.login == "team"
    assert repo.permissions.pull and repo.permissions.push
    assert not repo.archived and not repo.fork and not repo.private
    assert repo.url == f"{fake_github.origin}/repos/team/app"
    raw = get(fake_github, "/repos/team/app").json()
    urls = [v for k, v in raw.items() if k.endswith("url") and isinstance(v, str)]
    assert "api.github.com" not in str(raw) and all(not u.startswith("https://api.") for u in urls)


def test_list_items_lack_keys_so_pygithub_completes_lazily(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("org/one")
    item = next(iter(client(fake_github).get_organization("org").get_repos()))
    fake_github.clear_log()
    assert item.name == "one" and item.topics == []  # present in list items: no request
    assert fake_github.count() == 0
    assert item.subscribers_count == 1  # only in the single GET: one lazy request
    assert fake_github.requests == [("GET", "/repos/org/one", 200)]
    listed = get(fake_github, "/orgs/org/repos").json()[0]
    single = get(fake_github, "/repos/org/one").json()
    assert set(single) - set(listed) >= {"organization", "network_count", "temp_clone_token"}


def test_org_listing_paginates_like_github(fake_github: FakeGitHub) -> None:
    for index in range(250):
        fake_github.add_repo(f"org/r{index:03d}")
    repos = client(fake_github).get_organization("org").get_repos()
    names = [r.name for r in repos]
    # GitHub's default for organisations: sort=created, direction=desc.
    assert len(names) == 250 and names[0] == "r249" and names[-1] == "r000"
    assert fake_github.count("GET", r"/repos$") == 9  # 30 a page
    assert repos.totalCount == 250  # one more request, per_page=1, reading rel="last"
    sorted_names = [r.name for r in client(fake_github).get_user("org").get_repos()]
    assert sorted_names == sorted(names)  # users/{u}/repos: sort=full_name, asc


def test_link_header_spelling(fake_github: FakeGitHub) -> None:
    for index in range(9):
        fake_github.add_repo(f"org/r{index}")
    org_id = get(fake_github, "/orgs/org").json()["id"]
    first = get(fake_github, "/orgs/org/repos?type=all&per_page=2")
    base = f"{fake_github.origin}/organizations/{org_id}/repos?type=all&per_page=2"
    assert first.headers["Link"] == (f'<{base}&page=2>; rel="next", <{base}&page=5>; rel="last"')
    middle = get(fake_github, "/orgs/org/repos?type=all&per_page=2&page=3")
    assert middle.headers["Link"] == (
        f'<{base}&page=2>; rel="prev", <{base}&page=4>; rel="next", '
        f'<{base}&page=5>; rel="last", <{base}&page=1>; rel="first"'
    )
    last = get(fake_github, "/orgs/org/repos?type=all&per_page=2&page=5")
    assert last.headers["Link"] == f'<{base}&page=4>; rel="prev", <{base}&page=1>; rel="first"'
    assert len(last.json()) == 1
    assert "Link" not in get(fake_github, "/orgs/org/repos?per_page=100").headers
    assert len(get(fake_github, "/orgs/org/repos?per_page=500&page=1").json()) == 9  # cap 100


def test_search_by_topic_and_the_1000_cap(fake_github: FakeGitHub) -> None:
    for index in range(1005):
        fake_github.add_repo(f"hack/p{index:04d}", topics=("cts-2026",))
    fake_github.add_repo("hack/other", topics=("other",))
    fake_github.add_repo("else/p", topics=("cts-2026",))
    fake_github.add_repo("hack/fork", topics=("cts-2026",), fork=True)
    found = client(fake_github, per_page=100).search_repositories("topic:cts-2026", org="hack")
    # PyGithub counts with per_page=1 and reads rel="last": capped at 1000, as against GitHub.
    assert found.totalCount == 1000
    assert len(list(found)) == 1000  # only 1000 are reachable: no rel="next" after that
    page = get(fake_github, "/search/repositories?q=topic:cts-2026+org:hack&per_page=100")
    assert page.json()["total_count"] == 1005  # the body has the true count
    assert page.headers["X-RateLimit-Resource"] == "search"
    assert page.headers["X-RateLimit-Limit"] == "30"
    assert page.headers["Cache-Control"] == "no-cache" and "ETag" not in page.headers
    assert page.json()["items"][0]["score"] == 1.0
    assert 'page=10>; rel="last"' in page.headers["Link"]
    beyond = get(fake_github, "/search/repositories?q=topic:cts-2026&per_page=100&page=11")
    assert beyond.status_code == 422
    assert beyond.json() == {
        "message": "Only the first 1000 search results are available",
        "documentation_url": "https://docs.github.com/v3/search/",
        "status": "422",
    }
    with_forks = get(fake_github, "/search/repositories?q=topic:cts-2026+fork:true+user:hack")
    assert with_forks.json()["total_count"] == 1006


def test_search_has_its_own_bucket(fake_github: FakeGitHub) -> None:
    fake_github.search_limit = 2
    for _ in range(2):
        assert get(fake_github, "/search/repositories?q=topic:x").status_code == 200
    refused = get(fake_github, "/search/repositories?q=topic:x")
    assert refused.status_code == 403 and refused.headers["X-RateLimit-Remaining"] == "0"
    assert get(fake_github, "/rate_limit").json()["resources"]["core"]["used"] == 0


# -- git data and contents -------------------------------------------------------------------------


FILES = {
    "README.md": "# Demo\n",
    "LICENSE": "MIT License\n" * 3,
    "src/app/main.py": "print('hi')\n",
    "src/app/util.py": "X = 1\n",
    "docs/a b.md": "spaces\n",
    "src.txt": "sorts before src/ in git\n",
}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_tree_shas_are_git_s(fake_github: FakeGitHub, tmp_path: Path) -> None:
    repo = fake_github.add_repo("t/r", FILES)
    for path, text in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    git = ["git", "-C", str(tmp_path), "-c", "core.autocrlf=false"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    tree = subprocess.run([*git, "write-tree"], check=True, capture_output=True, text=True)
    assert repo.root_tree == tree.stdout.strip()
    assert blob_sha(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_recursive_tree_and_truncation(fake_github: FakeGitHub) -> None:
    fake = fake_github.add_repo("t/r", FILES)
    repo = client(fake_github).get_repo("t/r")
    tree = repo.get_git_tree("main", recursive=True)
    paths = {e.path for e in tree.tree}
    assert paths == {*FILES, "src", "src/app", "docs"}
    assert tree.raw_data["truncated"] is False and tree.sha == fake.root_tree
    assert all(e.url.startswith(fake_github.origin) for e in tree.tree)
    last = get(fake_github, f"/repos/t/r/git/trees/{fake.root_tree}")
    assert last.headers["Cache-Control"] == "private, max-age=86400, s-maxage=86400"
    fake_github.tree_truncate_limit = 3
    cut = repo.get_git_tree("main", recursive=True)
    assert cut.raw_data["truncated"] is True and len(cut.tree) == 3
    # What a client then does: walk the subtrees without recursive=1 (never truncated).
    top = repo.get_git_tree(fake.root_tree)
    assert top.raw_data["truncated"] is False
    src = next(e for e in top.tree if e.path == "src")
    assert [e.path for e in repo.get_git_tree(src.sha).tree] == ["app"]


def test_contents_layout_and_decoded_content(fake_github: FakeGitHub) -> None:
    data = bytes(range(256)) * 3
    big = b"x" * (1024 * 1024 + 1)
    fake_github.add_repo("t/r", {"bin/data": data, "big.txt": big, "README.md": "# R\n"})
    repo = client(fake_github).get_repo("t/r")
    content = repo.get_contents("bin/data")
    assert not isinstance(content, list)
    assert content.decoded_content == data and content.size == len(data)
    assert content.sha == blob_sha(data)
    lines = content.raw_data["content"].split("\n")
    assert all(len(line) == 60 for line in lines[:-2]) and 0 < len(lines[-2]) <= 60
    assert lines[-1] == ""  # every line, the last too, ends in "\n"
    large = repo.get_contents("big.txt")
    assert not isinstance(large, list)
    assert (large.raw_data["content"], large.raw_data["encoding"]) == ("", "none")
    listing = repo.get_contents("bin")
    assert isinstance(listing, list) and [c.path for c in listing] == ["bin/data"]
    assert "content" not in get(fake_github, "/repos/t/r/contents/bin").json()[0]
    root = {c.path: c.type for c in repo.get_contents("")}  # type: ignore[union-attr]
    assert root == {"README.md": "file", "big.txt": "file", "bin": "dir"}
    assert base64.b64decode(repo.get_git_blob(blob_sha(data)).content) == data
    assert repo.get_readme().decoded_content == b"# R\n"
    with pytest.raises(UnknownObjectException):
        repo.get_contents("missing.txt")
    response = get(fake_github, "/repos/t/r/contents/README.md")
    readme_sha = blob_sha(b"# R\n")
    assert response.headers["ETag"] == f'W/"{readme_sha}"'


def test_raw_media_type(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r", {"LICENSE": b"MIT\n"})
    raw = get(
        fake_github, "/repos/t/r/contents/LICENSE", headers={"Accept": "application/vnd.github.raw"}
    )
    assert raw.content == b"MIT\n"
    assert raw.headers["Content-Type"] == "application/vnd.github.raw; charset=utf-8"
    assert raw.headers["X-GitHub-Media-Type"] == "github.v3; param=raw"
    licence_sha = blob_sha(b"MIT\n")
    assert raw.headers["ETag"] == f'"{licence_sha}"'


def test_symlinks_and_directory_redirect(fake_github: FakeGitHub) -> None:
    fake = fake_github.add_repo(
        "t/r",
        {"docs/LICENSE.md": "text\n"},
        symlinks={"LICENSE": "docs/LICENSE.md", "x": "/etc/passwd"},
    )
    assert get(fake_github, "/repos/t/r/contents/LICENSE").json()["path"] == "docs/LICENSE.md"
    assert get(fake_github, "/repos/t/r/contents/x").json()["type"] == "symlink"
    modes = {
        e["path"]: e["mode"]
        for e in get(fake_github, f"/repos/t/r/git/trees/{fake.head}").json()["tree"]
    }
    assert modes == {"LICENSE": "120000", "docs": "040000", "x": "120000"}
    moved = get(fake_github, "/repos/t/r/contents/docs/", allow_redirects=False)
    assert moved.status_code == 302
    assert moved.headers["Location"] == f"{fake_github.origin}/repositories/{fake.id}/contents/docs"


def test_commits_refs_branches_and_contributors(fake_github: FakeGitHub) -> None:
    history = [
        FakeCommit(date="2026-05-01T09:00:00Z", author_login="cia", message="late"),
        FakeCommit(date="2026-03-15T09:00:00Z", author_login="anna", message="during"),
        FakeCommit(date="2026-03-14T09:00:00Z", author_login="anna", message="first"),
    ]
    fake = fake_github.add_repo("t/r", {"a": "1"}, commits=history)
    repo = client(fake_github).get_repo("t/r")
    assert repo.pushed_at.isoformat().startswith("2026-05-01")
    commits = list(repo.get_commits())
    assert [c.commit.message for c in commits] == ["late", "during", "first"]
    assert commits[0].sha == fake.head and commits[0].parents[0].sha == commits[1].sha
    since = repo.get_commits(since=commits[1].commit.author.date)
    assert [c.commit.message for c in since] == ["late", "during"]
    assert repo.get_branch("main").commit.sha == fake.head
    assert repo.get_git_ref("heads/main").object.sha == fake.head
    assert repo.get_commit(fake.head[:7]).sha == fake.head
    assert [(c.login, c.contributions) for c in repo.get_contributors()] == [
        ("anna", 2),
        ("cia", 1),
    ]
    paged = get(fake_github, "/repos/t/r/commits?sha=main&per_page=1")
    assert f"/repositories/{fake.id}/commits?sha=main&per_page=1&page=2" in paged.headers["Link"]
    before = fake.head
    new = fake.commit({"a": "2", "b": "3"}, "second push", date="2026-06-01T00:00:00Z")
    assert fake.head == new.sha != before and fake.pushed_at == "2026-06-01T00:00:00Z"
    assert get(fake_github, "/repos/t/r/commits").json()[0]["parents"][0]["sha"] == before
    assert get(fake_github, "/repos/t/r/contents/a").json()["sha"] == blob_sha(b"2")
    fake.set_files({"only": "x"})
    assert {e["path"] for e in get(fake_github, "/repos/t/r/git/trees/main").json()["tree"]} == {
        "only"
    }


def test_licence_outcomes(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/none", {"README.md": "x"})
    fake_github.add_repo("t/other", {"LICENSE": "my own terms"}, license_spdx="NOASSERTION")
    fake_github.add_repo("t/mit", {"LICENSE": "MIT License"}, license_spdx="MIT")
    gh = client(fake_github)
    assert gh.get_repo("t/none").license is None
    with pytest.raises(UnknownObjectException):
        gh.get_repo("t/none").get_license()
    other = get(fake_github, "/repos/t/other").json()["license"]
    assert other == {
        "key": "other",
        "name": "Other",
        "spdx_id": "NOASSERTION",
        "url": None,
        "node_id": "MDc6TGljZW5zZTA=",
    }
    licence = gh.get_repo("t/mit").get_license()
    assert licence.license.spdx_id == "MIT" and licence.decoded_content == b"MIT License"


# -- redirects and errors --------------------------------------------------------------------------


def test_renamed_repository_redirects(fake_github: FakeGitHub) -> None:
    fake = fake_github.add_repo("old/name")
    fake.rename("new/name")
    repo = client(fake_github).get_repo("old/name")
    assert repo.full_name == "new/name"
    assert fake_github.count("GET", r"^/repos/old/name$", 301) == 1
    assert fake_github.count("GET", rf"^/repositories/{fake.id}$", 200) == 1
    moved = get(fake_github, "/repos/old/name", allow_redirects=False)
    assert moved.headers["Location"] == f"{fake_github.origin}/repositories/{fake.id}"
    assert moved.json()["message"] == "Moved Permanently"
    write = requests.post(
        f"{fake_github.base_url}/repos/old/name/issues",
        json={"title": "x"},
        headers={"Authorization": "token t"},
        allow_redirects=False,
        timeout=5,
    )
    assert write.status_code == 307
    assert write.headers["Location"] == f"{fake_github.origin}/repositories/{fake.id}/issues"


@pytest.mark.parametrize(
    ("setup", "status"),
    [
        ("missing", 404),
        ("invisible", 404),
        ("deleted", 404),
        ("empty", 409),
        ("blocked", 451),
        ("issues-off", 410),
    ],
)
def test_errors(fake_github: FakeGitHub, setup: str, status: int) -> None:
    if setup != "missing":
        repo = fake_github.add_repo("t/r", {"a": "b"}, empty=setup == "empty")
        repo.visible = setup != "invisible"
        repo.has_issues = setup != "issues-off"
        if setup == "deleted":
            repo.delete()
        if setup == "blocked":
            repo.block()
    gh = client(fake_github, retry=None)
    with pytest.raises(GithubException) as info:
        if setup == "empty":
            gh.get_repo("t/r").get_git_tree("main", recursive=True)
        elif setup == "issues-off":
            gh.get_repo("t/r").create_issue("x")
        else:
            gh.get_repo("t/r")
    assert info.value.status == status
    assert isinstance(info.value, UnknownObjectException) == (status == 404)
    message = {
        404: "Not Found",
        409: "Git Repository is empty.",
        451: "Repository access blocked",
        410: "Issues are disabled for this repo",
    }[status]
    assert info.value.data["message"] == message  # type: ignore[index]


def test_empty_repository_shapes(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/empty", empty=True)
    assert get(fake_github, "/repos/t/empty/commits").status_code == 409
    assert get(fake_github, "/repos/t/empty/contributors").status_code == 204
    contents = get(fake_github, "/repos/t/empty/contents/")
    assert contents.status_code == 404 and contents.json()["message"] == "This repository is empty."


# -- rate limits, faults, auth ---------------------------------------------------------------------


def test_rate_limit_exhaustion_and_reset(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.rate_limit = 2
    gh = client(fake_github, retry=None)
    gh.get_repo("t/r")
    gh.get_repo("t/r")
    with pytest.raises(RateLimitExceededException) as info:
        gh.get_repo("t/r")
    assert info.value.status == 403
    assert info.value.headers["x-ratelimit-remaining"] == "0"  # type: ignore[index]
    assert info.value.data["message"].startswith("API rate limit exceeded for")  # type: ignore[index]
    assert fake_github.charged == 2
    assert gh.get_rate_limit().resources.core.remaining == 0  # /rate_limit is free
    fake_github.reset_rate_limit()
    assert gh.get_repo("t/r").full_name == "t/r"
    anonymous = requests.get(f"{fake_github.base_url}/repos/t/r", timeout=5)
    assert anonymous.headers["X-RateLimit-Limit"] == "60"  # per IP, not the token's 5000


def test_pygithub_waits_out_a_primary_limit(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.rate_limit = 1
    fake_github.reset_at = time.time() + 1
    gh = client(fake_github)  # the default GithubRetry sleeps until X-RateLimit-Reset + 1 s
    gh.get_repo("t/r")
    start = time.monotonic()
    assert gh.get_repo("t/r").full_name == "t/r"
    assert time.monotonic() - start >= 0.5
    assert fake_github.count("GET", r"^/repos/t/r$", 403) == 1


def test_secondary_limit_with_retry_after(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.inject(r"^/repos/t/r$", status=403, headers={"Retry-After": "1"})
    start = time.monotonic()
    assert client(fake_github).get_repo("t/r").full_name == "t/r"  # PyGithub's default retry
    assert time.monotonic() - start >= 0.9
    assert fake_github.count("GET", r"^/repos/t/r$", 403) == 1
    fake_github.inject(r"^/repos/t/r$", status=403)  # the variant without Retry-After
    refused = get(fake_github, "/repos/t/r")
    assert refused.json()["message"] == SECONDARY_MESSAGE
    assert "Retry-After" not in refused.headers and refused.headers["X-RateLimit-Remaining"] != "0"


def test_faults(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.inject(r"^/repos/t/r$", status=502, times=2)
    assert client(fake_github).get_repo("t/r").full_name == "t/r"  # PyGithub retries 5xx
    assert fake_github.count(status=502) == 2
    fake_github.inject(r"^/repos/t/r$", truncated_json=True)
    with pytest.raises(ValueError):
        get(fake_github, "/repos/t/r").json()
    fake_github.inject(r"^/repos/t/r$", reset_connection=True)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):  # "IncompleteRead"
        get(fake_github, "/repos/t/r")
    fake_github.inject(r"^/repos/t/r$", delay=1.0)
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(f"{fake_github.base_url}/repos/t/r", timeout=0.2)
    assert get(fake_github, "/repos/t/r").status_code == 200  # every injection used up


def test_auth_is_recorded_and_checked(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.tokens = {"good"}
    good = Github(base_url=fake_github.base_url, auth=Auth.Token("good"), retry=None)
    assert good.get_repo("t/r").full_name == "t/r"
    assert fake_github.last_auth == "token good"
    with pytest.raises(BadCredentialsException):
        client(fake_github, retry=None).get_repo("t/r")
    assert fake_github.last_auth == "token t"


# -- conditional requests --------------------------------------------------------------------------


def test_304_with_plain_requests(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r", {"a": "1"})
    first = get(fake_github, "/repos/t/r")
    assert first.headers["ETag"].startswith('W/"') and "Last-Modified" in first.headers
    charged = fake_github.charged
    again = get(fake_github, "/repos/t/r", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert "Content-Type" not in again.headers
    assert again.headers["ETag"] == first.headers["ETag"].removeprefix("W/")
    strong = get(fake_github, "/repos/t/r", headers={"If-None-Match": again.headers["ETag"]})
    since = get(
        fake_github, "/repos/t/r", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert (strong.status_code, since.status_code) == (304, 304)
    assert fake_github.charged == charged
    assert again.headers["X-RateLimit-Remaining"] == first.headers["X-RateLimit-Remaining"]
    fake_github.repo("t/r").commit({"a": "2"}, date="2030-01-01T00:00:00Z")
    changed = get(fake_github, "/repos/t/r", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and fake_github.charged == charged + 1


def test_304_through_requests_cache(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake = fake_github.add_repo("t/r", {"a": "1"})
    session = requests_cache.CachedSession(
        str(tmp_path / "http-cache"),
        backend="sqlite",
        expire_after=requests_cache.EXPIRE_IMMEDIATELY,  # always revalidate
    )
    url = f"{fake_github.base_url}/repos/t/r/git/trees/{fake.root_tree}?recursive=1"
    with session:
        first = session.get(url, headers={"Authorization": "token t"}, timeout=5)
        charged = fake_github.charged
        second = session.get(url, headers={"Authorization": "token t"}, timeout=5)
    assert first.status_code == second.status_code == 200
    assert not first.from_cache and second.from_cache
    assert second.json() == first.json()
    assert fake_github.count(status=304) == 1 and fake_github.charged == charged


# -- issues ----------------------------------------------------------------------------------------


def test_issues_labels_and_comments(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.add_repo("t/other")
    repo = client(fake_github).get_repo("t/r")
    repo.create_label("cts-audit", "0b5cad", "Opened by cts-audit")
    assert repo.get_label("CTS-audit").color == "0b5cad"  # names match case-insensitively
    issue = repo.create_issue("Hello", body="<!-- marker -->\nBody", labels=["cts-audit"])
    assert issue.number == 1 and [label.name for label in issue.labels] == ["cts-audit"]
    assert client(fake_github).get_repo("t/other").create_issue("x").number == 1  # per repo
    issue.edit(body="changed")
    issue.create_comment("Thanks!")
    issue.edit(state="closed", state_reason="completed")
    stored = fake_github.issues("t/r")[0]
    assert (stored["body"], stored["state"], stored["state_reason"]) == (
        "changed",
        "closed",
        "completed",
    )
    assert [c["body"] for c in stored["comments"]] == ["Thanks!"] and stored["labels"] == [
        "cts-audit"
    ]
    assert [i.number for i in repo.get_issues(state="all", labels=["cts-audit"])] == [1]
    assert list(repo.get_issues()) == []  # state=open by default
    assert [c.body for c in repo.get_issue(1).get_comments()] == ["Thanks!"]
    assert [label.name for label in repo.get_labels()] == ["cts-audit"]
    reopened = repo.get_issue(1)
    reopened.edit(state="open")
    assert fake_github.issues("t/r")[0]["state_reason"] == "reopened"
    assert fake_github.writes == 7
    created = requests.post(
        f"{fake_github.base_url}/repos/t/r/issues",
        json={"title": "direct"},
        headers={"Authorization": "token t"},
        timeout=5,
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"{fake_github.origin}/repos/t/r/issues/2"
    duplicate = requests.post(
        f"{fake_github.base_url}/repos/t/r/labels",
        json={"name": "CTS-AUDIT"},
        headers={"Authorization": "token t"},
        timeout=5,
    )
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"][0]["code"] == "already_exists"


def test_issue_list_filters_and_pagination(fake_github: FakeGitHub) -> None:
    repo = fake_github.add_repo("t/r")
    gh_repo = client(fake_github).get_repo("t/r")
    for index in range(35):
        gh_repo.create_issue(f"#{index}", labels=["even"] if index % 2 == 0 else [])
    page = get(fake_github, "/repos/t/r/issues?labels=even&state=open")
    assert len(page.json()) == 18 and "Link" not in page.headers
    first = get(fake_github, "/repos/t/r/issues")
    assert len(first.json()) == 30 and first.json()[0]["number"] == 35  # newest first
    assert first.headers["Link"].startswith(
        f"<{fake_github.origin}/repositories/{repo.id}/issues?page=2>"
    )
    assert get(fake_github, "/repos/t/r/issues?creator=someone-else").json() == []


def test_writes_refused(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/ro").writable = False
    fake_github.add_repo("t/old", archived=True)
    gh = client(fake_github, retry=None)
    with pytest.raises(GithubException) as refused:
        gh.get_repo("t/ro").create_issue("x")
    assert refused.value.status == 403
    assert refused.value.data["message"] == "Resource not accessible by integration"  # type: ignore[index]
    with pytest.raises(GithubException) as archived:
        gh.get_repo("t/old").create_issue("x")
    assert archived.value.status == 403
    assert fake_github.issues("t/ro") == fake_github.issues("t/old") == []


# -- Enterprise mode, and the guard ----------------------------------------------------------------


def test_enterprise_prefix(ghes: FakeGitHub) -> None:
    for index in range(3):
        ghes.add_repo(f"t/r{index}")
    ghes.add_repo("t/old").rename("t/new")
    gh = Github(base_url=ghes.base_url, auth=Auth.Token("t"), per_page=1)
    repo = gh.get_repo("t/r0")
    assert repo.url == f"{ghes.origin}/api/v3/repos/t/r0"
    assert repo.html_url == f"{ghes.origin}/t/r0"
    assert ghes.count("GET", r"^/repos/t/r0$") == 1  # logged without the prefix
    names = [r.name for r in gh.get_organization("t").get_repos()]
    assert sorted(names) == ["new", "r0", "r1", "r2"]
    assert gh.get_repo("t/old").full_name == "t/new"
    outside = requests.get(f"{ghes.origin}/repos/t/r0", timeout=5)
    assert outside.status_code == 404


def test_the_tests_cannot_reach_the_internet() -> None:
    with pytest.raises(ConnectionRefusedError, match="loopback"):
        socket.create_connection(("1.2.3.4", 443), timeout=1)
    with socket.socket() as raw, pytest.raises(ConnectionRefusedError, match="loopback"):
        raw.connect(("1.2.3.4", 80))
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get("http://1.2.3.4/", timeout=1)


def test_tarball_redirects_to_an_uncounted_archive_as_git_archive_writes_it(
    fake_github: FakeGitHub,
) -> None:
    import io
    import tarfile

    repo = fake_github.add_repo(
        "o/r",
        {
            "README.md": "# r\n",
            "src/a.py": "1\n",
            ".gitattributes": "/tests export-ignore\n",
            "tests/t.py": "2\n",
        },
        symlinks={"LINK": "README.md"},
    )
    answer = get(fake_github, "/repos/o/r/tarball/main", allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["X-RateLimit-Used"] == "1"
    location = answer.headers["Location"]
    assert location.startswith("http://localhost:")  # another host: the token is not sent
    assert fake_github.charged == 1
    download = requests.get(location, timeout=5)
    assert download.status_code == 200 and "X-RateLimit-Used" not in download.headers
    assert download.headers["ETag"] == f'"{repo.head}"'
    assert fake_github.charged == 1  # the download itself is not counted
    with tarfile.open(fileobj=io.BytesIO(download.content), mode="r:gz") as tar:
        assert tar.pax_headers["comment"] == repo.head
        names = tar.getnames()
        top = f"o-r-{repo.head[:7]}"
        assert f"{top}/src/a.py" in names and f"{top}/tests/t.py" not in names
        link = tar.getmember(f"{top}/LINK")
        assert link.issym() and link.linkname == "README.md"
    assert get(fake_github, "/repos/o/r/tarball/nope", allow_redirects=False).status_code == 404
