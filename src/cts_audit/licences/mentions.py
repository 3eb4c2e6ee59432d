"""Licence statements in prose, links and badges, in English and Swedish."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from urllib.parse import unquote

MAX_TEXT = 400_000


@dataclass(frozen=True)
class Mention:
    licence: str
    line: int
    snippet: str
    kind: str  # "spdx-header" | "link" | "badge" | "name"


_SPDX = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+\-() ]{1,200}?)\s*(?:\*/|-->|$)", re.M)

# Creative Commons -------------------------------------------------------------------------
_CC_LINK = re.compile(
    r"creativecommons\.org/(?:licenses|licences)/(by(?:-nc)?(?:-nd|-sa)?)/(\d\.\d)"
    r"|creativecommons\.org/l/(by(?:-nc)?(?:-nd|-sa)?)/(\d\.\d)"
    r"|creativecommons\.org/publicdomain/(zero)/1\.0",
    re.I,
)
_CC_SHORT = re.compile(
    r"(?<![\w/.-])CC[\s_-]?(BY(?:[\s_-](?:NC|ND|SA)){0,2}|0|ZERO)(?:[\s_-]*v?(\d\.\d))?(?![\w])",
    re.I,
)
_EN_PARTS = r"(?:Attribution|Erkännande|Namensnennung|Reconnaissance|Atribución|Attribuzione)"
_CC_LONG = re.compile(
    r"Creative[\s_-]+Commons[\s_-]+(?:licen[cs]e[\s_-]+)?"
    r"(?:(" + _EN_PARTS + r"(?:[\s_-]*(?:Non[\s_-]?Commercial|IckeKommersiell|Icke-Kommersiell"
    r"|Share[\s_-]?Alike|DelaLika|Dela[\s_-]Lika|No[\s_-]?Deriv(?:ative)?s?|IngaBearbetningar"
    r"|Inga[\s_-]Bearbetningar)){0,2})"
    r"|(Zero|CC0))"
    r"(?:[\s_-]+(\d\.\d))?",
    re.I,
)

# Code licences ------------------------------------------------------------------------------
_LICENCE_WORD = re.compile(r"licen[cs]|licens", re.I)
_OR_LATER = re.compile(r"or[\s(]+(?:at your option[)\s]+)?(?:any\s+)?later|\+|eller senare", re.I)
_NAMES: list[tuple[re.Pattern[str], str, bool]] = [
    # (pattern, SPDX id or template, needs licence context on the line)
    (
        re.compile(
            r"\bGNU\s+Affero\s+General\s+Public\s+Licen[cs]e(?:,?\s*v(?:ersion)?\.?\s*(3))?", re.I
        ),
        "AGPL-3.0",
        False,
    ),
    (
        re.compile(
            r"\bGNU\s+(?:Lesser|Library)\s+General\s+Public\s+Licen[cs]e(?:,?\s*v(?:ersion)?\.?\s*(2\.1|3))?",
            re.I,
        ),
        "LGPL-{v}",
        False,
    ),
    (
        re.compile(
            r"\bGNU\s+General\s+Public\s+Licen[cs]e(?:,?\s*v(?:ersion)?\.?\s*([23]))?", re.I
        ),
        "GPL-{v}",
        False,
    ),
    (re.compile(r"(?<![\w-])AGPL[\s-]?v?(3)?(?:\.0)?(?!\w|\.\d)", re.I), "AGPL-3.0", True),
    (re.compile(r"(?<![\w-])LGPL[\s-]?v?(2\.1|3)?(?:\.0)?(?!\w|\.\d)", re.I), "LGPL-{v}", True),
    (re.compile(r"(?<![\w-])GPL[\s-]?v?([23])?(?:\.0)?(?!\w|\.\d)", re.I), "GPL-{v}", True),
    (
        re.compile(
            r"\bApache(?:\s+Software)?(?:\s+Licen[cs]e)?,?\s*(?:v(?:ersion)?\.?\s*)?2(?:\.0)?\b",
            re.I,
        ),
        "Apache-2.0",
        False,
    ),
    (
        re.compile(
            r"\bMozilla\s+Public\s+Licen[cs]e(?:,?\s*(?:v(?:ersion)?\.?\s*)?2(?:\.0)?)?|\bMPL[\s-]?v?2(?:\.0)?\b",
            re.I,
        ),
        "MPL-2.0",
        False,
    ),
    (
        re.compile(r"\bEUPL[\s-]?v?1\.2\b|European\s+Union\s+Public\s+Licen[cs]e", re.I),
        "EUPL-1.2",
        False,
    ),
    (
        re.compile(r"\bBSD[\s-]?([023])[\s-]?Clause\b|\b([23])[\s-]Clause\s+BSD\b", re.I),
        "BSD-{v}-Clause",
        False,
    ),
    (re.compile(r"\bBSD(?:\s+licen[cs]e)?\b", re.I), "BSD-3-Clause", True),
    (re.compile(r"\b0BSD\b"), "0BSD", True),
    (re.compile(r"\bThe\s+Unlicense\b|\bUnlicense\b(?!d)", re.I), "Unlicense", True),
    (re.compile(r"\bISC(?:\s+licen[cs]e)?\b"), "ISC", True),
    (
        re.compile(
            r"\bMIT(?:[\s-]+licen[cs]e[ds]?|[\s-]+licens)?\b(?![\s-]+(?:Media|Press|Technology|university))"
        ),
        "MIT",
        True,
    ),
    (re.compile(r"\bzlib\s+licen[cs]e\b", re.I), "Zlib", False),
]
_LINKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"opensource\.org/licen[cs]es/([A-Za-z0-9.\-]+)", re.I), "{id}"),
    (re.compile(r"gnu\.org/licenses/(agpl|lgpl|gpl)(?:-([23](?:\.\d)?))?", re.I), "{gnu}"),
    (re.compile(r"apache\.org/licenses/LICENSE-2\.0", re.I), "Apache-2.0"),
    (re.compile(r"mozilla\.org/MPL/2\.0", re.I), "MPL-2.0"),
]
#: The FSF's standard notice, over several lines: "...under the terms of the GNU Affero General
#: Public License as published by the Free Software Foundation, either version 3 of the
#: License, or (at your option) any later version."
_GNU_NOTICE = re.compile(
    r"GNU\s+(Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e\s+as\s+published\s+by"
    r"\s+the\s+Free\s+Software\s+Foundation,?\s+(?:either\s+)?version\s+([23](?:\.1)?)"
    r"(\s+of\s+the\s+Licen[cs]e)?(,?\s+or\s+\(?at\s+your\s+option\)?\s+any\s+later\s+version)?",
    re.I,
)
_BADGE = re.compile(r"(?:img\.shields\.io|badgen\.net)/badge/([^)\s\"'>]+)", re.I)


def find_mentions(text: str) -> list[Mention]:
    """Licence statements in ``text``, in order; each once per line."""
    if not text:
        return []
    text = text[:MAX_TEXT]
    found: list[Mention] = []
    seen: set[tuple[str, int]] = set()

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def add(licence: str, start: int, end: int, kind: str) -> None:
        line = bisect.bisect_left(newlines, start) + 1
        if (licence, line) in seen:
            return
        seen.add((licence, line))
        snippet = " ".join(text[start:end].split())[:160]
        found.append(Mention(licence, line, snippet, kind))

    for match in _SPDX.finditer(text):
        add(match.group(1).strip(), match.start(), match.end(), "spdx-header")
    for match in _BADGE.finditer(text):
        decoded = unquote(match.group(1)).replace("--", "\x00").replace("-", " ")
        decoded = decoded.replace("\x00", "-").replace("_", " ")
        if not _LICENCE_WORD.search(decoded):
            continue
        for licence in _names_in(decoded, context=True):
            add(licence, match.start(), match.end(), "badge")
    for match in _CC_LINK.finditer(text):
        add(_cc_from_link(match), match.start(), match.end(), "link")
    for pattern, template in _LINKS:
        for match in pattern.finditer(text):
            link_licence = _link_licence(template, match)
            if link_licence:
                add(link_licence, match.start(), match.end(), "link")
    notices: dict[int, str] = {}
    for match in _GNU_NOTICE.finditer(text):
        family = {"affero": "AGPL", "lesser": "LGPL", "library": "LGPL"}.get(
            (match.group(1) or "").strip().lower(), "GPL"
        )
        version = match.group(2) if "." in match.group(2) else f"{match.group(2)}.0"
        licence = f"{family}-{version}-{'or-later' if match.group(4) else 'only'}"
        first = bisect.bisect_left(newlines, match.start()) + 1
        for covered in range(first, bisect.bisect_left(newlines, match.end()) + 2):
            notices[covered] = family
        add(licence, match.start(), match.end(), "name")
    offset = 0
    for number, raw_line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = _strip_urls(raw_line)
        context = bool(_LICENCE_WORD.search(raw_line))
        for licence, start, end in _names_with_pos(stripped, context):
            if number in notices and licence.startswith(notices[number]):
                continue  # the notice spanning this line already said which version
            add(licence, offset + start, offset + end, "name")
        offset += len(raw_line)
    found.sort(key=lambda m: m.line)
    return found


def _strip_urls(line: str) -> str:
    """URLs replaced by spaces of the same length, so positions still match the line."""
    return re.sub(r"\(?https?://[^\s)]+\)?|!\[[^\]]*\]", lambda m: " " * len(m.group(0)), line)


def _names_in(text: str, context: bool) -> list[str]:
    return [licence for licence, _, _ in _names_with_pos(text, context)]


def _names_with_pos(line: str, context: bool) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _CC_LONG.finditer(line):
        licence = _cc_from_long(match)
        out.append((licence, match.start(), match.end()))
        taken.append(match.span())
    for match in _CC_SHORT.finditer(line):
        if not free(*match.span()):
            continue
        short = _cc_from_short(match)
        if short:
            out.append((short, match.start(), match.end()))
            taken.append(match.span())
    for pattern, template, needs_context in _NAMES:
        if needs_context and not context:
            continue
        for match in pattern.finditer(line):
            if not free(*match.span()):
                continue
            named = _fill(template, match, line[match.end() : match.end() + 60])
            if named:
                out.append((named, match.start(), match.end()))
                taken.append(match.span())
    out.sort(key=lambda item: item[1])
    return out


def _fill(template: str, match: re.Match[str], after: str) -> str | None:
    version = next((g for g in match.groups() if g), None)
    if "{v}" in template:
        if template.startswith("BSD"):
            version = version or "3"
        elif template.startswith("LGPL"):
            version = "2.1" if version == "2.1" else "3.0" if version in ("3", None) else version
        else:
            version = f"{version or '3'}.0"
        template = template.replace("{v}", version)
    if template.startswith(("GPL", "AGPL", "LGPL")):
        suffix = "-or-later" if _OR_LATER.match(after.strip()) or "+" in match.group(0) else "-only"
        return template + suffix
    return template


def _cc(variant: str, version: str | None) -> str:
    if variant in ("0", "ZERO", "CC0"):
        return "CC0-1.0"
    return f"CC-{variant}-{version or '4.0'}"


def _cc_from_link(match: re.Match[str]) -> str:
    if match.group(5):
        return "CC0-1.0"
    variant = (match.group(1) or match.group(3)).upper()
    return _cc(variant, match.group(2) or match.group(4))


def _cc_from_short(match: re.Match[str]) -> str | None:
    variant = re.sub(r"[\s_]+", "-", match.group(1).upper())
    parts = variant.split("-")
    if parts[0] == "BY":
        order = [p for p in ("BY", "NC", "ND", "SA") if p in parts]
        if "ND" in order and "SA" in order:
            return None
        variant = "-".join(order)
    return _cc(variant, match.group(2))


def _cc_from_long(match: re.Match[str]) -> str:
    if match.group(2):
        return "CC0-1.0"
    words = re.sub(r"[\s_-]+", "", match.group(1)).lower()
    parts = ["BY"]
    if "commercial" in words or "kommersiell" in words:
        parts.append("NC")
    if "deriv" in words or "bearbetning" in words:
        parts.append("ND")
    if "alike" in words or "lika" in words:
        parts.append("SA")
    return _cc("-".join(parts), match.group(3))


def _link_licence(template: str, match: re.Match[str]) -> str | None:
    if template == "{id}":
        from .expression import parse

        expr = parse(match.group(1).rstrip(".").replace(".php", "").replace(".html", ""))
        return expr.normalised if expr.valid else None
    if template == "{gnu}":
        family = match.group(1).upper()
        version = match.group(2) or ("2.1" if family == "LGPL" else "3")
        version = version if "." in version else f"{version}.0"
        return f"{family}-{version}-only"
    return template
