"""`cts-audit history`: one repository's results over time, in the terminal."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..checks import CHECKS
from ..errors import CtsAuditError
from ..i18n import labels
from ..paths import data_dir
from ..store import Store
from . import handle_errors
from .terminal_ui import status_cell


@click.command()
@click.argument("repository", metavar="PROJECT_OR_REPO")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="History database.")
@handle_errors
def history(repository: str, db: Path | None) -> None:
    """Show a repository's results in every recorded audit.

    Give the repository (OWNER/NAME, its URL) or the project (its name or key).
    """
    needle = repository.removeprefix("https://").removeprefix("http://").removesuffix(".git")
    with Store(db or data_dir() / "history.sqlite") as store:
        found = store.history(needle) or [
            item for key in store.project_repositories(repository) for item in store.history(key)
        ]
        runs = {r.id: r for r in store.runs()}
        activity = {(i.run_id, i.key): store.continuation(i.run_id).get(i.key) for i in found}
    if not found:
        raise CtsAuditError(
            f"no recorded audit of {repository!r}",
            hint="Give OWNER/NAME as the registry spells it, after running cts-audit audit.",
        )
    words = labels("en")
    names = sorted({item.full_name for item in found})
    several = len(names) > 1
    audits = len({item.run_id for item in found})
    subject = repository if several else names[0]
    title = f"{subject}: {audits} audit{'s' if audits != 1 else ''}"
    table = Table(title=title + (f" of {len(names)} repositories" if several else ""))
    table.add_column("Run")
    table.add_column("Date")
    if several:
        table.add_column("Repository")
    table.add_column("Commit / tree")
    for check in CHECKS:
        table.add_column(check.replace("_", " "))
    table.add_column("Continuation")
    for item in sorted(found, key=lambda i: (i.run_id, i.full_name)):
        run = runs.get(item.run_id)
        revision = (item.commit or item.tree_sha or "")[:10]
        cells = [
            status_cell(item.checks[c].status.value, words) if c in item.checks else "–"
            for c in CHECKS
        ]
        table.add_row(
            str(item.run_id),
            (run.started_at if run else item.recorded_at)[:10],
            *([item.full_name] if several else []),
            revision,
            *cells,
            _activity(activity.get((item.run_id, item.key))),
        )
    Console().print(table)


def _activity(data: dict[str, object] | None) -> str:
    if not data:
        return "–"
    commits = data.get("commits")
    year = commits.get("12m", 0) if isinstance(commits, dict) else 0
    return f"{data.get('status')} ({year} commits in 12 months)"
