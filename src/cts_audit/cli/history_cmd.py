"""`cts-audit history`: one repository's results over time, in the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..checks import CHECKS
from ..errors import CtsAuditError
from ..i18n import Message, fill, labels
from ..paths import data_dir
from ..rules import load_rules
from ..store import Store
from . import chosen_language, handle_errors, lang_option, rules_option
from .terminal_ui import check_titles, status_cell
from .usage import Command, FilePath


@click.command(cls=Command)
@click.argument("repository", metavar="PROJECT_OR_REPO")
@click.option("--db", type=FilePath(dir_okay=False, path_type=Path), help="History database.")
@rules_option
@lang_option
@handle_errors
def history(repository: str, db: Path | None, rules_path: Path | None, lang: str | None) -> None:
    """Show a repository's results in every recorded audit.

    Give the repository (OWNER/NAME, its URL) or the project (its name or key).
    """
    rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    words = labels(language)
    needle = repository.removeprefix("https://").removeprefix("http://").removesuffix(".git")
    with Store(db or data_dir() / "history.sqlite") as store:
        found = store.history(needle) or [
            item for key in store.project_repositories(repository) for item in store.history(key)
        ]
        runs = {r.id: r for r in store.runs()}
        activity = {(i.run_id, i.key): store.continuation(i.run_id).get(i.key) for i in found}
    if not found:
        raise CtsAuditError(
            Message.of("history_not_found", name=repr(repository)),
            hint=Message("history_not_found_hint"),
        )
    names = sorted({item.full_name for item in found})
    several = len(names) > 1
    audits = len({item.run_id for item in found})
    subject = repository if several else names[0]
    title = fill(
        words["history_title_several" if several else "history_title"],
        language,
        {"subject": subject, "audits": audits, "count": len(names)},
    )
    table = Table(title=title)
    table.add_column(words["history_run"])
    table.add_column(words["date"])
    if several:
        table.add_column(words["repository"])
    table.add_column(words["history_revision"])
    titles = check_titles(rules, language, CHECKS)
    for check in CHECKS:
        table.add_column(titles[check])
    table.add_column(words["continuation"])
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
            _activity(activity.get((item.run_id, item.key)), words, language),
        )
    Console().print(table)


def _activity(data: dict[str, object] | None, words: Mapping[str, str], lang: str) -> str:
    if not data:
        return "–"
    commits = data.get("commits")
    year = commits.get("12m", 0) if isinstance(commits, dict) else 0
    status = str(data.get("status"))
    return fill(
        words["history_activity"],
        lang,
        {"status": words.get(f"status_{status}", status), "commits": year},
    )
