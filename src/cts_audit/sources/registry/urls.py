"""Recognising repository URLs on code hosts, in every spelling organisers write them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from ...i18n import Message
from .model import RepoRef, quote

KNOWN_HOSTS = ("github.com", "gitlab.com", "codeberg.org", "bitbucket.org")
_SSH = re.compile(r"^(?:[\w.-]+@)([\w.-]+):([^:]+)$")
_BARE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?::\d+)?/")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_OWNER = re.compile(r"[\w.-]+")
#: First path parts on a GitHub host that are pages of the site; GitHub reserves them as names.
_GITHUB_PAGES = frozenset(
    {
        "about",
        "account",
        "apps",
        "codespaces",
        "collections",
        "contact",
        "customer-stories",
        "dashboard",
        "enterprise",
        "events",
        "explore",
        "features",
        "issues",
        "join",
        "login",
        "marketplace",
        "new",
        "notifications",
        "organizations",
        "orgs",
        "pricing",
        "pulls",
        "readme",
        "search",
        "security",
        "settings",
        "site",
        "solutions",
        "sponsors",
        "topics",
        "trending",
        "users",
    }
)
#: First path parts on GitLab that are pages of the site, not groups.
_GITLAB_PAGES = frozenset({"dashboard", "explore", "groups", "help", "projects", "search", "users"})
#: Path parts after owner/name that are views of a repository, not more of its name.
_VIEWS = frozenset(
    {
        "-",
        "actions",
        "blob",
        "branches",
        "commit",
        "commits",
        "compare",
        "discussions",
        "graphs",
        "issues",
        "labels",
        "merge_requests",
        "milestones",
        "network",
        "projects",
        "pull",
        "pulls",
        "raw",
        "releases",
        "settings",
        "src",
        "tags",
        "tree",
        "wiki",
        "wikis",
    }
)


def parse_repo_url(url: str, extra_hosts: Iterable[str] = ()) -> RepoRef | None:
    """The repository a URL points at, or None when it is not a repository on a code host.

    ``extra_hosts`` are GitHub Enterprise hosts: their paths read like github.com's.
    """
    # Markdown and e-mail habits wrap links in <...> or quotes.
    text = url.strip().strip("<>\"'")
    if not text or len(text) > 500 or any(ch.isspace() for ch in text):
        return None
    hosts = {*KNOWN_HOSTS, *(h.lower().removeprefix("www.") for h in extra_hosts if h)}
    ssh = _SSH.match(text) if "://" not in text else None
    if ssh:
        host, path = ssh.group(1).lower(), ssh.group(2)
    else:
        if "://" not in text:
            if not _BARE.match(text):
                return None
            text = "https://" + text
        try:
            parsed = urlparse(text)
            host = (parsed.hostname or "").lower()
        except ValueError:  # e.g. an unclosed IPv6 bracket
            return None
        if parsed.scheme not in ("http", "https", "git", "ssh"):
            return None
        path = parsed.path
    host = host.removeprefix("www.")
    if host not in hosts:
        return None
    parts = [p for p in path.split("/") if p]
    if host == "gitlab.com":
        owner_parts, name = _gitlab_path(parts)
    else:
        if len(parts) < 2 or parts[0].lower() in _GITHUB_PAGES:
            return None
        if len(parts) > 2 and parts[2] not in _VIEWS:
            return None
        owner_parts, name = parts[:1], parts[1]
    name = name.removesuffix(".git")
    if (
        not owner_parts
        or not all(_OWNER.fullmatch(p) for p in owner_parts)
        or not _NAME.fullmatch(name)
        or name in (".", "..")
    ):
        return None
    owner = "/".join(owner_parts)
    return RepoRef(host, owner, name, f"https://{host}/{owner}/{name}")


def _gitlab_path(parts: list[str]) -> tuple[list[str], str]:
    """GitLab groups nest, so the project is everything before ``/-/`` or a view's name."""
    if parts and parts[0].lower() in _GITLAB_PAGES:
        return [], ""
    if "-" in parts:
        parts = parts[: parts.index("-")]
    else:
        # Older links leave out the ``-``: ``group/project/tree/main``.
        views = [i for i, part in enumerate(parts) if i >= 2 and part in _VIEWS]
        if views:
            parts = parts[: views[0]]
    if len(parts) < 2:
        return [], ""
    return parts[:-1], parts[-1]


def local_ref(value: str, base: Path) -> RepoRef | None:
    """A repository given as a folder (relative to the registry) or a ``file://`` URL."""
    try:
        if value.startswith("file://"):
            path = Path(urlparse(value).path)
        elif value.startswith(("./", "../", "/")) or (
            not re.match(r"^\w+://", value) and "/" in value and (base / value).is_dir()
        ):
            path = base / value
        else:
            return None
        path = path.resolve()
    # A name too long for the file system, or a symlink loop, is simply not a folder.
    except (OSError, RuntimeError, ValueError):
        return None
    return RepoRef("local", "local", path.name, str(path))


def not_a_repository(label: Message, url: str) -> Message:
    """Why a code-host link is not audited: an organisation or account, or another page."""
    parts = [p for p in urlparse(url.strip()).path.split("/") if p]
    if len(parts) == 1:
        return Message.of(
            "registry_link_is_account", label=label, url=quote(url), account=quote(parts[0])
        )
    return Message.of("registry_link_not_repository", label=label, url=quote(url))
