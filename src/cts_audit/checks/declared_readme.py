"""Declarations from the README: its licence section, badges and licence lines."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from .. import licences
from ..snapshot import FileEntry
from .declaration import (
    Declaration,
    Problem,
    Reader,
    Scope,
    mention_detail,
    paragraphs,
)
from .reuse import literal
from .text import (
    Section,
    as_markdown,
    matches_keyword,
    normalise,
    sections,
    without_comments,
    words_pattern,
)

#: Folders that hold a project's documentation.
_DOCS_FOLDERS = frozenset({"docs", "doc", "documentation", "dokumentation", "wiki", "manual"})
#: A file beside the README that may hold the project's licence grant, and how much is read.
_NOTICE_NAME = re.compile(r"(?:notice|copyright)(?:\.(?:md|txt|markdown))?", re.I)
NOTICE_BYTES = 16 * 1024


class Readme(Reader):
    """Licence statements in the README."""

    @cached_property
    def readme(self) -> list[Declaration]:
        """Licence statements in the README (its licence section, badges and licence lines),
        and the GNU grant a top-level NOTICE or COPYRIGHT file makes for the project."""
        return self._in_readme() + self._notice_grants()

    def _media_named(self, line: str) -> tuple[str, ...]:
        """The media files a README line names, as REUSE patterns that match each alone."""
        return tuple(sorted(literal(p) for p in self.files.media_named(line)))

    def _documentation_media(self, readme: str) -> tuple[str, ...]:
        """What a statement for the documentation covers: the folders of documentation that
        hold media, and the media files the README itself shows or names."""
        folders = {
            f"{e.path.split('/', 1)[0]}/"
            for e in self.files.media
            if "/" in e.path and e.path.split("/", 1)[0].lower() in _DOCS_FOLDERS
        }
        return (*sorted(folders), *self._media_named(readme))

    def _notice_grants(self) -> list[Declaration]:
        """ "This program is free software ... under the terms of the GNU Affero General
        Public License ... either version 3 of the License, or (at your option) any later
        version": the project's own grant, first in its NOTICE, before the credits of what
        it includes. Only such a grant counts there; the licences after it are others'."""
        out: list[Declaration] = []
        for entry in self.snapshot.in_dir(""):
            if entry.kind != "file" or not _NOTICE_NAME.fullmatch(entry.name):
                continue
            text = self.snapshot.read_text(entry.path, NOTICE_BYTES)
            mentions = licences.find_mentions(text) if text else []
            if not mentions or "free software foundation" not in mentions[0].snippet.lower():
                continue
            grant = mentions[0]
            lines = text.splitlines() if text else []
            line = lines[grant.line - 1] if 0 < grant.line <= len(lines) else ""
            if self.scoping.declares_nothing(line, grant.snippet):
                continue
            out.append(
                Declaration(
                    licences.parse(grant.licence),
                    "readme",
                    entry.path,
                    grant.line,
                    "all",
                    0.75,
                    None,
                    *mention_detail(grant),
                )
            )
        return out

    def _in_readme(self) -> list[Declaration]:
        if not self.files.readmes:
            return []
        entry = self.files.readmes[0]
        text = self.snapshot.read_text(entry.path)
        if not text:
            return []
        text = without_comments(as_markdown(entry.name, text))
        headings = self.rules.keywords.all("licence_headings")
        credits = self.rules.keywords.all("credits_headings")
        lines = text.splitlines()
        licence_lines: set[int] = set()
        credit_lines: set[int] = set()
        section_scope: dict[int, Scope | None] = {}
        named_headings: list[licences.Mention] = []
        silent: set[int] = set()  # headings naming a licence over another work's words
        credited: list[int] = []  # levels of the "Credits" headings the section stands under
        for section in sections(text):
            title = normalise(section.heading.title) if section.heading else ""
            level = section.heading.level if section.heading else 0
            credited = [c for c in credited if c < level]
            is_licence = (
                any(f" {h} " in f" {title} " for h in headings)
                or title in headings
                or bool(title and matches_keyword(title, headings))
            )
            # "Credits", "Acknowledgements": the licences of other people's work. So is a
            # licence heading that names others first ("Third-party licenses"), unlike one
            # that names the project's licence first ("License and credits"), and so are the
            # sections under a credits heading ("### MIT License" of the map library).
            credit_word = matches_keyword(title, credits) if title else None
            is_credits = bool(credited) or (
                credit_word is not None
                and (not is_licence or _first(title, credit_word) < _first_of(title, headings))
            )
            if is_credits:
                is_licence = False
                credited.append(level)
                if section.heading:
                    credit_lines.add(section.heading.line)
            scope = self.scoping.of(title) if section.heading else None
            named = self._licence_heading(section) if section.heading and not is_credits else None
            if named is not None:
                mention, declares = named
                # "## CC0 1.0 Universal" over the dedication's words is a licence section;
                # "## Apache License 2.0" over "the engine we forked from..." is not.
                is_licence = declares
                if declares:
                    named_headings.append(mention)
                    licence_lines.add(mention.line)
                    section_scope[mention.line] = scope
                else:
                    silent.add(mention.line)
            for number in range(section.start, section.end + 1):
                section_scope[number] = scope
                if is_licence:
                    licence_lines.add(number)
                if is_credits:
                    credit_lines.add(number)
        out: list[Declaration] = []
        guessed: set[int] = set()  # indexes in ``out`` whose scope the line did not say
        credit = words_pattern(self.rules.keywords.all("credit_lines"))
        parts = words_pattern(self.rules.keywords.all("some_parts"))
        for mention in _choices(licences.find_mentions(text), lines):
            if mention.line in silent:
                continue
            if mention.line in credit_lines and not licences.cc_ids(
                licences.parse(mention.licence)
            ):
                # "Built with Leaflet (BSD-2-Clause)": a licence of a tool the team used. A
                # Creative Commons licence there ("Image credits") is of media in the project.
                continue
            line_text = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
            in_section = mention.line in licence_lines
            says_licence = re.search(r"licen[cs]|licens", line_text, re.I) is not None
            scope = self.scoping.around(line_text, mention.snippet)
            # "Images: CC BY-SA 4.0", "Content is CC BY-SA 4.0": a Creative Commons licence
            # named for part of the work is a statement, licence word or not.
            # So is the Public Domain Mark ("The photos carry the Public Domain Mark 1.0").
            scoped_cc = scope is not None and (
                bool(licences.cc_ids(licences.parse(mention.licence)))
                or mention.licence == licences.PUBLIC_DOMAIN_MARK
            )
            if not (in_section or says_licence or scoped_cc or mention.kind != "name"):
                continue  # a licence named in passing (a dependency, an example) declares nothing
            if self.scoping.declares_nothing(line_text, mention.snippet):
                continue
            if self.scoping.introduces_examples(_list_introduction(lines, mention.line)):
                continue  # "Some licences we have used in other projects:" and a list
            missing = self._missing_pointer(line_text, entry)
            if missing is not None:
                # "MIT License - see the LICENSE.md file", and there is no such file: the
                # README's template promised a licence the team has not added yet.
                self.problems.append(
                    Problem(
                        entry.path,
                        f"names {mention.snippet} and points to {missing}, which is not there:"
                        " not counted",
                        mention.line,
                        kind="missing_licence_file",
                        params={"text": mention.snippet, "name": missing},
                    )
                )
                continue
            # "mining.svg: by Yu Luck from the Noun Project (CC-BY)": that file's licence. (A
            # line that says what it covers, "all images, logo.png too", is for all of it.)
            is_credit = credit is not None and credit.search(line_text.lower()) is not None
            if parts is not None and parts.search(line_text.lower()):
                # "certain parts of this repo ... the following files are public domain:" and
                # a list: those files alone, and none of the media when it names none.
                listed = self._media_named(_with_list_after(lines, mention.line))
                if not listed:
                    continue
                files_named, is_credit = listed, True
            else:
                files_named = self._media_named(line_text) if scope is None or is_credit else ()
            if files_named:
                scope, said_all = "media", False
            elif is_credit:
                continue  # "Photo by A. Person, CC BY" and no file named: one work's credit
            elif scope == "media" and self.scoping.only_docs(line_text):
                # "The documentation is released under CC BY 4.0": the documentation's media,
                # not the logos and fonts elsewhere in the repository.
                files_named = self._documentation_media(text)
                if not files_named:
                    self.problems.append(
                        Problem(
                            entry.path,
                            f"{mention.snippet} is for the documentation, which has no media",
                            mention.line,
                            kind="docs_statement",
                            params={"text": mention.snippet},
                        )
                    )
                    continue
                said_all = False
            else:
                if scope is None:
                    scope = section_scope.get(mention.line)
                if scope is None:
                    scope = "all"
                    guessed.add(len(out))
                    said_all = False
                else:
                    said_all = scope == "all"
            out.append(
                Declaration(
                    licences.parse(mention.licence),
                    "readme",
                    entry.path,
                    mention.line,
                    scope,
                    0.8 if in_section else 0.75 if mention.kind != "name" else 0.6,
                    files_named or None,
                    *mention_detail(mention),
                    said_all=said_all,
                )
            )
        for heading in named_headings:
            if not any(d.line == heading.line for d in out):
                # "## MIT" alone: no licence is found in a bare name without the heading.
                out.append(
                    Declaration(
                        licences.parse(heading.licence),
                        "readme",
                        entry.path,
                        heading.line,
                        section_scope.get(heading.line) or "all",
                        0.8,
                        None,
                        *mention_detail(heading),
                    )
                )
        return _scopes_from_paragraph(_versions_named(out), guessed, text)

    def _licence_heading(self, section: Section) -> tuple[licences.Mention, bool] | None:
        """A heading that is only a licence's name ("CC0 1.0 Universal", "MIT License",
        "MIT"), and whether it declares that licence: over the licence's text or a sentence
        about reuse it does, over words of anything else ("MIT" among the partners, another
        project's licence) it does not."""
        assert section.heading is not None
        title = section.heading.title
        found = licences.find_mentions(title)
        if len(found) == 1:
            licence, snippet = found[0].licence, found[0].snippet
        else:
            named = licences.one_licence(title)
            if named is None:
                return None
            licence, snippet = named, title.strip()
        rest = normalise(title.replace(snippet, " ")).split()
        if any(word not in _NAME_WORDS and not word.replace("v", "").isdigit() for word in rest):
            return None
        body = section.body.strip()
        first = body.split("\n\n", 1)[0]
        # The words under the heading say whose licence it is ("...we forked from is under
        # this licence"): each sentence is read as if it named the licence at its end.
        declares = bool(_LICENCE_WORDS.search(body[:2000])) and not any(
            self.scoping.declares_nothing(f"{sentence.rstrip(' .')} {snippet}", snippet)
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(first.split()))
        )
        return licences.Mention(licence, section.heading.line, snippet, "name"), declares

    def _missing_pointer(self, line: str, readme: FileEntry) -> str | None:
        """The licence file a README line points to ("see LICENSE.md", "[LICENSE](LICENSE)")
        when the repository has no such file; None when it has, or the line points nowhere."""
        pointers = list(_FILE_POINTER.finditer(line))
        if any(p.group("link") for p in pointers):
            pointers = [p for p in pointers if p.group("link")]  # "[LICENSE](docs/LICENSE)"
        for found in pointers:
            target = (found.group("link") or found.group("name") or "").strip()
            if not target or "://" in target:
                continue
            target = target.removeprefix("./").split("#")[0].rstrip("/")
            base = readme.parent
            # "see LICENCE" and the file is LICENSE: one name in two spellings.
            sought = _spelling(target)
            wanted = {sought, _spelling(f"{base}/{target}") if base else sought}
            names = {sought.rsplit("/", 1)[-1]}
            for file in self.snapshot.files():
                if _spelling(file.path) in wanted:
                    return None
                name = _spelling(file.name)
                if "/" not in target and file.parent in ("", base) and name in names:
                    return None
                stem = name.rsplit(".", 1)[0]
                if "." not in target and file.parent in ("", base) and stem == sought:
                    return None  # "see LICENSE" and there is LICENSE.md
            return target
        return None


def _spelling(name: str) -> str:
    """A file name compared as a reader would: any case, licence and license alike."""
    return name.lower().replace("licence", "license")


def _first(title: str, word: str) -> int:
    """Where ``word`` first stands in a normalised heading (its length when it does not)."""
    at = f" {title} ".find(f" {normalise(word)} ")
    return at if at >= 0 else len(title)


def _first_of(title: str, words: frozenset[str]) -> int:
    return min((_first(title, w) for w in words), default=len(title))


def _versions_named(found: list[Declaration]) -> list[Declaration]:
    """A licence named without a version ("the European Union Public Licence") where the
    README names a version of it elsewhere ("EUPL 1.1") is that version: the name without
    one is not counted as another licence (its evidence stays on the versioned one)."""
    versioned = {_family(d) for d in found if any(ch.isdigit() for ch in d.detail)}
    return [
        d
        for d in found
        if any(ch.isdigit() for ch in d.detail) or _family(d) not in versioned or not _family(d)
    ]


def _family(declaration: Declaration) -> str:
    """ "EUPL" for EUPL-1.2, "GPL" for GPL-3.0-or-later, "CC-BY-SA" for CC-BY-SA-4.0: the
    licence without its version; "" for an expression of several licences."""
    ids = declaration.expression.ids
    if len(ids) != 1:
        return ""
    (spdx_id,) = ids
    return re.sub(r"-\d+(?:\.\d+)*(?:-only|-or-later|\+)?$", "", spdx_id)


#: Words a licence's name may carry in a heading besides the name ("CC0 1.0 Universal").
_NAME_WORDS = frozenset(
    {
        "license",
        "licence",
        "licens",
        "lizenz",
        "universal",
        "international",
        "unported",
        "generic",
        "public",
        "domain",
        "dedication",
        "version",
        "the",
    }
)

#: Words of a licence's text or of a sentence about reuse, under a heading that names one.
_LICENCE_WORDS = re.compile(
    r"licen[cs]|lizenz|copyright|©|\(c\)|permission|permitted|waive|public domain"
    r"|free to (?:use|reuse|copy|share)|reuse|re-use|redistribut|upphovsr",
    re.IGNORECASE,
)

#: A README line pointing to a licence file: a Markdown link to it, or its name in capitals.
_FILE_POINTER = re.compile(
    r"\]\(\s*<?(?P<link>[^)\s>]*(?i:licen[cs]e|copying)[^)\s>]*)>?\s*\)"
    r"|(?<![\w/.-])(?P<name>(?:LICEN[CS]E|COPYING)(?:[.-][\w.-]*\w)?"
    r"|(?i:licen[cs]e|copying)\.(?i:md|txt|rst|markdown))(?![\w/])"
)

#: What stands between two licence names that are a choice: "MIT or Apache-2.0".
_CHOICE = re.compile(
    r"^\s*(?:licen[cs]es?)?\s*,?\s*(?:or|eller|oder|ou|o|/)\s*(?:the\s+)?$", re.IGNORECASE
)


def _choices(mentions: list[licences.Mention], lines: list[str]) -> list[licences.Mention]:
    """Two licences named on one line as a choice ("MIT or Apache-2.0, at your option")
    are one statement, ``MIT OR Apache-2.0``, not two that disagree."""
    out: list[licences.Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.line == mention.line
            and last.kind == mention.kind == "name"
            and 0 < mention.line <= len(lines)
        ):
            line = " ".join(lines[mention.line - 1].split())
            start = line.find(last.snippet)
            end = line.find(mention.snippet, start + len(last.snippet)) if start >= 0 else -1
            if end >= 0 and _CHOICE.match(line[start + len(last.snippet) : end]):
                out[-1] = licences.Mention(
                    f"{last.licence} OR {mention.licence}",
                    mention.line,
                    line[start : end + len(mention.snippet)],
                    "name",
                )
                continue
        out.append(mention)
    return out


def _scopes_from_paragraph(
    decls: list[Declaration], guessed: set[int], text: str
) -> list[Declaration]:
    """A link or badge after "The images are licensed under CC BY-SA 3.0, see [here](...)"
    speaks for the images too: it takes the scope its paragraph gave the same licence."""
    if not guessed:
        return decls
    paragraph: dict[int, int] = {}
    for start, block in paragraphs(text):
        for offset in range(block.count("\n") + 1):
            paragraph[start + offset] = start
    said = {
        (paragraph.get(d.line or 0), d.licence): d.scope
        for index, d in enumerate(decls)
        if index not in guessed
    }
    out = []
    for index, decl in enumerate(decls):
        key = (paragraph.get(decl.line or 0), decl.licence)
        scope = said.get(key) if index in guessed else None
        out.append(replace(decl, scope=scope, said_all=scope == "all") if scope else decl)
    return out


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+\S")


def _list_introduction(lines: list[str], number: int) -> str:
    """The line that introduces the list item on line ``number`` (1-based), when it is one:
    the nearest line above the list that is not blank and not an item of it."""
    if not 0 < number <= len(lines) or not _LIST_ITEM.match(lines[number - 1]):
        return ""
    at = number - 2
    while at >= 0 and (_LIST_ITEM.match(lines[at]) or not lines[at].strip()):
        at -= 1
    return lines[at] if at >= 0 and lines[at].rstrip().endswith(":") else ""


def _with_list_after(lines: list[str], number: int) -> str:
    """Line ``number`` (1-based) and the list that follows it, after at most one blank line."""
    out = [lines[number - 1]] if 0 < number <= len(lines) else []
    at = number
    if at < len(lines) and not lines[at].strip():
        at += 1
    while at < len(lines) and _LIST_ITEM.match(lines[at]):
        out.append(lines[at])
        at += 1
    return "\n".join(out)
