"""Which files of a snapshot are code, media, licence files or READMEs, as the rules say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..rules import Rules
from ..snapshot import FileEntry, Snapshot

_LICENCE_NAME = re.compile(
    r"^(?:un)?licen[cs]es?(?:[-._ ][\w.-]+)?$|^copying(?:[-._][\w.-]+)?$|^copyright(?:\.\w+)?$",
    re.IGNORECASE,
)
_README_NAME = re.compile(r"^read[\s_-]?me(?:[._-][\w.-]*)?$", re.IGNORECASE)
#: Folders whose licence files speak for the repository as a whole.
_ROOT_LIKE = ("", ".github")


@dataclass(frozen=True)
class Classified:
    """The snapshot's files sorted into the groups the checks need; computed once per check run."""

    snapshot: Snapshot
    rules: Rules

    @cached_property
    def kept(self) -> tuple[FileEntry, ...]:
        """Files that are the team's own work: not ignored by the rules' globs."""
        ignored = self.rules.is_ignored
        return tuple(e for e in self.snapshot.files() if not ignored(e.path))

    @cached_property
    def code(self) -> tuple[FileEntry, ...]:
        exts = self.rules.files.code_extensions
        names = self.rules.files.code_names
        by_extension = [e for e in self.kept if e.suffix in exts]
        if not by_extension:
            return ()  # a Makefile or Dockerfile alone is build configuration, not code
        return tuple(e for e in self.kept if e.suffix in exts or e.name in names)

    @cached_property
    def media(self) -> tuple[FileEntry, ...]:
        exts = self.rules.files.media_extensions
        prose = self.rules.files.prose_extensions
        docs_prose = self.rules.checks.media_licence.docs_prose_is_media
        out = []
        for entry in self.kept:
            in_docs = entry.path.lower().startswith("docs/")
            if entry.suffix in exts or (docs_prose and entry.suffix in prose and in_docs):
                out.append(entry)
        return tuple(out)

    @cached_property
    def licence_files(self) -> tuple[FileEntry, ...]:
        """LICENSE/COPYING-like files up to three folders deep, plus everything in LICENSES/."""
        out = []
        for entry in self.snapshot.files():
            if entry.path.count("/") > 3:
                continue
            parent = entry.parent
            in_licenses = parent.rsplit("/", 1)[-1].upper() == "LICENSES"
            if (in_licenses or _LICENCE_NAME.match(entry.name)) and not entry.name.endswith(
                ".license"
            ):
                if self.rules.is_ignored(entry.path):
                    continue
                out.append(entry)
        return tuple(out)

    @cached_property
    def readmes(self) -> tuple[FileEntry, ...]:
        """README files at the top (or, failing that, in .github/ or docs/), best first."""
        for folder in ("", ".github", "docs"):
            found = [
                e
                for e in self.snapshot.files()
                if e.parent == folder and _README_NAME.match(e.name)
            ]
            if found:
                return tuple(sorted(found, key=_readme_rank))
        return ()


def _readme_rank(entry: FileEntry) -> tuple[int, int, str]:
    name = entry.name.lower()
    preferred = {
        "readme.md": 0,
        "readme.markdown": 1,
        "readme.rst": 2,
        "readme": 3,
        "readme.txt": 4,
    }
    return (preferred.get(name, 5), -entry.size, name)


def covers_whole_repository(licence_file: FileEntry) -> bool:
    """A licence file at the top (or in .github/ or LICENSES/) speaks for everything."""
    parent = licence_file.parent
    return parent in _ROOT_LIKE or parent.upper() == "LICENSES"
