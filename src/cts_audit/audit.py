"""Audit a registry's repositories: fetch, check, record; one broken project stops nothing."""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import tool_version
from .checks import run_checks, unavailable
from .checks.interface import CheckResult
from .continuation import WINDOWS, Commit, measure
from .errors import CtsAuditError, SourceError, SourceUnavailable
from .i18n import Message, Text, labels, say
from .rules import Rules
from .snapshot import RepoInfo, Snapshot
from .sources.git import git_snapshot, history_since
from .sources.github import (
    Fault,
    GitHubSource,
    Listed,
    RateLimited,
    Unavailable,
    Unchanged,
    Unreadable,
)
from .sources.local import folder_snapshot, git_commits
from .sources.registry.model import Project, Registry, RepoRef
from .store import Recorded, Store
from .waivers import Waiver, apply_waivers

#: Answers that say why GitHub gives no repository, each told in the reader's language.
HTTP_FAULTS = (401, 403, 404, 409, 451)

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
    #: Why it could not be read, when a fault of the network or of GitHub was the cause.
    fault: Fault | None = None


@dataclass
class AuditRun:
    run_id: int
    registry: Registry
    audits: dict[str, RepoAudit]
    complete: bool
    #: Why the run stopped early, for the run's language.
    why_stopped: Text | None = None
    resumed: int = 0

    @property
    def stopped_reason(self) -> str | None:
        """:attr:`why_stopped` in English."""
        return say(self.why_stopped, "en") if self.why_stopped is not None else None

    def ordered(self) -> list[tuple[RepoRef, list[Project], RepoAudit | None]]:
        """Repositories in registry order, each with its projects and audit (if done)."""
        return [
            (ref, projects, self.audits.get(ref.key))
            for ref, projects in self.registry.repositories()
        ]


class Waiter:
    """Waits for a rate limit, telling the user how long is left.

    On a terminal (``live``) the countdown is told every second; otherwise (cron, CI
    logs) once when the wait starts and then at most once a minute.
    """

    def __init__(
        self,
        report: Callable[[str], None],
        *,
        live: bool = True,
        words: Mapping[str, str] | None = None,
    ) -> None:
        self.report = report
        self.live = live
        self.words = words or labels("en")

    def until(self, reset_at: float, *, secondary: bool = False) -> None:
        # Never less than a second: a clock a little behind GitHub's must not spin.
        reset_at = max(reset_at, time.time() + 1)
        template = self.words["wait_secondary" if secondary else "wait_primary"]
        told = -math.inf
        while (left := reset_at - time.time()) > 0:
            if self.live or time.monotonic() - told >= 60:
                self.report(template.format(seconds=int(left) + 1))
                told = time.monotonic()
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
        self.listing_stopped: Text | None = None
        self._ends: dict[str, dt.date] = {}
        self._waivers: dict[str, list[Waiver]] = {}
        self._today = dt.date.today()
        self._lock = threading.Lock()

    def remember_listing(self, listed: Iterable[Listed], *, stopped: Text | None = None) -> None:
        """Listings from organisation or topic discovery: no per-repository GET needed.

        ``stopped`` says why the listing broke off part-way: the run is then unfinished.
        """
        for item in listed:
            self._listed[item.full_name.lower()] = item
        self.listing_stopped = stopped

    def wait(self, limited: RateLimited) -> bool:
        """Wait for a rate limit outside a run (a listing); False when the user said not to."""
        if not limited.secondary and not self.wait_for_reset:
            return False
        self.waiter.until(limited.reset_at, secondary=limited.secondary)
        return True

    def run(
        self,
        registry: Registry,
        *,
        registry_id: str,
        event: str | None,
        resume: bool = False,
        stopped: Text | None = None,
    ) -> AuditRun:
        """Audit every repository of ``registry``. ``stopped`` says why the list of
        repositories is incomplete (a listing that broke off): the run is then recorded as
        unfinished, and ``--resume`` completes it."""
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
        stopped = stopped or self.listing_stopped
        secondary_streak = 0
        while todo:
            finished, limited, interrupted = self._batch(run_id, todo)
            audits.update(finished)
            todo = [ref for ref in todo if ref.key not in finished]
            if interrupted:
                stopped = Message("stopped_interrupted")
                break
            if limited is None:
                break
            if limited.secondary:
                # GitHub: wait as asked, and longer each time it asks again in a row.
                secondary_streak += 1
                extra = min(2 ** (secondary_streak - 1), 16)
                self.waiter.until(
                    time.time() + (limited.reset_at - time.time()) * extra, secondary=True
                )
                continue
            secondary_streak = 0
            if not self.wait_for_reset:
                stopped = limited.said
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
        if self.github is not None and ref.is_github:
            with self.github.time_cap():
                return self._fetch_and_check(ref)
        return self._fetch_and_check(ref)

    def _fetch_and_check(self, ref: RepoRef) -> RepoAudit:
        previous = self.store.latest(ref.key)
        if previous is not None and previous.info.get("rules_digest") != self.rules.digest:
            previous = None
        try:
            snapshot = self._snapshot(ref, previous)
        except RateLimited:
            raise
        except CtsAuditError as exc:
            return self._unread(ref, exc)
        except Exception as exc:  # a hostile repository must not stop the audit of the others
            log.warning("%s: %s", ref.url, exc, exc_info=True)
            detail = f"{type(exc).__name__}: {exc}"[:300]
            return RepoAudit(ref, "error", unavailable(self.rules, detail), detail)
        if isinstance(snapshot, Unavailable):
            info = {"renamed_to": snapshot.renamed_to} if snapshot.renamed_to else {}
            fault = snapshot.fault or (
                Fault(f"http_{snapshot.status}") if snapshot.status in HTTP_FAULTS else None
            )
            return RepoAudit(
                ref,
                "not_available",
                unavailable(self.rules, snapshot.reason),
                snapshot.reason,
                info=info,
                fault=fault,
            )
        if isinstance(snapshot, Unchanged):
            # GitHub says the tree has not changed (a free 304): the verdict stands.
            assert previous is not None
            files = int(previous.info.get("files") or 0)
            info = {
                **_info(snapshot.full_name, files, snapshot.info),
                "rules_digest": self.rules.digest,
            }
            try:
                continuation = self._continuation(ref, snapshot.full_name, snapshot.info)
            except SourceUnavailable as exc:
                return self._unread(ref, exc)
            return RepoAudit(
                ref,
                "ok",
                previous.checks,
                None,
                previous.commit,
                snapshot.info.tree_sha,
                info,
                reused=True,
                continuation=continuation,
            )
        info = {
            **_info(snapshot.name, len(snapshot), snapshot.info),
            "rules_digest": self.rules.digest,
        }
        tree_sha = snapshot.info.tree_sha
        try:
            continuation = self._continuation(ref, snapshot.name, snapshot.info)
            if previous is not None and tree_sha and previous.tree_sha == tree_sha:
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
            return self._unread(ref, exc)
        finally:
            close = getattr(snapshot.reader, "close", None)
            if close is not None:
                close()
        return RepoAudit(
            ref, "ok", results, None, snapshot.commit, tree_sha, info, continuation=continuation
        )

    def _unread(self, ref: RepoRef, exc: CtsAuditError) -> RepoAudit:
        fault = exc.fault if isinstance(exc, Unreadable) else None
        return RepoAudit(
            ref, "not_available", unavailable(self.rules, str(exc)), str(exc), fault=fault
        )

    def _continuation(self, ref: RepoRef, name: str, repo: RepoInfo) -> dict[str, Any] | None:
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
            commits = self.github.commits(name, since, until)
            # The last activity counts up to today, beyond the windows.
            if until < now:
                commits += self.github.commits(name, until, now)
        elif ref.is_github:
            commits = None
        else:
            # Another code host: the shallow clone, deepened back to the event's end.
            clone = history_since(ref.url, self.clone_dir, since)
            commits = git_commits(clone, since, now) if clone is not None else None
        if commits is None:
            return None
        return measure(commits, end, archived=repo.archived, today=now.date()).to_dict()

    def _snapshot(
        self, ref: RepoRef, previous: Recorded | None
    ) -> Snapshot | Unchanged | Unavailable:
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
            if previous is None:
                return self.github.snapshot(listed)
            etag = previous.info.get("tree_etag")
            return self.github.snapshot(
                listed, known_tree=previous.tree_sha, known_etag=str(etag) if etag else None
            )
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


def _info(name: str, files: int, info: RepoInfo) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": name,
        "files": files,
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
    if info.tree_etag:
        out["tree_etag"] = info.tree_etag
    return out
