"""Reading README-like documents: headings, sections, prose words and keyword matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>_:.])\1{2,}\s*$")
_HTML_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__)\s*:?\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TAG = re.compile(r"<[^>]{0,500}>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
#: Chinese and Japanese are written without spaces between words: each character counts
#: as a word, as word processors count them.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    title: str
    line: int  # 1-based


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading | None  # None for the text before the first heading
    start: int  # first line of the body (1-based)
    end: int  # last line (inclusive)
    body: str


def headings(text: str) -> list[Heading]:
    """Markdown (ATX and setext), reStructuredText, HTML and bold-line headings, outside code."""
    lines = text.splitlines()
    out: list[Heading] = []
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        number = index + 1
        if match := _ATX.match(line):
            out.append(Heading(len(match.group(1)), clean_inline(match.group(2)), number))
            continue
        if (
            index + 1 < len(lines)
            and line.strip()
            and not line.lstrip().startswith(("-", "*", "|"))
        ):
            below = lines[index + 1]
            if _SETEXT.match(below) and len(below.strip()) >= 2:
                out.append(Heading(1 if below.strip()[0] == "=" else 2, clean_inline(line), number))
                continue
            if _RST_UNDERLINE.match(below) and len(below.strip()) >= len(line.strip()) - 1:
                out.append(Heading(2, clean_inline(line), number))
                continue
        if match := _BOLD_LINE.match(line):
            out.append(Heading(4, clean_inline(match.group(1)), number))
            continue
        for match in _HTML_HEADING.finditer(line):
            out.append(Heading(int(match.group(1)), clean_inline(match.group(2)), number))
    return out


def sections(text: str) -> list[Section]:
    """The text cut at every heading; each section runs to the next heading of any level."""
    lines = text.splitlines()
    found = headings(text)
    out: list[Section] = []
    starts = [(None, 1)] + [(h, h.line + 1) for h in found]
    for position, (heading, start) in enumerate(starts):
        end = found[position].line - 1 if position < len(found) else len(lines)
        body = "\n".join(lines[start - 1 : end])
        out.append(Section(heading, start, end, body))
    return out


def clean_inline(text: str) -> str:
    """Heading or line text without Markdown/HTML markup, links reduced to their words."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"[*_`~]+", "", text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, accents kept (Swedish å/ä/ö matter), punctuation and emoji dropped."""
    text = unicodedata.normalize("NFC", text).lower()
    kept = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(kept.split())


def prose_words(text: str) -> int:
    """Words of prose: not code blocks, URLs, images, HTML tags, link targets or headings."""
    count = 0
    in_fence = False
    heading_lines = {h.line for h in headings(text)}
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or number in heading_lines or _REF_DEF.match(line):
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*")):
            continue  # indented code block
        count += count_words(_URL.sub(" ", clean_inline(line)))
    return count


def count_words(text: str) -> int:
    """Words in plain text; a Chinese or Japanese character counts as one."""
    unspaced = len(_UNSPACED.findall(text))
    if unspaced:
        text = _UNSPACED.sub(" ", text)
    return unspaced + len(_WORD.findall(text))


def matches_keyword(title: str, keywords: Iterable[str]) -> str | None:
    """The keyword a heading or name matches, or None.

    A heading matches when it is the keyword, starts with it as a whole word, or contains
    a keyword of several words ("How we worked during the hackathon"). Chinese and
    Japanese keywords match anywhere in the heading: those languages have no spaces to
    mark where a word ends.
    """
    norm = normalise(title)
    if not norm:
        return None
    for keyword in keywords:
        key = normalise(keyword)
        if not key:
            continue
        if norm == key or norm.startswith(key + " "):
            return keyword
        if " " in key and f" {key} " in f" {norm} ":
            return keyword
        if _UNSPACED.search(key) and key in norm:
            return keyword
    return None
