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

from cts_audit.audit import Auditor
from cts_audit.cli import main
from cts_audit.cli.audit_cmd import discover
from cts_audit.rules import load_rules
from cts_audit.sources.github import GitHubSource
from cts_audit.sources.registry.yaml_file import read_registry_yaml
from cts_audit.store import Store

from .github_fake import FakeGitHub
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
    fake_github.inject(r"^/_codeload/", delay=0.15, times=10_000)
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
        now = (
            sqlite3.connect(history)
            .execute("SELECT count(*) FROM results WHERE outcome = 'ok'")
            .fetchone()[0]
        )
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
    assert "Traceback" not in err and "--resume" in err and "interrupted" in err
    db = sqlite3.connect(home / "history.sqlite")
    assert db.execute("SELECT state FROM runs").fetchall() == [("interrupted",)]
    kept = db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0]
    assert 1 <= kept < 12
    resumed = subprocess.run([*args, "--resume"], env=env, capture_output=True, timeout=120)
    assert resumed.returncode in (0, 1), resumed.stderr
    assert db.execute("SELECT state FROM runs").fetchall() == [("complete",)]
    assert db.execute("SELECT count(*) FROM results WHERE outcome = 'ok'").fetchone()[0] == 12
