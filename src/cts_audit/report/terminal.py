"""Results for a terminal: readable at a glance, colour only where the terminal has it."""

from __future__ import annotations

from typing import Any

import click

_STYLE = {
    "pass": ("✔", "green"),
    "warn": ("!", "yellow"),
    "fail": ("✘", "red"),
    "not_applicable": ("–", "bright_black"),
    "not_available": ("?", "magenta"),
    "error": ("✘", "magenta"),
}


def status_mark(status: str) -> str:
    mark, colour = _STYLE[status]
    return click.style(f"{mark} {status:<14}", fg=colour, bold=status in ("fail", "error"))


def render_check(doc: dict[str, Any], labels: dict[str, str]) -> str:
    repo = doc["repository"]
    head = f" @ {repo['commit'][:12]}" if repo.get("commit") else ""
    lines = [
        click.style(f"{repo['name']}{head}", bold=True)
        + click.style(f"  ({labels['rules']}: {doc['rules']['network']})", dim=True),
        "",
    ]
    width = max((len(c["title"]) for c in doc["checks"].values()), default=10)
    for check in doc["checks"].values():
        lines.append(
            f"  {status_mark(check['status'])} {check['title']:<{width}}  {check['summary']}"
        )
        if check["status"] in ("warn", "fail", "error"):
            indent = " " * (4 + 15 + width + 2)
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
            indent = " " * (4 + 15 + width + 2)
            text = (
                f"{where}: {ev['detail']}" if where and where not in ev["detail"] else ev["detail"]
            )
            lines.append(click.style(f"{indent}· {text}", dim=True))
    return "\n".join(lines) + "\n"
