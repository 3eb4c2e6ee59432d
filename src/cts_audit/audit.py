"""Audit a registry's repositories: fetch, check, record; one broken project stops nothing."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import tool_version
from .checks import run_checks, unavailable
from .checks.interface import CheckResult
from .continuation import WINDOWS, Commit, measure
from .errors import CtsAuditError, SourceError, SourceUnavailable
from .rules import Rules
from .snapshot import Snapshot
from .sources.git import git_snapshot, history_since
from .sources.github import GitHubSource, Listed, RateLimited, Unavailable
from .sources.local import folder_snapshot, git_commits
from .sources.registry.model import Project, Registry, RepoRef
from .store import Store
from .waivers import Waiver, apply_waivers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RepoAudit:
    """One repository's outcome in a run: results, or why there are none."""

    ref: RepoRef
    outcome: str  # "ok" | "not_available" | "error"
    results: dict[str, CheckResult]
    detail: str | None = None
    commit: str | None = None
    tree_sha: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    reused: bool = False
    continuation: dict[str, Any] | None = None


@dataclass
class AuditRun:
    run_id: int
    registry: Registry
    audits: dict[str, RepoAudit]
    complete: bool
    stopped_reason: str | None = None
    resumed: int = 0

    def ordered(self) -> list[tuple[RepoRef, list[Project], RepoAudit | None]]:
        """Repositories in registry order, each with its projects and audit (if done)."""
        return [
            (ref, projects, self.audits.get(ref.key))
            for ref, projects in self.registry.repositories()
        ]


class Waiter:
    """Waits for a rate-limit reset, telling the user how long is left."""

    def __init__(
        self,
        report: Callable[[str], None],
        message: str = "GitHub rate limit used up: waiting {seconds} s for the reset",
    ) -> None:
        self.report = report
        self.message = message  # in the run's language, with {seconds}

    def until(self, reset_at: float) -> None:
        # Never less than a second: a clock a little behind GitHub's must not spin.
        reset_at = max(reset_at, time.time() + 1)
        while (left := reset_at - time.time()) > 0:
            self.report(self.message.replace("{seconds}", str(int(left) + 1)))
            time.sleep(min(left, 1.0))


class Auditor:
    """Runs the checks over a registry's repositories and records every result at once."""

    def __init__(
        self,
        rules: Rules,
        store: Store,
        *,
        github: GitHubSource | None,
        clone_dir: Path,
        jobs: int = 4,
        wait_for_reset: bool = True,
        waiter: Waiter | None = None,
        on_done: Callable[[RepoAudit], None] | None = None,
    ) -> None:
        self.rules = rules
        self.store = store
        self.github = github
        self.clone_dir = clone_dir
        self.jobs = max(1, jobs)
        self.wait_for_reset = wait_for_reset
        self.waiter = waiter or Waiter(lambda message: log.warning("%s", message))
        self.on_done = on_done
        self._listed: dict[str, Listed] = {}
        self._ends: dict[str, dt.date] = {}
        self._waivers: dict[str, list[Waiver]] = {}
        self._today = dt.date.today()
        self._lock = threading.Lock()

    def remember_listing(self, listed: Iterable[Listed]) -> None:
        """Listings from organisation or topic discovery: no per-repository GET needed."""
        for item in listed:
            self._listed[item.full_name.lower()] = item

    def run(
        self, registry: Registry, *, registry_id: str, event: str | None, resume: bool = False
    ) -> AuditRun:
        run_id = None
        done: dict[str, RepoAudit] = {}
        refs = {ref.key: ref for ref, _ in registry.repositories()}
        if resume:
            previous = self.store.unfinished_run(registry_id, event)
            if previous is not None:
                run_id = previous.id
                for recorded in self.store.results(run_id):
                    # Only what finished, and only what the registry still lists.
                    if recorded.outcome == "ok" and recorded.key in refs:
                        done[recorded.key] = RepoAudit(
                            refs[recorded.key],
                            "ok",
                            recorded.checks,
                            None,
                            recorded.commit,
                            recorded.tree_sha,
                            recorded.info,
                            reused=True,
                        )
        if run_id is None:
            run_id = self.store.start_run(
                tool_version=tool_version(),
                rules_source=self.rules.source,
                rules_digest=self.rules.digest,
                network=self.rules.network,
                registry=registry_id,
                event=event,
                events=[e.public_dict() for e in registry.events],
            )
        self.store.record_projects(run_id, {p.key: p.public_dict() for p in registry.projects})
        self._ends = _event_ends(registry)
        self._waivers = {
            ref.key: [w for p in projects for w in p.waivers if w.applies(ref.key)]
            for ref, projects in registry.repositories()
        }
        self._today = dt.date.today()
        todo = [ref for ref, _ in registry.repositories() if ref.key not in done]
        audits = dict(done)
        stopped: str | None = None
        while todo:
            finished, limited, interrupted = self._batch(run_id, todo)
            audits.update(finished)
            todo = [ref for ref in todo if ref.key not in finished]
            if interrupted:
                stopped = "interrupted (Ctrl-C)"
                break
            if limited is None:
                break
            if not self.wait_for_reset:
                stopped = str(limited)
                break
            self.waiter.until(limited.reset_at)
        complete = stopped is None and not todo
        self.store.finish_run(run_id, "complete" if complete else "interrupted")
        return AuditRun(run_id, registry, audits, complete, stopped, resumed=len(done))

    def _batch(
        self, run_id: int, refs: list[RepoRef]
    ) -> tuple[dict[str, RepoAudit], RateLimited | None, bool]:
        """Audit ``refs`` concurrently until done, the rate limit runs out, or Ctrl-C.

        Every result is recorded the moment it is finished. On Ctrl-C the queued
        repositories are dropped and those already being fetched are finished and kept.
        """
        finished: dict[str, RepoAudit] = {}
        limited: RateLimited | None = None
        pending: dict[Future[RepoAudit], RepoRef] = {}
        queue = list(reversed(refs))

        def keep(future: Future[RepoAudit]) -> None:
            nonlocal limited
            ref = pending.pop(future)
            try:
                audit = future.result()
            except RateLimited as exc:
                limited = exc
                return
            self._record(run_id, audit)
            finished[ref.key] = audit

        with ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="audit") as pool:
            try:
                while queue or pending:
                    while queue and len(pending) < self.jobs * 2 and limited is None:
                        ref = queue.pop()
                        pending[pool.submit(self.audit_one, ref)] = ref
                    if not pending:
                        break
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        keep(future)
                    if limited is not None:
                        queue.clear()  # let the running ones finish; the rest wait for the reset
            except KeyboardInterrupt:
                for future in list(pending):
                    if future.cancel():
                        pending.pop(future)
                for future in list(pending):
                    keep(future)  # already running: finish it and keep what it found
                return finished, limited, True
        return finished, limited, False

    def _record(self, run_id: int, audit: RepoAudit) -> None:
        self.store.record(
            run_id,
            key=audit.ref.key,
            full_name=audit.ref.full_name,
            url=audit.ref.url,
            outcome=audit.outcome,
            checks=audit.results,
            detail=audit.detail,
            commit=audit.commit,
            tree_sha=audit.tree_sha,
            info=audit.info,
            continuation=audit.continuation,
        )
        if self.on_done is not None:
            self.on_done(audit)

    # -- one repository ---------------------------------------------------------------------

    def audit_one(self, ref: RepoRef) -> RepoAudit:
        """Fetch and check one repository, with the organisers' waivers in force applied."""
        audit = self._audit_one(ref)
        if audit.outcome != "ok":
            return audit
        waived = apply_waivers(audit.results, self._waivers.get(ref.key, ()), ref.key, self._today)
        return replace(audit, results=waived)

    def _audit_one(self, ref: RepoRef) -> RepoAudit:
        """Fetch and check one repository. Only a rate limit escapes; all else is a result."""
        try:
            snapshot = self._snapshot(ref)
        except RateLimited:
            raise
        except CtsAuditError as exc:
            return RepoAudit(ref, "not_available", unavailable(self.rules, str(exc)), str(exc))
        except Exception as exc:  # a hostile repository must not stop the audit of the others
            log.warning("%s: %s", ref.url, exc, exc_info=True)
            detail = f"{type(exc).__name__}: {exc}"[:300]
            return RepoAudit(ref, "error", unavailable(self.rules, detail), detail)
        if isinstance(snapshot, Unavailable):
            info = {"renamed_to": snapshot.renamed_to} if snapshot.renamed_to else {}
            return RepoAudit(
                ref,
                "not_available",
                unavailable(self.rules, snapshot.reason),
                snapshot.reason,
                info=info,
            )
        info = {**_info(snapshot), "rules_digest": self.rules.digest}
        tree_sha = snapshot.info.tree_sha
        previous = self.store.latest(ref.key) if tree_sha else None
        try:
            continuation = self._continuation(ref, snapshot)
            if (
                previous is not None
                and previous.tree_sha == tree_sha
                and previous.info.get("rules_digest") == self.rules.digest
            ):
                # Same tree, same rules: the verdict cannot have changed; no file is read.
                return RepoAudit(
                    ref,
                    "ok",
                    previous.checks,
                    None,
                    snapshot.commit,
                    tree_sha,
                    info,
                    reused=True,
                    continuation=continuation,
                )
            results = run_checks(snapshot, self.rules)
        except RateLimited:
            raise
        except SourceUnavailable as exc:
            return RepoAudit(ref, "not_available", unavailable(self.rules, str(exc)), str(exc))
        return RepoAudit(
            ref, "ok", results, None, snapshot.commit, tree_sha, info, continuation=continuation
        )

    def _continuation(self, ref: RepoRef, snapshot: Snapshot) -> dict[str, Any] | None:
        """Activity after the event's end, when the registry says when it ended."""
        end = self._ends.get(ref.key)
        if end is None:
            return None
        since = dt.datetime.combine(end, dt.time.max, tzinfo=dt.UTC)
        until = since + dt.timedelta(days=max(WINDOWS.values()) + 1)
        now = dt.datetime.now(dt.UTC)
        commits: list[Commit] | None
        if ref.host == "local":
            # The windows, and the last activity up to today beyond them.
            commits = git_commits(Path(ref.url), since, now)
        elif ref.is_github and self.github is not None:
            commits = self.github.commits(snapshot.name, since, until)
            # The last activity counts up to today, beyond the windows.
            if until < now:
                commits += self.github.commits(snapshot.name, until, now)
        elif ref.is_github:
            commits = None
        else:
            # Another code host: the shallow clone, deepened back to the event's end.
            clone = history_since(ref.url, self.clone_dir, since)
            commits = git_commits(clone, since, now) if clone is not None else None
        if commits is None:
            return None
        return measure(commits, end, archived=snapshot.info.archived, today=now.date()).to_dict()

    def _snapshot(self, ref: RepoRef) -> Snapshot | Unavailable:
        if ref.host == "local":
            return folder_snapshot(Path(ref.url), name=ref.full_name)
        if ref.is_github and self.github is not None:
            listed = self._listed.get(ref.full_name.lower())
            if listed is None:
                got = self.github.get(ref.full_name)
                if isinstance(got, Unavailable):
                    return got
                listed = got
            if listed.empty:
                return Unavailable(ref.full_name, 409, "the repository is empty (409)")
            return self.github.snapshot(listed)
        if ref.is_github:
            raise SourceError(f"{ref.url}: no GitHub source configured")
        return git_snapshot(ref.url, self.clone_dir)


def _event_ends(registry: Registry) -> dict[str, dt.date]:
    """For each repository, the latest end of the events its projects were made at."""
    ends = {e.slug: e.ends or e.starts for e in registry.events}
    out: dict[str, dt.date] = {}
    for ref, projects in registry.repositories():
        dates = [d for p in projects for slug in p.events if (d := ends.get(slug)) is not None]
        if dates:
            out[ref.key] = max(dates)
    return out


def _info(snapshot: Snapshot) -> dict[str, Any]:
    info = snapshot.info
    out: dict[str, Any] = {
        "name": snapshot.name,
        "files": len(snapshot),
        "archived": info.archived,
        "fork": info.fork,
        "pushed_at": info.pushed_at,
        "default_branch": info.default_branch,
        "has_issues": info.has_issues,
        "topics": list(info.topics),
        "homepage": info.homepage,
        "description": (info.description or "")[:300],
    }
    if info.renamed_to:
        out["renamed_to"] = info.renamed_to
    if info.incomplete:
        out["incomplete"] = info.incomplete
    return out
