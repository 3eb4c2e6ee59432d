"""Results for a terminal: readable at a glance, colour only where the terminal has it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from .wording import evidence_text

_STYLE = {
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
    mark, colour = _STYLE[status]
    word = labels.get(f"status_{status}", status)
    return click.style(f"{mark} {word:<{width}}", fg=colour, bold=status in ("fail", "error"))


def render_check(doc: dict[str, Any], labels: Mapping[str, str]) -> str:
    repo = doc["repository"]
    lang = str(doc.get("language") or "en")
    head = f" @ {repo['commit'][:12]}" if repo.get("commit") else ""
    lines = [
        click.style(f"{repo['name']}{head}", bold=True)
        + click.style(f"  ({labels['rules']}: {doc['rules']['network']})", dim=True),
        "",
    ]
    width = max((len(c["title"]) for c in doc["checks"].values()), default=10)
    status_width = max(len(labels.get(f"status_{s}", s)) for s in _STYLE)
    indent = " " * (2 + 2 + status_width + 1 + width + 2)
    for check in doc["checks"].values():
        mark = status_mark(check["status"], labels, status_width)
        lines.append(f"  {mark} {check['title']:<{width}}  {check['summary']}")
        if check["status"] in ("warn", "fail", "error"):
            lines.append(f"{indent}{click.style(labels['fix'] + ':', bold=True)} {check['fix']}")
            if check["files"]:
                shown = ", ".join(check["files"][:5])
                more = check["files_total"] - min(5, len(check["files"]))
                extra = f" {labels['and']} {more} {labels['more']}" if more > 0 else ""
                lines.append(f"{indent}{labels['files']}: {shown}{extra}")
        for ev in check["evidence"][:3]:
            where = ev.get("path") or ""
            if where and ev.get("line"):
                where += f":{ev['line']}"
            note = evidence_text(ev, labels, lang)
            text = f"{where}: {note}" if where and where not in note else note
            lines.append(click.style(f"{indent}· {text}", dim=True))
    return "\n".join(lines) + "\n"
