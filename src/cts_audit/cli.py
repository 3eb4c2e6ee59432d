"""The command line: each command only wires the pipeline's stages together."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .checks import run_checks
from .checks.interface import Status
from .errors import CtsAuditError
from .i18n import labels
from .paths import cache_dir
from .report.document import check_document, repository_dict
from .report.environment import render
from .report.formats import CHECK_FORMATS, Format
from .report.terminal import render_check
from .rules import Rules, load_rules
from .snapshot import Snapshot
from .sources.git import git_snapshot, looks_like_git_url
from .sources.local import folder_snapshot

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: everything passes / a check failed / the user's input could not be used.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def handle_errors(func: F) -> F:
    """Turn the tool's errors into one clean message and exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CtsAuditError as exc:
            click.echo(click.style("Error: ", fg="red", bold=True) + str(exc), err=True)
            if exc.hint:
                click.echo(f"Tip: {exc.hint}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Policy file (default: the bundled CivicTechSweden rules, rules/cts.yml).",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        default=None,
        help="Language of the findings (sv, en, or any the rules have texts for).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cts-audit")
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
def main(verbose: int) -> None:
    """Check that what hackathon projects make is shared openly.

    Code under an OSI-approved licence, texts, images and video under Creative Commons,
    and the working method documented so others can learn from it.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def load_snapshot(target: str) -> Snapshot:
    """A local folder, or a git URL cloned into the cache."""
    path = Path(target)
    if path.is_dir():
        return folder_snapshot(path)
    if looks_like_git_url(target):
        return git_snapshot(target, cache_dir() / "clones")
    raise click.BadParameter(
        f"{target!r} is neither a folder nor a git URL", param_hint="PATH_OR_GIT_URL"
    )


@main.command()
@click.argument("target", metavar="PATH_OR_GIT_URL")
@rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in CHECK_FORMATS]),
    default=Format.TEXT.value,
    show_default=True,
)
@lang_option
@handle_errors
def check(target: str, rules_path: Path | None, fmt: str, lang: str | None) -> None:
    """Check one repository: a folder or a git URL.

    Exit code 0 when no check fails, 1 when one fails, 2 for a usage or input error.
    """
    rules: Rules = load_rules(rules_path)
    snapshot = load_snapshot(target)
    results = run_checks(snapshot, rules)
    language = rules.language(lang)
    doc = check_document(repository_dict(snapshot), results, rules, language)
    click.echo(format_check(doc, Format(fmt), language), nl=False)
    failing = any(
        r.status is Status.FAIL and rules.check_rule(name).severity == "fail"
        for name, r in results.items()
    )
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def format_check(doc: dict[str, Any], fmt: Format, lang: str) -> str:
    words = labels(lang)
    if fmt is Format.TEXT:
        return render_check(doc, words)
    if fmt is Format.JSON:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt is Format.MARKDOWN:
        return render("check.md.j2", icons=ICONS, labels=words, **doc)
    raise click.BadParameter(f"{fmt.value} is not a format for one repository")


ICONS = {
    "pass": "✅",
    "warn": "⚠️",
    "fail": "❌",
    "not_applicable": "➖",
    "not_available": "❔",
    "error": "🛑",
}
