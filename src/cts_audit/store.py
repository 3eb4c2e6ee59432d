"""The audit history: every run and every result, in SQLite, committed as it is made."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .checks.interface import CheckResult, Evidence, Status
from .errors import CtsAuditError
from .i18n import Message

#: Each step upgrades the schema by one version; never edit a released step, add one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'interrupted')),
        tool_version TEXT NOT NULL,
        rules_source TEXT NOT NULL,
        rules_digest TEXT NOT NULL,
        network TEXT NOT NULL,
        registry TEXT NOT NULL,
        event TEXT
    );
    CREATE TABLE repositories (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        url TEXT
    );
    CREATE TABLE run_projects (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        project_key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, project_key)
    );
    CREATE TABLE results (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        repo_id INTEGER NOT NULL REFERENCES repositories(id),
        recorded_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail TEXT,
        commit_sha TEXT,
        tree_sha TEXT,
        info TEXT NOT NULL,
        PRIMARY KEY (run_id, repo_id)
    );
    CREATE TABLE check_results (
        run_id INTEGER NOT NULL,
        repo_id INTEGER NOT NULL,
        check_name TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        licence TEXT,
        params TEXT NOT NULL,
        evidence TEXT NOT NULL,
        files TEXT NOT NULL,
        files_total INTEGER NOT NULL,
        PRIMARY KEY (run_id, repo_id, check_name),
        FOREIGN KEY (run_id, repo_id) REFERENCES results(run_id, repo_id) ON DELETE CASCADE
    );
    CREATE INDEX results_repo ON results(repo_id, run_id);
    """,
    """
    CREATE TABLE continuation (
        run_id INTEGER NOT NULL,
        repo_id INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, repo_id),
        FOREIGN KEY (run_id, repo_id) REFERENCES results(run_id, repo_id) ON DELETE CASCADE
    );
    """,
    """
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        repo_id INTEGER NOT NULL REFERENCES repositories(id),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT NOT NULL,
        issue_number INTEGER,
        fingerprint TEXT,
        applied INTEGER NOT NULL
    );
    CREATE INDEX notices_repo ON notices(repo_id, id);
    """,
    """
    ALTER TABLE runs ADD COLUMN events TEXT NOT NULL DEFAULT '[]';
    """,
    """
    ALTER TABLE check_results ADD COLUMN annotate TEXT NOT NULL DEFAULT '[]';
    """,
    """
    ALTER TABLE notices ADD COLUMN said TEXT NOT NULL DEFAULT '';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(CtsAuditError):
    """The history database cannot be used."""


@dataclass(frozen=True)
class Run:
    id: int
    started_at: str
    finished_at: str | None
    state: str
    tool_version: str
    rules_source: str
    rules_digest: str
    network: str
    registry: str
    event: str | None
    events: str = "[]"

    @property
    def event_list(self) -> list[dict[str, Any]]:
        """The registry's events as the run saw them (slug, name, dates)."""
        data = json.loads(self.events or "[]")
        return data if isinstance(data, list) else []


@dataclass(frozen=True)
class Recorded:
    """One repository's results in one run, as stored."""

    run_id: int
    key: str
    full_name: str
    url: str | None
    recorded_at: str
    outcome: str
    detail: str | None
    commit: str | None
    tree_sha: str | None
    info: dict[str, Any]
    checks: dict[str, CheckResult]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One SQLite file. Safe to share between threads; each write commits on its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                Message.of("store_unusable", path=path, error=exc),
                hint=Message("store_unusable_hint"),
            ) from None
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                Message.of("store_newer", path=self.path, version=version),
                hint=Message("store_newer_hint"),
            )
        for number in range(version, SCHEMA_VERSION):
            self._db.executescript(
                f"BEGIN; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1}; COMMIT;"
            )

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- runs ---------------------------------------------------------------------------------

    def start_run(
        self,
        *,
        tool_version: str,
        rules_source: str,
        rules_digest: str,
        network: str,
        registry: str,
        event: str | None,
        events: list[dict[str, Any]] | None = None,
    ) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs (started_at, state, tool_version, rules_source, rules_digest,"
                " network, registry, event, events) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    tool_version,
                    rules_source,
                    rules_digest,
                    network,
                    registry,
                    event,
                    json.dumps(events or [], ensure_ascii=False),
                ),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, state: str = "complete") -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET state = ?, finished_at = ? WHERE id = ?", (state, _now(), run_id)
            )

    def run(self, run_id: int) -> Run | None:
        row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return Run(*row) if row else None

    def runs(self, *, registry: str | None = None, event: str | None = None) -> list[Run]:
        sql = "SELECT * FROM runs WHERE 1=1"
        args: list[Any] = []
        if registry is not None:
            sql += " AND registry = ?"
            args.append(registry)
        if event is not None:
            sql += " AND event IS ?"
            args.append(event)
        return [Run(*row) for row in self._db.execute(sql + " ORDER BY id", args)]

    def unfinished_run(self, registry: str, event: str | None) -> Run | None:
        """The latest run of this registry and event, when it did not complete, to resume.

        An older unfinished run is history once a later run has been made: it is not resumed.
        """
        row = self._db.execute(
            "SELECT * FROM runs WHERE registry = ? AND event IS ? ORDER BY id DESC LIMIT 1",
            (registry, event),
        ).fetchone()
        run = Run(*row) if row else None
        return run if run is not None and run.state != "complete" else None

    def record_projects(self, run_id: int, projects: Mapping[str, dict[str, Any]]) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO run_projects (run_id, project_key, data) VALUES (?, ?, ?)",
                [
                    (run_id, key, json.dumps(data, ensure_ascii=False))
                    for key, data in projects.items()
                ],
            )

    def projects(self, run_id: int) -> dict[str, dict[str, Any]]:
        rows = self._db.execute(
            "SELECT project_key, data FROM run_projects WHERE run_id = ?", (run_id,)
        )
        return {key: json.loads(data) for key, data in rows}

    # -- results ------------------------------------------------------------------------------

    def _repo_id(self, db: sqlite3.Connection, key: str, full_name: str, url: str | None) -> int:
        db.execute(
            "INSERT INTO repositories (key, full_name, url) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET full_name = excluded.full_name,"
            " url = COALESCE(excluded.url, url)",
            (key, full_name, url),
        )
        row = db.execute("SELECT id FROM repositories WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def record(
        self,
        run_id: int,
        *,
        key: str,
        full_name: str,
        url: str | None,
        outcome: str,
        checks: Mapping[str, CheckResult],
        detail: str | None = None,
        commit: str | None = None,
        tree_sha: str | None = None,
        info: Mapping[str, Any] | None = None,
        continuation: Mapping[str, Any] | None = None,
    ) -> None:
        """Keep one repository's results; committed before this returns."""
        with self._tx() as db:
            repo_id = self._repo_id(db, key, full_name, url)
            db.execute("DELETE FROM results WHERE run_id = ? AND repo_id = ?", (run_id, repo_id))
            db.execute(
                "INSERT INTO results (run_id, repo_id, recorded_at, outcome, detail, commit_sha,"
                " tree_sha, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    repo_id,
                    _now(),
                    outcome,
                    detail,
                    commit,
                    tree_sha,
                    json.dumps(dict(info or {}), ensure_ascii=False, default=str),
                ),
            )
            db.executemany(
                "INSERT INTO check_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        repo_id,
                        name,
                        r.status.value,
                        r.reason,
                        r.licence,
                        json.dumps(dict(r.params), ensure_ascii=False),
                        json.dumps([e.to_dict() for e in r.evidence], ensure_ascii=False),
                        json.dumps(list(r.files), ensure_ascii=False),
                        r.files_total,
                        json.dumps(list(r.annotate), ensure_ascii=False),
                    )
                    for name, r in checks.items()
                ],
            )
            if continuation is not None:
                db.execute(
                    "INSERT INTO continuation (run_id, repo_id, data) VALUES (?, ?, ?)",
                    (run_id, repo_id, json.dumps(dict(continuation), default=str)),
                )

    def results(self, run_id: int) -> list[Recorded]:
        return self._results("s.run_id = ?", (run_id,))

    def history(self, key_or_name: str) -> list[Recorded]:
        """Every recorded result of one repository, oldest first (by key or owner/name)."""
        needle = key_or_name.lower()
        return self._results(
            "(lower(r.key) = ? OR lower(r.full_name) = ? OR lower(r.key) LIKE ?)",
            (needle, needle, f"%/{needle}"),
        )

    def last_result(self, key: str) -> Recorded | None:
        """The most recent result of ``key`` in any run, whatever its outcome."""
        found = self._results("r.key = ?", (key,), last=True)
        return found[0] if found else None

    def record_notice(
        self,
        *,
        key: str,
        full_name: str,
        url: str | None,
        action: str,
        reason: str,
        issue_number: int | None,
        fingerprint: str,
        applied: bool,
        said: str = "",
    ) -> None:
        """What the issues command did (or would do) for a repository; kept for the report.

        ``reason`` is in English words; ``said`` the same reason as a message's JSON (its
        label and parameters), so that each page words it in its own language."""
        with self._tx() as db:
            repo_id = self._repo_id(db, key, full_name, url)
            db.execute(
                "INSERT INTO notices (repo_id, at, action, reason, issue_number, fingerprint,"
                " applied, said) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (repo_id, _now(), action, reason, issue_number, fingerprint, int(applied), said),
            )

    def last_notice(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT n.at, n.action, n.reason, n.issue_number, n.applied, n.said FROM notices n"
            " JOIN repositories r ON r.id = n.repo_id WHERE r.key = ? AND n.applied = 1"
            " ORDER BY n.id DESC LIMIT 1",
            (key,),
        ).fetchone()
        if row is None:
            return None
        names = ("at", "action", "reason", "issue_number", "applied", "said")
        return dict(zip(names, row, strict=True))

    def latest(self, key: str) -> Recorded | None:
        """The last result with a tree for ``key`` in any run: what an unchanged tree reuses."""
        found = self._results(
            "r.key = ? AND s.outcome = 'ok' AND s.tree_sha IS NOT NULL", (key,), last=True
        )
        return found[0] if found else None

    def _results(self, where: str, args: tuple[Any, ...], last: bool = False) -> list[Recorded]:
        order = "DESC" if last else "ASC"
        limit = " LIMIT 1" if last else ""
        rows = self._db.execute(
            "SELECT s.run_id, r.key, r.full_name, r.url, s.recorded_at, s.outcome, s.detail,"
            " s.commit_sha, s.tree_sha, s.info, r.id FROM results s"
            f" JOIN repositories r ON r.id = s.repo_id WHERE {where}"
            f" ORDER BY s.run_id {order}, r.key{limit}",
            args,
        ).fetchall()
        out = []
        for row in rows:
            check_rows = self._db.execute(
                "SELECT check_name, status, reason, licence, params, evidence, files,"
                " files_total, annotate FROM check_results WHERE run_id = ? AND repo_id = ?"
                " ORDER BY check_name",
                (row[0], row[10]),
            )
            checks = {
                name: CheckResult(
                    name,
                    Status(status),
                    reason,
                    json.loads(params),
                    licence,
                    tuple(Evidence(**e) for e in json.loads(evidence)),
                    tuple(json.loads(files)),
                    total,
                    tuple(json.loads(annotate)),
                )
                for name, status, reason, licence, params, evidence, files, total, annotate in (
                    check_rows
                )
            }
            run_id, key, full_name, url, recorded_at, outcome, detail, commit, tree = row[:9]
            out.append(
                Recorded(
                    run_id,
                    key,
                    full_name,
                    url,
                    recorded_at,
                    outcome,
                    detail,
                    commit,
                    tree,
                    json.loads(row[9]),
                    checks,
                )
            )
        return out

    def project_repositories(self, key_or_name: str) -> list[str]:
        """Repository keys of the project with this key or name, as last registered."""
        needle = key_or_name.strip().lower()
        for (data,) in self._db.execute("SELECT data FROM run_projects ORDER BY run_id DESC"):
            project = json.loads(data)
            if needle in (
                str(project.get("key", "")).lower(),
                str(project.get("name", "")).lower(),
            ):
                keys = project.get("repository_keys") or []
                return [str(k) for k in keys]
        return []

    def continuation(self, run_id: int) -> dict[str, dict[str, Any]]:
        rows = self._db.execute(
            "SELECT r.key, c.data FROM continuation c JOIN repositories r ON r.id = c.repo_id"
            " WHERE c.run_id = ?",
            (run_id,),
        )
        return {key: json.loads(data) for key, data in rows}
