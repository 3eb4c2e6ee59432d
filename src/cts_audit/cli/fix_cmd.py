"""`cts-audit fix`: write what is mechanical, ask about what is not."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

from ..errors import SourceError
from ..fix import FixError, Plan, Request, plan_fix, this_year, write_plan
from ..i18n import Message, labels
from ..report.terminal import status_mark
from ..rules import Rules, load_rules
from ..sources.local import folder_snapshot
from ..team_config import read_team_config
from . import chosen_language, handle_errors, lang_option, rules_option
from .usage import Command, FilePath


@click.command(cls=Command)
@click.argument("path", type=FilePath(file_okay=False, path_type=Path))
@click.option("--code-licence", metavar="SPDX-ID", help="Write LICENSE with this OSI licence.")
@click.option(
    "--media-licence",
    metavar="SPDX-ID",
    help="Declare this Creative Commons licence for your own media files in REUSE.toml.",
)
@click.option("--holder", metavar="NAME", help="Who holds the copyright: the team, or names.")
@click.option(
    "--working-method",
    is_flag=True,
    help="Add a “How we worked” section to the README: questions for you to answer.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Write without asking; take every media file.")
@rules_option
@lang_option
@handle_errors
def fix(
    path: Path,
    code_licence: str | None,
    media_licence: str | None,
    holder: str | None,
    working_method: bool,
    dry_run: bool,
    yes: bool,
    rules_path: Path | None,
    lang: str | None,
) -> None:
    """Fix one repository folder: a licence for the code, Creative Commons for your media,
    an outline for how you worked.

    \b
    It shows every change first and writes only what you confirm (--yes: everything).
    Files that look like someone else's (fonts, icon sets, logos, files with their maker's
    copyright inside) are never given your licence: they are listed for you.
    """
    rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    words = labels(language)
    if not path.is_dir():
        raise SourceError(
            Message.of("located", where=repr(str(path)), detail=Message("not_a_folder")),
            hint=Message("fix_not_a_folder_hint"),
        )
    request = Request(
        code_licence=code_licence,
        media_licence=media_licence,
        working_method=working_method,
        holder=holder,
        year=this_year(),
        words=words,
        lang=language,
    )
    snapshot = folder_snapshot(path)
    read_team_config(snapshot)

    def confirm(files: Sequence[str]) -> Sequence[str]:
        if yes or dry_run:
            return files
        return ask_which(files, words, media_licence or "")

    plan = plan_fix(snapshot, rules, request, confirm)
    click.echo(render_plan(plan, snapshot.name, words, rules, language))
    if not plan.changes:
        return
    if dry_run:
        click.echo(words["fix_dry_run"])
        return
    if not yes and not _confirmed(words["fix_confirm_write"]):
        click.echo(words["fix_not_written"])
        return
    write_plan(path, plan)
    click.echo(words["fix_written"])


def _confirmed(question: str) -> bool:
    try:
        return click.confirm(question, default=False)
    except click.Abort:
        return False


_NUMBERS = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def parse_choice(answer: str, count: int) -> list[int] | None:
    """Indexes (0-based) an answer picks: ``all``, ``none`` or ``1,3-5``; None when unclear."""
    text = answer.strip().lower()
    if text in ("all", "a", "alla"):
        return list(range(count))
    if text in ("none", "n", "inga", ""):
        return []
    if not _NUMBERS.match(text):
        return None
    picked: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if not (1 <= first <= last <= count):
            return None
        picked.extend(range(first - 1, last))
    return sorted(set(picked))


def ask_which(files: Sequence[str], words: Mapping[str, str], licence: str) -> list[str]:
    click.echo(words["fix_media_question"].replace("{licence}", licence))
    for number, name in enumerate(files, start=1):
        click.echo(f"  {number:>3}. {name}")
    while True:
        try:
            answer = click.prompt(words["fix_media_prompt"], default="all")
        except click.Abort:
            click.echo()  # the prompt's line stays open without an answer
            raise FixError(words["fix_no_answer"], hint=words["fix_no_answer_hint"]) from None
        picked = parse_choice(answer, len(files))
        if picked is not None:
            return [files[i] for i in picked]
        click.echo(words["fix_media_bad_answer"])


def render_plan(plan: Plan, name: str, words: Mapping[str, str], rules: Rules, lang: str) -> str:
    """The plan in words: the changes, what is already in order, what is left, the outcome."""
    lines = [click.style(words["fix_plan_title"].replace("{name}", name), bold=True), ""]
    width = max(len(words[f"fix_action_{a}"]) for a in ("create", "replace", "edit", "delete"))
    for change in plan.changes.values():
        action = words[f"fix_action_{change.action}"]
        lines.append(f"  {action:<{width}}  {change.path}: {change.note}")
    if not plan.changes:
        lines.append(f"  {words['fix_nothing_to_write']}")
    for title, items in (("fix_done_title", plan.done), ("fix_left_title", plan.left)):
        if items:
            lines += ["", click.style(words[title], bold=True)]
            lines += [f"  · {item}" for item in items]
    if plan.changes:
        lines += ["", click.style(words["fix_after_title"], bold=True)]
        for check, result in plan.after.items():
            texts = rules.check_texts(check).title
            title = texts.get(lang) or texts.get(rules.default_language) or check
            before = plan.before.get(check)
            was = ""
            if before is not None and before.status is not result.status:
                was = f"  ({words['fix_before']}: {words[f'status_{before.status.value}']})"
            lines.append(f"  {status_mark(result.status.value, words)} {title}{was}")
    return "\n".join(lines) + "\n"
