"""One strict Jinja2 environment: an undefined variable is an error, HTML is autoescaped."""

from __future__ import annotations

import re
from functools import cache

import jinja2

#: One glyph per status, always next to the status in words (never colour or icon alone).
ICONS = {
    "pass": "✅",
    "warn": "⚠️",
    "fail": "❌",
    "not_applicable": "➖",
    "not_available": "❔",
    "error": "🛑",
}
#: The same in HTML, where an emoji font cannot be counted on.
MARKS = {
    "pass": "✓",
    "warn": "!",
    "fail": "✗",
    "not_applicable": "–",
    "not_available": "?",
    "error": "✗",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(value: object) -> str:
    """Text from a repository, made inert in Markdown: no markup, no HTML, no links."""
    text = " ".join(str(value).split())
    # "@name" would notify a stranger on GitHub; the entity shows the same character.
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "&#64;")


def md_code(value: object) -> str:
    """A path or identifier as inline code, safe whatever backticks it holds."""
    text = " ".join(str(value).split()).replace("`", "ˋ")
    return f"`{text}`"


_SAFE = re.compile(r"[^a-z0-9._-]+")


def safe_name(key: str) -> str:
    """A file name for a project or event key, stable and safe on every file system."""
    return _SAFE.sub("-", key.lower()).strip("-.")[:80] or "x"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cts_audit", "report/templates"),
        autoescape=jinja2.select_autoescape(["html", "html.j2", "svg.j2", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["code"] = md_code
    env.globals["icons"] = ICONS
    env.globals["marks"] = MARKS
    env.filters["safe_name"] = safe_name
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
