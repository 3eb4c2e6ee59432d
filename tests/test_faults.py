"""Faults of the API and of the process: finish what can be finished, lose nothing, leak nothing."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.audit import Auditor, AuditRun, RepoAudit, Waiter
from cts_audit.cli import main
from cts_audit.cli.audit_cmd import discover
from cts_audit.cli.run_log import RunLog
from cts_audit.i18n import labels
from cts_audit.rules import load_rules
from cts_audit.sources.github import GitHubSource
from cts_audit.sources.registry.model import RepoRef
from cts_audit.sources.registry.yaml_file import read_registry_yaml
from cts_audit.store import Store

from .github_fake import FakeGitHub
from .github_fake.server import CODELOAD
from .repos import GOOD_README, MIT_TEXT, PNG

GOOD = {"LICENSE": MIT_TEXT, "README.md": GOOD_README, "app.py": "1\n", "logo.png": PNG}


def registry(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "registry.yml"
    path.write_text(
        "projects:\n"
        + "".join(
            f"  - {{name: 'p{i}', repositories: [https://github.com/{n}]}}\n"
            for i, n in enumerate(names)
        )
    )
    return path


def run(fake: FakeGitHub, tmp_path: Path, names: list[str], **source: object) -> dict[str, object]:
    github = GitHubSource(
        token="t", api_url=fake.base_url, cache_path=tmp_path / "cache.sqlite", **source
    )  # type: ignore[arg-type]
    with github, Store(tmp_path / "h.sqlite") as store:
        auditor = Auditor(load_rules(), store, github=github, clone_dir=tmp_path, jobs=2)
        done = auditor.run(
            read_registry_yaml(registry(tmp_path, names)), registry_id="r", event=None
        )
    return {a.ref.full_name: a for a in done.audits.values()}


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried(fake_github: FakeGitHub, tmp_path: Path, status: int) -> None:
    fake_github.add_repo("t/r", GOOD)
    fake_github.inject(r"^/repos/t/r/git/trees/", status=status, times=2)
    audits = run(fake_github, tmp_path, ["t/r"])
    assert audits["t/r"].outcome == "ok"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fault",
    [{"reset_connection": True}, {"truncated_json": True}, {"status": 502}],
    ids=["connection-reset", "truncated-json", "persistent-502"],
)
def test_persistent_faults_make_one_repository_not_available(
    fake_github: FakeGitHub, tmp_path: Path, fault: dict[str, object]
) -> None:
    fake_github.add_repo("t/bad", GOOD)
    fake_github.add_repo("t/good", GOOD)
    fake_github.inject(r"^/repos/t/bad/git/", times=50, **fault)  # type: ignore[arg-type]
    audits = run(fake_github, tmp_path, ["t/bad", "t/good"])
    assert audits["t/good"].outcome == "ok"  # type: ignore[attr-defined]
    assert audits["t/bad"].outcome == "not_available"  # type: ignore[attr-defined]
    for injection in fake_github._injections:
        injection.times = 0
    again = run(fake_github, tmp_path, ["t/bad", "t/good"])
    assert again["t/bad"].outcome == "ok"  # type: ignore[attr-defined]


def test_a_hanging_read_times_out_and_is_retried(
    fake_github: FakeGitHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cts_audit")
    fake_github.add_repo("t/r", GOOD)
    fake_github.inject(r"^/repos/t/r/git/trees/", delay=3.0, status=200, times=1)
    audits = run(fake_github, tmp_path, ["t/r"], timeout=1, backoff=0.1)
    assert audits["t/r"].outcome == "ok"  # type: ignore[attr-defined]
    assert "did not answer within 1 s (try 1 of" in caplog.text  # given up on, asked again


@pytest.mark.parametrize("retry_after", [True, False])
def test_secondary_rate_limits(fake_github: FakeGitHub, tmp_path: Path, retry_after: bool) -> None:
    fake_github.add_repo("t/r", GOOD)
    headers = {"Retry-After": "1"} if retry_after else {}
    fake_github.inject(r"^/repos/t/r$", status=403, headers=headers, times=1)
    audits = run(fake_github, tmp_path, ["t/r"], secondary_wait=1)
    assert audits["t/r"].outcome == "ok"  # type: ignore[attr-defined]


def test_repository_deleted_between_listing_and_fetching(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("org/kept", GOOD)
    gone = fake_github.add_repo("org/gone", GOOD)
    with (
        GitHubSource(token="t", api_url=fake_github.base_url) as github,
        Store(tmp_path / "h.sqlite") as store,
    ):
        auditor = Auditor(load_rules(), store, github=github, clone_dir=tmp_path, jobs=2)
        listed = discover("org:org", github, auditor)
        gone.delete()
        done = auditor.run(listed, registry_id="org:org", event=None)
        audits = {a.ref.full_name: a for a in done.audits.values()}
        assert audits["org/kept"].outcome == "ok"
        assert audits["org/gone"].outcome == "not_available"
        assert "404" in (audits["org/gone"].detail or "")
        assert done.complete
        recorded = {r.full_name: r.outcome for r in store.results(done.run_id)}
        assert recorded == {"org/kept": "ok", "org/gone": "not_available"}


def test_the_token_appears_nowhere(fake_github: FakeGitHub, tmp_path: Path) -> None:
    token = "ghp_S3CRETrecognisableTOKEN1234567890"
    fake_github.add_repo("t/good", GOOD)
    fake_github.add_repo("t/bad", {"app.py": "1\n", "README.md": "# x\n"})
    fake_github.tokens = {token}
    path = registry(tmp_path, ["t/good", "t/bad"])
    home = tmp_path / "home"
    env = {"GITHUB_TOKEN": token, "CTS_AUDIT_HOME": str(home)}
    runner = CliRunner()
    audited = runner.invoke(
        main,
        [
            "-vv",
            "audit",
            str(path),
            "--api-url",
            fake_github.base_url,
            "--out",
            str(tmp_path / "out"),
        ],
        env=env,
    )
    assert audited.exit_code == 1, audited.output
    issues = runner.invoke(
        main,
        [
            "-vv",
            "issues",
            str(path),
            "--api-url",
            fake_github.base_url,
            "--apply",
            "--write-interval",
            "0",
        ],
        env=env,
    )
    assert issues.exit_code == 0, issues.output
    built = runner.invoke(main, ["site", "--out", str(tmp_path / "site")], env=env)
    assert built.exit_code == 0, built.output
    assert fake_github.issues("t/bad")  # the token was used, and worked
    for text in (audited.output, issues.output, built.output):
        assert token not in text
    for file in [*home.rglob("*"), *(tmp_path / "out").rglob("*"), *(tmp_path / "site").rglob("*")]:
        if file.is_file():
            assert token.encode() not in file.read_bytes(), file
    for issue in fake_github.issues("t/bad"):
        assert token not in (issue["body"] or "")


def test_killing_the_process_loses_nothing_and_corrupts_nothing(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    names = [f"t/r{i}" for i in range(12)]
    for name in names:
        fake_github.add_repo(name, GOOD)
    # Slow downloads: each process is killed while the run is under way.
    fake_github.inject(r"^/_codeload/", delay=0.8, times=10_000)
    path = registry(tmp_path, names)
    home = tmp_path / "home"
    env = {**os.environ, "CTS_AUDIT_HOME": str(home), "GITHUB_TOKEN": "t"}
    args = [
        sys.executable,
        "-m",
        "cts_audit",
        "audit",
        str(path),
        "--api-url",
        fake_github.base_url,
        "--jobs",
        "2",
        "--format",
        "json",
        "--out",
        str(tmp_path / "o"),
    ]
    recorded = 0
    for delay in (0.5, 2.0, 3.0):
        proc = subprocess.Popen(
            [*args, "--resume"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for db in (home / "history.sqlite", home / "cache" / "http-cache.sqlite"):
            if db.exists():
                assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        history = home / "history.sqlite"
        if not history.exists():
            continue  # killed before it opened the history: nothing to lose yet
        try:
            now = (
                sqlite3.connect(history)
                .execute("SELECT count(*) FROM results WHERE outcome = 'ok'")
                .fetchone()[0]
            )
        except sqlite3.OperationalError:
            continue  # killed while the history was being made: nothing recorded yet
        assert now >= recorded  # nothing finished is ever lost
        recorded = now
    finished = subprocess.run(
        [*args, "--resume"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode in (0, 1), finished.stderr  # 1: the media have no CC licence
    db = sqlite3.connect(home / "history.sqlite")
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0] == 12
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["complete"] is True


def test_ctrl_c_keeps_what_was_fetched_and_says_how_to_resume(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    names = [f"t/r{i}" for i in range(12)]
    for name in names:
        fake_github.add_repo(name, GOOD)
    fake_github.inject(r"^/_codeload/", delay=0.3, times=10_000)
    home = tmp_path / "home"
    env = {**os.environ, "CTS_AUDIT_HOME": str(home), "GITHUB_TOKEN": "t"}
    args = [sys.executable, "-m", "cts_audit", "audit", str(registry(tmp_path, names))]
    args += ["--api-url", fake_github.base_url, "--jobs", "2", "--out", str(tmp_path / "o")]
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    while fake_github.count("GET", r"^/_codeload/") < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "--resume" in err
    assert "avbröts i förtid (avbruten (Ctrl-C))" in err  # the rules' language, all of it
    db = sqlite3.connect(home / "history.sqlite")
    assert db.execute("SELECT state FROM runs").fetchall() == [("interrupted",)]
    kept = db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0]
    assert 1 <= kept < 12
    resumed = subprocess.run([*args, "--resume"], env=env, capture_output=True, timeout=120)
    assert resumed.returncode in (0, 1), resumed.stderr
    assert db.execute("SELECT state FROM runs").fetchall() == [("complete",)]
    assert db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0] == 12


# -- every transient fault kind, on each kind of request ----------------------------------------


def quick(fake: FakeGitHub, tmp_path: Path, **options: object) -> GitHubSource:
    return GitHubSource(
        token="t",
        api_url=fake.base_url,
        cache_path=tmp_path / "cache.sqlite",
        backoff=0.05,
        **options,  # type: ignore[arg-type]
    )


def audit_with(github: GitHubSource, tmp_path: Path, names: list[str], **kw: object) -> AuditRun:
    with Store(tmp_path / "h.sqlite") as store:
        auditor = Auditor(
            load_rules(),
            store,
            github=github,
            clone_dir=tmp_path,
            jobs=2,
            **kw,  # type: ignore[arg-type]
        )
        return auditor.run(
            read_registry_yaml(registry(tmp_path, names)), registry_id="r", event=None
        )


FAULTS = {
    "server-error": {"status": 502},
    "dropped-connection": {"reset_connection": True},
    "truncated-body": {"truncated_json": True},
    "read-timeout": {"delay": 2.5, "status": 200},
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("where", [r"^/repos/t/r/git/trees/", r"^/repos/t/r/tarball/", CODELOAD])
def test_each_transient_fault_is_retried_wherever_it_strikes(
    fake_github: FakeGitHub, tmp_path: Path, fault: str, where: str
) -> None:
    fake_github.add_repo("t/r", GOOD)
    options = dict(FAULTS[fault])
    if where == CODELOAD and "status" in options and options.get("delay"):
        options.pop("status")
    fake_github.inject(where, times=2, **options)  # type: ignore[arg-type]
    with quick(fake_github, tmp_path, timeout=1) as github:
        run = audit_with(github, tmp_path, ["t/r"])
    (audit,) = run.audits.values()
    assert audit.outcome == "ok", audit.detail
    # A broken download is started again from the archive's own address: not counted again.
    assert fake_github.count("GET", r"/tarball/", status=302) == 1


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_that_outlasts_the_retries_names_its_cause(
    fake_github: FakeGitHub, tmp_path: Path, fault: str
) -> None:
    fake_github.add_repo("t/r", GOOD)
    fake_github.add_repo("t/ok", GOOD)
    options = dict(FAULTS[fault])
    options.pop("status", None) if options.get("delay") else None
    fake_github.inject(CODELOAD + "t/r/", times=100, **options)  # type: ignore[arg-type]
    started = time.monotonic()
    with quick(fake_github, tmp_path, timeout=1, attempts=3) as github:
        run = audit_with(github, tmp_path, ["t/r", "t/ok"])
    assert time.monotonic() - started < 30
    audits = {a.ref.full_name: a for a in run.audits.values()}
    assert audits["t/ok"].outcome == "ok"
    assert audits["t/r"].outcome == "not_available"
    kind = {"server-error": "server", "dropped-connection": "connection"}.get(fault)
    expected = kind or {"truncated-body": "connection", "read-timeout": "timeout"}[fault]
    assert audits["t/r"].fault is not None and audits["t/r"].fault.kind == expected
    assert "t/r" in (audits["t/r"].detail or "")


def test_a_repository_that_takes_too_long_is_left_for_the_next_run(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/slow", GOOD)
    fake_github.add_repo("t/ok", GOOD)
    fake_github.inject(r"^/repos/t/slow/", delay=0.8, times=100)
    started = time.monotonic()
    with quick(fake_github, tmp_path, timeout=5, repo_time_cap=1.5) as github:
        run = audit_with(github, tmp_path, ["t/slow", "t/ok"])
    assert time.monotonic() - started < 10
    audits = {a.ref.full_name: a for a in run.audits.values()}
    assert audits["t/ok"].outcome == "ok"
    slow = audits["t/slow"]
    assert slow.outcome == "not_available" and slow.fault is not None
    assert slow.fault.kind == "time_cap" and "longer than 1 s" in (slow.detail or "")


@pytest.mark.parametrize(
    ("status", "headers", "secondary"),
    [
        (429, {"Retry-After": "1"}, True),
        (429, {}, True),
        (403, {}, True),  # GitHub's secondary-limit message, nothing else
    ],
    ids=["429-retry-after", "429-bare", "403-secondary"],
)
def test_rate_limits_on_a_file_read_are_waited_out_as_github_documents(
    fake_github: FakeGitHub,
    tmp_path: Path,
    status: int,
    headers: dict[str, str],
    secondary: bool,
) -> None:
    fake_github.add_repo("t/r", GOOD)
    fake_github.inject(r"^/repos/t/r/tarball/", status=status, headers=headers, times=1)
    told: list[str] = []
    waiter = Waiter(told.append, live=False, words=labels("en"))
    with quick(fake_github, tmp_path, secondary_wait=1) as github:
        run = audit_with(github, tmp_path, ["t/r"], waiter=waiter)
    (audit,) = run.audits.values()
    assert audit.outcome == "ok" and run.complete
    assert len(told) == 1  # no terminal: one line, not one per second
    assert "secondary" in told[0] and "used up" not in told[0]


def test_a_used_up_rate_limit_is_waited_for_until_its_reset(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/r", GOOD)
    fake_github.rate_limit = 2  # the archive request finds the limit used up
    fake_github.reset_at = time.time() + 2
    told: list[str] = []
    with quick(fake_github, tmp_path) as github:
        run = audit_with(github, tmp_path, ["t/r"], waiter=Waiter(told.append, live=False))
    assert run.complete and all(a.outcome == "ok" for a in run.audits.values())
    assert len(told) == 1 and "rate limit used up" in told[0]


def test_the_countdown_ticks_on_a_terminal_only() -> None:
    live: list[str] = []
    Waiter(live.append, live=True, words=labels("sv")).until(time.time() + 2.2, secondary=True)
    assert len(live) >= 3 and all("sakta ner" in line for line in live)
    logged: list[str] = []
    Waiter(logged.append, live=False).until(time.time() + 2.2)
    assert len(logged) == 1


def test_a_listing_that_breaks_off_keeps_what_it_listed(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    for index in range(5):
        fake_github.add_repo(f"org/r{index}", GOOD)
    fake_github.inject(r"^/organizations/", status=502, times=100)  # every page after the first
    with quick(fake_github, tmp_path, attempts=2) as github, Store(tmp_path / "h.sqlite") as store:
        github.per_page = 2
        auditor = Auditor(load_rules(), store, github=github, clone_dir=tmp_path, jobs=2)
        listed = discover("org:org", github, auditor)
        run = auditor.run(listed, registry_id="org:org", event=None)
        assert len(run.audits) == 2 and all(a.outcome == "ok" for a in run.audits.values())
        assert not run.complete and "broke off after 2 repositories" in (run.stopped_reason or "")
        assert len(store.results(run.run_id)) == 2


def test_a_listing_that_fails_at_once_is_a_clean_error(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("org/r", GOOD)
    fake_github.inject(r"^/orgs/org/repos$", status=503, times=100)
    result = CliRunner().invoke(
        main,
        ["audit", "org:org", "--api-url", fake_github.base_url, "--out", str(tmp_path / "o")],
        env={"CTS_AUDIT_HOME": str(tmp_path / "home"), "GITHUB_TOKEN": "t"},
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    # In the rules' language, GitHub's fault included.
    assert "Fel: listningen av org:org avbröts" in result.output
    assert "GitHub svarade gång på gång med serverfel (503)" in result.output
    assert not (tmp_path / "o").exists()


def test_unread_repositories_are_listed_at_the_end_in_the_runs_language(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/ok", GOOD)
    fake_github.add_repo("t/empty", empty=True)
    fake_github.inject(CODELOAD + "t/ok/", status=502, times=2)  # ridden out
    path = registry(tmp_path, ["t/ok", "t/missing", "t/empty"])
    result = CliRunner().invoke(
        main,
        ["audit", str(path), "--api-url", fake_github.base_url, "--lang", "sv"],
        env={"CTS_AUDIT_HOME": str(tmp_path / "home"), "GITHUB_TOKEN": "t"},
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Kunde inte läsas (2):" in result.output
    assert "  - t/missing: finns inte, eller är privat (404)" in result.output
    assert "  - t/empty: repositoriet är tomt (409)" in result.output
    assert "t/ok:" not in result.output


def test_a_cause_from_another_source_is_listed_in_the_runs_language(tmp_path: Path) -> None:
    path = tmp_path / "registry.yml"
    path.write_text(
        "network: N\nprojects:\n  - name: Buss\n"
        f"    repositories: [{tmp_path / 'no-such-folder'}]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["audit", str(path), "--lang", "sv", "--out", str(tmp_path / "o")],
        env={"CTS_AUDIT_HOME": str(tmp_path / "home")},
    )
    assert "Kunde inte läsas (1):" in result.output, result.output
    assert "no-such-folder: mappen finns inte" in result.output
    assert "not a folder" not in result.output


def test_a_long_run_without_a_terminal_tells_its_progress_now_and_then() -> None:
    lines: list[str] = []
    log = RunLog(labels("en"), every=0.0, echo=lines.append)
    log.start(3)
    ref = RepoRef("github.com", "t", "r", "https://github.com/t/r")
    log.advance(RepoAudit(ref, "ok", {}))
    log.advance(RepoAudit(ref, "not_available", {}, "gone"))
    assert lines[-1].endswith("audited 2 of 3 repositories (1 could not be read)")
    quiet: list[str] = []
    slow = RunLog(labels("en"), every=30.0, echo=quiet.append)
    slow.start(100)
    for _ in range(100):
        slow.advance(RepoAudit(ref, "ok", {}))
    assert quiet == []  # not one line per repository
