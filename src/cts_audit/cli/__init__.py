"""The command line: each command only wires the pipeline's stages together.

Shared options and error handling live here; each command is a module of its own.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..checks.interface import CheckResult, Status
from ..errors import CtsAuditError
from ..paths import cache_dir
from ..rules import Rules
from ..snapshot import Snapshot
from ..sources.git import git_snapshot, looks_like_git_url
from ..sources.local import folder_snapshot

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


def has_failures(results: Iterable[tuple[str, CheckResult]], rules: Rules) -> bool:
    """Whether any result fails a check whose rule counts failures as failures."""
    return any(
        r.status is Status.FAIL and rules.check_rule(name).severity == "fail" for name, r in results
    )


from . import (  # noqa: E402  (commands register themselves on ``main``)
    audit_cmd,
    check_cmd,
    history_cmd,
    issues_cmd,
    site_cmd,
)

__all__ = ["audit_cmd", "check_cmd", "history_cmd", "issues_cmd", "main", "site_cmd"]
