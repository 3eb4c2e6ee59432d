"""A repository's files from one archive download, checked blob by blob against its tree.

GitHub answers ``GET /repos/{owner}/{repo}/tarball/{ref}`` (one request counted against the
rate limit) with a redirect to the archive itself, whose download is not counted. The
archive is read as a stream, never held whole and never cached: each file's first bytes go
to one temporary spill file, and a file is kept only when its git blob SHA equals the one
the tree names. Anything the archive leaves out or changes (``export-ignore`` and
``export-subst`` in ``.gitattributes``, a branch that moved since the tree was read) is
therefore never judged from the archive; those files are read one by one instead (from
the raw host, also uncounted, or by SHA through the API).
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

#: How much of each file is kept: the largest read any check makes (manifests, 1 MiB).
KEEP_BYTES = 1024 * 1024


class ArchiveFiles:
    """The files of one archive: first bytes on disk, symlink targets in memory.

    ``expected`` maps each path of the tree to its blob SHA; only files whose content hashes
    to that SHA are kept.
    """

    def __init__(self, expected: dict[str, str], spill_dir: Path | None = None) -> None:
        self.expected = expected
        self._spill_dir = spill_dir
        self._spill: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}  # path -> (offset, bytes kept)
        self.links: dict[str, str] = {}
        self.commit: str | None = None
        self._lock = threading.Lock()

    def __contains__(self, path: str) -> bool:
        return path in self._where

    def kept(self, path: str) -> int | None:
        """How many bytes of ``path`` are kept, or None when the archive did not give it."""
        found = self._where.get(path)
        return found[1] if found is not None else None

    def read(self, path: str, limit: int) -> bytes:
        offset, kept = self._where[path]
        assert self._spill is not None
        return os.pread(self._spill.fileno(), min(limit, kept), offset)

    def reset(self) -> None:
        """Forget a partial read (the download broke off and is about to start again)."""
        self.close()
        self._where.clear()
        self.links.clear()
        self.commit = None

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def load(self, stream: IO[bytes], *, check: Callable[[], None]) -> None:
        """Read a gzip-compressed tar stream as ``git archive`` writes it.

        ``check`` runs between members (it raises to stop a download that takes too long).
        Raises tarfile.TarError, EOFError, OSError or zlib.error for a broken stream.
        """
        if self._spill is None:
            # Closed by close(): it lives as long as the snapshot's checks read from it.
            self._spill = tempfile.TemporaryFile(  # noqa: SIM115
                prefix="cts-archive-", dir=self._spill_dir
            )
        spill = self._spill
        with tarfile.open(fileobj=stream, mode="r|gz") as tar:
            for member in tar:
                check()
                path = _inner(member.name)
                if path is None:
                    continue
                sha = self.expected.get(path)
                if sha is None:
                    continue
                if member.issym():
                    target = member.linkname
                    data = target.encode("utf-8", "surrogateescape")
                    if _blob_sha(data) == sha:
                        self.links[path] = target
                    continue
                if not member.isreg():
                    continue
                source = tar.extractfile(member)
                if source is None:
                    continue
                digest = hashlib.sha1(b"blob %d\0" % member.size)
                head = bytearray()
                while chunk := source.read(256 * 1024):
                    digest.update(chunk)
                    if len(head) < KEEP_BYTES:
                        head += chunk[: KEEP_BYTES - len(head)]
                if digest.hexdigest() != sha:
                    continue  # changed by export-subst, or another commit: read it by SHA
                offset = spill.seek(0, os.SEEK_END)
                spill.write(head)
                with self._lock:
                    self._where[path] = (offset, len(head))
            # git archive names the commit in the global header, read with the first member.
            self.commit = str(tar.pax_headers.get("comment") or "") or None
        spill.flush()


def _inner(name: str) -> str | None:
    """A member's path inside the repository: without the archive's top folder."""
    _top, sep, rest = name.partition("/")
    rest = rest.rstrip("/")
    if not sep or not rest or rest.startswith("/") or ".." in rest.split("/"):
        return None
    return rest


def _blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
