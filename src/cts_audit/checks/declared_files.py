"""Declarations from licence files: ``LICENSE``, ``COPYING``, ``LICENSES/`` and the like, by
their full text, the licence they name, or the statements they make."""

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
    Scoping,
    mention_detail,
)
from .declared_reuse import ReuseData
from .files import Classified, covers_whole_repository


class LicenceFiles(Reader):
    """Licence files, and those whose text matched no known licence."""

    def __init__(
        self,
        classified: Classified,
        problems: list[Problem],
        scoping: Scoping,
        reuse: ReuseData,
    ) -> None:
        super().__init__(classified, problems, scoping)
        self.reuse = reuse
        #: Licence files whose text matched no known licence.
        self.unidentified: list[FileEntry] = []

    @cached_property
    def licence_files(self) -> list[Declaration]:
        out = []
        library: list[tuple[FileEntry, licences.Expression]] = []
        for entry in self.files.licence_files:
            named = self._library_text(entry)
            if named is not None:
                library.append((entry, named))
                continue
            out.extend(self._licence_file(entry))
        used = self.reuse.named_ids() if library else frozenset()
        missing = frozenset().union(*(named.ids - used for _, named in library))
        whole = total = 0
        if missing:
            # Headers were read only in part: look further before calling a text unused.
            found, (whole, total) = self.reuse.search_ids(missing)
            used |= found
        for entry, named in library:
            if named.ids <= used:
                continue
            if whole == total:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"{entry.name} is a licence text that no file's licence information"
                        " names (unused)",
                        kind="unused_licence_text",
                        params={"name": entry.name},
                    )
                )
            else:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"{entry.name} is a licence text that no licence information read"
                        f" names ({whole} of {total} files searched whole)",
                        kind="unnamed_licence_text",
                        params={"name": entry.name, "count": whole, "total": total},
                    )
                )
        return out

    def _library_text(self, entry: FileEntry) -> licences.Expression | None:
        """A text in ``LICENSES/`` of a repository that uses REUSE: a library of licence
        texts, not a declaration (only headers, sidecars and REUSE.toml say what applies
        where). Without any REUSE data, ``LICENSES/MIT.txt`` is the only statement made, and
        is read as a licence file."""
        if not entry.parent.upper().endswith("LICENSES") or not self.reuse.uses_reuse:
            return None
        stem = entry.name.rsplit(".", 1)[0] if "." in entry.name else entry.name
        named = licences.parse(stem)
        return named if named.valid and named.ids else None

    def _licence_file(self, entry: FileEntry) -> list[Declaration]:
        if entry.path not in self.files.stand_in_licence_files:
            whole = covers_whole_repository(entry)
            if not whole and self._copy_of_top(entry):
                return []  # a site generator's copy of the top's licence (docs/LICENSE)
            return self._read(entry, None if whole else (f"{entry.parent}/",))
        # docs/LICENSE and nothing at the top: it speaks for the repository, from a weaker
        # place than the top, and says so.
        return [
            replace(
                decl,
                confidence=round(decl.confidence * STAND_IN_WEIGHT, 3),
                detail=f"{decl.detail or decl.licence} in {entry.path}, with no licence file"
                " at the top: weaker than a licence file at the top",
                note="stand_in_licence_file",
                note_params={"licence": licences.display_name(decl.licence), "path": entry.path},
            )
            for decl in self._read(entry, None)
        ]

    def _names_in_passing(self, text: str) -> bool:
        """Whether every licence a short file names is denied, praised or suggested, not
        given ("This is not a license, but the GPLv3 is very good")."""
        lines = text.splitlines()
        mentions = licences.find_mentions(text, licence_file=True)
        return bool(mentions) and all(
            self.scoping.declares_nothing(lines[m.line - 1], m.snippet) for m in mentions
        )

    def _copy_of_top(self, entry: FileEntry) -> bool:
        """Whether a folder's licence file is the same text as a licence file at the top:
        a copy that a build put there (Jekyll copies LICENSE into the site it builds) says
        nothing of the folder the top's file does not say of the whole repository."""
        tops = [
            e
            for e in self.files.licence_files
            if covers_whole_repository(e) and e.size == entry.size and e.path != entry.path
        ]
        if not tops:
            return False
        text = self.snapshot.read_text(entry.path)
        return bool(text) and any(self.snapshot.read_text(e.path) == text for e in tops)

    def _read(self, entry: FileEntry, covers: tuple[str, ...] | None) -> list[Declaration]:
        scope = self.scoping.from_name(entry.name)
        in_licenses = entry.parent.upper().endswith("LICENSES")
        stem = entry.name.rsplit(".", 1)[0] if "." in entry.name else entry.name
        if in_licenses:
            named = licences.parse(stem)
            if named.valid:
                # REUSE names each text after its SPDX id: the name is the declaration.
                return [
                    Declaration(
                        named,
                        "licence-file",
                        entry.path,
                        None,
                        scope,
                        0.95,
                        covers,
                        f"licence text named {stem}",
                        "licence_file_named",
                        {"name": stem},
                    )
                ]
        text = self.snapshot.read_text(entry.path)
        said = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if len(said) == 1 and len(said[0]) <= 80:
            named = licences.parse(said[0])
            if named.valid and named.ids:
                # A LICENSE file that only says "MIT" (or "Apache-2.0 OR MIT") names it.
                return [
                    Declaration(
                        named,
                        "licence-file",
                        entry.path,
                        1,
                        scope,
                        0.9,
                        covers,
                        f"licence file naming {said[0]}",
                        "licence_file_names",
                        {"name": said[0]},
                    )
                ]
        if text and not _THIRD_PARTY.search(entry.name):
            # One file may hold several texts ("MIT ... ---- ... CC BY 4.0 legal code") and
            # the author's own statements around them ("Images and texts: CC BY 4.0").
            split = licences.split_text(text)
            if split.parts:
                return self._texts(text, split, entry.path, scope, covers)
            match = split.whole
        else:
            match = licences.identify_text(text) if text else None
        if text is not None and (match is None or match.method == "title"):
            # A short file that routes licences ("code is MIT, docs are CC BY") states
            # several, each with its own scope, like a README's licence section. In a longer
            # text that matched no licence, only sentences that state one count ("we waive
            # copyright ... through CC0 1.0"): its title ("MIT License") proves nothing.
            sentences = licences.holds_licence_wording(text)
            stated = self._statements(text, entry.path, scope, covers, sentences)
            if stated:
                return stated
            if match is not None and self._names_in_passing(text):
                # "This is not a license, but the GPLv3 is very good": nothing is given.
                match = None
        if match is None and text is not None:
            line = licences.reserves_all_rights(text)
            if line is not None:
                # "Copyright X. All rights reserved." grants nothing: the code is closed.
                return [
                    Declaration(
                        licences.parse("LicenseRef-all-rights-reserved"),
                        "licence-file",
                        entry.path,
                        line,
                        scope,
                        0.9,
                        covers,
                        "all rights reserved",
                        "all_rights_reserved",
                    )
                ]
        if match is None:
            if text is not None and entry.name.lower().startswith("copyright"):
                return []  # a COPYRIGHT file often lists authors and says nothing of terms
            self.unidentified.append(entry)
            return []
        return [
            Declaration(
                licences.parse(match.licence),
                "licence-file",
                entry.path,
                None,
                scope,
                match.confidence,
                covers,
                *_text_detail(match),
            )
        ]

    def _texts(
        self,
        text: str,
        split: licences.TextSplit,
        path: str,
        scope: Scope,
        covers: tuple[str, ...] | None,
    ) -> list[Declaration]:
        """The licence texts of one file, then the statements in its own lines."""
        several = len(split.parts) > 1
        out = [
            Declaration(
                licences.parse(part.match.licence),
                "licence-file",
                path,
                part.first_line if several else None,
                scope,
                part.match.confidence,
                covers,
                *_text_detail(part.match),
            )
            for part in split.parts
        ]
        named = {part.match.licence for part in split.parts}
        own = set(split.own_lines)
        lines = text.split("\n")
        for mention in licences.find_mentions(text, licence_file=True):
            if mention.line not in own or mention.licence in named:
                continue
            line = lines[mention.line - 1].removesuffix("\r")
            if self.scoping.declares_nothing(line, mention.snippet):
                continue
            expr = licences.parse(mention.licence)
            stated = self.scoping.around(line, mention.snippet)
            if stated is None and not licences.cc_ids(expr):
                continue  # an unscoped name beside a licence text is most often a third party's
            named.add(mention.licence)
            out.append(
                Declaration(
                    expr,
                    "licence-file",
                    path,
                    mention.line,
                    stated or scope,
                    0.85,
                    covers,
                    *mention_detail(mention),
                )
            )
        return out

    def _statements(
        self,
        text: str,
        path: str,
        scope: Scope,
        covers: tuple[str, ...] | None,
        sentences: bool = False,
    ) -> list[Declaration]:
        if len(text) > 3000:
            return []
        lines = text.splitlines()
        out = []
        for mention in licences.find_mentions(text, licence_file=True):
            line = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
            if self.scoping.declares_nothing(line, mention.snippet):
                continue
            if sentences and not _STATES.search(line.rstrip()):
                continue  # a title or heading, or a licence named in passing
            mention_scope = self.scoping.around(line, mention.snippet) or scope
            out.append(
                Declaration(
                    licences.parse(mention.licence),
                    "licence-file",
                    path,
                    mention.line,
                    mention_scope,
                    0.85,
                    covers,
                    *mention_detail(mention),
                )
            )
        return out


#: A licence file in docs/ that stands in for one at the top weighs this share of its own
#: confidence: the same text at the top would be surer.
STAND_IN_WEIGHT = 0.8

#: A sentence that states the licence: "is licensed under", "we waive ... through CC0".
_STATES = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|available|waive|dedicat\w*|under)\b.*[.;:]$", re.I
)

#: Licence files that list what others' work is under, not the project's own licence.
_THIRD_PARTY = re.compile(r"third|3rd|vendor|depend|notice|bundled|external", re.I)


def _text_detail(match: licences.TextMatch) -> tuple[str, str, dict[str, str | int]]:
    """A licence text's note: "MIT License text (exact, 100%)", and its kind and params."""
    how = licences.METHOD_LABELS.get(match.method, match.method)
    name = licences.licence_name(match.licence)
    percent = round(match.confidence * 100)
    detail = f"{name} text ({how}, {match.confidence:.0%})"
    method = match.method.replace("-", "_")
    if method in _TEXT_METHODS:
        return detail, f"licence_text_{method}", {"licence": name, "confidence": percent}
    params: dict[str, str | int] = {"licence": name, "method": how, "confidence": percent}
    return detail, "licence_text", params


#: How a licence text was recognised, each with its own words (``evidence_licence_text_<m>``).
_TEXT_METHODS = frozenset({"exact", "template", "dice", "spdx_header", "title"})
