"""Snapshots of a folder on disk: a checked-out repository or any project folder."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SnapshotReadError, SourceError
from ..i18n import Message
from ..snapshot import FileEntry, RepoInfo, Snapshot, resolve_link

if TYPE_CHECKING:
    from ..continuation import Commit

#: Symlink chains longer than this are treated as loops (Linux stops at 40 too).
MAX_LINK_HOPS = 40


class FolderReader:
    """Reads files below one root, never through a symlink and never outside the root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, path: str, limit: int) -> bytes:
        full = os.path.join(self.root, path)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(full, flags)
        except OSError as exc:
            raise SnapshotReadError(f"{path!r}: cannot open ({exc.strerror})") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise SnapshotReadError(f"{path!r}: not a regular file")
            chunks: list[bytes] = []
            remaining = limit
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            return b"".join(chunks)
        except OSError as exc:
            raise SnapshotReadError(f"{path!r}: cannot read ({exc.strerror})") from None
        finally:
            os.close(fd)


def scan_folder(root: Path) -> list[FileEntry]:
    """Every file, symlink and submodule below ``root``, without following symlinks.

    ``.git`` is skipped wherever it appears; a nested ``.git`` marks a submodule or an
    embedded repository, which is recorded as one entry and not descended into.
    """
    entries: list[FileEntry] = []
    links: list[tuple[str, str]] = []
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            with os.scandir(directory) as it:
                children = list(it)
        except OSError:
            continue  # unreadable folder: what we cannot list is simply not in the tree
        for child in children:
            name = child.name
            if name == ".git":
                continue
            rel = f"{prefix}{name}"
            try:
                if child.is_symlink():
                    target = os.readlink(child.path)
                    links.append((rel, target))
                    continue
                if child.is_dir(follow_symlinks=False):
                    if prefix and os.path.lexists(os.path.join(child.path, ".git")):
                        entries.append(FileEntry(rel, 0, "submodule"))
                    else:
                        stack.append((child.path, rel + "/"))
                    continue
                if child.is_file(follow_symlinks=False):
                    entries.append(FileEntry(rel, child.stat(follow_symlinks=False).st_size))
            except OSError:
                continue
    entries.extend(symlink_entries(entries, links))
    entries.sort(key=lambda e: e.path)
    return entries


def symlink_entries(files: list[FileEntry], links: list[tuple[str, str]]) -> list[FileEntry]:
    """Resolve symlinks through the tree only: a link resolves when its chain ends at a file."""
    sizes = {e.path: e.size for e in files if e.kind == "file"}
    targets = dict(links)
    out: list[FileEntry] = []
    for path, target in links:
        current: str | None = path
        seen: set[str] = set()
        for _ in range(MAX_LINK_HOPS):
            if current is None or current in sizes or current in seen:
                break
            seen.add(current)
            next_target = targets.get(current)
            current = resolve_link(current, next_target) if next_target is not None else None
        resolved = current if current in sizes else None
        size = sizes[resolved] if resolved is not None else 0
        out.append(FileEntry(path, size, "symlink", target=target, resolved=resolved))
    return out


#: A repository's own configuration must not run anything while we read it.
_SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")


def is_bare_repository(root: Path) -> bool:
    """A bare git repository (``git clone --bare``): git's own files, no work tree."""
    try:
        return (
            (root / "HEAD").is_file()
            and (root / "objects").is_dir()
            and (root / "refs").is_dir()
            and not (root / ".git").exists()
        )
    except OSError:
        return False


def _git(root: Path, *args: str) -> str | None:
    """Output of a read-only git command in a work tree, or None (no git, not a repository)."""
    if not (root / ".git").exists():
        return None
    try:
        proc = subprocess.run(
            ["git", *_SAFE_CONFIG, "-C", str(root), *args],
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",  # file names as os.scandir gives them
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def git_ignored(root: Path) -> tuple[str, ...]:
    """Paths of a work tree that git ignores (folders end in ``/``); empty outside git.

    Files that are tracked stay, even when a pattern matches them: only untracked,
    ignored files (build output, secrets, local data) are left out.
    """
    out = _git(root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")
    return tuple(path for path in (out or "").split("\0") if path)


def _without_ignored(root: Path, entries: list[FileEntry]) -> list[FileEntry]:
    ignored = git_ignored(root)
    if not ignored:
        return entries
    files = frozenset(p for p in ignored if not p.endswith("/"))
    folders = tuple(p for p in ignored if p.endswith("/"))
    return [
        e
        for e in entries
        if e.path not in files and not e.path.startswith(folders) and e.path + "/" not in folders
    ]


def git_head(root: Path) -> str | None:
    """The commit a work tree is at, or None when it is not a git work tree."""
    head = (_git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    return head or None


def git_commits(root: Path, since: dt.datetime, until: dt.datetime) -> list[Commit] | None:
    """Commits of a work tree between two moments, or None when it has no git history."""
    from ..continuation import Commit, parse_when  # the audit's question, not a check's

    log = _git(
        root,
        "log",
        f"--since={since.isoformat()}",
        f"--until={until.isoformat()}",
        "--format=%aI%x09%ae%x09%an",
    )
    if log is None:
        return None
    out = []
    for line in log.splitlines():
        when_text, _, rest = line.partition("\t")
        email, _, name = rest.partition("\t")
        when = parse_when(when_text)
        if when is not None:
            # A bot's e-mail names it ("49699333+dependabot[bot]@users.noreply.github.com").
            who = email.split("@")[0].split("+")[-1] if "[bot]" in email else name or email
            out.append(Commit(when, who))
    return out


def folder_snapshot(
    root: Path, *, name: str | None = None, info: RepoInfo | None = None
) -> Snapshot:
    """A snapshot of the folder ``root``. Raises SourceError when it is not a readable folder."""
    if not root.is_dir():
        raise SourceError(
            Message.of("located", where=root, detail=Message("not_a_folder")),
            hint=Message("not_a_folder_hint"),
        )
    root = root.resolve()
    return Snapshot(
        name=name or root.name,
        commit=git_head(root),
        entries=tuple(_without_ignored(root, scan_folder(root))),
        reader=FolderReader(root),
        info=info or RepoInfo(url=root.as_uri()),
    )
