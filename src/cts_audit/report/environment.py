"""One strict Jinja2 environment: an undefined variable is an error, HTML is autoescaped."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import jinja2
from markupsafe import Markup, escape

from ..explain import is_singular
from .counting import percent, tally_words
from .dates import event_name, event_when, moment
from .wording import evidence_text, notice_text, reuse_toml

#: One glyph per status, always next to the status in words (never colour or icon alone).
ICONS = {
    "pass": "✅",
    "warn": "⚠️",
    "fail": "❌",
    "not_applicable": "➖",
    "not_available": "❔",
    "error": "🛑",
    "waived": "⏸️",
}
#: The same in HTML, where an emoji font cannot be counted on.
MARKS = {
    "pass": "✓",
    "warn": "!",
    "fail": "✗",
    "not_applicable": "–",
    "not_available": "?",
    "error": "✗",
    "waived": "‖",
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


#: Inline code in the rules' texts (`LICENSE`, `.license`): Markdown's single backticks.
_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def html_prose(value: object) -> Markup:
    """A text that may hold Markdown inline code, for HTML: everything is escaped first,
    then each `span` becomes <code>span</code> (its content already escaped)."""
    return Markup(_INLINE_CODE.sub(r"<code>\1</code>", str(escape(str(value)))))


def md_prose(value: object) -> str:
    """Like :func:`md_escape`, but the text's own inline code stays inline code."""
    parts = _INLINE_CODE.split(" ".join(str(value).split()))
    out = []
    for index, part in enumerate(parts):
        if index % 2 and "|" not in part:  # a pipe in code would still end a table cell
            out.append(md_code(part))
        else:
            text = f"`{part}`" if index % 2 else part
            out.append(_MD_SPECIAL.sub(r"\\\1", text).replace("@", "&#64;"))
    return "".join(out)


def noun(number: object, words: Mapping[str, str], key: str, lang: str) -> str:
    """The label ``key`` in the form ``number`` calls for: ``words[key]`` is the plural,
    ``words[key + "_one"]`` the singular (when the language has one)."""
    return words.get(f"{key}_one", words[key]) if is_singular(lang, number) else words[key]


def counted(number: int, words: Mapping[str, str], key: str, lang: str) -> str:
    """``number`` and its noun: "1 project", "2 projects"."""
    return f"{number} {noun(number, words, key, lang)}"


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
    env.filters["prose"] = html_prose
    env.filters["md_prose"] = md_prose
    env.globals["counted"] = counted
    env.globals["tally_words"] = tally_words
    env.globals["percent"] = percent
    env.globals["event_name"] = event_name
    env.globals["event_when"] = event_when
    env.globals["moment"] = moment
    env.globals["noun"] = noun
    env.globals["notice_text"] = notice_text
    env.globals["evidence_text"] = evidence_text
    env.globals["reuse_toml"] = reuse_toml
    env.globals["icons"] = ICONS
    env.globals["marks"] = MARKS
    env.filters["safe_name"] = safe_name
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
