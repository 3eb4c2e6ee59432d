"""What a run derives from files (a validated policy, the interface words), kept in the cache
folder and used again while none of those files has changed.

A ``check`` on a team's laptop or in CI then starts without parsing YAML or loading the
validator. An entry names the files it was made from with the SHA-256 of their bytes; one
that is missing, damaged, made by other code or from files that changed is made again.
Entries are pickles in the user's own cache folder, written whole or not at all, and loaded
only when the user owns them and no one else may write them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

#: Seconds after which an entry not written again is removed when its kind is next kept.
STALE_AFTER = 30 * 24 * 3600
#: The code that decides what an entry holds: an entry made by other code is not used.
_CODE = Path(__file__).resolve().parent


def _entry(kind: str, key: str, code: str) -> Path:
    from .paths import cache_dir

    digest = hashlib.sha256(_code_digest(code).encode())
    digest.update(key.encode("utf-8", "surrogateescape"))
    return cache_dir() / f"{kind}-{digest.hexdigest()[:24]}.pickle"


@cache
def _code_digest(code: str) -> str:
    """The digest of a module of the package (read once per run)."""
    return hashlib.sha256((_CODE / code).read_bytes()).hexdigest()


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes; "" for a file that is not there (or cannot be read)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def recall(kind: str, key: str, code: str) -> Any | None:
    """The value kept for ``key`` by the module ``code`` (a path in the package), or None."""
    try:
        with _entry(kind, key, code).open("rb") as stream:
            if not _own(os.fstat(stream.fileno())):
                return None  # someone else could have written it: made again, never loaded
            files, value = pickle.load(stream)  # written by keep(), in the user's own folder
        if all(file_digest(name) == digest for name, digest in files):
            return value
    except Exception:  # not kept yet, damaged, or from another version: made again
        pass
    return None


def _own(info: os.stat_result) -> bool:
    """Whether an entry is the user's own and only theirs to write (a shared or copied cache
    folder is never trusted)."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def keep(kind: str, key: str, code: str, files: Iterable[tuple[str, str]], value: Any) -> None:
    """Keep ``value``, made from ``files`` (pairs of path and SHA-256), for ``recall``.

    Entries of the same kind not written for a month go: those of older versions of the
    tool and of rule files no longer used do not pile up (one still in use is made again).
    """
    try:
        target = _entry(kind, key, code)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_bytes(pickle.dumps((tuple(files), value), protocol=pickle.HIGHEST_PROTOCOL))
        tmp.chmod(0o600)  # the user's alone, whatever the umask
        os.replace(tmp, target)  # whole or not at all, also with runs side by side
        prune(target, f"{kind}-*.pickle")
    except (OSError, pickle.PicklingError):
        pass  # a read-only data folder: made again next time


def prune(fresh: Path, pattern: str) -> None:
    """Remove the files beside ``fresh`` named like ``pattern`` that were not written for
    ``STALE_AFTER`` seconds. Raises OSError."""
    stale = time.time() - STALE_AFTER
    for other in fresh.parent.glob(pattern):
        if other != fresh and other.stat().st_mtime < stale:
            other.unlink(missing_ok=True)
