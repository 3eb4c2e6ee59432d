"""Reading README-like documents: headings, sections, prose words and keyword matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..licences import find_mentions

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
#: "#How to help": a heading as GitHub once rendered it, without the space; taken only when it
#: starts a block and reads as a title of several words (not "#hashtag", "#include <x>").
_ATX_TIGHT = re.compile(r"^(#{1,6})([^\W\d_][^#<>{}();=\n]{0,78}?)\s*#*\s*$")
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
        tight = _ATX_TIGHT.match(line)
        if (
            tight
            and len(tight.group(2).split()) >= 2
            and (index == 0 or not lines[index - 1].strip())
        ):
            out.append(Heading(len(tight.group(1)), clean_inline(tight.group(2)), number))
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
            if (
                _RST_UNDERLINE.match(below)
                and not _FENCE.match(below)  # "Run:" above a code block is no title
                and len(below.strip()) >= len(line.strip()) - 1
            ):
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


def excerpt(text: str, limit: int) -> str:
    """``text`` for a quotation: cut at a word before ``limit`` characters, marked " …"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return f"{cut} …"


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
        if is_command_line(line):
            continue  # a shell command left outside a code block ("brew install node")
        count += count_words(_URL.sub(" ", clean_inline(line)))
    return count


def is_command_line(line: str) -> bool:
    """Whether a line is a shell command written on its own ("npm install", "$ cd app"),
    not a sentence that starts with a command's name."""
    return bool(_COMMAND_LINE.match(line)) and not line.rstrip().endswith((".", "!", "?", ":"))


#: A shell command written as a line of its own, outside a code block.
_COMMAND_LINE = re.compile(
    r"^\s*(?:\$\s+)?\\?(?:sudo\s+)?(?:\.{1,2}/[\w./-]*|/(?:usr|bin|opt|etc)/[\w./-]*|brew|npm|npx"
    r"|yarn|pnpm|pip3?|python3?|node|git|curl|wget|gpg|rvm|gem|bundle|rake|rails|foreman"
    r"|docker(?:-compose)?|cd|mkdir|cp|mv|rm|export|source|make|cargo|mvn|gradle|composer"
    r"|apt(?:-get)?|conda|virtualenv|heroku|ng|jekyll|hugo|poetry|pipenv|dotnet|kubectl"
    r"|terraform|uvicorn|flask)\s+\S"
)


def count_words(text: str) -> int:
    """Words in plain text; a Chinese or Japanese character counts as one."""
    unspaced = len(_UNSPACED.findall(text))
    if unspaced:
        text = _UNSPACED.sub(" ", text)
    return unspaced + len(_WORD.findall(text))


def matches_keyword(title: str, keywords: Iterable[str]) -> str | None:
    """The keyword a heading or name matches, or None.

    A heading matches when it is the keyword, starts with it as a whole word, or contains
    a keyword of several words ("How we worked during the hackathon"); a heading that joins
    two topics matches by either ("Editing / contributing", "Setup & contributing"). Chinese
    and Japanese keywords match anywhere in the heading: those languages have no spaces to
    mark where a word ends.
    """
    parts = _JOINED_TOPICS.split(title)
    if len(parts) > 1:
        return next(
            (found for part in [title, *parts] if (found := _matches(part, keywords))), None
        )
    return _matches(title, keywords)


#: What joins two topics in one heading: a slash, an ampersand, a plus, a comma, "and".
_JOINED_TOPICS = re.compile(r"\s*[/&+,]\s*|\s+(?:and|och|und|et|y|e|en|og)\s+", re.IGNORECASE)


def _matches(title: str, keywords: Iterable[str]) -> str | None:
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


# -- READMEs written in other markup ---------------------------------------------------------

_ORG_HEADING = re.compile(r"^(\*+)\s+(?:(?:TODO|DONE)\s+)?(.*?)(?:\s+:[\w@#%:]+:)?\s*$")
_ORG_KEYWORD = re.compile(r"^\s*#\+(\w+):\s*(.*)$")
_ORG_BLOCK = re.compile(r"^\s*#\+(?:begin|end)_(\w+)", re.IGNORECASE)
_ORG_LINK = re.compile(r"\[\[(?:file:)?([^\]]+)\](?:\[([^\]]+)\])?\]")
_ORG_DRAWER = re.compile(r"^\s*:(PROPERTIES|LOGBOOK|END):\s*$", re.IGNORECASE)
_ADOC_HEADING = re.compile(r"^(={1,6})\s+(.+?)(?:\s+=+)?\s*$")
_ADOC_LISTING = re.compile(r"^(-{4,}|\.{4,}|`{3})\s*$")
_ADOC_OTHER_BLOCK = re.compile(r"^(={4,}|\*{4,}|_{4,}|\+{4,}|--|\|={3,})\s*$")
_ADOC_SKIPPED = re.compile(r"^(?::!?[\w-]+!?:(?:\s.*)?|\[[^\]]*\]|//(?!//).*)\s*$")
_ADOC_IMAGE = re.compile(r"\bimage::?([^\s\[]+)\[([^\]]*)\]")
_ADOC_LINK = re.compile(r"(?:\blink:([^\s\[]+)|\b(https?://[^\s\[]+))\[([^\]]*)\]")
_RST_TITLE_MARK = re.compile(r"^([=\-~^\"'`#*+<>_:.!$%&,/;?@\\|])\1+\s*$")
_RST_IMAGE = re.compile(r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?(?:image|figure)::\s*(\S+)")
_RST_DIRECTIVE = re.compile(r"^\.\.(?:\s|$)")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__?")
_CAPS_TITLE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[^\W\d_][^a-z]{2,59}$")
_COLON_TITLE = re.compile(r"^[^\W\d_][^.!?:]{1,39}:\s*$")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)


def markup(name: str) -> str:
    """How a README is written, by its name: "org", "adoc", "rst", "text" or "md"."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "org":
        return "org"
    if suffix in ("adoc", "asciidoc", "asc"):
        return "adoc"
    if suffix in ("rst", "rest"):
        return "rst"
    if suffix in ("txt", "text", ""):
        return "text"
    return "md"


def as_markdown(name: str, text: str) -> str:
    """A README written in org-mode, AsciiDoc, reStructuredText or plain text, as Markdown.

    Line for line: every line keeps its number, so what is found in the view is cited at
    its place in the file. Headings become ``#`` headings of their level, code blocks
    fences, links and images Markdown's, and lines that only direct the markup (settings,
    comments, block delimiters) blank ones. A README without an extension is read as plain
    text unless it has Markdown headings.
    """
    kind = markup(name)
    if kind == "text" and _MARKDOWN_HEADING.search(text):
        kind = "md"
    if kind == "md":
        return text
    lines = text.splitlines()
    if kind == "org":
        lines = _from_org(lines)
    elif kind == "adoc":
        lines = _from_asciidoc(lines)
    else:
        lines = _from_underlined(lines)
        lines = [_rst_line(line) for line in lines] if kind == "rst" else _plain_titles(lines)
    return "\n".join(lines) + ("\n" if text.endswith(("\n", "\r")) else "")


def _from_org(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_drawer = False
    for line in lines:
        drawer = _ORG_DRAWER.match(line)
        if drawer or in_drawer:
            in_drawer = (in_drawer or bool(drawer)) and not (
                drawer and drawer.group(1).upper() == "END"
            )
            out.append("")
        elif match := _ORG_HEADING.match(line):
            out.append("#" * min(len(match.group(1)), 6) + " " + _org_links(match.group(2)))
        elif match := _ORG_BLOCK.match(line):
            verbatim = match.group(1).lower() in ("src", "example", "export")
            out.append("```" if verbatim else "")
        elif match := _ORG_KEYWORD.match(line):
            title = match.group(1).lower() == "title" and match.group(2).strip()
            out.append(f"# {match.group(2).strip()}" if title else "")
        elif line.lstrip().startswith("#") and line.lstrip()[1:2] in ("", " "):
            out.append("")  # a comment
        else:
            out.append(_org_links(line))
    return out


def _org_links(line: str) -> str:
    def link(match: re.Match[str]) -> str:
        target, words = match.group(1), match.group(2)
        return f"[{words or target}]({target})"

    return _ORG_LINK.sub(link, line)


def _from_asciidoc(lines: list[str]) -> list[str]:
    out: list[str] = []
    listing: str | None = None  # the delimiter of the listing block we are in
    in_comment = False
    for line in lines:
        stripped = line.strip()
        if in_comment or re.fullmatch(r"/{4,}", stripped):
            in_comment = in_comment != bool(re.fullmatch(r"/{4,}", stripped))
            out.append("")
        elif listing is not None:
            closes = stripped == listing
            listing = None if closes else listing
            out.append("```" if closes else line)
        elif _ADOC_LISTING.match(stripped):
            listing = stripped
            out.append("```")
        elif match := _ADOC_HEADING.match(line):
            out.append("#" * len(match.group(1)) + " " + _asciidoc_links(match.group(2)))
        elif _ADOC_OTHER_BLOCK.match(stripped) or _ADOC_SKIPPED.match(stripped):
            out.append("")
        else:
            out.append(_asciidoc_links(line))
    return out


def _asciidoc_links(line: str) -> str:
    line = _ADOC_IMAGE.sub(lambda m: f"![{m.group(2)}]({m.group(1)})", line)

    def link(match: re.Match[str]) -> str:
        target = match.group(1) or match.group(2)
        return f"[{match.group(3) or target}]({target})"

    return _ADOC_LINK.sub(link, line)


def _from_underlined(lines: list[str]) -> list[str]:
    """Titles underlined (and perhaps overlined) with a punctuation character, as in
    reStructuredText and plain text, as ``#`` headings; their level is the order in which
    each style of underline first appears, as reStructuredText reads it."""
    out = list(lines)
    styles: list[tuple[str, bool]] = []
    for index in range(len(lines) - 1):
        title, below = lines[index], lines[index + 1]
        mark = _RST_TITLE_MARK.match(below.strip())
        if (
            mark is None
            or not title.strip()
            or _RST_TITLE_MARK.match(title.strip())
            or title.startswith((" ", "\t"))
            or len(below.strip()) < max(len(title.strip()) - 1, 2)
        ):
            continue
        above = lines[index - 1].strip() if index > 0 else ""
        overlined = bool(above) and set(above) == {mark.group(1)}
        style = (mark.group(1), overlined)
        if style not in styles:
            styles.append(style)
        out[index] = "#" * min(styles.index(style) + 1, 6) + " " + title.strip()
        out[index + 1] = ""
        if overlined:
            out[index - 1] = ""
    return out


def _rst_line(line: str) -> str:
    if match := _RST_IMAGE.match(line):
        return f"![]({match.group(1)})"
    if _RST_DIRECTIVE.match(line):
        return ""  # a directive, comment or link target
    return _RST_LINK.sub(r"[\1](\2)", line)


def _plain_titles(lines: list[str]) -> list[str]:
    """In plain text, a short line in capitals ("HOW WE WORKED") or a short line ending in a
    colon ("How we worked:"), after a blank line, is a heading. A line that is a licence's
    name ("MIT", "GPLv3") stays a line of text."""
    out = list(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or line.startswith((" ", "\t", "#")):
            continue
        if index > 0 and lines[index - 1].strip():
            continue
        caps = _CAPS_TITLE.match(stripped) and stripped.upper() == stripped
        if not (caps or _COLON_TITLE.match(stripped)):
            continue
        if find_mentions(f"# Licence\n{stripped}"):
            continue  # read as under a licence heading, where a bare "MIT" is a licence
        out[index] = "## " + stripped.rstrip(":").strip()
    return out


@lru_cache(maxsize=8)
def words_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for all the (lower-case) words: whole words, or anywhere for "©" and the
    like. It is searched in lower-cased text."""
    if not words:
        return None
    parts = [
        rf"(?<!\w){re.escape(w)}(?!\w)" if w[:1].isalnum() and w[-1:].isalnum() else re.escape(w)
        for w in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(parts))


#: A file name or path in prose (``img/bg.jpg``, ``bg.jpg``).
FILE_TOKEN = re.compile(r"[\w./-]+\.\w{2,5}\b")


#: Comments that a page or a README hides from its readers: HTML's, Liquid's and Jinja's,
#: Handlebars', and JSX's.
_COMMENT = re.compile(
    r"<!--.*?-->|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|\{#.*?#\}"
    r"|\{\{!--.*?--\}\}|\{/\*.*?\*/\}",
    re.DOTALL,
)
_COMMENT_OPENERS = ("<!--", "{%", "{#", "{{!", "{/*")


def without_comments(text: str) -> str:
    """``text`` with what its readers never see blanked out, lines kept where they were: a
    statement the maintainers commented out ("<!-- Hide until we agree on licences ... -->")
    states nothing."""
    if not any(opener in text for opener in _COMMENT_OPENERS):
        return text
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
