"""Declarations from REUSE data: ``REUSE.toml``, ``.reuse/dep5``, ``.license`` sidecars and
SPDX headers, read as REUSE 3.3 specifies (see ``reuse.py``)."""

from __future__ import annotations

import re
import tomllib
from functools import cached_property, partial
from typing import Literal

from .. import licences
from ..errors import SnapshotReadError
from ..snapshot import FileEntry
from .declaration import (
    HEADER_BYTES,
    SPDX_HEADER,
    Declaration,
    Kind,
    Problem,
    Reader,
    Scope,
    Scoping,
    paragraphs,
)
from .files import Classified
from .reuse import PRECEDENCES, Annotation, Precedence, applicable, licences_of


class ReuseData(Reader):
    """REUSE.toml annotations, dep5 stanzas, sidecars and the SPDX headers of code files."""

    def __init__(self, classified: Classified, problems: list[Problem], scoping: Scoping) -> None:
        super().__init__(classified, problems, scoping)
        #: Every ``[[annotations]]`` table of every REUSE.toml (read with ``reuse``).
        self.annotations: list[Annotation] = []
        self._primary: dict[str, Annotation | Literal[False] | None] = {}

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
        for block_start, block in paragraphs(text):
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
            for decl in self.headers_in(text, entry.path, "sidecar", "all"):
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
            found = self.headers_in(text, f"{path}.license", "sidecar", "all")
            own = (
                " AND ".join(f"({d.licence})" for d in found)
                if len(found) > 1
                else (found[0].licence if found else None)
            )
        return self.reuse_licences(path, own)

    def headers_in(
        self, text: str | None, path: str, kind: Kind, scope: Scope
    ) -> list[Declaration]:
        if not text:
            return []
        found = []
        for match in SPDX_HEADER.finditer(text):
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
            out.extend(self.headers_in(text, entry.path, "spdx-header", "code"))
        return out

    @cached_property
    def uses_reuse(self) -> bool:
        """Whether the repository says file by file what applies (REUSE.toml, dep5, sidecars,
        SPDX headers in its code)."""
        return bool(self.reuse or self.sidecars or self.code_headers)

    def named_ids(self) -> frozenset[str]:
        """The licence ids REUSE data names anywhere (what the texts in LICENSES/ are for)."""
        decls = [*self.reuse, *self.sidecars.values(), *self.code_headers]
        out: set[str] = set()
        for decl in decls:
            out |= decl.expression.ids
            text = decl.expression.normalised or ""
            out |= {m.group(1) for m in re.finditer(r"\bWITH\s+(\S+)", text)}
        return frozenset(out)

    def search_ids(self, wanted: frozenset[str]) -> tuple[frozenset[str], tuple[int, int]]:
        """Which of ``wanted`` an ``SPDX-License-Identifier`` anywhere in a file names (snippet
        tags and headers past the part read for the headers included), searching at most
        ``SEARCH_FILES`` text files, ``SEARCH_BYTES`` of each: the ids found, and how many
        files were searched whole of how many there are."""
        media = self.rules.files.media_extensions
        files = sorted(
            (
                e
                for e in self.snapshot.files()
                if e.suffix not in media
                and not e.parent.upper().endswith("LICENSES")
                and not e.path.startswith(".git/")
            ),
            key=lambda e: (e.path.count("/"), e.path),
        )
        found: set[str] = set()
        whole = 0
        for entry in files[:SEARCH_FILES]:
            try:
                blob = self.snapshot.read(entry.path, SEARCH_BYTES)
            except SnapshotReadError:
                continue
            whole += not blob.truncated
            text = blob.text()
            if not text or "SPDX-License-Identifier" not in text:
                continue
            for decl in self.headers_in(text, entry.path, "spdx-header", "all"):
                found |= decl.expression.ids & wanted
                named = decl.expression.normalised or ""
                found |= {m.group(1) for m in re.finditer(r"\bWITH\s+(\S+)", named)} & wanted
            if found == wanted:
                break
        return frozenset(found), (whole, len(files))


#: Before a text in LICENSES/ is called unused, files are searched for its name: at most this
#: many, this much of each (a snippet's tag can stand anywhere in a file).
SEARCH_FILES = 400
SEARCH_BYTES = 256 * 1024


def _depth(folder: str) -> int:
    return folder.count("/") + 1 if folder else 0


def _escaped(base: str) -> str:
    """A folder as a literal part of a REUSE.toml pattern."""
    return base.replace("\\", "\\\\").replace("*", "\\*")


def _precedence(value: str) -> Precedence:
    return "override" if value == "override" else "aggregate" if value == "aggregate" else "closest"


def _toml_line(text: str, index: int) -> int | None:
    positions = [m.start() for m in re.finditer(r"^\s*\[\[\s*annotations\s*\]\]", text, re.M)]
    return text.count("\n", 0, positions[index]) + 1 if index < len(positions) else None


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
