"""The whole SPDX License List as licence files, pristine and as people write them.

Used by the whole-list test and by ``benchmarks/bench_licence_texts.py``: every bundled text
alone, and variants of each (copyright filled in, title reworded or dropped, Markdown,
re-wrapped lines, a third-party notice appended). The truth for an id is what cts-audit
says of that id when it is declared (its OSI flag in the SPDX list it uses), so a text
identified right passes exactly when its declaration would.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cts_audit.licences import _texts, is_osi, parse

_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>|\[[^\[\]\n]{0,60}\]")
#: A copyright line to fill in: short, with a placeholder ("Copyright (c) <year> <owner>").
_COPYRIGHT_LINE = re.compile(r"^[ \t]*copyright\b[^\n]{0,60}[<\[][^\n]{0,40}$", re.I | re.M)
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)]\s+", re.M)
NOTICE = (
    "\n\n---\n\n## Third-party software\n\n"
    "This project includes Leaflet (BSD-2-Clause), Copyright (c) 2010-2024, Volodymyr "
    "Agafonkin, and OpenStreetMap data (ODbL-1.0).\n"
)


def truth(spdx_id: str) -> bool:
    """Whether a text of this id should pass: the id, declared, is OSI-approved."""
    expression = parse(_texts._EXCEPTIONS.get(spdx_id, spdx_id))
    verdict = is_osi(expression)
    if verdict is None:
        return _texts.bundled_licences()[spdx_id].osi
    return verdict


def same_text() -> dict[str, frozenset[str]]:
    """For each id, the ids (canonical, as reported) whose normalised texts read the same."""
    out: dict[str, set[str]] = {}
    for template in _texts._templates():
        for key in template.ids:
            out.setdefault(key, set()).add(template.licence)
    return {key: frozenset(value) for key, value in out.items()}


def is_right(spdx_id: str, reported: str, classes: dict[str, frozenset[str]]) -> bool:
    """A report names the text's own licence (a GNU "-or-later" counts as its "-only")."""
    wanted = {key.replace("-or-later", "-only") for key in classes.get(spdx_id, frozenset())}
    return reported.replace("-or-later", "-only") in wanted


def _fill(text: str) -> str:
    """Placeholders filled in and a real copyright line first."""

    def name(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1].lower()
        if not _texts._PLACEHOLDER.search(inner):
            return match.group(0)
        return "2024" if re.search(r"year|yyyy|xxxx", inner) else "Jane Doe"

    body = _COPYRIGHT_LINE.sub("Copyright (c) 2024 Jane Doe", _PLACEHOLDER.sub(name, text))
    if "Copyright (c) 2024 Jane Doe" not in body:
        body = f"Copyright (c) 2024 Jane Doe\n\n{body}"
    return body


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


def _is_title(paragraph: str) -> bool:
    lines = paragraph.strip().split("\n")
    return len(lines) <= 2 and all(_texts._is_title_line(line) for line in lines)


def _drop_title(text: str) -> str:
    paragraphs = _paragraphs(text)
    while paragraphs and _is_title(paragraphs[0]) and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs) + "\n"


def _retitle(text: str, name: str) -> str:
    return f"# {name}\n\n{_drop_title(text)}"


def _rewrap(text: str, width: int = 58) -> str:
    out = []
    for paragraph in _paragraphs(text):
        if re.match(r"\s*copyright\b", paragraph, re.I) or _is_title(paragraph):
            out.append(paragraph)
            continue
        indent = re.match(r"\s*(?:\d{1,2}[.)]\s+|[-*•]\s+|\([a-z0-9]\)\s+)?", paragraph)
        lead = indent.group(0) if indent else ""
        words = " ".join(paragraph[len(lead) :].split())
        out.append(
            textwrap.fill(
                words,
                width,
                initial_indent=lead.strip() + " " if lead else "",
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return "\n\n".join(out) + "\n"


def _markdown(text: str) -> str:
    out = []
    for paragraph in _paragraphs(text):
        if _is_title(paragraph) and "\n" not in paragraph.strip():
            out.append(f"## {paragraph.strip()}")
        else:
            out.append(_NUMBERED.sub(r"\1\2. ", paragraph.replace("\t", "    ")))
    return "\n\n".join(out) + "\n"


@dataclass(frozen=True)
class Variant:
    """One way of writing a licence file."""

    name: str
    make: Callable[[str, str], str]


VARIANTS = (
    Variant("as bundled", lambda text, name: text),
    Variant("copyright filled, re-wrapped", lambda text, name: _rewrap(_fill(text))),
    Variant("Markdown, title reworded", lambda text, name: _markdown(_retitle(_fill(text), name))),
    Variant("title dropped, notice appended", lambda text, name: _drop_title(_fill(text)) + NOTICE),
)


def files(variants: tuple[Variant, ...] = VARIANTS) -> Iterator[tuple[str, str, str]]:
    """(id, variant, file text) for every bundled licence and variant."""
    for key, item in sorted(_texts.bundled_licences().items()):
        for variant in variants:
            yield key, variant.name, variant.make(item.text, item.name)


@dataclass
class Figures:
    """What identifying a list of files came to."""

    files: int = 0
    right: int = 0
    unidentified: int = 0
    wrong: int = 0
    false_passes: int = 0
    osi_files: int = 0
    osi_passed: int = 0


def judge(
    spdx_id: str, reported: str | None, figures: Figures, classes: dict[str, frozenset[str]]
) -> str | None:
    """Count one identification; a problem in words, or None."""
    figures.files += 1
    should_pass = truth(spdx_id)
    figures.osi_files += should_pass
    passes = reported is not None and bool(is_osi(parse(reported)))
    problem = None
    if reported is None:
        figures.unidentified += 1
    elif is_right(spdx_id, reported, classes):
        figures.right += 1
    else:
        figures.wrong += 1
        problem = f"{spdx_id} read as {reported}"
    if passes and not should_pass:
        figures.false_passes += 1
        problem = f"{spdx_id} (not OSI-approved) passes as {reported}"
    if passes and should_pass:
        figures.osi_passed += 1
    return problem
