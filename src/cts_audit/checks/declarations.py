"""Every licence declaration a snapshot makes, with where it was made and what it covers.

Gathering is shared by the code and media checks; judging stays in each check. The
places read, strongest first, each by a reader of its own: REUSE data (``REUSE.toml``,
``.reuse/dep5``, ``.license`` sidecars, SPDX headers; ``declared_reuse.py``), licence files
(``declared_files.py``), package manifests (``declared_manifests.py``), the README
(``declared_readme.py``), and, for the media only, contributor terms and site footers
(``declared_elsewhere.py``). All speak in one :class:`~.declaration.Declaration` type.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from .. import licences
from ..snapshot import FileEntry
from .declaration import (
    HEADER_BYTES,
    MANIFEST_BYTES,
    Declaration,
    Kind,
    Problem,
    Scope,
    Scoping,
    reuse_glob,
)
from .declared_elsewhere import Elsewhere
from .declared_files import LicenceFiles
from .declared_manifests import Manifests
from .declared_readme import Readme
from .declared_reuse import ReuseData
from .files import Classified
from .interface import Evidence

__all__ = [
    "HEADER_BYTES",
    "MANIFEST_BYTES",
    "Declaration",
    "Declarations",
    "Kind",
    "Problem",
    "Scope",
    "problem_evidence",
    "reuse_glob",
]


class Declarations:
    """All declarations of one snapshot, gathered lazily and at most once."""

    def __init__(self, classified: Classified) -> None:
        self.files = classified
        self.snapshot = classified.snapshot
        self.rules = classified.rules
        self.problems: list[Problem] = []
        scoping = Scoping(self.rules)
        self._reuse = ReuseData(classified, self.problems, scoping)
        self._licence_files = LicenceFiles(classified, self.problems, scoping, self._reuse)
        self._manifests = Manifests(classified, self.problems, scoping)
        self._readme = Readme(classified, self.problems, scoping)
        self._elsewhere = Elsewhere(classified, self.problems, scoping)

    @property
    def reuse(self) -> list[Declaration]:
        """``REUSE.toml`` annotations and ``.reuse/dep5`` stanzas."""
        return self._reuse.reuse

    @property
    def sidecars(self) -> dict[str, Declaration]:
        """``X.license`` files next to ``X``, as REUSE's precedence lets them speak."""
        return self._reuse.sidecars

    @property
    def code_headers(self) -> list[Declaration]:
        """SPDX headers of a sample of code files."""
        return self._reuse.code_headers

    def reuse_licence(self, path: str) -> list[str]:
        """The licence expressions REUSE 3.3 gives a file."""
        return self._reuse.reuse_licence(path)

    @cached_property
    def licence_files(self) -> list[Declaration]:
        return _for_data(self._licence_files.licence_files)

    @property
    def unidentified(self) -> list[FileEntry]:
        """Licence files whose text matched no known licence."""
        return self._licence_files.unidentified

    @cached_property
    def manifests(self) -> list[Declaration]:
        return _for_data(self._manifests.manifests)

    @cached_property
    def readme(self) -> list[Declaration]:
        return _for_data(self._readme.readme)

    @property
    def elsewhere(self) -> list[Declaration]:
        """Creative Commons statements in contributor terms and a static site's footer."""
        return self._elsewhere.statements

    @property
    def elsewhere_code(self) -> list[Declaration]:
        """The code's licence as a site's footer, imprint or contributor terms state it."""
        return self._elsewhere.code_statements

    @cached_property
    def all(self) -> list[Declaration]:
        return [*self.reuse, *self.licence_files, *self.manifests, *self.readme]


def _for_data(decls: list[Declaration]) -> list[Declaration]:
    """Declarations of a licence made for data (ODbL, PDDL, CDLA...) speak for the data,
    whatever their file is named: "the code is under ODbL" is never what they say."""
    return [
        replace(d, scope="data")
        if d.scope != "data" and licences.is_data_licence(d.expression)
        else d
        for d in decls
    ]


#: Problems whose English words are whole sentences, not a reason a file was unusable.
_SAID_AS_IS = frozenset(
    {"too_large", "missing_licence_file", "unused_licence_text", "unnamed_licence_text"}
)


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
