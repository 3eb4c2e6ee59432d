"""`cts-audit check`: one repository, for a team or its CI."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, assert_never

import click

from ..checks import run_checks
from ..checks.interface import CheckResult, Status
from ..errors import SourceError
from ..i18n import Message, labels
from ..paths import cache_dir
from ..report.document import check_document, repository_dict
from ..report.formats import CHECK_FORMATS, Format
from ..report.sarif import render_sarif
from ..report.terminal import render_check
from ..rules import Rules, load_rules
from ..snapshot import Snapshot
from ..sources.git import git_snapshot, looks_like_git_url
from ..sources.local import folder_snapshot, is_bare_repository
from ..team_config import read_team_config
from . import (
    EXIT_FINDINGS,
    EXIT_OK,
    chosen_language,
    handle_errors,
    has_failures,
    lang_option,
    rules_option,
)
from .usage import Command, OneOf

#: What makes `check` exit with 1: a failure, also a warning, or nothing.
FAIL_ON = ("fail", "warn", "never")


def load_snapshot(target: str) -> Snapshot:
    """A local folder, or a git URL cloned into the cache.

    A bare repository (``git clone --bare``) has no work tree to read: it is cloned too.
    """
    path = Path(target)
    if path.is_dir():
        if is_bare_repository(path):
            resolved = path.resolve()
            return git_snapshot(
                resolved.as_uri(), cache_dir() / "clones", name=resolved.name.removesuffix(".git")
            )
        return folder_snapshot(path)
    if looks_like_git_url(target):
        return git_snapshot(target, cache_dir() / "clones")
    raise SourceError(
        Message.of("located", where=repr(target), detail=Message("not_a_folder_or_url")),
        hint=Message("not_a_folder_hint"),
    )


@click.command(cls=Command)
@click.argument("target", metavar="PATH_OR_GIT_URL")
@rules_option
@click.option(
    "--format",
    "fmt",
    type=OneOf([f.value for f in CHECK_FORMATS]),
    default=Format.TEXT.value,
    show_default=True,
)
@lang_option
@click.option(
    "--fail-on",
    type=OneOf(FAIL_ON),
    default="fail",
    show_default=True,
    help="Exit with 1 when a check fails (fail), also when one warns (warn), or never.",
)
@handle_errors
def check(target: str, rules_path: Path | None, fmt: str, lang: str | None, fail_on: str) -> None:
    """Check one repository: a folder or a git URL.

    \b
    Exit code 0 when no check fails;
    1 when a check fails, or when a check could not reach a verdict (status "error":
      an unreadable README, say), so that CI never passes on a result nobody got;
      with --fail-on warn also when a check warns; never with --fail-on never;
    2 for a usage or input error.
    """
    rules: Rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    snapshot = load_snapshot(target)
    read_team_config(snapshot)  # the team's own declarations: a mistake there is said plainly
    results = run_checks(snapshot, rules)
    doc = check_document(repository_dict(snapshot), results, rules, language)
    click.echo(format_check(doc, Format(fmt), language), nl=False)
    sys.exit(EXIT_FINDINGS if falls_short(results, rules, fail_on) else EXIT_OK)


#: Statuses that are more than a pass, for --fail-on warn: a result nobody got is one too.
_SHORT_OF_PASS = frozenset({Status.WARN, Status.FAIL, Status.ERROR, Status.NOT_AVAILABLE})


def falls_short(results: Mapping[str, CheckResult], rules: Rules, fail_on: str) -> bool:
    """Whether the results fall short of what ``--fail-on`` asks."""
    if fail_on == "never":
        return False
    if fail_on == "warn":
        return any(r.status in _SHORT_OF_PASS for r in results.values())
    return has_failures(results.items(), rules)


def format_check(doc: dict[str, Any], fmt: Format, lang: str) -> str:
    words = labels(lang)
    match fmt:
        case Format.TEXT:
            return render_check(doc, words)
        case Format.JSON:
            return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        case Format.MARKDOWN:
            from ..report.environment import render  # Jinja2 only when Markdown is asked for

            return render("check.md.j2", labels=words, **doc)
        case Format.SARIF:
            return render_sarif(doc, words)
        case Format.HTML | Format.CSV:
            raise click.BadParameter(f"{fmt.value} is not a format for one repository")
        case _:
            assert_never(fmt)
