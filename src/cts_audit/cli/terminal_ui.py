"""What an audit shows in the terminal: a progress bar while it runs, a summary table after."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

from ..audit import AuditRun
from ..checks import enabled_checks
from ..checks.interface import CheckResult, Status
from ..explain import explain
from ..i18n import labels
from ..report.counting import percent, tallies, tally_words
from ..rules import Rules


class Progress:
    """A progress bar on a terminal; silent when output is piped or in CI."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if not self.enabled or total == 0:
            return
        self._bar = RichProgress(
            TextColumn("[bold]auditing"),
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


MARKS = {
    "pass": "[green]✔ pass[/]",
    "warn": "[yellow]! warn[/]",
    "fail": "[red bold]✘ fail[/]",
    "not_applicable": "[dim]– n/a[/]",
    "not_available": "[magenta]? n/av[/]",
    "error": "[magenta bold]✘ error[/]",
}


def print_summary(
    run: AuditRun,
    rules: Rules,
    lang: str,
    written: Sequence[Path],
    quota: tuple[int, int],
) -> None:
    words = labels(lang)
    checks = enabled_checks(rules)
    titles = {c: explain(CheckResult(c, Status.PASS, "error"), rules, lang).title for c in checks}
    table = Table(title=None, show_lines=False, expand=False)
    table.add_column(words["project"])
    table.add_column(words["repository"])
    for check in checks:
        table.add_column(titles[check])
    for project in run.registry.projects:
        if not project.repositories:
            table.add_row(project.name, f"[dim]{words['no_repository']}[/]", *["" for _ in checks])
        for ref in project.repositories:
            audit = run.audits.get(ref.key)
            cells = [
                MARKS[audit.results[c].status.value] if audit and c in audit.results else "–"
                for c in checks
            ]
            table.add_row(project.name, ref.full_name, *cells)
    console = Console()
    console.print(table)
    # The same count as the event report and the site (report/counting.py).
    rows = []
    for ref, _projects in run.registry.repositories():
        audit = run.audits.get(ref.key)
        rows.append({c: r.status for c, r in audit.results.items()} if audit else {})
    counts = tallies(rows, checks)
    for check in checks:
        console.print(
            f"{titles[check]}: {percent(counts[check].share, lang)} "
            f"({tally_words(counts[check], words, lang)})",
            highlight=False,
        )
    if written:
        folder = written[0].parent
        console.print(f"{words['report_written']} {folder}/")
    remaining, limit = quota
    if limit > 0:
        console.print(f"[dim]GitHub API: {remaining} of {limit} requests left this hour[/]")
