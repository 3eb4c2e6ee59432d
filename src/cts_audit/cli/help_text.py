"""``--help`` in the run's language.

The English help is written beside each command and option (click's ``help=``). Another
language gives it in its word file: ``help_<command>`` for a command's text,
``help_<command>_<option>`` for an option's (the option's name as click knows it: ``lang``,
``rules_path``), ``help_option_help`` and ``help_option_version`` for click's own, and
``help_usage``, ``help_options``, ``help_commands``, ``help_default``, ``help_required``,
``help_options_metavar`` and ``help_command_metavar`` for the words around them. Where a
word is missing, the English one stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import click

from ..i18n import labels

#: What click writes after an option's help: "[default: 5]", "[required]".
_EXTRA = re.compile(r"\[(default|required)(?=[:;\]])")


def _words(ctx: click.Context) -> dict[str, str] | None:
    """The run's words, or None for English (the help as written)."""
    from .usage import usage_language

    lang = usage_language(ctx)
    return None if lang == "en" else {**_FRAME, **labels(lang)}


#: click's own words, for a language whose word file does not give them.
_FRAME = {
    "help_usage": "Usage:",
    "help_options": "Options",
    "help_commands": "Commands",
    "help_default": "default",
    "help_required": "required",
    "help_options_metavar": "[OPTIONS]",
    "help_command_metavar": "COMMAND [ARGS]...",
}


def _command_key(ctx: click.Context) -> str:
    return "main" if ctx.parent is None else str(ctx.info_name)


@contextmanager
def _worded_params(ctx: click.Context, words: dict[str, str]) -> Iterator[None]:
    """The command's options with their help in ``words`` while the help is written."""
    key = _command_key(ctx)
    saved: list[tuple[click.Option, str | None]] = []
    helper = ctx.command.get_help_option(ctx)
    for param in ctx.command.get_params(ctx):
        if not isinstance(param, click.Option):
            continue
        name = "help" if param is helper else param.name or ""
        said = words.get(f"help_{key}_{name}") or words.get(f"help_option_{name}")
        if said is not None:
            saved.append((param, param.help))
            param.help = said
    try:
        yield
    finally:
        for param, text in saved:
            param.help = text


class WordedHelp:
    """Mixed into the tool's commands and group: ``--help`` in the run's language."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        words = _words(ctx)
        if words is None:
            super().format_usage(ctx, formatter)  # type: ignore[misc]
            return
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        pieces = pieces.replace("[OPTIONS]", words["help_options_metavar"], 1)
        pieces = pieces.replace("COMMAND [ARGS]...", words["help_command_metavar"], 1)
        formatter.write_usage(ctx.command_path, pieces, f"{words['help_usage']} ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        words = _words(ctx)
        said = words.get(f"help_{_command_key(ctx)}") if words else None
        if said is None:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(said)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        words = _words(ctx)
        if words is None:
            super().format_options(ctx, formatter)  # type: ignore[misc]
            return
        rows = []
        with _worded_params(ctx, words):
            for param in ctx.command.get_params(ctx):
                if not isinstance(param, click.Option):
                    continue  # arguments are named in the usage line
                row = param.get_help_record(ctx)
                if row is not None:
                    extra = _EXTRA.sub(lambda m: f"[{words[f'help_{m.group(1)}']}", row[1])
                    rows.append((row[0], extra))
        if rows:
            with formatter.section(words["help_options"]):
                formatter.write_dl(rows)
        if isinstance(ctx.command, click.Group):
            self._format_commands(ctx, formatter, words)

    def _format_commands(
        self, ctx: click.Context, formatter: click.HelpFormatter, words: dict[str, str]
    ) -> None:
        group = ctx.command
        assert isinstance(group, click.Group)
        rows = []
        names = group.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        for name in names:
            command = group.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            said = words.get(f"help_{name}")
            # click's own shortening, of the words in the run's language
            worded = click.Command(name, help=said) if said else command
            short = worded.get_short_help_str(limit)
            rows.append((name, short))
        if rows:
            with formatter.section(words["help_commands"]):
                formatter.write_dl(rows)
