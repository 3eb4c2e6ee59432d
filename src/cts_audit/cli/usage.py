"""Usage errors (a mistyped option, a value that does not fit) in the run's language.

Click words its own errors in English. Here every way a command line can be wrong is said
as a :class:`~cts_audit.i18n.Message`, shown like the tool's other errors ("Error: ...",
"Tip: ..."), in the language the run would have spoken: ``--lang`` as given, else the
policy's default language.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import click

from ..i18n import Message, Text, has_words, labels, say
from .help_text import WordedHelp

#: Where the raw arguments of the command being parsed are kept (``Context.meta``).
ARGS_KEY = "cts_audit.args"
#: Where the language a command chose is kept, once it has chosen.
LANG_KEY = "cts_audit.lang"


class UsageProblem(click.UsageError):
    """A command line that cannot be used, said in the run's language."""

    def __init__(self, said: Text, ctx: click.Context | None = None) -> None:
        super().__init__(say(said, "en"), ctx or click.get_current_context(silent=True))
        self.said = said

    def show(self, file: IO[Any] | None = None) -> None:
        lang = usage_language(self.ctx)
        words = labels(lang)
        prefix = click.style(words["error_prefix"] + " ", fg="red", bold=True)
        click.echo(prefix + say(self.said, lang), err=True, file=file)
        if self.ctx is not None:
            tip = say(Message.of("usage_help_tip", command=self.ctx.command_path), lang)
            click.echo(f"{words['tip_prefix']} {tip}", err=True, file=file)


def usage_language(ctx: click.Context | None) -> str:
    """The language of this run: the one the command chose, else ``--lang`` as written on
    the command line, else the default language of the policy it names (or the bundled one).
    When even that cannot be known (a rule file that cannot be read), the language of the
    environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) if there are words for it; else
    English."""
    if ctx is None:
        ctx = click.get_current_context(silent=True)
    if ctx is None:
        return "en"
    root = ctx.find_root()
    chosen = root.meta.get(LANG_KEY)
    if chosen:
        return str(chosen)
    args: Sequence[str] = root.meta.get(ARGS_KEY) or ()
    wanted = _value_of("--lang", args)
    if wanted is None and isinstance(ctx.params.get("lang"), str):
        wanted = ctx.params["lang"]
    rules_at = _value_of("--rules", args)
    from ..errors import CtsAuditError
    from ..rules import load_rules

    try:
        rules = load_rules(Path(rules_at) if rules_at else None)
    except (CtsAuditError, OSError, ValueError):
        wanted = (wanted or "").strip().lower() or _environment_language()
        return wanted if has_words(wanted) else "en"
    return rules.language((wanted or "").strip().lower() or None)


def _environment_language() -> str:
    """The language the environment asks for ("sv_SE.UTF-8": "sv"), or ""."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value.split(".", 1)[0].split("_", 1)[0].lower()
    return ""


def _value_of(option: str, args: Sequence[str]) -> str | None:
    """The value given to ``option`` on the command line (``--opt V`` or ``--opt=V``)."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == option and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(option + "="):
            value = arg.partition("=")[2]
    return value


def named(param: click.Parameter | None) -> str:
    """How the command line names ``param``: '--format', or the argument's 'PATH'."""
    if param is None:
        return "''"
    if isinstance(param, click.Option) and param.opts:
        return repr(max(param.opts, key=len))
    return repr(param.human_readable_name)


def worded(exc: click.UsageError, ctx: click.Context) -> click.UsageError:
    """``exc`` as a :class:`UsageProblem`, from what it is rather than from its words."""
    if isinstance(exc, UsageProblem) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    if isinstance(exc, click.NoSuchOption):
        close = difflib.get_close_matches(exc.option_name, _option_names(ctx), n=1)
        guess = Message.of("usage_did_you_mean", name=repr(close[0])) if close else ""
        return UsageProblem(
            Message.of("usage_no_such_option", name=repr(exc.option_name), guess=guess), ctx
        )
    if isinstance(exc, click.BadOptionUsage):
        option = _option(ctx, exc.option_name)
        flag = isinstance(option, click.Option) and option.is_flag
        key = "usage_takes_no_value" if flag else "usage_needs_value"
        return UsageProblem(Message.of(key, name=repr(exc.option_name)), ctx)
    if isinstance(exc, click.MissingParameter):
        key = "usage_missing_option" if isinstance(exc.param, click.Option) else "usage_missing"
        return UsageProblem(Message.of(key, name=named(exc.param)), ctx)
    if isinstance(exc, click.BadParameter):
        return UsageProblem(Message.of("usage_bad_value", name=named(exc.param)), ctx)
    return UsageProblem(Message("usage_unusable"), ctx)


def _option_names(ctx: click.Context) -> list[str]:
    return [name for p in ctx.command.params if isinstance(p, click.Option) for name in p.opts]


def _option(ctx: click.Context, name: str) -> click.Parameter | None:
    return next((p for p in ctx.command.params if name in getattr(p, "opts", ())), None)


class WordedParsing:
    """Mixed into the tool's commands: the command line's errors in the run's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[ARGS_KEY] = list(args)
        allow_extra = ctx.allow_extra_args
        ctx.allow_extra_args = True  # so that extra arguments are ours to word
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except click.UsageError as exc:
            raise worded(exc, ctx) from None
        finally:
            ctx.allow_extra_args = allow_extra
        if rest and not allow_extra and not ctx.resilient_parsing:
            shown = " ".join(repr(a) for a in rest)
            raise UsageProblem(Message.of("usage_extra", args=shown, count=len(rest)), ctx)
        return rest


class Command(WordedHelp, WordedParsing, click.Command):
    """A command of the tool (``@click.command(cls=Command)``): its errors and its help in
    the run's language."""


# Parameter types that say what is wrong with a value in the run's language -------------


class OneOf(click.Choice):  # type: ignore[type-arg]
    """One of a few words, as ``click.Choice`` shows them in ``--help``."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        choices = ", ".join(repr(c) for c in self.choices)
        raise UsageProblem(
            Message.of("usage_not_one_of", name=named(param), value=repr(value), choices=choices),
            ctx,
        )


class WholeNumber(click.types.IntParamType):
    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            message = Message.of("usage_not_whole", name=named(param), value=repr(value))
            raise UsageProblem(message, ctx) from None


class Seconds(click.types.FloatParamType):
    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value).strip())
        except ValueError:
            message = Message.of("usage_not_number", name=named(param), value=repr(value))
            raise UsageProblem(message, ctx) from None


class FilePath(click.Path):
    """A path, checked as ``click.Path`` checks it, with the tool's words when it does not do."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            pass
        path = Path(str(value))
        if not path.exists():
            key = "usage_path_missing"
        elif path.is_dir() and not self.dir_okay:
            key = "usage_path_is_folder"
        elif not path.is_dir() and not self.file_okay:
            key = "usage_path_is_file"
        else:
            key = "usage_path_unreadable"
        raise UsageProblem(Message.of(key, name=named(param), path=repr(str(value))), ctx)
