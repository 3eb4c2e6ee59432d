"""REUSE data read as REUSE 3.3 specifies: ``REUSE.toml`` path patterns and precedence.

Only the specification lives here: which annotation of which ``REUSE.toml`` applies to a
file, and how it combines with the file's own information (a ``.license`` sidecar or an SPDX
header); and, the other way round, the patterns and tables that name exactly given files.
Turning REUSE data into declarations is ``declarations.py``'s.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Precedence = Literal["closest", "aggregate", "override"]
PRECEDENCES: tuple[Precedence, ...] = ("closest", "aggregate", "override")


@lru_cache(maxsize=4096)
def toml_pattern(pattern: str) -> re.Pattern[str]:
    """A ``REUSE.toml`` path pattern as a regular expression over paths from its folder.

    ``*`` matches within a folder, ``**`` across folders, ``\\*`` is a literal asterisk
    and ``\\\\`` a literal backslash; every other character, ``?`` included, is itself.
    A ``/`` right after ``**`` is part of the ``**``: ``a/**/b`` also matches ``a/b``.
    """
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and pattern[index + 1] in "\\*":
            out.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        if char == "*":
            if pattern.startswith("**", index):
                out.append(".*")
                index += 2
                if pattern.startswith("/", index):
                    index += 1  # "**/" may match no folder at all
                continue
            out.append("[^/]*")
        elif char != "\\":
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


@lru_cache(maxsize=4096)
def dep5_pattern(pattern: str) -> re.Pattern[str]:
    """A ``.reuse/dep5`` ``Files`` pattern: ``*`` matches across folders, ``?`` one
    character (Debian's copyright format)."""
    out = []
    for char in pattern.lstrip("/"):
        out.append(".*" if char == "*" else "." if char == "?" else re.escape(char))
    return re.compile("".join(out) + r"\Z", re.DOTALL)


@dataclass(frozen=True)
class Annotation:
    """One ``[[annotations]]`` table, in the ``REUSE.toml`` of ``folder``; ``expression`` is
    empty for a table that states only copyright."""

    folder: str  # "" for the top of the repository
    patterns: tuple[str, ...]
    expression: str
    precedence: Precedence
    #: Position in its file: of several tables matching a file, the last one applies.
    index: int

    def matches(self, path: str) -> bool:
        prefix = f"{self.folder}/" if self.folder else ""
        if not path.startswith(prefix):
            return False
        rest = path[len(prefix) :]
        return any(toml_pattern(p).match(rest) for p in self.patterns)


def applicable(annotations: list[Annotation], path: str) -> list[Annotation]:
    """The annotations whose licences apply to a file with no information of its own.

    REUSE 3.3: each ``REUSE.toml`` above the file offers its last matching table. From the
    top folder down, an ``override`` ends the search (deeper files are ignored); every
    ``aggregate`` applies; of the ``closest`` ones, only the deepest.
    """
    by_folder: dict[str, Annotation] = {}
    for annotation in annotations:
        if annotation.matches(path):
            known = by_folder.get(annotation.folder)
            if known is None or annotation.index > known.index:
                by_folder[annotation.folder] = annotation
    chosen: list[Annotation] = []
    closest: Annotation | None = None
    for folder in sorted(by_folder, key=lambda f: (f.count("/") + bool(f), f)):
        annotation = by_folder[folder]
        if annotation.precedence == "closest":
            if annotation.expression:  # a table with only copyright leaves the licence
                closest = annotation
            continue
        chosen.append(annotation)
        if annotation.precedence == "override":
            break
    return [*chosen, *([closest] if closest else [])]


def licences_of(
    annotations: list[Annotation], path: str, own: str | None
) -> tuple[list[str], bool]:
    """The licence expressions that apply to a file, and whether its own (``own``, from a
    sidecar or header) is among them: an ``override`` ignores it, ``aggregate`` adds to it,
    ``closest`` applies only when the file says nothing."""
    found = applicable(annotations, path)
    overridden = any(a.precedence == "override" for a in found)
    out = [a.expression for a in found if a.precedence != "closest" and a.expression]
    uses_own = own is not None and not overridden
    if uses_own and own is not None:
        out.append(own)
    else:
        out.extend(a.expression for a in found if a.precedence == "closest")
    return out, uses_own


# -- writing REUSE.toml --------------------------------------------------------------------------


def exact_patterns(targets: Iterable[str], every_path: Iterable[str]) -> list[str]:
    """REUSE.toml paths that name exactly ``targets`` among ``every_path``.

    Per extension (as written: REUSE patterns are case-sensitive), a folder whose files of
    that extension are all targets is named by one pattern (``img/**.png``, ``**.png`` at
    the top), otherwise its own files by ``img/*.png`` or one by one, and its subfolders
    likewise. No pattern ever names a file that is not a target: a vendored logo beside the
    team's own images stays out of the annotation.
    """
    wanted = set(targets)
    by_suffix: dict[str, list[str]] = {}
    for path in every_path:
        name = path.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        suffix = name[dot:] if dot > 0 and not _GLOB_SPECIAL.search(name[dot:]) else ""
        by_suffix.setdefault(suffix, []).append(path)
    out: list[str] = []
    for suffix in sorted(by_suffix):
        paths = by_suffix[suffix]
        mine = [p for p in paths if p in wanted]
        if not mine:
            continue
        if not suffix:
            out.extend(literal(p) for p in sorted(mine))
            continue
        out.extend(_folder_patterns("", suffix, paths, wanted))
    return out


#: Characters with a meaning in REUSE.toml patterns, escaped with a backslash in a literal.
_GLOB_SPECIAL = re.compile(r"[*\\]")


def literal(path: str) -> str:
    """A path as a REUSE.toml pattern that matches only itself: ``*`` and ``\\`` escaped."""
    return _GLOB_SPECIAL.sub(lambda m: "\\" + m.group(0), path)


def _folder_patterns(folder: str, suffix: str, paths: list[str], wanted: set[str]) -> list[str]:
    prefix = f"{folder}/" if folder else ""
    inside = [p for p in paths if p.startswith(prefix)]
    if not any(p in wanted for p in inside):
        return []
    stem = literal(prefix)
    if all(p in wanted for p in inside):
        if len(inside) == 1:
            return [literal(inside[0])]
        return [f"{stem}**{literal(suffix)}"]
    here = [p for p in inside if "/" not in p[len(prefix) :]]
    out: list[str] = []
    if here and all(p in wanted for p in here) and len(here) > 1:
        out.append(f"{stem}*{literal(suffix)}")
    else:
        out.extend(literal(p) for p in sorted(here) if p in wanted)
    below = sorted({p[len(prefix) :].split("/", 1)[0] for p in inside if p not in here})
    for sub in below:
        out.extend(_folder_patterns(prefix + sub, suffix, inside, wanted))
    return out


def annotation_table(patterns: Sequence[str], holder: str, spdx: str) -> str:
    """One ``[[annotations]]`` table of a REUSE.toml: ``patterns`` under ``spdx``."""
    listed = ",\n".join(f"  {json.dumps(p, ensure_ascii=False)}" for p in patterns)
    return (
        "[[annotations]]\n"
        f"path = [\n{listed},\n]\n"
        f"SPDX-FileCopyrightText = {json.dumps(holder, ensure_ascii=False)}\n"
        f"SPDX-License-Identifier = {json.dumps(spdx)}\n"
    )
