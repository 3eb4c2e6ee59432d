"""Which files of a snapshot are code, media, licence files or READMEs, as the rules say."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cached_property

from .. import licences
from ..errors import SnapshotReadError
from ..rules import Rules
from ..snapshot import FileEntry, Snapshot
from ..team_config import EMPTY, TeamConfig, ThirdParty
from .interface import Evidence
from .text import FILE_TOKEN

#: LICENSE, LICENCE.md, LICENSE-MIT, COPYING, and a licence's name before it, as Ruby and
#: Rails projects name theirs (MIT-LICENSE, GPL-LICENSE.txt).
_LICENCE_NAME = re.compile(
    r"^(?:(?:mit|isc|bsd|apache|[al]?gpl|mpl|eupl|cc0|cc-by(?:-nc|-nd|-sa)*)[-_.])?"
    r"(?:un)?licen[cs]es?(?:[-._ ][\w.-]+)?$|^copying(?:[-._][\w.-]+)?$|^copyright(?:\.\w+)?$",
    re.IGNORECASE,
)
#: A licence text saved under its licence's id at the top ("GNU-AGPL-3.0.txt", "MIT.md").
_ID_NAME = re.compile(
    r"^(?:(?i:gnu)[-_])?(?P<id>[A-Za-z0-9][\w.+-]*?)(?:\.(?:txt|md|markdown|rst))?$"
)
#: Ids without a version that name a licence unmistakably as a file name; others without one
#: ("json", "vim", "ruby") are as likely notes on a topic.
_UNVERSIONED_IDS = frozenset({"mit", "isc", "0bsd", "unlicense", "wtfpl", "zlib"})
#: Licence families whose name alone names a licence text ("AGPL.txt", "GPL.md"): which
#: version is for the text to say.
_FAMILY_NAMES = frozenset({"gpl", "agpl", "lgpl", "mpl", "eupl"})
_README_NAME = re.compile(r"^read[\s_-]?me(?:[._-][\w.-]*)?$", re.IGNORECASE)
_PREFIXED_README = re.compile(r"^[\w.-]+?read[\s_-]?me\.(?:md|markdown|rst|txt)$", re.IGNORECASE)


def is_readme_name(name: str) -> bool:
    """Whether GitHub and readers take ``name`` for a README (README.md, readme.rst...)."""
    return _README_NAME.match(name) is not None


#: Folders of what a site serves as it is (scripts, styles, images): a project copied into
#: one of them, with its own licence file and package manifest, is someone else's library.
_ASSET_FOLDERS = frozenset(
    {
        "js",
        "javascript",
        "javascripts",
        "static",
        "assets",
        "public",
        "lib",
        "libs",
        "vendors",
        "plugins",
        "external",
        "third_party",
        "scripts",
        "css",
        "www",
    }
)
_LIBRARY_MANIFESTS = frozenset(
    {"package.json", "bower.json", "composer.json", "component.json", "setup.py"}
)
#: Folders whose licence files speak for the repository as a whole.
_ROOT_LIKE = ("", ".github")
#: Folders whose licence file speaks for the repository when none is at the top (a project
#: published from docs/ with GitHub Pages or a documentation generator keeps it there): a
#: weaker place than the top, which is where readers and tools look.
_DOCS_LIKE = ("docs", "doc")
#: Extensions that name a media file only when its first bytes agree: a ``.key`` file is a
#: Keynote deck (a zip archive) or, far more often beside code, a key or a secret such as
#: Rails' ``config/master.key``, which is no media file and never named in a report.
_SNIFFED_EXTENSIONS = {"key": (b"PK\x03\x04",)}
#: The first bytes of images, video, audio and documents, for files stored without an
#: extension. WebP, AVI and WAV share RIFF, told apart at offset 8.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"\x1aE\xdf\xa3",  # WebM, Matroska
    b"ID3",
    b"OggS",
    b"fLaC",
    b"II*\x00",
    b"MM\x00*",
)
_RIFF_MEDIA = (b"WEBP", b"AVI ", b"WAVE")
_MP4_BRANDS = (b"ftyp",)
_SNIFF_BYTES = 16
#: Smaller files are no image, however they start.
_SNIFF_MIN_SIZE = 64


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
    def copied_libraries(self) -> tuple[str, ...]:
        """Folders (``"admin/js/select2/"``) holding a copied library: its own licence file
        and package manifest, below a folder of served assets. Its code, licence and
        manifest are the library's, and its images someone else's."""
        licensed: set[str] = set()
        manifests: set[str] = set()
        for entry in self.snapshot.files():
            if entry.parent in _ROOT_LIKE:
                continue
            if _LICENCE_NAME.match(entry.name):
                licensed.add(entry.parent)
            elif entry.name.lower() in _LIBRARY_MANIFESTS:
                manifests.add(entry.parent)
        found = [
            f"{folder}/"
            for folder in sorted(licensed & manifests)
            if any(part in _ASSET_FOLDERS for part in folder.lower().split("/")[:-1])
        ]
        # A library inside another is part of it.
        return tuple(f for f in found if not any(f != g and f.startswith(g) for g in found))

    def in_copied_library(self, path: str) -> bool:
        return any(path.startswith(folder) for folder in self.copied_libraries)

    @cached_property
    def code(self) -> tuple[FileEntry, ...]:
        exts = self.rules.files.code_extensions
        names = self.rules.files.code_names
        kept = self.kept
        if self.copied_libraries:
            kept = tuple(e for e in kept if not self.in_copied_library(e.path))
        config = re.compile(
            "|".join(fnmatch.translate(p.lower()) for p in self.rules.files.config_scripts)
            or "(?!)"
        )
        if not any(e.suffix in exts and not config.match(e.name.lower()) for e in kept):
            # A Makefile, a Dockerfile or a docs/conf.py alone is configuration, not code.
            return ()
        return tuple(e for e in kept if e.suffix in exts or e.name in names)

    @cached_property
    def _media_by_name(self) -> dict[str, list[str]]:
        """The media files by path and by file name, lower case."""
        by_name: dict[str, list[str]] = {}
        for entry in self.media:
            by_name.setdefault(entry.name.lower(), []).append(entry.path)
            by_name.setdefault(entry.path.lower(), []).append(entry.path)
        return by_name

    def media_named(self, text: str) -> list[str]:
        """The media files ``text`` names, by path or by file name, in the order named."""
        found: list[str] = []
        for token in FILE_TOKEN.findall(text.lower()):
            for path in self._media_by_name.get(token.strip("./"), ()):
                if path not in found:
                    found.append(path)
        return found

    @cached_property
    def media(self) -> tuple[FileEntry, ...]:
        """Images, video, audio and documents, by extension and, where that says too little,
        by their first bytes (``.key`` files, files without an extension)."""
        exts = self.rules.files.media_extensions
        prose = self.rules.files.prose_extensions
        docs_prose = self.rules.checks.media_licence.docs_prose_is_media
        sniffs_left = self.rules.files.max_content_sniffs
        out = []
        for entry in self.kept:
            suffix = media_suffix(entry.name)
            in_docs = entry.path.lower().startswith("docs/")
            if suffix in _SNIFFED_EXTENSIONS and suffix in exts:
                if self._starts_with(entry, _SNIFFED_EXTENSIONS[suffix]):
                    out.append(entry)
            elif suffix in exts or (docs_prose and suffix in prose and in_docs):
                out.append(entry)
            elif not suffix and sniffs_left > 0 and self._sniffable(entry):
                sniffs_left -= 1
                if self._looks_like_media(entry):
                    out.append(entry)
        return tuple(out)

    def declared_count(self, suffixes: frozenset[str] | None) -> int:
        """How many files of ``suffixes`` (None: code) the team declared as someone else's."""
        exts = self.rules.files.code_extensions if suffixes is None else suffixes
        return sum(1 for path in self.declared if path.rsplit(".", 1)[-1].lower() in exts)

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

    def _head(self, entry: FileEntry) -> bytes:
        try:
            return self.snapshot.read(entry.path, _SNIFF_BYTES).data
        except SnapshotReadError:
            return b""

    def _starts_with(self, entry: FileEntry, magic: tuple[bytes, ...]) -> bool:
        return entry.size >= _SNIFF_MIN_SIZE and self._head(entry).startswith(magic)

    def _sniffable(self, entry: FileEntry) -> bool:
        name = entry.name
        return (
            entry.size >= _SNIFF_MIN_SIZE
            and not name.startswith(".")
            and name not in self.rules.files.code_names
            and not _LICENCE_NAME.match(name)
            and not _README_NAME.match(name)
        )

    def _looks_like_media(self, entry: FileEntry) -> bool:
        head = self._head(entry)
        if head.startswith(_MAGIC):
            return True
        if head.startswith(b"RIFF") and head[8:12] in _RIFF_MEDIA:
            return True
        return head[4:8] in _MP4_BRANDS

    @cached_property
    def licence_files(self) -> tuple[FileEntry, ...]:
        """LICENSE/COPYING-like files up to three folders deep, plus everything in LICENSES/."""
        out = []
        for entry in self.snapshot.files():
            if entry.path.count("/") > 3:
                continue
            parent = entry.parent
            in_licenses = parent.rsplit("/", 1)[-1].upper() == "LICENSES"
            named = _LICENCE_NAME.match(entry.name) or (
                parent in _ROOT_LIKE and named_after_licence(entry.name) is not None
            )
            if (in_licenses or named) and not entry.name.endswith(".license"):
                if self.rules.is_ignored(entry.path) or self.team.is_ignored(entry.path):
                    continue
                if self.in_copied_library(entry.path):
                    continue  # the library's own
                out.append(entry)
        return tuple(out)

    @cached_property
    def stand_in_licence_files(self) -> frozenset[str]:
        """Licence files in docs/ that speak for the whole repository, because no licence
        file is at the top (nor in .github/ or LICENSES/)."""
        if any(covers_whole_repository(e) for e in self.licence_files):
            return frozenset()
        return frozenset(e.path for e in self.licence_files if e.parent.lower() in _DOCS_LIKE)

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
        # "GROUP_1README.md", "team5-readme.md": a README all the same, under a team's name.
        prefixed = [
            e for e in self.snapshot.files() if e.parent == "" and _PREFIXED_README.match(e.name)
        ]
        return tuple(sorted(prefixed, key=lambda e: (-e.size, e.name)))[:1]


def media_suffix(name: str) -> str:
    """The extension of a file name, lower case, without a query string saved with it
    (``logo.png?raw=true`` is a PNG)."""
    name = name.split("?", 1)[0]
    dot = name.rfind(".")
    return name[dot + 1 :].lower() if dot > 0 else ""


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


def named_after_licence(name: str) -> str | None:
    """The licence a file is named after ("GNU-AGPL-3.0.txt": AGPL-3.0-only), or the family
    ("AGPL.txt": AGPL), or None."""
    match = _ID_NAME.match(name)
    if match is None or match["id"].lower().startswith("licenseref-"):
        return None
    stem = match["id"]
    if stem.lower() in _FAMILY_NAMES:
        return stem.upper()
    if not any(c.isdigit() for c in stem) and stem.lower() not in _UNVERSIONED_IDS:
        return None
    named = licences.parse(stem)
    return named.normalised if named.valid and named.ids else None


def covers_whole_repository(licence_file: FileEntry) -> bool:
    """A licence file at the top (or in .github/ or LICENSES/) speaks for everything."""
    parent = licence_file.parent
    return parent in _ROOT_LIKE or parent.upper() == "LICENSES"
