"""Which files of a snapshot are code, media, licence files or READMEs, as the rules say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..rules import Rules
from ..snapshot import FileEntry, Snapshot
from ..team_config import EMPTY, TeamConfig, ThirdParty
from .interface import Evidence

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
    team: TeamConfig = EMPTY

    @cached_property
    def kept(self) -> tuple[FileEntry, ...]:
        """Files that are the team's own work: not ignored by the rules' globs or the team,
        and not declared by the team as someone else's."""
        ignored = self.rules.is_ignored
        team_ignored = self.team.is_ignored
        return tuple(
            e
            for e in self.snapshot.files()
            if not ignored(e.path) and not team_ignored(e.path) and e.path not in self.declared
        )

    @cached_property
    def declared(self) -> dict[str, ThirdParty]:
        """Files the team declares as someone else's work (`.cts-audit.yml`), by path."""
        if not self.team.third_party:
            return {}
        out = {}
        for entry in self.snapshot.files():
            item = self.team.third_party_for(entry.path)
            if item is not None and not self.rules.is_ignored(entry.path):
                out[entry.path] = item
        return out

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

    def declared_evidence(self, suffixes: frozenset[str] | None) -> tuple[Evidence, ...]:
        """What the team declared as someone else's, for files of ``suffixes`` (None: code)."""
        if not self.declared:
            return ()
        exts = self.rules.files.code_extensions if suffixes is None else suffixes
        found = [
            (path, item)
            for path, item in self.declared.items()
            if path.rsplit(".", 1)[-1].lower() in exts
        ]
        notes = tuple(
            Evidence(
                f"{path}: declared by the team as someone else's work, under {item.licence}"
                f" (from {item.source})",
                path=path,
                licence=item.licence,
                kind="team_third_party",
                params={"path": path, "licence": item.licence, "source": item.source[:200]},
            )
            for path, item in found[:5]
        )
        if len(found) > 5:
            more = len(found) - 5
            notes += (
                Evidence(
                    f"and {more} more declared by the team",
                    path=self.team.path,
                    kind="team_third_party_more",
                    params={"count": more},
                ),
            )
        return notes

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
                if self.rules.is_ignored(entry.path) or self.team.is_ignored(entry.path):
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
