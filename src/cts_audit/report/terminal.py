"""Results for a terminal: readable at a glance, colour only where the terminal has it."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping
from typing import Any

import click

from .wording import evidence_text

#: Each status's mark and colour in a terminal (always beside its word, or a legend).
STATUS_STYLE = {
    "pass": ("✔", "green"),
    "warn": ("!", "yellow"),
    "fail": ("✘", "red"),
    "not_applicable": ("–", "bright_black"),
    "not_available": ("?", "magenta"),
    "error": ("✘", "magenta"),
    "waived": ("‖", "cyan"),
}


def status_mark(status: str, labels: Mapping[str, str], width: int = 14) -> str:
    """The status's mark and its word in the output's language, padded to ``width``."""
    mark, colour = STATUS_STYLE[status]
    word = labels.get(f"status_{status}", status)
    return click.style(f"{mark} {word:<{width}}", fg=colour, bold=status in ("fail", "error"))


def _wrapped(text: str, first: str, indent: str, width: int, **style: Any) -> list[str]:
    """``first`` and ``text``, wrapped at ``width`` between words (never inside a word or a
    licence name such as AGPL-3.0-only), the next lines indented by ``indent``."""
    room = max(width - len(indent), 20)
    lines = textwrap.wrap(
        text,
        width=room,
        initial_indent=" " * (len(click.unstyle(first)) - len(indent)),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
    paint = (lambda line: click.style(line, **style)) if style else (lambda line: line)
    return [first + paint(lines[0].lstrip())] + [indent + paint(line) for line in lines[1:]]


def render_check(doc: dict[str, Any], labels: Mapping[str, str], width: int | None = None) -> str:
    """One repository's results for a terminal ``width`` columns wide (the terminal's own
    when not given); long texts wrap between words under their column."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    repo = doc["repository"]
    lang = str(doc.get("language") or "en")
    head = f" @ {repo['commit'][:12]}" if repo.get("commit") else ""
    lines = [
        click.style(f"{repo['name']}{head}", bold=True)
        + click.style(f"  ({labels['rules']}: {doc['rules']['network']})", dim=True),
        "",
    ]
    title_width = max((len(c["title"]) for c in doc["checks"].values()), default=10)
    status_width = max(len(labels.get(f"status_{s}", s)) for s in STATUS_STYLE)
    indent = " " * (2 + 2 + status_width + 1 + title_width + 2)
    # On a narrow terminal the texts go under the title rather than beside it.
    stacked = width - len(indent) < 40
    if stacked:
        indent = " " * 4
    for check in doc["checks"].values():
        mark = status_mark(check["status"], labels, status_width)
        if stacked:
            lines.append(f"  {mark} {check['title']}")
            first = indent
        else:
            first = f"  {mark} {check['title']:<{title_width}}  "
        lines += _wrapped(check["summary"], first, indent, width)
        if check["status"] in ("warn", "fail", "error"):
            fix = f"{indent}{click.style(labels['fix'] + ':', bold=True)} "
            lines += _wrapped(check["fix"], fix, indent, width)
            if check["files"]:
                shown = ", ".join(check["files"][:5])
                more = check["files_total"] - min(5, len(check["files"]))
                extra = f" {labels['and']} {more} {labels['more']}" if more > 0 else ""
                lines += _wrapped(f"{shown}{extra}", f"{indent}{labels['files']}: ", indent, width)
        for ev in check["evidence"][:3]:
            where = ev.get("path") or ""
            if where and ev.get("line"):
                where += f":{ev['line']}"
            note = evidence_text(ev, labels, lang)
            text = f"{where}: {note}" if where and where not in note else note
            lines += _wrapped(
                text, click.style(f"{indent}· ", dim=True), indent + "  ", width, dim=True
            )
    return "\n".join(lines) + "\n"
