"""A repository at a commit, as the checks see it: a file tree and lazy, size-capped reads."""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol

from .errors import SnapshotReadError

EntryKind = Literal["file", "symlink", "submodule"]

#: Default cap for a single read: licence files and READMEs are far smaller than this.
DEFAULT_READ_LIMIT = 512 * 1024


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One entry of a repository's tree. Directories are implied by paths."""

    path: str
    size: int
    kind: EntryKind = "file"
    #: For symlinks: the link target as written, when known.
    target: str | None = None
    #: For symlinks: the in-repository path the link resolves to, or None when it points
    #: outside the repository, loops or dangles. Reads of a symlink go to this path.
    resolved: str | None = None

    @property
    def is_symlink(self) -> bool:
        return self.kind == "symlink"

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def parent(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    @property
    def suffix(self) -> str:
        """Lower-case extension without the dot ('' when none)."""
        name = self.name
        dot = name.rfind(".")
        return name[dot + 1 :].lower() if dot > 0 else ""


@dataclass(frozen=True, slots=True)
class Blob:
    """The first bytes of a file. ``truncated`` when the file is larger than the cap."""

    path: str
    data: bytes
    size: int
    truncated: bool

    @property
    def is_binary(self) -> bool:
        return b"\x00" in self.data[:8192]

    def text(self) -> str | None:
        """Decode as text (UTF-8, UTF-16 with BOM, else Latin-1); None for binary data."""
        data = self.data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                return None
        if self.is_binary:
            return None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A cut in the middle of a multi-byte character at the cap is not an encoding error.
            if self.truncated and exc.start >= len(data) - 4:
                return data[: exc.start].decode("utf-8", errors="replace")
            return data.decode("latin-1")


class FileReader(Protocol):
    """Reads the first ``limit`` bytes of a file of one repository."""

    def read(self, path: str, limit: int) -> bytes: ...


@dataclass(frozen=True)
class RepoInfo:
    """What a source knows about a repository beyond its files (all optional)."""

    url: str | None = None
    default_branch: str | None = None
    archived: bool = False
    fork: bool = False
    pushed_at: str | None = None
    description: str | None = None
    homepage: str | None = None
    topics: tuple[str, ...] = ()
    has_issues: bool = True
    #: The SHA of the tree audited, when the source knows it (GitHub lists trees by branch).
    tree_sha: str | None = None
    #: A new name GitHub redirected to, when the registered one was renamed.
    renamed_to: str | None = None
    #: When the tree could not be listed completely, why.
    incomplete: str | None = None
    #: The validator (ETag) of the tree's answer, to ask next time whether it changed.
    tree_etag: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """An immutable view of a repository at a commit.

    The tree is complete up front; file contents are read only when a check asks, at most
    ``limit`` bytes each, and remembered for the other checks. Sources build snapshots;
    checks never learn where one came from.
    """

    name: str
    commit: str | None
    entries: tuple[FileEntry, ...]
    reader: FileReader = field(repr=False, compare=False)
    info: RepoInfo = field(default_factory=RepoInfo)
    _index: dict[str, FileEntry] = field(init=False, repr=False, compare=False)
    _cache: dict[tuple[str, int], Blob] = field(init=False, repr=False, compare=False)
    _lock: threading.Lock = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {e.path: e for e in self.entries})
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "_lock", threading.Lock())

    # -- the tree ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[FileEntry]:
        return iter(self.entries)

    def get(self, path: str) -> FileEntry | None:
        return self._index.get(path)

    def exists(self, path: str) -> bool:
        return path in self._index

    def files(self) -> Iterator[FileEntry]:
        """Regular files and symlinks that resolve inside the repository."""
        for entry in self.entries:
            if entry.kind == "file" or (entry.kind == "symlink" and entry.resolved is not None):
                yield entry

    def in_dir(self, directory: str) -> list[FileEntry]:
        """Entries directly inside ``directory`` ('' for the root)."""
        return list(self._folders.get(directory, ()))

    @cached_property
    def _folders(self) -> dict[str, list[FileEntry]]:
        """The entries by the folder they are in, worked out once."""
        folders: dict[str, list[FileEntry]] = {}
        for entry in self.entries:
            folders.setdefault(entry.parent, []).append(entry)
        return folders

    # -- reading ----------------------------------------------------------------------------

    def read(self, path: str, limit: int = DEFAULT_READ_LIMIT) -> Blob:
        """The first ``limit`` bytes of ``path``.

        Raises SnapshotReadError for a path not in the tree, a symlink leaving the
        repository, a submodule, or a source that cannot deliver the file.
        """
        key = (path, limit)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        entry = self._index.get(path)
        if entry is None:
            raise SnapshotReadError(f"{self.name}: {path!r} is not in the repository")
        target = entry.path
        if entry.kind == "submodule":
            raise SnapshotReadError(f"{self.name}: {path!r} is a submodule")
        if entry.kind == "symlink":
            if entry.resolved is None:
                raise SnapshotReadError(
                    f"{self.name}: {path!r} is a symlink that leaves the repository or loops"
                )
            target = entry.resolved
        data = self.reader.read(target, limit)
        size = entry.size
        if entry.kind == "symlink":
            resolved_entry = self._index.get(target)
            size = resolved_entry.size if resolved_entry else len(data)
        blob = Blob(path=path, data=data[:limit], size=size, truncated=size > limit)
        with self._lock:
            self._cache[key] = blob
        return blob

    def read_text(self, path: str, limit: int = DEFAULT_READ_LIMIT) -> str | None:
        """Text of ``path`` or None when it is binary or cannot be read."""
        try:
            return self.read(path, limit).text()
        except SnapshotReadError:
            return None


def resolve_link(link_path: str, target: str, known: Iterable[str] | None = None) -> str | None:
    """The in-repository path a symlink at ``link_path`` points to, or None when it leaves.

    Pure path arithmetic: absolute targets and targets climbing above the root leave.
    """
    if not target or target.startswith("/"):
        return None
    base = link_path.rsplit("/", 1)[0] if "/" in link_path else ""
    joined = (
        posixpath.normpath(posixpath.join(base, target)) if base else posixpath.normpath(target)
    )
    if joined.startswith("../") or joined == ".." or joined == ".":
        return None
    if known is not None and joined not in set(known):
        return None
    return joined
