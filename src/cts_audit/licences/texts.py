"""Recognising a whole licence file: exact and near-exact matches against known texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Text beyond this is never needed to recognise a licence (the longest, GPL-3.0, is ~35 KB).
MAX_TEXT = 200_000
#: Near-exact: Sørensen–Dice similarity of word sets at or above this.
THRESHOLD = 0.90
#: Files up to this size may name their licence instead of holding its text.
SHORT_STATEMENT = 3000

_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|\(c\)|©|all rights reserved).*$", re.I | re.M)
_URL = re.compile(r"https?://|www\.")
_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Words that tell look-alike licences apart; a text and a template must agree on them.
#: CC BY-NC is >98% CC BY (checked over the whole text, for Creative Commons templates);
#: AGPL-3.0 is mostly GPL-3.0 and LGPL names GPL (checked in the title, for the GNU family).
_CC_MARKERS = {
    "noncommercial": re.compile(r"non-?\s?commercial", re.I),
    "noderivatives": re.compile(r"no-?\s?deriv", re.I),
    "sharealike": re.compile(r"share-?\s?alike", re.I),
}
_TITLE_MARKERS = {
    "affero": re.compile(r"affero", re.I),
    "lesser": re.compile(r"lesser|library", re.I),
}
#: The title of a licence text sits in its first few lines.
_TITLE_CHARS = 300
_VARIANTS = {
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "&": "and",
    "licence": "license",
    "copyright holder": "copyright holders",
}
_PLACEHOLDER = re.compile(r"<[^>]{1,60}>|\[[^\]]{1,60}\]")


@dataclass(frozen=True)
class TextMatch:
    licence: str
    confidence: float
    method: str


@dataclass(frozen=True)
class _Template:
    licence: str
    normalised: str
    words: frozenset[str]
    markers: frozenset[str]
    #: How often the text itself holds the FSF's "or any later version" notice.
    later_notices: int


def normalise(text: str) -> str:
    """Licence text reduced to what matters: words, in order, without copyright lines."""
    text = text[:MAX_TEXT].lower()
    for old, new in _VARIANTS.items():
        text = text.replace(old, new)
    text = _COPYRIGHT.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _URL.sub(" ", text)
    return " ".join(_WORDS.findall(text))


def _markers(text: str) -> frozenset[str]:
    cc = {name for name, pattern in _CC_MARKERS.items() if pattern.search(text)}
    head = text.lstrip()[:_TITLE_CHARS]
    title = {name for name, pattern in _TITLE_MARKERS.items() if pattern.search(head)}
    return frozenset(cc | title)


@cache
def _templates() -> tuple[_Template, ...]:
    folder = resources.files("cts_audit.licences").joinpath("data")
    out = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if not item.name.endswith(".txt"):
            continue
        text = item.read_text(encoding="utf-8")
        norm = normalise(text)
        out.append(
            _Template(item.name[:-4], norm, frozenset(norm.split()), _markers(text), _later(text))
        )
    return tuple(out)


def identify_text(text: str) -> TextMatch | None:
    """The licence a whole licence file holds, or None. Never raises."""
    if not text or not isinstance(text, str):
        return None
    sample = text[:MAX_TEXT]
    if sum(ch.isprintable() or ch.isspace() for ch in sample[:2000]) < 0.9 * min(len(sample), 2000):
        return None  # binary or garbage
    norm = normalise(sample)
    words = frozenset(norm.split())
    if len(words) < 3:
        return None
    markers = _markers(sample)
    best: tuple[float, _Template] | None = None
    for template in _templates():
        if not _compatible(template, markers):
            continue
        if norm == template.normalised:
            return TextMatch(_version(template, sample), 1.0, "exact")
        size, other = len(words), len(template.words)
        if size < other * 0.6 or size > other * 1.6:
            continue  # far shorter or longer texts cannot be the same licence
        score = 2 * len(words & template.words) / (size + other)
        if best is None or score > best[0]:
            best = (score, template)
    if best is not None and best[0] >= THRESHOLD:
        return TextMatch(_version(best[1], sample), round(best[0], 3), "dice")
    if len(sample) <= SHORT_STATEMENT:
        return _statement(sample)
    return None


def _statement(text: str) -> TextMatch | None:
    """A short licence file that names its licence instead of holding its text."""
    from .expression import parse
    from .mentions import find_mentions

    mentions = find_mentions(text)
    if not mentions:
        return None
    first = mentions[0]
    expr = parse(first.licence)
    if not expr.valid or expr.normalised is None:
        return None
    confidence = 0.9 if first.kind == "spdx-header" else 0.8
    return TextMatch(expr.normalised, confidence, "title")


def _later(text: str) -> int:
    from .mentions import _GNU_NOTICE

    return sum(1 for m in _GNU_NOTICE.finditer(text) if m.group(4))


def _version(template: _Template, text: str) -> str:
    """GNU texts are "-only" unless the file adds its own "or any later version" notice
    (the licence text's appendix carries one as an example, which does not count)."""
    if template.licence.endswith("-only") and _later(text) > template.later_notices:
        return template.licence.removesuffix("-only") + "-or-later"
    return template.licence


def _compatible(template: _Template, markers: frozenset[str]) -> bool:
    """Whether the guards allow ``template`` for a text with ``markers``."""
    if template.licence.startswith("CC-"):
        keys = set(_CC_MARKERS)
    elif template.licence.startswith(("GPL", "AGPL", "LGPL")):
        keys = set(_TITLE_MARKERS)
    else:
        return True
    return (template.markers & keys) == (markers & keys)
