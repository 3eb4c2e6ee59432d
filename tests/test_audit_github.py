"""Auditing repositories on the loopback GitHub: snapshots, outcomes, cache, rate limits."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.audit import Auditor, Waiter
from cts_audit.checks.interface import Status
from cts_audit.cli import main
from cts_audit.rules import load_rules
from cts_audit.sources.github import GitHubSource, RateLimited
from cts_audit.sources.registry.model import Registry
from cts_audit.sources.registry.yaml_file import read_registry_yaml
from cts_audit.store import Store

from .github_fake import FakeGitHub
from .repos import GOOD_README, MIT_TEXT, PNG

GOOD = {
    "LICENSE": MIT_TEXT,
    "README.md": GOOD_README
    + "\n## How we worked\n\nTogether.\n\n## Licence\n\nImages: CC BY 4.0\n",
    "app.py": "print(1)\n",
    "img/logo.png": PNG,
}
BAD = {"app.py": "print(1)\n", "README.md": "# x\n"}


def source(fake: FakeGitHub, tmp_path: Path, **kwargs: object) -> GitHubSource:
    return GitHubSource(
        token="t0ken",
        api_url=fake.base_url,
        cache_path=tmp_path / "cache.sqlite",
        **kwargs,  # type: ignore[arg-type]
    )


def registry_file(tmp_path: Path, repos: list[str], origin_host: str = "github.com") -> Path:
    lines = ["network: Test", "events: [{slug: ev, name: Event, starts: 2026-03-14}]", "projects:"]
    for index, name in enumerate(repos):
        lines.append(
            f"  - {{name: P{index}, event: ev, repositories: [https://{origin_host}/{name}]}}"
        )
    path = tmp_path / "registry.yml"
    path.write_text("\n".join(lines) + "\n")
    return path


def audit(
    fake: FakeGitHub, tmp_path: Path, registry: Registry, **kwargs: object
) -> tuple[object, Store, GitHubSource]:
    github = source(fake, tmp_path)
    store = Store(tmp_path / "history.sqlite")
    auditor = Auditor(
        load_rules(),
        store,
        github=github,
        clone_dir=tmp_path / "clones",
        jobs=2,
        **kwargs,  # type: ignore[arg-type]
    )
    run = auditor.run(registry, registry_id="reg", event=None)
    return run, store, github


def test_snapshot_from_github_equals_the_folder_verdict(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("team/good", GOOD)
    with source(fake_github, tmp_path) as github:
        listed = github.get("team/good")
        snapshot = github.snapshot(listed)  # type: ignore[arg-type]
        assert not isinstance(snapshot, type(None))
        from cts_audit.checks import run_checks

        results = run_checks(snapshot, load_rules())  # type: ignore[arg-type]
    assert {n: r.status for n, r in results.items()} == {
        "code_licence": Status.PASS,
        "media_licence": Status.PASS,
        "working_method": Status.PASS,
    }
    # One GET /repos, one tree and one archive (its download is not counted): no blob.
    assert fake_github.count("GET", r"/git/trees/") == 1
    assert fake_github.count("GET", r"/tarball/") == 1
    assert fake_github.count("GET", r"/git/blobs/") == 0
    assert fake_github.charged == 3


def test_every_repository_outcome(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_repo("t/good", GOOD)
    fake_github.add_repo("t/private", GOOD, visible=False)
    fake_github.add_repo("t/old-name", GOOD).rename("t/new-name")
    fake_github.add_repo("t/empty", empty=True)
    fake_github.add_repo("t/blocked", GOOD, blocked=True)
    fake_github.add_repo("t/archived", BAD, archived=True)
    names = ["t/good", "t/private", "t/missing", "t/old-name", "t/empty", "t/blocked", "t/archived"]
    registry = read_registry_yaml(registry_file(tmp_path, names), extra_hosts=())
    run, store, github = audit(fake_github, tmp_path, registry)
    github.close()
    by_name = {a.ref.full_name: a for a in run.audits.values()}  # type: ignore[attr-defined]
    assert by_name["t/good"].outcome == "ok"
    assert "404" in by_name["t/private"].detail and by_name["t/private"].outcome == "not_available"
    assert "404" in by_name["t/missing"].detail
    assert by_name["t/old-name"].outcome == "ok"
    assert by_name["t/old-name"].info["renamed_to"] == "t/new-name"
    assert "409" in by_name["t/empty"].detail
    assert "451" in by_name["t/blocked"].detail
    assert by_name["t/archived"].info["archived"] is True
    assert by_name["t/archived"].results["code_licence"].status is Status.FAIL
    for name in ("t/private", "t/missing", "t/empty", "t/blocked"):
        assert all(r.status is Status.NOT_AVAILABLE for r in by_name[name].results.values())
    assert len(store.results(run.run_id)) == len(names)  # type: ignore[attr-defined]


def test_second_audit_costs_no_rate_limit(fake_github: FakeGitHub, tmp_path: Path) -> None:
    for index in range(5):
        fake_github.add_repo(f"org/r{index}", GOOD)
    with source(fake_github, tmp_path) as github:
        auditor = Auditor(
            load_rules(), Store(tmp_path / "h.sqlite"), github=github, clone_dir=tmp_path
        )
        listed = list(github.list_organisation("org"))
        auditor.remember_listing(listed)
        from cts_audit.sources.registry.urls import parse_repo_url

        refs = [parse_repo_url(f"https://github.com/{x.full_name}") for x in listed]
        registry = Registry.from_discovered("org", None, refs, source="org:org")  # type: ignore[arg-type]
        first = auditor.run(registry, registry_id="org:org", event=None)
        cold = fake_github.charged
        assert cold <= 3 * 5 + 1  # listing + tree + two files per repository
        fake_github.clear_log()
        auditor2 = Auditor(
            load_rules(), Store(tmp_path / "h.sqlite"), github=github, clone_dir=tmp_path
        )
        auditor2.remember_listing(github.list_organisation("org"))
        second = auditor2.run(registry, registry_id="org:org", event=None)
    assert fake_github.charged == cold  # every request was a 304 or answered by the cache
    assert fake_github.count(status=304) >= 1
    assert all(a.reused for a in second.audits.values())
    assert first.audits.keys() == second.audits.keys()


def test_truncated_tree_is_walked(fake_github: FakeGitHub, tmp_path: Path) -> None:
    files = {f"src/m{i}.py": "x\n" for i in range(6)} | GOOD
    fake_github.add_repo("t/big", files)
    fake_github.tree_truncate_limit = 5
    with source(fake_github, tmp_path) as github:
        snapshot = github.snapshot(github.get("t/big"))  # type: ignore[arg-type]
    assert {f"src/m{i}.py" for i in range(6)} <= {e.path for e in snapshot}  # type: ignore[union-attr]


def test_rate_limit_wait_then_finish(fake_github: FakeGitHub, tmp_path: Path) -> None:
    for index in range(3):
        fake_github.add_repo(f"t/r{index}", GOOD)
    fake_github.rate_limit = 7  # 9 requests are needed: the audit must wait for one reset
    fake_github.reset_at = int(time.time()) + 2
    messages: list[str] = []

    def reset_soon(message: str) -> None:
        messages.append(message)

    registry = read_registry_yaml(registry_file(tmp_path, ["t/r0", "t/r1", "t/r2"]))
    run, _store, github = audit(
        fake_github, tmp_path, registry, waiter=Waiter(reset_soon), wait_for_reset=True
    )
    github.close()
    assert run.complete  # type: ignore[attr-defined]
    assert all(a.outcome == "ok" for a in run.audits.values())  # type: ignore[attr-defined]
    assert any("waiting" in m for m in messages)


def test_no_wait_stops_cleanly_and_resume_completes(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    for index in range(4):
        fake_github.add_repo(f"t/r{index}", GOOD)
    fake_github.rate_limit = 5
    path = registry_file(tmp_path, [f"t/r{i}" for i in range(4)])
    runner = CliRunner()
    args = [
        "audit",
        str(path),
        "--api-url",
        fake_github.base_url,
        "--db",
        str(tmp_path / "h.db"),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "1",
        "--format",
        "json",
    ]
    stopped = runner.invoke(main, [*args, "--no-wait"], env={"GITHUB_TOKEN": "t0ken"})
    assert stopped.exit_code == 1, stopped.output
    assert "--resume" in stopped.output
    db = sqlite3.connect(tmp_path / "h.db")
    kept = db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0]
    assert 1 <= kept < 4
    assert db.execute("SELECT state FROM runs").fetchone()[0] == "interrupted"
    fake_github.reset_rate_limit()
    fake_github.rate_limit = 5000
    fake_github.clear_log()
    resumed = runner.invoke(main, [*args, "--resume"], env={"GITHUB_TOKEN": "t0ken"})
    assert resumed.exit_code == 0, resumed.output
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0] == 4
    # What the first run finished is not fetched again.
    assert fake_github.count("GET", r"^/repos/t/r0$") == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["complete"] is True and report["summary"]["repositories"] == 4


def test_server_errors_make_a_repository_not_available_and_a_rerun_fills_it(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/a", GOOD)
    fake_github.add_repo("t/b", GOOD)
    fake_github.inject(r"^/repos/t/b/tarball/", status=502, times=20)
    registry = read_registry_yaml(registry_file(tmp_path, ["t/a", "t/b"]))
    run, _store, github = audit(fake_github, tmp_path, registry)
    github.close()
    audits = {a.ref.full_name: a for a in run.audits.values()}  # type: ignore[attr-defined]
    assert audits["t/a"].outcome == "ok"
    assert audits["t/b"].outcome == "not_available"
    assert all(r.status is Status.NOT_AVAILABLE for r in audits["t/b"].results.values())
    for injection in fake_github._injections:
        injection.times = 0
    run2, _store, github = audit(fake_github, tmp_path, registry)
    github.close()
    assert all(a.outcome == "ok" for a in run2.audits.values())  # type: ignore[attr-defined]


def test_audit_command_writes_every_format(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_repo("t/good", GOOD)
    fake_github.add_repo("t/bad", BAD)
    path = registry_file(tmp_path, ["t/good", "t/bad"])
    result = CliRunner().invoke(
        main,
        [
            "audit",
            str(path),
            "--api-url",
            fake_github.base_url,
            "--out",
            str(tmp_path / "r"),
            "--lang",
            "en",
        ],
        env={"GITHUB_TOKEN": "s3cr3t-t0ken-value"},
    )
    assert result.exit_code == 1, result.output  # t/bad fails
    names = sorted(p.name for p in (tmp_path / "r").iterdir())
    assert names == ["index.html", "report.csv", "report.json", "report.md"]
    doc = json.loads((tmp_path / "r" / "report.json").read_text())
    assert doc["summary"]["passing"]["code_licence"] == 1
    assert fake_github.last_auth == "token s3cr3t-t0ken-value" or "s3cr3t" in (
        fake_github.last_auth or ""
    )
    assert "s3cr3t" not in result.output


def test_bad_registry_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text("- not a registry\n")
    result = CliRunner().invoke(main, ["audit", str(path)])
    assert result.exit_code == 2 and "r.yml" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("spec", ["org:org", "topic:cts-2026"])
def test_discovery_by_organisation_and_topic(
    fake_github: FakeGitHub, tmp_path: Path, spec: str
) -> None:
    fake_github.add_repo("org/one", GOOD, topics=("cts-2026",))
    fake_github.add_repo("org/two", BAD, topics=("cts-2026",))
    result = CliRunner().invoke(
        main,
        [
            "audit",
            spec,
            "--api-url",
            fake_github.base_url,
            "--out",
            str(tmp_path / "r"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    doc = json.loads((tmp_path / "r" / "report.json").read_text())
    assert doc["summary"]["repositories"] == 2
    assert fake_github.count("GET", r"^/repos/org/one$") == 0  # the listing said enough


def test_rate_limited_is_raised_not_swallowed(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_repo("t/r", GOOD)
    fake_github.rate_limit = 0
    with source(fake_github, tmp_path) as github, pytest.raises(RateLimited):
        github.get("t/r")


def test_pygithub_logs_only_through_the_tools_own_logging() -> None:
    import logging

    import cts_audit.sources.github  # noqa: F401  (importing PyGithub adds a console handler)

    assert logging.getLogger("github").handlers == []
    assert not logging.getLogger("github").isEnabledFor(logging.INFO)  # -v turns it on
