"""Recognising repository URLs on code hosts, in every spelling organisers write them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from .model import RepoRef

KNOWN_HOSTS = ("github.com", "gitlab.com", "codeberg.org", "bitbucket.org")
_SSH = re.compile(r"^git@([\w.-]+):([\w./-]+?)(?:\.git)?/?$")
#: First path parts on github.com that are pages of the site, not owners.
_GITHUB_RESERVED = frozenset(
    {
        "orgs",
        "features",
        "about",
        "pricing",
        "topics",
        "collections",
        "marketplace",
        "sponsors",
        "settings",
        "login",
        "join",
        "explore",
        "search",
        "notifications",
        "site",
        "enterprise",
        "apps",
        "events",
        "trending",
        "readme",
        "security",
    }
)
#: Path parts after owner/name that are views of a repository, not more of its name.
_VIEWS = frozenset(
    {
        "tree",
        "blob",
        "issues",
        "pulls",
        "pull",
        "wiki",
        "commits",
        "commit",
        "releases",
        "actions",
        "projects",
        "src",
        "raw",
        "network",
        "graphs",
        "-",
        "merge_requests",
        "discussions",
        "branches",
        "tags",
        "compare",
        "settings",
        "milestones",
        "labels",
    }
)


def parse_repo_url(url: str, extra_hosts: Iterable[str] = ()) -> RepoRef | None:
    """The repository a URL points at, or None when it is not a repository on a code host."""
    if not isinstance(url, str):
        return None
    text = url.strip().strip("<>\"'")
    if not text or len(text) > 500 or any(ch.isspace() for ch in text):
        return None
    hosts = {*KNOWN_HOSTS, *(h.lower() for h in extra_hosts if h)}
    ssh = _SSH.match(text)
    if ssh:
        host, path = ssh.group(1).lower(), ssh.group(2)
    else:
        if "://" not in text:
            if not re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+/", text):
                return None
            text = "https://" + text
        try:
            parsed = urlparse(text)
            host = (parsed.hostname or "").lower()
        except ValueError:
            return None
        if parsed.scheme not in ("http", "https", "git", "ssh"):
            return None
        path = parsed.path
    host = host.removeprefix("www.")
    if host not in hosts:
        return None
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2:
        return None
    if host == "gitlab.com" or (host not in KNOWN_HOSTS and "-" in parts):
        # GitLab groups nest: everything before "/-/" (or the end) is the project path.
        if "-" in parts:
            parts = parts[: parts.index("-")]
        owner_parts, name = parts[:-1], parts[-1]
        owner = "/".join(owner_parts)
    else:
        owner, name = parts[0], parts[1]
        if len(parts) > 2 and parts[2] not in _VIEWS:
            return None
    name = name.removesuffix(".git")
    if not owner or not name or not re.match(r"^[\w.-]+$", name):
        return None
    if host == "github.com" and owner.lower() in _GITHUB_RESERVED:
        return None
    return RepoRef(host, owner, name, f"https://{host}/{owner}/{name}")


def local_ref(value: str, base: Path) -> RepoRef | None:
    """A repository given as a folder (relative to the registry) or a file:// URL."""
    if value.startswith("file://"):
        path = Path(urlparse(value).path)
    elif value.startswith(("./", "../", "/")) or (
        not re.match(r"^\w+://", value) and "/" in value and (base / value).is_dir()
    ):
        path = (base / value) if not value.startswith("/") else Path(value)
    else:
        return None
    path = path.resolve()
    return RepoRef("local", "local", path.name, str(path))
