"""The loopback GitHub itself, driven by real PyGithub and requests: the fake must be faithful."""

from __future__ import annotations

import base64
import socket
import time

import pytest
import requests
from github import Auth, Github, GithubException
from github.GithubException import RateLimitExceededException, UnknownObjectException

from .github_fake import FakeGitHub, blob_sha


def client(fake: FakeGitHub, **kwargs: object) -> Github:
    return Github(
        base_url=fake.base_url,
        auth=Auth.Token("t0ken"),
        seconds_between_requests=None,
        seconds_between_writes=None,
        **kwargs,  # type: ignore[arg-type]
    )


def test_repository_fields_and_urls_point_at_the_fake(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("team/app", {"README.md": "# App\n"}, topics=("cts-hackathon",))
    repo = client(fake_github).get_repo("team/app")
    assert repo.full_name == "team/app"
    assert repo.default_branch == "main"
    assert repo.topics == ["cts-hackathon"]
    assert repo.url.startswith(fake_github.origin)


def test_org_listing_paginates_like_github(fake_github: FakeGitHub) -> None:
    for index in range(250):
        fake_github.add_repo(f"org/r{index:03d}")
    repos = client(fake_github, per_page=100).get_organization("org").get_repos()
    names = [r.name for r in repos]
    assert len(names) == 250 and names[0] == "r000" and names[-1] == "r249"
    assert fake_github.count("GET", r"^/orgs/org/repos$") == 3
    assert repos.totalCount == 250


def test_link_header_spelling(fake_github: FakeGitHub) -> None:
    for index in range(5):
        fake_github.add_repo(f"org/r{index}")
    resp = requests.get(f"{fake_github.base_url}/orgs/org/repos?per_page=2&page=2", timeout=5)
    link = resp.headers["Link"]
    assert '; rel="next"' in link and '; rel="last"' in link and '; rel="prev"' in link
    assert "per_page=2" in link and "page=3" in link
    assert all(part.startswith(f"<{fake_github.origin}") for part in link.split(", "))


def test_search_by_topic_and_the_1000_cap(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("a/one", topics=("cts-2026",))
    fake_github.add_repo("a/two", topics=("other",))
    found = client(fake_github).search_repositories("topic:cts-2026")
    assert [r.full_name for r in found] == ["a/one"]
    resp = requests.get(
        f"{fake_github.base_url}/search/repositories?q=topic:x&per_page=100&page=11", timeout=5
    )
    assert resp.status_code == 422 and "first 1000" in resp.json()["message"]
    assert resp.headers["X-RateLimit-Resource"] == "search"


def test_recursive_tree_and_truncation(fake_github: FakeGitHub) -> None:
    fake = fake_github.add_repo("t/r", {"a/b/c.txt": "x", "d.txt": "y"})
    repo = client(fake_github).get_repo("t/r")
    tree = repo.get_git_tree("main", recursive=True)
    assert {e.path for e in tree.tree} == {"a", "a/b", "a/b/c.txt", "d.txt"}
    assert tree.raw_data["truncated"] is False
    assert tree.sha == fake.root_tree
    fake_github.tree_truncate_limit = 2
    assert repo.get_git_tree("main", recursive=True).raw_data["truncated"] is True


def test_blob_and_contents_layout(fake_github: FakeGitHub) -> None:
    data = b"MIT License\n" * 20
    fake_github.add_repo("t/r", {"LICENSE": data})
    repo = client(fake_github).get_repo("t/r")
    content = repo.get_contents("LICENSE")
    assert not isinstance(content, list)
    assert content.decoded_content == data
    lines = content.raw_data["content"].split("\n")
    assert all(len(line) == 60 for line in lines[:-2]) and lines[-1] == ""
    blob = repo.get_git_blob(blob_sha(data))
    assert base64.b64decode(blob.content) == data
    raw = requests.get(
        f"{fake_github.base_url}/repos/t/r/contents/LICENSE",
        headers={"Accept": "application/vnd.github.raw"},
        timeout=5,
    )
    assert raw.content == data


def test_renamed_repository_redirects(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("old/name").rename("new/name")
    repo = client(fake_github).get_repo("old/name")
    assert repo.full_name == "new/name"
    assert fake_github.count("GET", r"^/repos/old/name$", 301) == 1


@pytest.mark.parametrize(
    ("setup", "status"),
    [("missing", 404), ("private", 404), ("empty", 409), ("blocked", 451)],
)
def test_repository_errors(fake_github: FakeGitHub, setup: str, status: int) -> None:
    if setup == "private":
        fake_github.add_repo("t/r", visible=False)
    elif setup == "empty":
        fake_github.add_repo("t/r", empty=True)
    elif setup == "blocked":
        fake_github.add_repo("t/r", blocked=True)
    gh = client(fake_github, retry=None)
    with pytest.raises(GithubException) as info:
        if setup == "empty":
            gh.get_repo("t/r").get_git_tree("main", recursive=True)
        else:
            gh.get_repo("t/r")
    assert info.value.status == status
    if status == 404:
        assert isinstance(info.value, UnknownObjectException)


def test_rate_limit_exhaustion_and_reset(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.rate_limit = 2
    gh = client(fake_github, retry=None)
    gh.get_repo("t/r")
    gh.get_repo("t/r")
    with pytest.raises(RateLimitExceededException):
        gh.get_repo("t/r")
    assert gh.get_rate_limit().resources.core.remaining == 0  # /rate_limit is free
    fake_github.reset_rate_limit()
    assert gh.get_repo("t/r").full_name == "t/r"


def test_secondary_limit_with_retry_after_is_retried_by_pygithub(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.inject(r"^/repos/t/r$", status=403, headers={"Retry-After": "1"})
    start = time.monotonic()
    assert client(fake_github).get_repo("t/r").full_name == "t/r"
    assert time.monotonic() - start >= 0.9
    assert fake_github.count("GET", r"^/repos/t/r$", 403) == 1


def test_conditional_requests_answer_304_for_free(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    url = f"{fake_github.base_url}/repos/t/r"
    first = requests.get(url, timeout=5)
    charged = fake_github.charged
    second = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert second.status_code == 304 and second.content == b""
    assert fake_github.charged == charged
    assert second.headers["X-RateLimit-Remaining"] == first.headers["X-RateLimit-Remaining"]


def test_issues_labels_and_comments(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    repo = client(fake_github).get_repo("t/r")
    repo.create_label("cts-audit", "0b5cad", "Opened by cts-audit")
    issue = repo.create_issue("Hello", body="<!-- marker -->\nBody", labels=["cts-audit"])
    assert issue.number == 1
    issue.edit(body="changed")
    issue.create_comment("Thanks!")
    issue.edit(state="closed", state_reason="completed")
    stored = fake_github.issues("t/r")[0]
    assert (stored["body"], stored["state"], len(stored["comments"])) == ("changed", "closed", 1)
    assert [i.number for i in repo.get_issues(state="all", labels=["cts-audit"])] == [1]
    assert fake_github.writes == 5


def test_issues_disabled_and_no_permission(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/off", has_issues=False)
    fake_github.add_repo("t/ro", writable=False)
    gh = client(fake_github, retry=None)
    with pytest.raises(GithubException) as disabled:
        gh.get_repo("t/off").create_issue("x")
    assert disabled.value.status == 410
    with pytest.raises(GithubException) as refused:
        gh.get_repo("t/ro").create_issue("x")
    assert refused.value.status == 403


def test_enterprise_prefix() -> None:
    with FakeGitHub(api_prefix="/api/v3") as fake:
        fake.add_repo("t/r")
        repo = client(fake).get_repo("t/r")
        assert repo.url.startswith(f"{fake.origin}/api/v3/")
        assert fake.count("GET", r"^/repos/t/r$") == 1


def test_faults_can_be_injected(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("t/r")
    fake_github.inject(r"^/repos/t/r$", status=502, times=1)
    assert client(fake_github).get_repo("t/r").full_name == "t/r"  # PyGithub retries 5xx
    fake_github.inject(r"^/repos/t/r$", truncated_json=True)
    resp = requests.get(f"{fake_github.base_url}/repos/t/r", timeout=5)
    with pytest.raises(ValueError):
        resp.json()


def test_the_tests_cannot_reach_the_internet() -> None:
    with pytest.raises(ConnectionRefusedError, match="loopback"):
        socket.create_connection(("1.2.3.4", 443), timeout=1)
