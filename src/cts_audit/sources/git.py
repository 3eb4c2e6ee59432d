"""Snapshots of a git repository given by URL: a shallow clone into the tool's cache folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import SourceError
from ..i18n import Message
from ..snapshot import RepoInfo, Snapshot
from .local import folder_snapshot

_URL = re.compile(r"^(https?://|ssh://|git://|file://|git@[\w.-]+:)", re.IGNORECASE)

#: Clones must never wait for a password or run anything the repository ships.
_GIT_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "true",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_LFS_SKIP_SMUDGE": "1",
}
_SAFE_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"]


def looks_like_git_url(target: str) -> bool:
    return bool(_URL.match(target)) or (target.endswith(".git") and not os.path.isdir(target))


def display_name(url: str) -> str:
    """``owner/name`` for a hosted URL, else the last path part."""
    cleaned = re.sub(r"\.git/?$", "", url.rstrip("/"))
    parts = re.split(r"[/:]", cleaned)
    return "/".join(parts[-2:]) if len(parts) >= 2 else cleaned


def clone(url: str, cache_dir: Path, *, timeout: int = 300) -> Path:
    """Shallow-clone ``url`` (default branch) into ``cache_dir``; refresh an earlier clone."""
    dest = clone_path(url, cache_dir)
    env = {**os.environ, **_GIT_ENV}
    if dest.exists():
        shutil.rmtree(dest)  # a fresh shallow clone is simpler and as cheap as a deepening fetch
    cache_dir.mkdir(parents=True, exist_ok=True)
    cmd = ["git", *_SAFE_CONFIG, "clone", "--depth", "1", "--no-tags", "--quiet", url, str(dest)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(dest, ignore_errors=True)
        raise SourceError(Message.of("clone_timeout", url=url, seconds=timeout)) from None
    except OSError as exc:
        cannot = Message.of("git_unavailable", url=url, error=exc)
        raise SourceError(cannot, hint=Message("git_unavailable_hint")) from None
    if proc.returncode != 0:
        shutil.rmtree(dest, ignore_errors=True)
        local = url.startswith("file:") and Path(unquote(urlparse(url).path)).is_dir()
        raise SourceError(
            Message.of("clone_failed", url=url, error=clone_error(proc.stderr)),
            hint=Message("clone_failed_local_hint" if local else "clone_failed_hint"),
        )
    return dest


def clone_path(url: str, cache_dir: Path) -> Path:
    return cache_dir / hashlib.sha256(url.encode()).hexdigest()[:24]


def history_since(
    url: str, cache_dir: Path, since: dt.datetime, *, timeout: int = 300
) -> Path | None:
    """The clone of ``url`` deepened to hold every commit since ``since`` (for continuation),
    or None when there is no clone or the host refuses to deepen it."""
    dest = clone_path(url, cache_dir)
    if not (dest / ".git").exists():
        return None
    cmd = ["git", *_SAFE_CONFIG, "-C", str(dest), "fetch", "--quiet", "--no-tags"]
    cmd += [f"--shallow-since={since.date().isoformat()}", "origin"]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **_GIT_ENV},
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return None
    # git refuses --shallow-since when nothing is that new: the one commit is all there is.
    return dest if proc.returncode == 0 or "no commits selected" in proc.stderr else None


_FATAL = re.compile(r"^\s*(?:fatal|error):\s*(.+?)\s*$", re.IGNORECASE)


def clone_error(stderr: str) -> str:
    """What went wrong, from git's messages: its first ``fatal:`` line, not the advice after."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        match = _FATAL.match(line)
        if match and match.group(1):
            return match.group(1)
    return lines[0] if lines else "git clone failed"


def git_snapshot(url: str, cache_dir: Path, *, name: str | None = None) -> Snapshot:
    """A snapshot of the default branch of the repository at ``url``."""
    folder = clone(url, cache_dir)
    return folder_snapshot(folder, name=name or display_name(url), info=RepoInfo(url=url))
