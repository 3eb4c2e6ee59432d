"""What an audit shows in the terminal: a progress bar while it runs, a summary table after."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text

from ..audit import AuditRun, RepoAudit
from ..checks import enabled_checks
from ..checks.interface import CheckResult, Status
from ..explain import explain, fill
from ..i18n import labels
from ..report.counting import percent, tallies, tally_words
from ..report.dates import event_name
from ..report.environment import counted
from ..report.terminal import STATUS_STYLE
from ..report.wording import unread_reason
from ..rules import Rules
from ..sources.registry.model import Problem, Project, RepoRef


class Progress:
    """A progress bar on a terminal; silent when output is piped or in CI."""

    def __init__(self, *, enabled: bool, lang: str = "en") -> None:
        self.enabled = enabled
        self.label = labels(lang)["progress_auditing"]
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if not self.enabled or total == 0:
            return
        self._bar = RichProgress(
            TextColumn(f"[bold]{escape(self.label)}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=total)

    def advance(self, name: str) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, description=name[:40])

    def note(self, message: str) -> None:
        """A message that must be seen even without a bar (rate-limit countdowns)."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=message)
        else:
            click.echo(message, err=True)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def check_titles(rules: Rules, lang: str, checks: Iterable[str]) -> dict[str, str]:
    """Each check's title in ``lang``, as the rules word it."""
    return {c: explain(CheckResult(c, Status.PASS, "error"), rules, lang).title for c in checks}


def status_cell(status: str, words: Mapping[str, str], compact: bool = False) -> Text:
    """The status's mark and word in the run's language (the mark alone when compact), in
    the colours of `cts-audit check`."""
    mark, colour = STATUS_STYLE[status]
    style = f"{colour} bold" if status in ("fail", "error") else colour
    return Text(mark if compact else f"{mark} {words['status_' + status]}", style=style)


def repository_cell(
    ref: RepoRef, audit: RepoAudit | None, words: Mapping[str, str], owner: str | None
) -> Text:
    """The repository's whole name (wrapped, never cut; without the owner all share), marked
    when archived or renamed."""
    info = audit.info if audit else {}
    name = str(info.get("renamed_to") or ref.full_name)
    text = Text(name.removeprefix(f"{owner}/") if owner else name)
    if info.get("renamed_to"):
        text.append(f" ({words['renamed_from'].lower()} {ref.full_name})", style="dim")
    if info.get("archived"):
        text.append(f" ({words['archived']})", style="dim")
    return text


def print_summary(
    run: AuditRun,
    rules: Rules,
    lang: str,
    written: Sequence[Path],
    quota: tuple[int, int],
) -> None:
    words = labels(lang)
    checks = enabled_checks(rules)
    titles = check_titles(rules, lang, checks)
    console = Console(highlight=False)
    unread: dict[str, str] = {}
    # Statuses in words where they fit; on a narrow terminal their marks, with a legend.
    widest = max(len(words["status_" + s]) for s in STATUS_STYLE) + 2
    compact = console.width < len(checks) * (widest + 3) + 2 * 17
    shown: set[str] = set()
    for title, projects in _by_event(run, lang):
        refs = [ref for p in projects for ref in p.repositories]
        owners = {ref.owner.lower() for ref in refs if ref.host != "local"}
        owner = refs[0].owner if len(owners) == 1 and len(refs) > 1 else None
        rows: list[tuple[str, Text, list[Text]]] = []
        for project in projects:
            if not project.repositories:
                rows.append((project.name, Text(words["no_repository"], style="dim"), []))
            for ref in project.repositories:
                audit = run.audits.get(ref.key)
                statuses = [
                    audit.results[c].status.value if audit and c in audit.results else None
                    for c in checks
                ]
                shown.update(s or "not_available" for s in statuses)
                cells = [status_cell(s or "not_available", words, compact) for s in statuses]
                rows.append((project.name, repository_cell(ref, audit, words, owner), cells))
                if audit is None or audit.outcome != "ok":
                    detail = audit.detail if audit else "not audited in this run"
                    unread[ref.full_name] = unread_reason(detail, words, lang)
        table = Table(title=title, title_justify="left", title_style="bold", expand=False)
        longest = max((len(w) for name, _, _ in rows for w in name.split()), default=8)
        table.add_column(words["project"], overflow="fold", min_width=min(longest, 18))
        heading = f"{words['repository']} ({owner}/…)" if owner else words["repository"]
        table.add_column(heading, overflow="fold")
        for index, check in enumerate(checks):
            if compact:  # a mark: the column as narrow as the title's longest word
                narrow = max(len(word) for word in titles[check].split())
                table.add_column(titles[check], max_width=narrow)
                continue
            # A status is never cut: its column is as wide as its longest status.
            width = max((len(r[2][index]) for r in rows if r[2]), default=0)
            table.add_column(titles[check], min_width=width)
        for name, repository, cells in rows:
            table.add_row(name, repository, *(cells or [Text("") for _ in checks]))
        console.print(table)
    if compact and shown:
        order = [s for s in STATUS_STYLE if s in shown]
        console.print(" · ".join(f"{STATUS_STYLE[s][0]} {words['status_' + s]}" for s in order))
    for name, reason in unread.items():
        note = f"{name}: {words['not_read']}: {reason}"
        console.print(f"[magenta]?[/] {escape(note)}")
    repositories = run.registry.repositories()
    without = len(run.registry.projects_without_repositories())
    totals = [
        counted(len(run.registry.projects), words, "projects", lang),
        counted(len(repositories), words, "repositories", lang),
    ]
    if without:
        totals.append(f"{without} {words['without_repository']}")
    console.print(escape(", ".join(totals)) + ".")
    # The same count as the event report and the site (report/counting.py).
    found = []
    for ref, _projects in repositories:
        audit = run.audits.get(ref.key)
        found.append({c: r.status for c, r in audit.results.items()} if audit else {})
    counts = tallies(found, checks)
    for check in checks:
        console.print(
            escape(
                f"{titles[check]}: {percent(counts[check].share, lang)} "
                f"({tally_words(counts[check], words, lang)})"
            )
        )
    if written:
        folder = written[0].parent
        console.print(escape(f"{words['report_written']} {folder}/"))
    remaining, limit = quota
    if limit > 0:
        line = words["quota_left"].replace("{remaining}", str(remaining))
        console.print(f"[dim]{escape(line.replace('{limit}', str(limit)))}[/]")


def _by_event(run: AuditRun, lang: str) -> list[tuple[str | None, list[Project]]]:
    """The projects in one table, or, when the run covers several events, one table per
    event (titled in the run's language; projects without an event last)."""
    named = {s.lower() for p in run.registry.projects for s in p.events}
    if len(named) <= 1:
        return [(None, list(run.registry.projects))]
    events = {e.slug.lower(): e for e in run.registry.events}
    groups: dict[str, list[Project]] = {}
    for project in run.registry.projects:
        slug = project.events[0].lower() if project.events else ""
        groups.setdefault(slug, []).append(project)
    words = labels(lang)

    def title(slug: str) -> str:
        if not slug:
            return words["projects_without_event"]
        event = events.get(slug)
        return event_name(event.public_dict(), lang) if event else slug

    def newest_first(slug: str) -> tuple[bool, str]:
        event = events.get(slug)
        return (not slug, "" if event is None or event.starts is None else event.starts.isoformat())

    ordered = sorted(groups, key=newest_first)
    ordered = [s for s in ordered if s][::-1] + [s for s in ordered if not s]
    return [(title(slug), groups[slug]) for slug in ordered]


def print_warnings(
    problems: Sequence[Problem], event: str | None, registry: str, db: Path, lang: str
) -> None:
    """The registry's warnings, in the run's words. With ``event``, only those of its own
    pages and projects. A convention the reader understood (``once``) is said on the
    first audit of the registry only; later runs count them in one line."""
    words = labels(lang)
    notes = db.with_name(db.stem + ".notes.json")
    try:
        seen: dict[str, list[str]] = json.loads(notes.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    before = set(seen.get(registry, []) if isinstance(seen, dict) else [])
    said = set(before)
    held = 0
    for problem in problems:
        if event and problem.event and problem.event.lower() != event.lower():
            continue
        if problem.once:
            # Remembered by its English words, whatever the language it was said in.
            if problem.text("en") in before:
                held += 1
                continue
            said.add(problem.text("en"))
        prefix = click.style(words["warning_prefix"] + " ", fg="yellow")
        click.echo(prefix + problem.text(lang), err=True)
    if held:
        click.echo(
            click.style(fill(words["notes_held"], lang, {"count": held}), dim=True), err=True
        )
    if said != before:
        seen = seen if isinstance(seen, dict) else {}
        seen[registry] = sorted(said)
        with contextlib.suppress(OSError):  # a read-only folder: the notes are said again
            notes.write_text(json.dumps(seen, ensure_ascii=False, indent=1), encoding="utf-8")
