"""The command line: each command only wires the pipeline's stages together.

Shared options and error handling live here; each command is a module of its own.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import click

from .. import tool_version
from ..checks.interface import CheckResult, Status
from ..errors import CtsAuditError
from ..i18n import Message
from .help_text import WordedHelp
from .usage import LANG_KEY, UsageProblem, WordedParsing, usage_language

if TYPE_CHECKING:
    from ..rules import Rules

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
            from ..i18n import labels  # only when there is an error to word

            lang = run_language()
            words = labels(lang)
            prefix = click.style(words["error_prefix"] + " ", fg="red", bold=True)
            click.echo(prefix + exc.text(lang), err=True)
            tip = exc.tip(lang)
            if tip:
                click.echo(f"{words['tip_prefix']} {tip}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def run_language() -> str:
    """The language this run speaks (set once the command has chosen it), for its messages.

    Before that, --lang as given, else the policy's default language; English when the rule
    file itself cannot be read. Registries are read after the rules, in the run's language.
    """
    return usage_language(None)


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


class LazyGroup(WordedHelp, WordedParsing, click.Group):
    """Imports a command's module only when that command runs: `check` starts without
    loading the GitHub client, and every command starts faster."""

    commands_at: ClassVar[dict[str, str]] = {
        "audit": "cts_audit.cli.audit_cmd:audit",
        "check": "cts_audit.cli.check_cmd:check",
        "fix": "cts_audit.cli.fix_cmd:fix",
        "history": "cts_audit.cli.history_cmd:history",
        "issues": "cts_audit.cli.issues_cmd:issues",
        "site": "cts_audit.cli.site_cmd:site",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.commands_at})

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            if isinstance(exc, UsageProblem) or not args:
                raise
            name = str(args[0])
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            guess = Message.of("usage_did_you_mean", name=repr(close[0])) if close else ""
            said = Message.of("usage_no_such_command", name=repr(name), guess=guess)
            raise UsageProblem(said, ctx) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands_at:
            return super().get_command(ctx, cmd_name)
        module_name, attr = self.commands_at[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"cts-audit, version {tool_version()}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
def main(verbose: int) -> None:
    """Check that what hackathon projects make is shared openly.

    Code under an OSI-approved licence, texts, images and video under Creative Commons,
    and the working method documented so others can learn from it.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        # Each retry is logged by urllib3; the audit's own result says what failed in the end.
        logging.getLogger("urllib3").setLevel(logging.ERROR)


def has_failures(results: Iterable[tuple[str, CheckResult]], rules: Rules) -> bool:
    """Whether any result fails a check whose rule counts failures as failures. A check that
    could not reach a verdict (``error``) has not passed either: CI must not pass on it."""
    return any(
        r.status in (Status.FAIL, Status.ERROR) and rules.check_rule(name).severity == "fail"
        for name, r in results
    )


def chosen_language(rules: Rules, lang: str | None) -> str:
    """``--lang``, case-insensitive; a language the rules have no texts in is a usage error."""
    if lang is None:
        chosen = rules.language(None)
    else:
        wanted = lang.strip().lower()
        if wanted not in rules.languages:
            said = Message.of(
                "usage_lang_unknown", value=repr(lang), languages=", ".join(rules.languages)
            )
            raise UsageProblem(said)
        chosen = rules.language(wanted)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta[LANG_KEY] = chosen
    return chosen


__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "has_failures", "main"]
