"""The history database: round trip, migrations, interrupted runs, trends, the history command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.checks.interface import CheckResult, Evidence, Status
from cts_audit.cli import main
from cts_audit.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

EXAMPLE = Path(__file__).parents[1] / "examples/hackathon/registry.yml"


def result(status: Status) -> dict[str, CheckResult]:
    return {
        "code_licence": CheckResult(
            "code_licence",
            status,
            "osi",
            {"licence": "MIT"},
            "MIT",
            (Evidence("LICENSE: MIT text", path="LICENSE", confidence=1.0),),
            ("a.png",),
            3,
            ("img/**.png",),
        )
    }


def test_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "h.db") as store:
        run = store.start_run(
            tool_version="1",
            rules_source="r",
            rules_digest="d",
            network="N",
            registry="reg",
            event="ev",
            events=[{"slug": "ev", "name": "Ev"}],
        )
        store.record(
            run,
            key="github.com/a/b",
            full_name="a/b",
            url="https://github.com/a/b",
            outcome="ok",
            checks=result(Status.PASS),
            commit="c0ffee",
            info={"archived": False},
            continuation={"status": "active"},
        )
        store.finish_run(run)
        (got,) = store.results(run)
        assert got.checks == result(Status.PASS)
        assert (got.commit, got.info) == ("c0ffee", {"archived": False})
        assert store.run(run).state == "complete"  # type: ignore[union-attr]
        assert store.run(run).event_list == [{"slug": "ev", "name": "Ev"}]  # type: ignore[union-attr]
        assert store.continuation(run) == {"github.com/a/b": {"status": "active"}}
        assert store.history("a/b") == [got]


def test_migrations_from_the_first_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {MIGRATIONS[0]}; PRAGMA user_version = 1; COMMIT;")
    db.execute(
        "INSERT INTO runs (started_at, state, tool_version, rules_source, rules_digest, network,"
        " registry) VALUES ('2026-01-01', 'complete', '0.1', 'r', 'd', 'N', 'reg')"
    )
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (run,) = store.runs()
        assert run.events == "[]"  # the column added later has its default


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer cts-audit"):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable history database"):
        Store(path)


def test_two_runs_make_a_trend_and_history_shows_them(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    runner = CliRunner()
    for _ in range(2):
        done = runner.invoke(
            main,
            [
                "audit",
                str(EXAMPLE),
                "--db",
                str(db),
                "--out",
                str(tmp_path / "out"),
                "--format",
                "json",
            ],
        )
        assert done.exit_code == 1, done.output
    with Store(db) as store:
        runs = store.runs()
        assert len(runs) == 2 and all(r.state == "complete" for r in runs)
        assert all(len(store.results(r.id)) == 4 for r in runs)
    shown = runner.invoke(main, ["history", "open-bike-data", "--db", str(db), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert "2 audits" in shown.output
    by_project = runner.invoke(main, ["history", "Öppna cykeldata", "--db", str(db)])
    assert by_project.exit_code == 0 and "2 granskningar" in by_project.output  # the rules' own
    assert "Körning" in by_project.output and "godkänd" in by_project.output
    for english in ("audits", "Run", "pass", "fail", "commits in"):
        assert english not in by_project.output, english
    missing = runner.invoke(main, ["history", "nobody/nothing", "--db", str(db), "--lang", "en"])
    assert missing.exit_code == 2 and "no recorded audit" in missing.output
    missing = runner.invoke(main, ["history", "nobody/nothing", "--db", str(db)])
    assert missing.exit_code == 2 and "Fel: ingen sparad granskning av" in missing.output


def test_only_the_latest_run_is_resumed(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite") as store:

        def start() -> int:
            return store.start_run(
                tool_version="1",
                rules_source="cts",
                rules_digest="d",
                network="N",
                registry="reg",
                event="ev",
            )

        first = start()
        store.finish_run(first, "interrupted")
        assert store.unfinished_run("reg", "ev").id == first  # type: ignore[union-attr]
        second = start()
        store.finish_run(second)
        assert store.unfinished_run("reg", "ev") is None  # the old one is history now
        third = start()
        assert store.unfinished_run("reg", "ev").id == third  # type: ignore[union-attr]
        assert store.unfinished_run("reg", "other") is None


def test_history_of_a_project_with_two_repositories(tmp_path: Path) -> None:
    for name in ("app", "api"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text(f"# {name}\n\nA tool for the city.\n")
    registry = tmp_path / "r.yml"
    registry.write_text("projects: [{name: Duo, repositories: [./app, ./api]}]\n")
    db = tmp_path / "h.db"
    runner = CliRunner()
    done = runner.invoke(
        main, ["audit", str(registry), "--db", str(db), "--out", str(tmp_path / "o")]
    )
    assert done.exit_code in (0, 1), done.output
    shown = runner.invoke(
        main, ["history", "Duo", "--db", str(db), "--lang", "en"], terminal_width=200
    )
    assert shown.exit_code == 0, shown.output
    assert "1 audit of 2 repositories" in shown.output
    assert "app" in shown.output and "api" in shown.output
