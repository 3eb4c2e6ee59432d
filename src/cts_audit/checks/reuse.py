"""REUSE data read as REUSE 3.3 specifies: ``REUSE.toml`` path patterns and precedence.

Only the reading of the specification lives here: which annotation of which ``REUSE.toml``
applies to a file, and how it combines with the file's own information (a ``.license``
sidecar or an SPDX header). Turning that into declarations is ``declarations.py``'s.
"""

from __future__ import annotations

import re
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
