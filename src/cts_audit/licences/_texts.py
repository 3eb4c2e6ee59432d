"""Recognising a whole licence file: exact and near-exact matches against bundled texts."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ._expression import parse
from ._mentions import GNU_NOTICE, find_mentions, gnu_family

#: Text beyond this is never needed to recognise a licence (the longest, LGPL-3.0 with the
#: GPL-3.0 it extends, is 42 KB).
MAX_TEXT = 200_000
#: Near-exact: Sørensen–Dice similarity of the word sets at or above this.
THRESHOLD = 0.90
#: A text whose normalised length differs from a template's by more than this share is not
#: that licence, however alike the word sets (a licence plus pages of other text).
LENGTH_SLACK = 0.25
#: Files up to this size may name their licence instead of holding its text.
SHORT_STATEMENT = 3000

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_COPYRIGHT = re.compile(r"^[\s#*>_-]*(?:copyright\b|\(c\)|©|all rights reserved\b).*$", re.M)
_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+•]|\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)])[ \t]+", re.M)
_APPENDIX = re.compile(r"\bend\s+of\s+terms\s+and\s+conditions\b")
#: A title paragraph names the licence, its version, date or address ("MIT License",
#: "Apache License / Version 2.0, January 2004 / http://www.apache.org/licenses/").
_PARAGRAPH = re.compile(r"\s*(.+?)(?:\n[ \t]*\n|\Z)", re.S)
_TITLE_WORDS = re.compile(r"licen[cs]e|commons|legal code|version|unported|international|universal")
_TITLE_CHARS = 80
#: What stands before the example notice in a GNU appendix ("<one line to give the
#: program's name...>", "Copyright (C) <year> <name of author>"), with or without brackets.
_EXAMPLE_MARK = re.compile(r"<[^<>\n]{1,80}>|one line to give|name of author", re.I)
_SPELLING = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "acknowledgment": "acknowledgement",
    "acknowledgments": "acknowledgements",
    "authorised": "authorized",
    "organisation": "organization",
    "organisations": "organizations",
    "behaviour": "behavior",
    "favour": "favor",
}
_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "&": " and "}
)
#: Creative Commons variants that are >98% alike in wording: a text and a template must
#: agree on these elements. Each CC template names exactly its own elements (checked by test).
_CC_ELEMENTS = {
    "NC": re.compile(r"non-?\s?commercial", re.I),
    "ND": re.compile(r"no-?\s?deriv", re.I),
    "SA": re.compile(r"share-?\s?alike", re.I),
}
_GNU_TITLE = re.compile(r"\b(AFFERO\s+|LESSER\s+|LIBRARY\s+)?GENERAL\s+PUBLIC\s+LICENSE")
_GNU_NAME = re.compile(r"\b(affero\s+|lesser\s+|library\s+)?general\s+public\s+licen[cs]e", re.I)
#: Where the title and the FSF's own example notice live in GNU texts.
_GNU_TITLE_CHARS = 3000
_EXAMPLE_NOTICE_GAP = 400


@dataclass(frozen=True)
class TextMatch:
    """The licence a file holds, how sure that is, and how it was found."""

    licence: str
    confidence: float
    method: str  # "exact" | "dice" | "spdx-header" | "title"


#: How a method is named to people: "dice" is an implementation detail.
METHOD_LABELS = {
    "exact": "exact",
    "dice": "near-exact",
    "spdx-header": "SPDX header",
    "title": "named",
}


@dataclass(frozen=True)
class TextPart:
    """One licence text inside a file, and the lines (1-based, inclusive) it spans."""

    match: TextMatch
    first_line: int
    last_line: int


@dataclass(frozen=True)
class TextSplit:
    """The licence texts a file holds, and the lines that are the author's own words.

    ``parts`` is empty when the file holds no whole licence text (a short statement, an
    unknown text). ``own_lines`` (1-based) are lines no identified text explains: a preface
    ("The code is licensed under:") or a statement between texts ("Images: CC BY 4.0").
    """

    parts: tuple[TextPart, ...]
    own_lines: tuple[int, ...]
    whole: TextMatch | None


@dataclass(frozen=True)
class _Template:
    licence: str
    normalised: str
    words: frozenset[str]
    cc_elements: frozenset[str]
    gnu_family: str | None
    size: int
    #: The words of the text as bundled, title and appendix included, in order: " a b c ".
    sequence: str


def normalise(text: str) -> str:
    """Licence text reduced to what tells licences apart: its words, in order.

    Like licensee: lowercase, no copyright lines, title, URLs, markup, list markers,
    punctuation or the GNU/Apache appendix after "end of terms and conditions"; British
    and American spellings made one.
    """
    text = text[:MAX_TEXT].lower().translate(_PUNCTUATION)
    if appendix := _APPENDIX.search(text):
        text = text[: appendix.start()]
    text = _COPYRIGHT.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _strip_title(text)
    text = _LIST_MARKER.sub(" ", text)
    words = _WORD.findall(text)
    return " ".join(_SPELLING.get(word, word) for word in words)


def _strip_title(text: str) -> str:
    """Without its title paragraphs; measured without whitespace, so wrapping does not matter."""
    for _ in range(2):
        paragraph = _PARAGRAPH.match(text)
        if paragraph is None:
            break
        words = paragraph.group(1)
        if len("".join(words.split())) > _TITLE_CHARS or not _TITLE_WORDS.search(words):
            break
        text = text[paragraph.end() :]
    return text


def _cc_elements(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in _CC_ELEMENTS.items() if pattern.search(text))


def _gnu_family(text: str) -> str | None:
    """GPL, LGPL or AGPL by the title of a GNU text, else None.

    The title is upper case in every GNU text; a notice above it may name another family.
    """
    head = text[:_GNU_TITLE_CHARS]
    match = _GNU_TITLE.search(head) or _GNU_NAME.search(head)
    return gnu_family(match.group(1)) if match else None


def _template(licence: str, text: str) -> _Template:
    norm = normalise(text)
    family = _gnu_family(text) if licence.startswith(("GPL", "LGPL", "AGPL")) else None
    return _Template(
        licence,
        norm,
        frozenset(norm.split()),
        _cc_elements(text),
        family,
        len(text),
        f" {' '.join(_line_words(text))} ",
    )


@cache
def _templates() -> tuple[_Template, ...]:
    """The bundled texts, prepared. Preparing them takes a good part of a small check, so
    the result is kept in the cache folder, under a digest of the texts and of this code."""
    folder = resources.files("cts_audit.licences").joinpath("data")
    texts = {
        item.name.removesuffix(".txt"): item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".txt")
    }
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for licence, text in texts.items():
        digest.update(f"\0{licence}\0{text}".encode())
    stored = _stored_templates(digest.hexdigest()[:16])
    if stored is not None:
        return stored
    out = []
    for licence, text in texts.items():
        out.append(_template(licence, text))
        if licence == "LGPL-3.0-only":
            # SPDX's LGPL-3.0 text carries the GPL-3.0 it extends; COPYING.LESSER does not.
            lesser_only = re.split(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n", text)[0]
            out.append(_template(licence, lesser_only))
    _store_templates(digest.hexdigest()[:16], out)
    return tuple(out)


def _templates_file(digest: str) -> Path:
    from ..paths import cache_dir  # the only state this module keeps, and only as a cache

    return cache_dir() / f"licence-templates-{digest}.json"


def _stored_templates(digest: str) -> tuple[_Template, ...] | None:
    try:
        data = json.loads(_templates_file(digest).read_text(encoding="utf-8"))
        return tuple(
            _Template(
                item["licence"],
                item["normalised"],
                frozenset(item["normalised"].split()),
                frozenset(item["cc_elements"]),
                item["gnu_family"],
                item["size"],
                item["sequence"],
            )
            for item in data
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not made yet, or damaged: prepared again


def _store_templates(digest: str, templates: list[_Template]) -> None:
    data = [
        {
            "licence": t.licence,
            "normalised": t.normalised,
            "cc_elements": sorted(t.cc_elements),
            "gnu_family": t.gnu_family,
            "size": t.size,
            "sequence": t.sequence,
        }
        for t in templates
    ]
    try:
        target = _templates_file(digest)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)  # whole or not at all, also with checks running side by side
    except OSError:
        pass  # a read-only data folder: prepared again next time


def identify_text(text: str) -> TextMatch | None:
    """The licence a whole licence file holds, or None. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return None
    sample = text[:MAX_TEXT]
    if _binary(sample):
        return None
    return _match_template(sample) or _statement(sample)


def _binary(sample: str) -> bool:
    head = sample[:4000]
    if "\x00" in head:
        return True
    readable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in head)
    return readable < 0.9 * len(head)


def _match_template(sample: str) -> TextMatch | None:
    norm = normalise(sample)
    words = frozenset(norm.split())
    if len(words) < 10:
        return None
    elements = _cc_elements(sample)
    family = _gnu_family(sample)
    best: tuple[float, _Template] | None = None
    for template in _templates():
        if template.licence.startswith("CC-") and template.cc_elements != elements:
            continue
        if template.gnu_family is not None and template.gnu_family != family:
            continue
        if norm == template.normalised:
            return TextMatch(_gnu_version(template, sample), 1.0, "exact")
        if abs(len(norm) - len(template.normalised)) > LENGTH_SLACK * len(template.normalised):
            continue
        size, other = len(words), len(template.words)
        # Dice can reach at most 2·min/(sum) even when one set holds the other: a text far
        # shorter or longer than the template cannot match, so skip the intersection.
        if 2 * min(size, other) < THRESHOLD * (size + other):
            continue
        score = 2 * len(words & template.words) / (size + other)
        if best is None or score > best[0]:
            best = (score, template)
    if best is None or best[0] < THRESHOLD:
        return None
    # Equal word sets in another order are still not the exact text.
    confidence = min(round(best[0], 3), 0.999)
    return TextMatch(_gnu_version(best[1], sample), confidence, "dice")


def _gnu_version(template: _Template, text: str) -> str:
    """GNU texts are "-only" unless the file adds its own "or any later version" notice.

    The licence's appendix carries that notice as an example, right after placeholders
    such as "<name of author>": a notice with those just before it does not count.
    """
    if template.gnu_family is None or not template.licence.endswith("-only"):
        return template.licence
    for notice in GNU_NOTICE.finditer(text):
        if not notice.group("later") or gnu_family(notice.group("family")) != template.gnu_family:
            continue
        if _EXAMPLE_MARK.search(text, max(0, notice.start() - _EXAMPLE_NOTICE_GAP), notice.start()):
            continue
        return template.licence.removesuffix("-only") + "-or-later"
    return template.licence


def _statement(text: str) -> TextMatch | None:
    """A short licence file that names one licence instead of holding its text."""
    if len(text) > SHORT_STATEMENT:
        return None
    mentions = find_mentions(text)
    headers = [m for m in mentions if m.kind == "spdx-header"]
    named = {m.licence for m in (headers or mentions)}
    if len(named) != 1:
        return None  # nothing, or several licences routed to parts: not one licence file
    expr = parse(named.pop())
    if not expr.valid or expr.normalised is None:
        return None
    return TextMatch(
        expr.normalised, 0.9 if headers else 0.8, "spdx-header" if headers else "title"
    )


# Several texts in one file ------------------------------------------------------------------

#: A line that only separates ("-----", "=====", "*****").
_SEPARATOR = re.compile(r"^[ \t]*([-=*_~#])\1{2,}[ \t]*$")
#: A file cut into more pieces than this is not searched for several texts.
MAX_PIECES = 40
#: An exact text with more words than this of its own may hold another text after it.
OWN_WORDS = 60
#: Lines of fewer words say too little to be a statement of their own ("MIT License").
OWN_MIN_WORDS = 3


def split_text(text: str) -> TextSplit:
    """The licence texts one file holds, one after another, and the author's own lines.

    A file may hold the whole file's text (``whole``), or several texts in a row: "MIT
    License ... ---- ... Creative Commons Attribution 4.0 International ...". It is cut at
    separator lines, copyright lines and lines that start a known licence; from each piece
    on, the run of pieces that matches a licence best is one text. Several texts are only
    reported when they name at least two licences; otherwise the whole file's match stands.
    Never raises.
    """
    if not isinstance(text, str) or not text.strip():
        return TextSplit((), (), None)
    sample = text[:MAX_TEXT]
    if _binary(sample):
        return TextSplit((), (), None)
    lines = [line.removesuffix("\r") for line in sample.split("\n")]
    whole = _match_template(sample) or _statement(sample)
    if whole is not None and whole.method == "exact":
        # Exact, yet with much wording of its own: what follows a GNU or Apache text's "END
        # OF TERMS AND CONDITIONS" is dropped as its appendix, and may be another licence.
        one = (TextPart(whole, 1, len(lines)),)
        own = _own_lines(lines, one)
        if sum(len(_line_words(lines[n - 1])) for n in own) <= OWN_WORDS:
            return TextSplit(one, own, whole)
    found = _segments(lines)
    if len({part.match.licence for part in found}) >= 2:
        parts = tuple(found)
    elif whole is not None and whole.method in ("exact", "dice"):
        parts = (TextPart(whole, 1, len(lines)),)
    else:
        return TextSplit((), (), whole)
    return TextSplit(parts, _own_lines(lines, parts), whole)


def _segments(lines: list[str]) -> list[TextPart]:
    cuts = _cuts(lines)
    if len(cuts) > MAX_PIECES:
        cuts = [c for c in cuts if _is_title(lines[c]) or c == 0]
        if len(cuts) > MAX_PIECES:
            return []
    bounds = [*cuts, len(lines)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]
    longest = max(len(t.normalised) for t in _templates())
    out: list[TextPart] = []
    start = 0
    while start < len(pieces):
        best: tuple[float, int, TextMatch] | None = None
        size = 0
        for end in range(start, len(pieces)):
            size += sum(len(line) + 1 for line in lines[pieces[end][0] : pieces[end][1]])
            if size > 1.5 * longest:
                break
            chunk = "\n".join(lines[pieces[start][0] : pieces[end][1]])
            match = _match_template(chunk)
            # The shortest run that matches best: what follows a GNU or Apache text's "END
            # OF TERMS AND CONDITIONS" would match as well, being dropped as its appendix.
            if match is not None and (best is None or match.confidence > best[0]):
                best = (match.confidence, end, match)
        if best is not None:
            _, end, match = best
            out.append(TextPart(match, pieces[start][0] + 1, pieces[end][1]))
            start = end + 1
            continue
        first, stop = pieces[start]
        if out and out[-1].last_line == first and _explained(lines[first:stop], out[-1]):
            # The rest of the text before (its appendix, a blank separator): no text starts here.
            out[-1] = TextPart(out[-1].match, out[-1].first_line, stop)
        start += 1
    # LGPL-3.0 is GPL-3.0 plus its own permissions: the file carries both texts, one licence.
    if any(p.match.licence.startswith("LGPL-3.0") for p in out):
        out = [p for p in out if not p.match.licence.startswith("GPL-3.0")]
    return out


def _cuts(lines: list[str]) -> list[int]:
    """Indexes of lines where a new licence text may start."""
    cuts = {0}
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line):
            cuts.add(index + 1)  # a separator ends the text before it
        elif index and (_COPYRIGHT.match(line) or _is_title(line)):
            cuts.add(index)
    return sorted(cut for cut in cuts if cut < len(lines))


def _title_key(text: str) -> str:
    words = _WORD.findall(text.lower().translate(_PUNCTUATION))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@cache
def _titles() -> frozenset[str]:
    """The first lines of the bundled texts ("mit license", "gnu general public license")."""
    folder = resources.files("cts_audit.licences").joinpath("data")
    out = set()
    for item in folder.iterdir():
        if not item.name.endswith(".txt"):
            continue
        first = next((ln for ln in item.read_text(encoding="utf-8").splitlines() if ln.strip()), "")
        if _COPYRIGHT.match(first):
            continue  # copyright lines are cuts of their own
        key = _title_key(first)
        if key:
            out.add(key)
            # Creative Commons' own plain text starts "Attribution 4.0 International".
            out.add(key.removeprefix("creative commons "))
    return frozenset(out)


def _is_title(line: str) -> bool:
    if len(line) > _TITLE_CHARS or not line.strip():
        return False
    key = _title_key(line)
    return bool(key) and any(key == t or key.startswith(t + " ") for t in _titles())


def _sequences(licence: str) -> list[str]:
    base = licence.removesuffix("-or-later")
    names = {licence, f"{base}-only"}
    return [t.sequence for t in _templates() if t.licence in names]


def _in_text(line: str, sequences: list[str]) -> bool:
    """Whether a line is the licence's own wording: its words stand in a row in the text.

    Short lines ("MIT License", a separator) say too little to be anything else.
    """
    words = _line_words(line)
    if len(words) < OWN_MIN_WORDS:
        return True
    run = f" {' '.join(words)} "
    return any(run in sequence for sequence in sequences)


def _explained(lines: list[str], part: TextPart) -> bool:
    """Whether lines after a text are more of it (the rest of its appendix, blank lines)."""
    sequences = _sequences(part.match.licence)
    return all(_in_text(line, sequences) for line in lines)


def _line_words(line: str) -> list[str]:
    text = _URL.sub(" ", line.lower().translate(_PUNCTUATION))
    return [_SPELLING.get(word, word) for word in _WORD.findall(text)]


def _own_lines(lines: list[str], parts: tuple[TextPart, ...]) -> tuple[int, ...]:
    """Lines outside every text, and lines inside one that are not its licence's wording."""
    sequences_of: dict[int, list[str]] = {}
    for part in parts:
        sequences = _sequences(part.match.licence)
        for number in range(part.first_line, part.last_line + 1):
            sequences_of[number] = sequences
    own = []
    for number, line in enumerate(lines, start=1):
        if not _line_words(line):
            continue
        if number not in sequences_of or not _in_text(line, sequences_of[number]):
            own.append(number)
    return tuple(own)
