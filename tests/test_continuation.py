"""Continuation after the event: windows, bots, status; from git and from the GitHub API."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from cts_audit.audit import Auditor
from cts_audit.cli import main
from cts_audit.continuation import Commit, is_bot, measure
from cts_audit.rules import load_rules
from cts_audit.sources.registry.model import Event, Project, Registry, RepoRef
from cts_audit.store import Store

from .github_fake import FakeCommit, FakeGitHub
from .repos import GOOD_README, MIT_TEXT

END = dt.date(2026, 3, 15)


def at(days: float, author: str = "anna") -> Commit:
    when = dt.datetime.combine(END, dt.time(12), tzinfo=dt.UTC) + dt.timedelta(days=days)
    return Commit(when, author)


def test_windows_count_commits_and_distinct_days() -> None:
    commits = [
        at(-1),  # during the event: not continuation
        at(1),
        at(1.1),
        at(3, "bo"),  # first week: 3 commits on 2 days
        at(20),  # first month
        at(100, "dependabot[bot]"),  # a bot: never counts
        at(150, "cia"),  # six months
        at(300),  # twelve months
        at(400),  # after a year: only last activity
    ]
    result = measure(commits, END, archived=False, today=END + dt.timedelta(days=420))
    assert result.commits == {"1w": 3, "1m": 4, "6m": 5, "12m": 6}
    assert result.active_days == {"1w": 2, "1m": 3, "6m": 4, "12m": 5}
    assert result.contributors == 3
    assert result.last_activity is not None and result.last_activity.startswith("2027-04-19")
    assert result.status == "active"


def test_status_dormant_and_archived() -> None:
    stopped = measure([at(2)], END, archived=False, today=END + dt.timedelta(days=200))
    assert stopped.status == "dormant"
    none = measure([], END, archived=False, today=END + dt.timedelta(days=5))
    assert none.status == "dormant" and none.commits["12m"] == 0 and none.last_activity is None
    archived = measure([at(2)], END, archived=True, today=END + dt.timedelta(days=5))
    assert archived.status == "archived"


def test_bots_are_recognised() -> None:
    for name in (
        "dependabot[bot]",
        "renovate[bot]",
        "github-actions[bot]",
        "dependabot",
        "pre-commit-ci[bot]",
    ):
        assert is_bot(name)
    assert not is_bot("anna") and not is_bot("robotics-team")


def commit_at(repo: Path, when: str, email: str, name: str) -> None:
    (repo / "notes.md").write_text(f"{when}\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=repo, check=True, env=env)


def test_continuation_from_git_history_in_an_audit(tmp_path: Path) -> None:
    repo = tmp_path / "proj"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    (repo / "README.md").write_text(GOOD_README)
    (repo / "LICENSE").write_text(MIT_TEXT)
    commit_at(repo, "2026-03-14T10:00:00+00:00", "anna@example.org", "Anna")
    commit_at(repo, "2026-03-17T10:00:00+00:00", "anna@example.org", "Anna")
    commit_at(repo, "2026-03-18T10:00:00+00:00", "bo@example.org", "Bo")
    commit_at(
        repo,
        "2026-04-01T10:00:00+00:00",
        "49699333+dependabot[bot]@users.noreply.github.com",
        "dependabot[bot]",
    )
    registry = tmp_path / "r.yml"
    registry.write_text(
        "events: [{slug: ev, name: Ev, starts: 2026-03-14, ends: 2026-03-15}]\n"
        f"projects: [{{name: P, event: ev, repositories: ['{repo}']}}]\n"
    )
    db = tmp_path / "h.sqlite"
    result = CliRunner().invoke(
        main, ["audit", str(registry), "--db", str(db), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code in (0, 1), result.output
    with Store(db) as store:
        (data,) = store.continuation(store.runs()[0].id).values()
    assert data["commits"] == {"1w": 2, "1m": 2, "6m": 2, "12m": 2}
    assert data["active_days"]["1w"] == 2
    assert data["contributors"] == 2


def test_last_activity_from_git_counts_beyond_the_first_year(tmp_path: Path) -> None:
    repo = tmp_path / "proj"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    (repo / "README.md").write_text(GOOD_README)
    commit_at(repo, "2024-01-02T10:00:00+00:00", "anna@example.org", "Anna")
    recent = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    commit_at(repo, recent.isoformat(), "bo@example.org", "Bo")
    registry = tmp_path / "r.yml"
    registry.write_text(
        "events: [{slug: ev, name: Ev, starts: 2023-12-31, ends: 2024-01-01}]\n"
        f"projects: [{{name: P, event: ev, repositories: ['{repo}']}}]\n"
    )
    db = tmp_path / "h.sqlite"
    result = CliRunner().invoke(
        main, ["audit", str(registry), "--db", str(db), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code in (0, 1), result.output
    with Store(db) as store:
        (data,) = store.continuation(store.runs()[0].id).values()
    assert data["commits"]["12m"] == 1  # the windows stay the windows
    assert data["status"] == "active"
    assert data["last_activity"].startswith(recent.date().isoformat())


def test_continuation_from_another_code_host_deepens_its_shallow_clone(tmp_path: Path) -> None:
    remote = tmp_path / "remote"
    remote.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=remote, check=True)
    (remote / "README.md").write_text(GOOD_README)
    commit_at(remote, "2026-03-14T10:00:00+00:00", "anna@example.org", "Anna")
    commit_at(remote, "2026-03-17T10:00:00+00:00", "anna@example.org", "Anna")
    commit_at(remote, "2026-03-25T10:00:00+00:00", "bo@example.org", "Bo")
    ref = RepoRef("gitlab.com", "team", "bike", remote.as_uri())
    registry = Registry(
        "N",
        (Event("ev", "Ev", starts=dt.date(2026, 3, 14), ends=dt.date(2026, 3, 15)),),
        (Project("bike", "Bike", events=("ev",), repositories=(ref,)),),
    )
    with Store(tmp_path / "h.sqlite") as store:
        auditor = Auditor(load_rules(), store, github=None, clone_dir=tmp_path / "clones")
        done = auditor.run(registry, registry_id="r", event=None)
        (data,) = store.continuation(done.run_id).values()
    assert data["commits"] == {"1w": 1, "1m": 2, "6m": 2, "12m": 2}
    assert data["contributors"] == 2


def test_continuation_from_the_github_api(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_repo(
        "t/r",
        {"README.md": GOOD_README},
        commits=[
            FakeCommit(date="2026-05-01T09:00:00Z", author_login="cia"),
            FakeCommit(date="2026-03-20T09:00:00Z", author_login="renovate[bot]"),
            FakeCommit(date="2026-03-16T09:00:00Z", author_login="anna"),
            FakeCommit(date="2026-03-14T09:00:00Z", author_login="anna"),
        ],
    )
    registry = tmp_path / "r.yml"
    registry.write_text(
        "events: [{slug: ev, name: Ev, starts: 2026-03-14, ends: 2026-03-15}]\n"
        "projects: [{name: P, event: ev, repositories: [https://github.com/t/r]}]\n"
    )
    db = tmp_path / "h.sqlite"
    result = CliRunner().invoke(
        main,
        [
            "audit",
            str(registry),
            "--db",
            str(db),
            "--api-url",
            fake_github.base_url,
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    with Store(db) as store:
        (data,) = store.continuation(store.runs()[0].id).values()
    assert data["commits"] == {"1w": 1, "1m": 1, "6m": 2, "12m": 2}
    assert data["contributors"] == 2
    assert fake_github.count("GET", r"/commits$") >= 1
