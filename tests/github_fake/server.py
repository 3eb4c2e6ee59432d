"""A loopback api.github.com: real HTTP, real git SHAs, and GitHub's headers and habits."""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import hashlib
import io
import itertools
import json
import math
import os
import re
import socket
import tarfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from . import bodies

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)
SECONDARY_DOC = (
    "https://docs.github.com/free-pro-team@latest/rest/overview/"
    "rate-limits-for-the-rest-api#about-secondary-rate-limits"
)
PRIMARY_DOC = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"
)
EMPTY_REPO = "Git Repository is empty."
#: Archives are served here, on the host name "localhost" instead of the API's 127.0.0.1, as
#: GitHub serves them from codeload.github.com: another host, no rate limit, no token needed.
CODELOAD = "/_codeload/"
#: Files served raw, as raw.githubusercontent.com serves them: another host, not counted.
#: ``/{owner}/{repo}/raw/{ref}/{path}`` (github.com's web route, and Enterprise's) redirects here.
RAW = "/_raw/"
JSON_TYPE = "application/json; charset=utf-8"
CACHE_DAY = "private, max-age=86400, s-maxage=86400"
EXPOSE = (
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, "
    "X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, "
    "X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, "
    "X-GitHub-Request-Id, Deprecation, Sunset"
)
# Headers every real response carries, whatever its status (HEADERS.md "Baseline set").
CONSTANT_HEADERS = (
    ("x-github-api-version-selected", "2022-11-28"),
    ("Access-Control-Expose-Headers", EXPOSE),
    ("Access-Control-Allow-Origin", "*"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubdomains; preload"),
    ("X-Frame-Options", "deny"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-XSS-Protection", "0"),
    ("Referrer-Policy", "origin-when-cross-origin, strict-origin-when-cross-origin"),
    ("Content-Security-Policy", "default-src 'none'"),
)
LANGUAGES = {
    ".py": "Python",
    ".js": "JavaScript",
    ".ts": "TypeScript",
    ".tsx": "TypeScript",
    ".html": "HTML",
    ".css": "CSS",
    ".go": "Go",
    ".rs": "Rust",
    ".java": "Java",
    ".kt": "Kotlin",
    ".rb": "Ruby",
    ".php": "PHP",
    ".c": "C",
    ".cpp": "C++",
    ".cs": "C#",
    ".swift": "Swift",
    ".r": "R",
    ".ipynb": "Jupyter Notebook",
    ".vue": "Vue",
    ".svelte": "Svelte",
    ".dart": "Dart",
    ".sh": "Shell",
}
EPOCH_2020 = 1577836800


def blob_sha(data: bytes) -> str:
    """The git blob SHA-1 of ``data``, as ``git hash-object`` computes it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(int(timestamp), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> float:
    """Seconds since the epoch for GitHub's ISO-8601 forms (Z, offsets, dates alone)."""
    text = text.strip().replace("Z", "+00:00")
    if len(text) == 10:
        text += "T00:00:00+00:00"
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def http_date(iso_text: str) -> str:
    return formatdate(parse_iso(iso_text), usegmt=True)


def _encode(data: bytes | str) -> bytes:
    return data.encode() if isinstance(data, str) else data


@dataclass
class FakeCommit:
    """One commit of a repository's history (newest first in ``FakeRepo.commits``)."""

    date: str = "2026-03-14T09:00:00Z"
    author_login: str | None = "dev"
    author_name: str = "Dev"
    author_email: str = "dev@example.org"
    message: str = "Update"
    sha: str = ""
    #: Filled in by the fake: the root tree this commit points at.
    tree: str = ""


class FakeRepo:
    """A repository the fake serves. Change attributes freely between requests."""

    def __init__(self, fake: FakeGitHub, repo_id: int, full_name: str, **options: Any) -> None:
        self.fake = fake
        self.id = repo_id
        self.owner, self.name = full_name.split("/", 1)
        self.owner_id = fake._owner(self.owner)
        self.files: dict[str, bytes] = {}
        self.symlinks: dict[str, str] = dict(options.pop("symlinks", None) or {})
        self.default_branch: str = options.pop("default_branch", "main")
        self.archived: bool = options.pop("archived", False)
        self.fork: bool = options.pop("fork", False)
        self.fork_of: str | None = options.pop("fork_of", None)
        self.private: bool = options.pop("private", False)
        self.topics: tuple[str, ...] = tuple(options.pop("topics", ()))
        self.description: str | None = options.pop("description", None)
        self.homepage: str | None = options.pop("homepage", None)
        self.has_issues: bool = options.pop("has_issues", True)
        self.license_spdx: str | None = options.pop("license_spdx", None)
        self.empty: bool = options.pop("empty", False)
        #: False: 404 for everyone and absent from listings (private and not ours).
        self.visible: bool = options.pop("visible", True)
        #: False: writes answer 403 "Resource not accessible by integration".
        self.writable: bool = options.pop("writable", True)
        #: False: the token's user is no collaborator of this public repository. It may open
        #: issues and edit its own, but not create labels (403), and labels it sets on a new
        #: issue are silently dropped, as GitHub does without push access.
        self.collaborator: bool = options.pop("collaborator", True)
        #: True: 451 "Repository access blocked" (DMCA / terms of service).
        self.blocked: bool = options.pop("blocked", False)
        self.deleted = False
        self.created_at: str = options.pop("created_at", None) or iso(EPOCH_2020 + repo_id * 60)
        self.commits: list[FakeCommit] = list(options.pop("commits", None) or [])
        pushed_at: str | None = options.pop("pushed_at", None)
        language: str | None = options.pop("language", "")
        files = options.pop("files", None) or {}
        if options:
            raise TypeError(f"unknown add_repo options: {sorted(options)}")
        self.issues: list[dict[str, Any]] = []
        #: Labels by lower-case name (GitHub matches label names case-insensitively).
        self.labels: dict[str, dict[str, Any]] = {}
        self.trees: dict[str, list[dict[str, Any]]] = {}
        self.blobs: dict[str, bytes] = {}
        self.root_tree = ""
        self.files = {path: _encode(data) for path, data in files.items()}
        self._size_kb = 0
        self._language = language
        self.language: str | None = None
        self._build_tree()
        if not self.empty:
            if not self.commits:
                self.commits = [
                    FakeCommit(date=pushed_at or iso(time.time()), message="Initial commit")
                ]
            self.commits.sort(key=lambda c: parse_iso(c.date), reverse=True)
            for index in range(len(self.commits) - 1, -1, -1):  # oldest first: parents exist
                commit = self.commits[index]
                commit.tree = self.root_tree
                if not commit.sha:
                    parent = self.commits[index + 1].sha if index + 1 < len(self.commits) else ""
                    commit.sha = self._commit_sha(commit, parent)
        else:
            self.commits = []
        self.pushed_at: str = pushed_at or (
            self.commits[0].date if self.commits else self.created_at
        )
        self.updated_at: str = self.pushed_at

    def __setattr__(self, name: str, value: Any) -> None:
        # Any change may move a repository in or out of a listing: listings are cached per
        # version so that paging through 10,000 repositories stays cheap.
        object.__setattr__(self, name, value)
        fake = self.__dict__.get("fake")
        if fake is not None:
            fake._version += 1

    def __repr__(self) -> str:
        return f"FakeRepo({self.full_name!r}, id={self.id})"

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def owner_kind(self) -> str:
        return self.fake._owner_kinds.get(self.owner.lower(), "Organization")

    @property
    def head(self) -> str:
        """The SHA of the default branch's head commit ("" for an empty repository)."""
        return self.commits[0].sha if self.commits else ""

    def size_kb(self) -> int:
        return self._size_kb

    def open_issue_count(self) -> int:
        return sum(1 for issue in self.issues if issue["state"] == "open")

    # -- git objects ---------------------------------------------------------------------------

    def _build_tree(self) -> None:
        """Compute blobs and nested trees with git's own encoding, so SHAs are real."""
        if self.empty:
            self.root_tree = ""
            return
        nested: dict[str, Any] = {}
        for path, data in self.files.items():
            self._put(nested, path, ("100644", data))
        for path, target in self.symlinks.items():
            self._put(nested, path, ("120000", target.encode()))
        self.root_tree = self._tree(nested)
        self._size_kb = max(1, sum(len(d) for d in self.files.values()) // 1024)
        if self._language == "":
            weights: Counter[str] = Counter()
            for path, data in self.files.items():
                language = LANGUAGES.get(os.path.splitext(path)[1].lower())
                if language:
                    weights[language] += len(data) + 1
            self.language = weights.most_common(1)[0][0] if weights else None
        else:
            self.language = self._language

    @staticmethod
    def _put(nested: dict[str, Any], path: str, leaf: tuple[str, bytes]) -> None:
        parts = path.strip("/").split("/")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = leaf

    def _tree(self, node: dict[str, Any]) -> str:
        entries: list[dict[str, Any]] = []
        raw = b""
        # git sorts a tree's entries by name, comparing directories as "name/".
        for name in sorted(node, key=lambda n: n + "/" if isinstance(node[n], dict) else n):
            value = node[name]
            if isinstance(value, dict):
                sha = self._tree(value)
                entries.append({"path": name, "mode": "040000", "type": "tree", "sha": sha})
                raw += b"40000 " + name.encode() + b"\0" + bytes.fromhex(sha)
            else:
                mode, data = value
                sha = blob_sha(data)
                self.blobs[sha] = data
                entries.append(
                    {"path": name, "mode": mode, "type": "blob", "sha": sha, "size": len(data)}
                )
                raw += mode.encode() + b" " + name.encode() + b"\0" + bytes.fromhex(sha)
        sha = hashlib.sha1(b"tree %d\0" % len(raw) + raw).hexdigest()
        self.trees[sha] = entries
        return sha

    @staticmethod
    def _commit_sha(commit: FakeCommit, parent: str) -> str:
        stamp = int(parse_iso(commit.date))
        who = f"{commit.author_name} <{commit.author_email}> {stamp} +0000"
        text = f"tree {commit.tree}\n"
        if parent:
            text += f"parent {parent}\n"
        text += f"author {who}\ncommitter {who}\n\n{commit.message}\n"
        raw = text.encode()
        return hashlib.sha1(b"commit %d\0" % len(raw) + raw).hexdigest()

    # -- what tests do to a repository ---------------------------------------------------------

    def commit(
        self,
        files: dict[str, bytes | str | None],
        message: str = "Update",
        author: str | None = "dev",
        date: str | None = None,
    ) -> FakeCommit:
        """Push a commit setting ``files`` (a None value deletes the file) to the default branch."""
        with self.fake._lock:
            for path, data in files.items():
                if data is None:
                    self.files.pop(path, None)
                else:
                    self.files[path] = _encode(data)
            self.empty = False
            self._build_tree()  # older trees and blobs stay reachable, as in git
            when = date or iso(time.time())
            new = FakeCommit(
                date=when,
                author_login=author,
                author_name=author or "Dev",
                author_email=f"{author or 'dev'}@example.org",
                message=message,
                tree=self.root_tree,
            )
            new.sha = self._commit_sha(new, self.head)
            self.commits.insert(0, new)
            self.pushed_at = self.updated_at = when
            return new

    def set_files(
        self, files: dict[str, bytes | str], message: str = "Update", date: str | None = None
    ) -> FakeCommit:
        """Push a commit whose tree is exactly ``files``."""
        gone: dict[str, bytes | str | None] = {
            path: None for path in self.files if path not in files
        }
        return self.commit({**gone, **files}, message, date=date)

    def rename(self, new_full_name: str) -> None:
        """Rename or transfer: the old name answers 301 (GET) / 307 (writes) from now on."""
        fake = self.fake
        with fake._lock:
            old = self.full_name.lower()
            fake._by_name.pop(old, None)
            fake._renamed[old] = self.id
            self.owner, self.name = new_full_name.split("/", 1)
            self.owner_id = fake._owner(self.owner)
            fake._renamed.pop(self.full_name.lower(), None)
            fake._by_name[self.full_name.lower()] = self
            self.updated_at = iso(time.time())

    def delete(self) -> None:
        """Delete: 404 by name and id, gone from listings and search."""
        with self.fake._lock:
            self.deleted = True
            self.fake._by_name.pop(self.full_name.lower(), None)

    def block(self) -> None:
        """451 "Repository access blocked" from now on."""
        self.blocked = True


@dataclass
class Injection:
    """A fault served instead of (or on top of) the normal answer; see FakeGitHub.inject."""

    pattern: re.Pattern[str]
    status: int | None = None
    times: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    reset_connection: bool = False
    truncated_json: bool = False
    delay: float = 0.0
    method: str | None = None


class Reply(Exception):
    """An answer. Routes return or raise one (raising is handy for errors)."""

    def __init__(
        self,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        last_modified: str | None = None,
        etag: str | None = None,
        cache: str | None = None,
        content_type: str = JSON_TYPE,
        media_type: str = "github.v3; format=json",
    ) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.last_modified = last_modified
        self.etag = etag
        self.cache = cache
        self.content_type = content_type
        self.media_type = media_type
        #: The serialised body, once computed (for the ETag, then for sending).
        self.data: bytes | None = None


def not_found(doc: str = "rest", message: str = "Not Found") -> Reply:
    return Reply(404, bodies.error(404, message, doc))


@dataclass
class Request:
    """What a route needs to know about the request it answers."""

    method: str
    path: str
    pairs: list[tuple[str, str]]
    query: dict[str, str]
    token: str | None
    login: str | None
    accept: str
    json: Any


class FakeGitHub:
    """Start with ``with FakeGitHub() as fake:`` and point PyGithub at ``fake.base_url``."""

    def __init__(self, api_prefix: str = "") -> None:
        self.api_prefix = api_prefix.rstrip("/")
        #: Primary limit per token per hour, and for requests without a token (per "IP").
        self.rate_limit = 5000
        self.anonymous_limit = 60
        #: The search bucket: per minute.
        self.search_limit = 30
        self.anonymous_search_limit = 10
        #: Epoch seconds when the core window resets; set it near to let a client wait it out.
        self.reset_at: float = time.time() + 3600
        self.search_reset_at: float = time.time() + 60
        #: Recursive trees with more entries than this come back cut, with truncated: true.
        self.tree_truncate_limit = 100_000
        #: Files above this size come back from /contents with content "" and encoding "none".
        self.contents_inline_limit = 1024 * 1024
        #: Accepted tokens; empty accepts any. Other tokens get 401 "Bad credentials".
        self.tokens: set[str] = set()
        #: Login of the user each token authenticates as (default: default_login).
        self.token_logins: dict[str, str] = {}
        self.default_login = "cts-audit-bot"
        #: The Authorization header of the latest request (None when it had none).
        self.last_auth: str | None = None
        #: (method, path without prefix or query, status) of every request, in order.
        self.requests: list[tuple[str, str, int]] = []
        self._used: Counter[tuple[str, str]] = Counter()
        self._charged = 0
        #: Charged requests per repository ("owner/name", lower-case; "" for the others).
        self.charged_by_repo: Counter[str] = Counter()
        #: gzip level of archives (GitHub's is the default, 6; benchmarks may go faster).
        self.archive_compresslevel = 6
        self._injections: list[Injection] = []
        self._lock = threading.RLock()
        self._repos: dict[int, FakeRepo] = {}
        self._by_name: dict[str, FakeRepo] = {}
        self._renamed: dict[str, int] = {}
        self._ids = itertools.count(1000)
        self._object_ids = itertools.count(2_000_000_000)
        self._owner_ids: dict[str, int] = {}
        self._owner_kinds: dict[str, str] = {}
        self._owner_names: dict[str, str] = {}
        self._user_ids: dict[str, int] = {}
        self._version = 0
        self._listings: dict[tuple[Any, ...], tuple[int, list[FakeRepo]]] = {}
        self._request_number = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life ----------------------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        handler = type("Handler", (_Handler,), {"fake": self})
        server = _Server(("127.0.0.1", 0), handler)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._server is not None, "start the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """What to pass as PyGithub's base_url (origin + api_prefix)."""
        return self.origin + self.api_prefix

    @property
    def web_url(self) -> str:
        """html_url host: github.com, or the server itself in Enterprise mode (as GHES does)."""
        return self.origin if self.api_prefix else "https://github.com"

    # -- content -------------------------------------------------------------------------------

    def add_owner(self, login: str, kind: str = "Organization") -> None:
        """Declare an owner's kind ("Organization" or "User"); owners default to organisations."""
        self._owner(login)
        self._owner_kinds[login.lower()] = kind

    def _owner(self, login: str) -> int:
        key = login.lower()
        self._owner_names.setdefault(key, login)
        return self._owner_ids.setdefault(key, 100_000 + len(self._owner_ids))

    def add_repo(
        self,
        full_name: str,
        files: dict[str, bytes | str] | None = None,
        *,
        default_branch: str = "main",
        archived: bool = False,
        fork: bool = False,
        private: bool = False,
        topics: Iterable[str] = (),
        description: str | None = None,
        homepage: str | None = None,
        has_issues: bool = True,
        pushed_at: str | None = None,
        commits: list[FakeCommit] | None = None,
        symlinks: dict[str, str] | None = None,
        license_spdx: str | None = None,
        empty: bool = False,
        visible: bool = True,
        writable: bool = True,
        collaborator: bool = True,
        blocked: bool = False,
        language: str | None = "",
        fork_of: str | None = None,
        created_at: str | None = None,
    ) -> FakeRepo:
        """Add a repository. ``language=""`` guesses it from file extensions."""
        with self._lock:
            repo = FakeRepo(
                self,
                next(self._ids),
                full_name,
                files=files,
                default_branch=default_branch,
                archived=archived,
                fork=fork,
                private=private,
                topics=topics,
                description=description,
                homepage=homepage,
                has_issues=has_issues,
                pushed_at=pushed_at,
                commits=commits,
                symlinks=symlinks,
                license_spdx=license_spdx,
                empty=empty,
                visible=visible,
                writable=writable,
                collaborator=collaborator,
                blocked=blocked,
                language=language,
                fork_of=fork_of,
                created_at=created_at,
            )
            self._repos[repo.id] = repo
            self._by_name[full_name.lower()] = repo
            self._renamed.pop(full_name.lower(), None)
            self._version += 1
            return repo

    def repo(self, full_name: str) -> FakeRepo:
        """The repository now called ``full_name``."""
        return self._by_name[full_name.lower()]

    def issues(self, full_name: str) -> list[dict[str, Any]]:
        """The stored issues of a repository: number, title, body, state, labels, comments..."""
        return self.repo(full_name).issues

    # -- faults and accounting -----------------------------------------------------------------

    def inject(
        self,
        path_regex: str,
        *,
        status: int | None = None,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: Any = None,
        reset_connection: bool = False,
        truncated_json: bool = False,
        delay: float = 0.0,
        method: str | None = None,
    ) -> Injection:
        """Serve a fault the next ``times`` requests whose path (no prefix, no query) matches.

        ``status`` alone answers that status (403/429 with GitHub's secondary-limit message,
        5xx with "Server Error") unless ``body`` is given; ``headers`` are added (Retry-After).
        ``reset_connection`` sends the headers and half the body, then closes the socket;
        ``truncated_json`` sends a complete HTTP response whose JSON is cut short; ``delay``
        waits that long before answering.
        """
        injection = Injection(
            re.compile(path_regex),
            status=status,
            times=times,
            headers=dict(headers or {}),
            body=body,
            reset_connection=reset_connection,
            truncated_json=truncated_json,
            delay=delay,
            method=method,
        )
        with self._lock:
            self._injections.append(injection)
        return injection

    def reset_rate_limit(self) -> None:
        """A fresh window for every token and bucket."""
        with self._lock:
            self._used.clear()
            self.reset_at = time.time() + 3600
            self.search_reset_at = time.time() + 60

    def count(
        self, method: str | None = None, path_regex: str | None = None, status: int | None = None
    ) -> int:
        """How many logged requests match all the given criteria."""
        pattern = re.compile(path_regex) if path_regex else None
        with self._lock:
            log = list(self.requests)
        return sum(
            1
            for m, p, s in log
            if (method is None or m == method)
            and (pattern is None or pattern.search(p))
            and (status is None or s == status)
        )

    @property
    def charged(self) -> int:
        """Requests ever counted against a rate limit: not 304s, /rate_limit, 401s, or those
        refused because the limit was already spent. Window resets do not lower it."""
        return self._charged

    @property
    def writes(self) -> int:
        """Non-GET requests."""
        with self._lock:
            return sum(1 for m, _, _ in self.requests if m not in ("GET", "HEAD"))

    def clear_log(self) -> None:
        """Forget logged requests (rate-limit usage and ``charged`` stay)."""
        with self._lock:
            self.requests.clear()

    def blob_at(self, repo: FakeRepo | None, commit: FakeCommit | None, path: str) -> bytes | None:
        """The content of a file (or a symlink's target) at a commit, if the commit has it."""
        if repo is None or commit is None:
            return None
        tree = commit.tree
        *folders, name = path.split("/")
        for folder in folders:
            found = [e for e in repo.trees.get(tree, []) if e["path"] == folder]
            if not found or found[0]["type"] != "tree":
                return None
            tree = found[0]["sha"]
        for entry in repo.trees.get(tree, []):
            if entry["path"] == name and entry["type"] == "blob":
                return repo.blobs.get(entry["sha"])
        return None

    def archive(self, repo: FakeRepo, commit: FakeCommit) -> bytes:
        """The commit's tree as ``git archive`` writes it for GitHub's tarball: gzip, pax, the
        commit SHA in the global header, one top folder ``owner-name-sha7/``, folders, files
        and symlinks, and the paths ``.gitattributes`` marks ``export-ignore`` left out."""
        prefix = f"{repo.owner}-{repo.name}-{commit.sha[:7]}/"
        out = io.BytesIO()
        mtime = int(parse_iso(commit.date))
        ignored = _export_ignore(repo.blobs, repo.trees.get(commit.tree, []))
        with (
            gzip.GzipFile(
                fileobj=out, mode="wb", mtime=mtime, compresslevel=self.archive_compresslevel
            ) as zipped,
            tarfile.open(
                fileobj=zipped,
                mode="w",
                format=tarfile.PAX_FORMAT,
                pax_headers={"comment": commit.sha},
            ) as tar,
        ):

            def add(name: str, kind: bytes, data: bytes = b"", mode: int = 0o644) -> None:
                info = tarfile.TarInfo(prefix + name)
                info.mtime, info.type, info.mode = mtime, kind, mode
                info.uname = info.gname = "root"
                if kind == tarfile.SYMTYPE:
                    info.linkname = data.decode("utf-8", "surrogateescape")
                    tar.addfile(info)
                elif kind == tarfile.DIRTYPE:
                    tar.addfile(info)
                else:
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))

            def walk(tree_sha: str, folder: str) -> None:
                for entry in repo.trees[tree_sha]:
                    path = folder + entry["path"]
                    if any(_matches(path, pattern) for pattern in ignored):
                        continue
                    if entry["type"] == "tree":
                        add(path + "/", tarfile.DIRTYPE, mode=0o775)
                        walk(entry["sha"], path + "/")
                    elif entry["mode"] == "120000":
                        add(path, tarfile.SYMTYPE, repo.blobs[entry["sha"]], 0o777)
                    else:
                        add(path, tarfile.REGTYPE, repo.blobs[entry["sha"]])

            add("", tarfile.DIRTYPE, mode=0o775)
            if commit.tree:
                walk(commit.tree, "")
        return out.getvalue()

    # -- helpers for the handler ---------------------------------------------------------------

    def _take_injection(self, method: str, path: str) -> Injection | None:
        with self._lock:
            for injection in self._injections:
                if injection.times <= 0 or (injection.method and injection.method != method):
                    continue
                if injection.pattern.search(path):
                    injection.times -= 1
                    return injection
        return None

    def _user_id(self, login: str) -> int:
        key = login.lower()
        if key in self._owner_ids:
            return self._owner_ids[key]
        return self._user_ids.setdefault(key, 5_000_000 + len(self._user_ids))

    def _by_owner_list(self, key: str) -> list[FakeRepo]:
        """Repositories whose owner is ``key`` (lower-case), in id order, cached per version."""
        return self._listing(
            ("by-owner", key),
            lambda: [r for r in self._repos.values() if r.owner.lower() == key],
        )

    def _listing(self, key: tuple[Any, ...], build: Callable[[], list[FakeRepo]]) -> list[FakeRepo]:
        cached = self._listings.get(key)
        if cached is not None and cached[0] == self._version:
            return cached[1]
        items = build()
        self._listings[key] = (self._version, items)
        return items


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a benchmark opens many connections at once

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up mid-answer (timeouts, injected faults) are expected


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub
    protocol_version = "HTTP/1.1"  # keep-alive, as GitHub; every answer has a length
    timeout = 120

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def version_string(self) -> str:
        return "github.com"

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing ------------------------------------------------------------------------------

    def _handle(self, method: str) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""  # always drain: keep-alive
        path = unquote(split.path)
        in_prefix = (
            not fake.api_prefix or path == fake.api_prefix or path.startswith(fake.api_prefix + "/")
        )
        if fake.api_prefix and in_prefix:
            path = path[len(fake.api_prefix) :] or "/"
        pairs = parse_qsl(split.query, keep_blank_values=True)
        if path.startswith(CODELOAD):
            self._codeload(method, path)
            return
        web = unquote(split.path)
        web_raw = (
            method in ("GET", "HEAD")
            and re.fullmatch(r"/[^/]+/[^/]+/raw/[^/]+/.+", web) is not None
            and (not in_prefix if fake.api_prefix else not web.startswith("/repos/"))
        )
        if path.startswith(RAW) or web_raw:
            self._raw(method, path if path.startswith(RAW) else web)
            return
        auth = self.headers.get("Authorization")
        token = None
        if auth:
            scheme, _, credential = auth.partition(" ")
            token = credential.strip() if scheme.lower() in ("token", "bearer") else auth
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        request = Request(
            method=method,
            path=path,
            pairs=pairs,
            query=dict(pairs),
            token=token,
            login=fake.token_logins.get(token, fake.default_login) if token else None,
            accept=self.headers.get("Accept") or "",
            json=payload,
        )
        bucket = "search" if path.startswith("/search/") else "core"
        with fake._lock:
            fake.last_auth = auth
        injection = fake._take_injection(method, path)
        if injection is not None and injection.delay:
            time.sleep(injection.delay)  # outside the lock: other requests go on
        with fake._lock:
            reply, charge = self._answer(request, bucket, injection, in_prefix)
            reply = self._conditional(reply, charge)
            if reply.status == 304:
                charge = False
            used, limit, reset = self._account(request, bucket, charge)
            fake.requests.append((method if method != "HEAD" else "HEAD", path, reply.status))
            number = next(fake._request_number)
        try:
            self._send(reply, request, bucket, used, limit, reset, number, injection)
        except (ConnectionError, TimeoutError, OSError):
            self.close_connection = True

    def _answer(
        self, request: Request, bucket: str, injection: Injection | None, in_prefix: bool
    ) -> tuple[Reply, bool]:
        """The reply and whether it is charged to the rate limit."""
        fake = self.fake
        now = time.time()
        if now >= fake.reset_at:  # the window rolls over, as GitHub's does
            for key in [k for k in fake._used if k[1] == "core"]:
                del fake._used[key]
            fake.reset_at = now + 3600
        if now >= fake.search_reset_at:
            for key in [k for k in fake._used if k[1] == "search"]:
                del fake._used[key]
            fake.search_reset_at = now + 60
        if not in_prefix:
            return not_found(), False
        if request.token and fake.tokens and request.token not in fake.tokens:
            return Reply(401, bodies.error(401, "Bad credentials")), False
        if injection is not None and injection.status is not None:
            return self._injected(injection), True
        if request.path in ("/rate_limit", "/_fake/stats"):
            return self._free(request), False
        used, limit, _ = self._bucket(request, bucket)
        if used >= limit:
            who = (
                "user ID 1."
                if request.token
                else f"{self.client_address[0]}. (But here's the good news: Authenticated "
                "requests get a higher rate limit. Check out the documentation for more details.)"
            )
            body = {
                "message": f"API rate limit exceeded for {who}",
                "documentation_url": PRIMARY_DOC,
                "status": "403",
            }
            return Reply(403, body), False
        try:
            return self._route(request), True
        except Reply as reply:
            return reply, True

    def _injected(self, injection: Injection) -> Reply:
        status = injection.status or 500
        body = injection.body
        if body is None:
            if status in (403, 429):
                body = {"message": SECONDARY_MESSAGE, "documentation_url": SECONDARY_DOC}
            elif status >= 500:
                body = {"message": "Server Error"}
            else:
                body = bodies.error(status, "Injected")
        return Reply(status, body, dict(injection.headers))

    def _bucket(self, request: Request, bucket: str) -> tuple[int, int, float]:
        fake = self.fake
        who = request.token or f"ip:{self.client_address[0]}"
        if bucket == "search":
            limit = fake.search_limit if request.token else fake.anonymous_search_limit
            reset = fake.search_reset_at
        else:
            limit = fake.rate_limit if request.token else fake.anonymous_limit
            reset = fake.reset_at
        return fake._used[(who, bucket)], limit, reset

    def _account(self, request: Request, bucket: str, charge: bool) -> tuple[int, int, float]:
        fake = self.fake
        used, limit, reset = self._bucket(request, bucket)
        if charge and used < limit:
            who = request.token or f"ip:{self.client_address[0]}"
            fake._used[(who, bucket)] += 1
            fake._charged += 1
            match = re.match(r"/repos/([^/]+/[^/]+)", request.path)
            fake.charged_by_repo[match.group(1).lower() if match else ""] += 1
            used += 1
        return used, limit, reset

    def _conditional(self, reply: Reply, charge: bool) -> Reply:
        """A GET whose validators still match becomes a free 304 (If-None-Match wins)."""
        if self.command not in ("GET", "HEAD") or reply.status != 200 or not charge:
            return reply
        if reply.cache == "no-cache":
            return reply
        etag = self._etag(reply)
        wanted = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        fresh = False
        if wanted:
            tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
            fresh = "*" in tags or etag.removeprefix("W/") in tags
        elif since and reply.last_modified:
            try:
                fresh = parse_iso(reply.last_modified) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                fresh = False
        if not fresh:
            return reply
        # The recorded 304 repeats the validators, with the ETag in its strong form.
        not_modified = Reply(304, None, cache=reply.cache, last_modified=reply.last_modified)
        not_modified.etag = etag.removeprefix("W/")
        return not_modified

    def _etag(self, reply: Reply) -> str:
        if reply.etag is None:
            reply.data = self._serialise(reply)
            reply.etag = 'W/"' + hashlib.sha256(reply.data).hexdigest() + '"'
        return reply.etag

    def _serialise(self, reply: Reply) -> bytes:
        if reply.data is not None:
            return reply.data
        if reply.body is None:
            return b""
        if isinstance(reply.body, bytes):
            return reply.body
        return json.dumps(reply.body, ensure_ascii=False).encode()

    def _send(
        self,
        reply: Reply,
        request: Request,
        bucket: str,
        used: int,
        limit: int,
        reset: float,
        number: int,
        injection: Injection | None,
    ) -> None:
        status = reply.status
        has_body = status not in (204, 304)
        data = self._serialise(reply) if has_body else b""
        self.send_response(status)
        if has_body:
            self.send_header("Content-Type", reply.content_type)
        if status in (200, 201, 304) and not (injection is not None and injection.truncated_json):
            cache = reply.cache or (
                "private, max-age=60, s-maxage=60"
                if request.token
                else "public, max-age=60, s-maxage=60"
            )
            self.send_header("Cache-Control", cache)
            self.send_header(
                "Vary",
                "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, "
                "X-Requested-With",
            )
        else:
            self.send_header("Vary", "Accept-Encoding, Accept, X-Requested-With")
        # A corrupted body carries no validators: revalidating it must not answer 304.
        corrupt = injection is not None and injection.truncated_json
        if (
            request.method in ("GET", "HEAD")
            and status in (200, 304)
            and reply.cache != "no-cache"
            and not corrupt
        ):
            self.send_header("ETag", self._etag(reply) if status == 200 else str(reply.etag))
            if reply.last_modified:
                self.send_header("Last-Modified", http_date(reply.last_modified))
        if has_body:
            self.send_header("X-GitHub-Media-Type", reply.media_type)
        for name, value in CONSTANT_HEADERS:
            self.send_header(name, value)
        self.send_header("X-RateLimit-Limit", str(limit))
        self.send_header("X-RateLimit-Remaining", str(max(0, limit - used)))
        self.send_header("X-RateLimit-Reset", str(math.ceil(reset)))
        self.send_header("X-RateLimit-Used", str(used))
        self.send_header("X-RateLimit-Resource", bucket)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header(
            "X-GitHub-Request-Id",
            f"{0xC000 + number % 0x3FFF:04X}:{os.getpid() % 0xFFFFF:X}:"
            f"{number * 7919 % 0xFFFFFFF:X}:{number * 104729 % 0xFFFFFFF:X}:{int(time.time()):X}",
        )
        if injection is not None and injection.truncated_json and has_body:
            data = data[: max(1, len(data) // 2)]  # a whole HTTP answer, broken JSON
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if injection is not None and injection.reset_connection:
            self.wfile.write(data[: max(1, len(data) // 2)])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if data and request.method != "HEAD":
            self.wfile.write(data)

    # -- routes --------------------------------------------------------------------------------

    def _free(self, request: Request) -> Reply:
        fake = self.fake
        if request.path == "/_fake/stats":  # for benchmarks that run the fake in another process
            return Reply(
                200,
                {
                    "requests": len(fake.requests),
                    "charged": fake.charged,
                    "charged_by_repo": dict(fake.charged_by_repo),
                    "not_modified": sum(1 for r in fake.requests if r[2] == 304),
                    "writes": sum(1 for r in fake.requests if r[0] not in ("GET", "HEAD")),
                },
                cache="no-cache",
            )
        if request.method != "GET":
            raise not_found()
        core_used, core_limit, core_reset = self._bucket(request, "core")
        search_used, search_limit, search_reset = self._bucket(request, "search")
        core = bodies.rate_limit_resource(core_limit, core_used, math.ceil(core_reset))
        search = bodies.rate_limit_resource(search_limit, search_used, math.ceil(search_reset))
        hour = math.ceil(time.time() + 3600)
        minute = math.ceil(time.time() + 60)
        return Reply(
            200,
            {
                "resources": {
                    "core": core,
                    "search": search,
                    "graphql": bodies.rate_limit_resource(core_limit, 0, hour),
                    "integration_manifest": bodies.rate_limit_resource(5000, 0, hour),
                    "source_import": bodies.rate_limit_resource(100, 0, minute),
                    "code_scanning_upload": bodies.rate_limit_resource(1000, 0, hour),
                    "actions_runner_registration": bodies.rate_limit_resource(10000, 0, hour),
                    "scim": bodies.rate_limit_resource(15000, 0, hour),
                    "dependency_snapshots": bodies.rate_limit_resource(100, 0, minute),
                    "code_search": bodies.rate_limit_resource(10, 0, minute),
                },
                "rate": core,
            },
            cache="no-cache",
        )

    def _route(self, request: Request) -> Reply:
        path = request.path
        if path == "/user" and request.method == "GET":
            if not request.login:
                raise Reply(401, bodies.error(401, "Requires authentication"))
            return Reply(200, self._user(request.login))
        match = re.fullmatch(r"/(orgs|users)/([^/]+)/repos", path) or re.fullmatch(
            r"/(organizations|user)/(\d+)/repos", path
        )
        if match and request.method == "GET":
            return self._owner_repos(request, match.group(1), match.group(2))
        match = re.fullmatch(r"/(orgs|users)/([^/]+)", path)
        if match and request.method == "GET":
            return self._owner_object(match.group(1), match.group(2))
        if path == "/search/repositories" and request.method == "GET":
            return self._search(request)
        match = re.fullmatch(r"/repositories/(\d+)(/.*)?", path)
        if match:
            repo = self.fake._repos.get(int(match.group(1)))
            if repo is None or repo.deleted:
                raise not_found("rest/repos/repos#get-a-repository")
            return self._repo_route(request, repo, match.group(2) or "")
        match = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
        if match:
            key = f"{match.group(1)}/{match.group(2)}".lower()
            rest = match.group(3) or ""
            found = self.fake._by_name.get(key)
            if found is None and key in self.fake._renamed:
                moved = self.fake._repos[self.fake._renamed[key]]
                if not moved.deleted and self._can_see(request, moved):
                    location = f"{self.fake.base_url}/repositories/{moved.id}{quote(rest)}"
                    raise Reply(
                        301 if request.method in ("GET", "HEAD") else 307,
                        {
                            "message": "Moved Permanently",
                            "url": location,
                            "documentation_url": "https://docs.github.com/v3/#http-redirects",
                        },
                        {"Location": location},
                    )
            if found is None:
                raise not_found("rest/repos/repos#get-a-repository")
            return self._repo_route(request, found, rest)
        raise not_found()

    def _user(self, login: str) -> dict[str, Any]:
        fake = self.fake
        kind = fake._owner_kinds.get(login.lower(), "User")
        return bodies.user(fake.base_url, fake.web_url, login, fake._user_id(login), kind)

    def _owner_object(self, route: str, login: str) -> Reply:
        fake = self.fake
        key = login.lower()
        if key not in fake._owner_ids:
            raise not_found()
        kind = fake._owner_kinds.get(key, "Organization")
        name = fake._owner_names[key]
        if route == "orgs":
            if kind != "Organization":
                raise not_found()
            public = sum(1 for r in fake._by_owner_list(key) if not r.private)
            return Reply(
                200,
                bodies.organization(
                    fake.base_url, fake.web_url, name, fake._owner_ids[key], public
                ),
            )
        return Reply(
            200, bodies.user(fake.base_url, fake.web_url, name, fake._owner_ids[key], kind)
        )

    # -- listings ------------------------------------------------------------------------------

    def _page(
        self, request: Request, items: Sequence[Any], link_path: str, *, cap: int | None = None
    ) -> tuple[Sequence[Any], dict[str, str]]:
        """GitHub's pagination: per_page (default 30, at most 100), page, and a Link header that
        repeats every query parameter; none when everything fits on one page."""
        try:
            per_page = min(100, max(1, int(request.query.get("per_page") or 30)))
        except ValueError:
            per_page = 30
        try:
            page = max(1, int(request.query.get("page") or 1))
        except ValueError:
            page = 1
        reachable = len(items) if cap is None else min(len(items), cap)
        last = max(1, math.ceil(reachable / per_page))
        start = (page - 1) * per_page
        chunk = items[start : min(start + per_page, reachable)] if start < reachable else []
        if last == 1 and page == 1:
            return chunk, {}
        kept = [(k, v) for k, v in request.pairs if k != "page"]
        base = f"{self.fake.base_url}{quote(link_path)}"

        def link(number: int, rel: str) -> str:
            return f'<{base}?{urlencode([*kept, ("page", str(number))])}>; rel="{rel}"'

        links = []
        if page > 1:
            links.append(link(min(page - 1, last), "prev"))
        if page < last:
            links.append(link(page + 1, "next"))
            links.append(link(last, "last"))
        if page > 1:
            links.append(link(1, "first"))
        return chunk, {"Link": ", ".join(links)}

    def _can_see(self, request: Request, repo: FakeRepo) -> bool:
        return repo.visible and not repo.deleted and (not repo.private or bool(request.token))

    def _permissions(self, request: Request, repo: FakeRepo) -> dict[str, bool] | None:
        if not request.token:
            return None
        push = repo.writable
        return {"admin": False, "maintain": False, "push": push, "triage": push, "pull": True}

    def _owner_repos(self, request: Request, route: str, who: str) -> Reply:
        fake = self.fake
        if route in ("organizations", "user"):
            key = next((k for k, v in fake._owner_ids.items() if str(v) == who), None)
        else:
            key = who.lower()
        if key is None or key not in fake._owner_ids:
            raise not_found()
        kind = fake._owner_kinds.get(key, "Organization")
        if route in ("orgs", "organizations") and kind != "Organization":
            raise not_found()
        kind_filter = request.query.get("type", "all")
        default_sort = "created" if route in ("orgs", "organizations") else "full_name"
        sort = request.query.get("sort", default_sort)
        direction = request.query.get("direction", "asc" if sort == "full_name" else "desc")
        anonymous = not request.token

        def build() -> list[FakeRepo]:
            repos = [
                r
                for r in fake._by_owner_list(key)
                if r.visible and not r.deleted and not (r.private and anonymous)
            ]
            if kind_filter == "public":
                repos = [r for r in repos if not r.private]
            elif kind_filter == "private":
                repos = [r for r in repos if r.private]
            elif kind_filter == "forks":
                repos = [r for r in repos if r.fork]
            elif kind_filter == "sources":
                repos = [r for r in repos if not r.fork]
            sort_key: Callable[[FakeRepo], Any] = {
                "full_name": lambda r: r.full_name.lower(),
                "updated": lambda r: (r.updated_at, r.id),
                "pushed": lambda r: (r.pushed_at, r.id),
            }.get(sort, lambda r: (r.created_at, r.id))
            return sorted(repos, key=sort_key, reverse=direction == "desc")

        repos = fake._listing(("owner", key, kind_filter, sort, direction, anonymous), build)
        owner_id = fake._owner_ids[key]
        # Real Link URLs name the owner by id: /organizations/{id}/repos, /user/{id}/repos.
        link_path = (
            f"/organizations/{owner_id}/repos"
            if route in ("orgs", "organizations")
            else f"/user/{owner_id}/repos"
        )
        chunk, headers = self._page(request, repos, link_path)
        items = [
            bodies.repository(
                fake.base_url,
                fake.web_url,
                r,
                full=False,
                permissions=self._permissions(request, r),
            )
            for r in chunk
        ]
        return Reply(200, items, headers)

    def _search(self, request: Request) -> Reply:
        fake = self.fake
        q = request.query.get("q", "").strip()
        if not q:
            raise Reply(422, bodies.validation_failed("Search", "q", "missing", "v3/search"))
        if len(q) > 256:
            raise Reply(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "message": "The search is longer than 256 characters.",
                            "resource": "Search",
                            "field": "q",
                            "code": "invalid",
                        }
                    ],
                    "documentation_url": "https://docs.github.com/v3/search/",
                    "status": "422",
                },
            )
        try:
            per_page = min(100, max(1, int(request.query.get("per_page") or 30)))
            page = max(1, int(request.query.get("page") or 1))
        except ValueError:
            per_page, page = 30, 1
        if (page - 1) * per_page >= 1000:
            raise Reply(
                422,
                {
                    "message": "Only the first 1000 search results are available",
                    "documentation_url": "https://docs.github.com/v3/search/",
                    "status": "422",
                },
            )
        sort = request.query.get("sort", "")
        order = request.query.get("order", "desc")
        anonymous = not request.token

        def build() -> list[FakeRepo]:
            topics: list[str] = []
            owners: list[str] = []
            words: list[str] = []
            forks = "false"
            archived: bool | None = None
            for term in q.split():
                qualifier, _, value = term.partition(":")
                qualifier = qualifier.lower()
                if value and qualifier == "topic":
                    topics.append(value.lower())
                elif value and qualifier in ("org", "user"):
                    owners.append(value.lower())
                elif value and qualifier == "fork":
                    forks = value.lower()
                elif value and qualifier == "archived":
                    archived = value.lower() == "true"
                elif not value:
                    words.append(term.lower())
            found = []
            for repo in fake._repos.values():
                if not repo.visible or repo.deleted or (repo.private and anonymous):
                    continue
                if (forks == "false" and repo.fork) or (forks == "only" and not repo.fork):
                    continue  # search leaves forks out unless fork:true / fork:only
                if archived is not None and repo.archived != archived:
                    continue
                if owners and repo.owner.lower() not in owners:
                    continue
                names = {t.lower() for t in repo.topics}
                if any(t not in names for t in topics):
                    continue
                text = f"{repo.name} {repo.description or ''}".lower()
                if any(w not in text for w in words):
                    continue
                found.append(repo)
            if sort == "updated":
                found.sort(key=lambda r: (r.pushed_at, r.id), reverse=order == "desc")
            return found

        found = fake._listing(("search", q, sort, order, anonymous), build)
        chunk, headers = self._page(request, found, "/search/repositories", cap=1000)
        items = [
            {
                **bodies.repository(
                    fake.base_url,
                    fake.web_url,
                    r,
                    full=False,
                    permissions=self._permissions(request, r),
                ),
                "score": 1.0,
            }
            for r in chunk
        ]
        body = {"total_count": len(found), "incomplete_results": False, "items": items}
        return Reply(200, body, headers, cache="no-cache")

    # -- one repository ------------------------------------------------------------------------

    def _repo_route(self, request: Request, repo: FakeRepo, rest: str) -> Reply:
        fake = self.fake
        if not self._can_see(request, repo):
            raise not_found("rest/repos/repos#get-a-repository")
        if repo.blocked:
            raise Reply(
                451,
                {
                    "message": "Repository access blocked",
                    "block": {
                        "reason": "dmca",
                        "created_at": repo.updated_at,
                        "html_url": "https://github.com/github/dmca/blob/master/2026/fake.md",
                    },
                    "documentation_url": "https://docs.github.com/rest",
                    "status": "451",
                },
            )
        method = request.method
        reading = method in ("GET", "HEAD")
        if rest.startswith(("/issues", "/labels")):
            return self._issues_route(request, repo, rest)
        if not reading:
            raise not_found()
        if rest == "":
            parent = None
            if repo.fork:
                upstream = fake._by_name.get((repo.fork_of or "").lower())
                parent = (
                    bodies.repository(
                        fake.base_url, fake.web_url, upstream, full=False, permissions=None
                    )
                    if upstream is not None
                    else None
                )
            body = bodies.repository(
                fake.base_url,
                fake.web_url,
                repo,
                full=True,
                permissions=self._permissions(request, repo),
                parent=parent,
            )
            return Reply(200, body, last_modified=repo.updated_at)
        if rest == "/topics":
            media = (
                "github.mercy-preview; format=json"
                if "mercy-preview" in request.accept
                else "github.v3; format=json"
            )
            return Reply(200, {"names": list(repo.topics)}, media_type=media)
        if rest == "/contributors":
            return self._contributors(request, repo)
        if rest == "/readme" or rest.startswith("/readme/"):
            return self._readme(request, repo)
        if rest == "/license":
            return self._license(request, repo)
        if rest == "/contents" or rest.startswith("/contents/"):
            return self._contents(request, repo, rest[len("/contents") :].lstrip("/"))
        match = re.fullmatch(r"/tarball(?:/(.+))?", rest)
        if match:
            return self._tarball(repo, match.group(1) or repo.default_branch)
        if rest.endswith("/"):
            raise not_found()  # GitHub: a trailing slash is another, unknown, endpoint
        if repo.empty and rest.startswith(("/git/", "/commits")):
            raise Reply(409, bodies.error(409, EMPTY_REPO, "rest/git/trees#get-a-tree"))
        match = re.fullmatch(r"/git/trees/(.+)", rest)
        if match:
            return self._tree(request, repo, match.group(1))
        match = re.fullmatch(r"/git/blobs/([0-9a-fA-F]{40})", rest)
        if match:
            return self._blob(repo, match.group(1).lower())
        match = re.fullmatch(r"/git/refs?/heads/(.+)", rest)
        if match:
            return self._ref(repo, match.group(1))
        match = re.fullmatch(r"/branches/(.+)", rest)
        if match:
            return self._branch(request, repo, match.group(1))
        if rest == "/commits":
            return self._commits(request, repo)
        match = re.fullmatch(r"/commits/([^/]+)", rest)
        if match:
            found = self._resolve_commit(repo, match.group(1))
            if found is None:
                raise Reply(
                    422 if not re.fullmatch(r"[0-9a-f]{4,40}", match.group(1)) else 404,
                    bodies.error(
                        422 if not re.fullmatch(r"[0-9a-f]{4,40}", match.group(1)) else 404,
                        f"No commit found for SHA: {match.group(1)}",
                        "rest/commits/commits#get-a-commit",
                    ),
                )
            index = repo.commits.index(found)
            return Reply(
                200,
                self._commit_body(repo, index, full=True),
                last_modified=found.date,
            )
        raise not_found()

    def _resolve_commit(self, repo: FakeRepo, ref: str) -> FakeCommit | None:
        if not repo.commits:
            return None
        if ref in (repo.default_branch, "HEAD", f"heads/{repo.default_branch}"):
            return repo.commits[0]
        ref = ref.lower()
        if len(ref) >= 4:
            for commit in repo.commits:
                if commit.sha.startswith(ref):
                    return commit
        return None

    def _commit_body(self, repo: FakeRepo, index: int, *, full: bool) -> dict[str, Any]:
        fake = self.fake
        commit = repo.commits[index]
        parents = [repo.commits[index + 1].sha] if index + 1 < len(repo.commits) else []
        author = self._user(commit.author_login) if commit.author_login else None
        return bodies.commit(fake.base_url, fake.web_url, repo, commit, parents, author, full=full)

    def _tree(self, request: Request, repo: FakeRepo, ref: str) -> Reply:
        fake = self.fake
        commit = self._resolve_commit(repo, ref)
        sha = commit.tree if commit is not None else ref.lower()
        if sha not in repo.trees:
            raise not_found("rest/git/trees#get-a-tree")
        recursive = "recursive" in request.query  # GitHub treats any value as "yes"
        base = f"{fake.base_url}/repos/{repo.full_name}/git"
        entries: list[dict[str, Any]] = []
        limit = fake.tree_truncate_limit
        truncated = False

        def walk(tree_sha: str, prefix: str) -> None:
            nonlocal truncated
            for entry in repo.trees[tree_sha]:
                if recursive and len(entries) >= limit:
                    truncated = True
                    return
                item = dict(entry)
                item["path"] = prefix + entry["path"]
                kind = "trees" if entry["type"] == "tree" else "blobs"
                item["url"] = f"{base}/{kind}/{entry['sha']}"
                entries.append(item)
                if recursive and entry["type"] == "tree":
                    walk(entry["sha"], item["path"] + "/")
                    if truncated:
                        return

        walk(sha, "")
        body = {"sha": sha, "url": f"{base}/trees/{sha}", "tree": entries, "truncated": truncated}
        return Reply(200, body, cache=CACHE_DAY, last_modified=repo.pushed_at)

    def _blob(self, repo: FakeRepo, sha: str) -> Reply:
        data = repo.blobs.get(sha)
        if data is None:
            raise not_found("rest/git/blobs#get-a-blob")
        body = {
            "sha": sha,
            "node_id": bodies.node_id("Blob", int(sha[:8], 16)),
            "size": len(data),
            "url": f"{self.fake.base_url}/repos/{repo.full_name}/git/blobs/{sha}",
            "content": bodies.base64_lines(data),
            "encoding": "base64",
        }
        return Reply(200, body, cache=CACHE_DAY, etag=f'W/"{sha}"', last_modified=repo.pushed_at)

    def _tarball(self, repo: FakeRepo, ref: str) -> Reply:
        """``GET /repos/{o}/{r}/tarball/{ref}``: a counted 302 to the archive's download."""
        if repo.empty:
            raise not_found("rest/repos/contents#download-a-repository-archive-tar")
        commit = self._resolve_commit(repo, ref)
        if commit is None:
            raise not_found("rest/repos/contents#download-a-repository-archive-tar")
        port = urlsplit(self.fake.origin).port
        kind = "refs/heads/" if ref == repo.default_branch else ""
        location = (
            f"http://localhost:{port}{CODELOAD}{repo.full_name}/legacy.tar.gz/{kind}{quote(ref)}"
        )
        return Reply(302, b"", {"Location": location}, content_type="text/html;charset=utf-8")

    def _codeload(self, method: str, path: str) -> None:
        """The archive itself, as ``git archive`` makes it: not an API request, never counted."""
        fake = self.fake
        injection = fake._take_injection(method, path)
        if injection is not None and injection.delay:
            time.sleep(injection.delay)
        match = re.fullmatch(re.escape(CODELOAD) + r"([^/]+/[^/]+)/legacy\.tar\.gz/(.+)", path)
        status, data, headers = 404, b"Not Found", {"Content-Type": "text/plain; charset=utf-8"}
        with fake._lock:
            repo = fake._by_name.get(match.group(1).lower()) if match else None
            ref = match.group(2).removeprefix("refs/heads/") if match else ""
            commit = self._resolve_commit(repo, ref) if repo is not None else None
        if injection is not None and injection.status is not None:
            status, data = injection.status, b"Server Error"
        elif repo is not None and commit is not None and not repo.deleted:
            # Built outside the lock: a large archive must not hold up other requests.
            status, data = 200, fake.archive(repo, commit)
            stem = f"{repo.owner}-{repo.name}-{commit.sha[:7]}"
            headers = {
                "Content-Type": "application/x-gzip",
                "Content-Disposition": f"attachment; filename={stem}.tar.gz",
                "ETag": f'"{commit.sha}"',
            }
        self._send_download(method, path, status, headers, data, injection)

    def _send_download(
        self,
        method: str,
        path: str,
        status: int,
        headers: dict[str, str],
        data: bytes,
        injection: Injection | None,
    ) -> None:
        """Answer a request to a download host (logged, never counted), with its fault."""
        with self.fake._lock:
            self.fake.requests.append((method, path, status))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if injection is not None and (injection.reset_connection or injection.truncated_json):
            self.wfile.write(data[: max(1, len(data) // 2)])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if method != "HEAD":
            self.wfile.write(data)

    def _raw(self, method: str, path: str) -> None:
        """A file as the raw host serves it (no token read, private repositories not found),
        or the web route's redirect to it. Neither is an API request: never counted."""
        fake = self.fake
        injection = fake._take_injection(method, path)
        if injection is not None and injection.delay:
            time.sleep(injection.delay)
        web = re.fullmatch(r"/([^/]+/[^/]+)/raw/([^/]+)/(.+)", path)
        headers = {"Content-Type": "text/plain; charset=utf-8"}
        if web is not None:
            port = urlsplit(fake.origin).port
            location = f"http://localhost:{port}{RAW}{quote(web.group(1))}/{quote(web.group(2))}/"
            status, data = 302, b""
            headers = {"Location": location + quote(web.group(3))}
        else:
            status, data = 404, b"404: Not Found"
            match = re.fullmatch(re.escape(RAW) + r"([^/]+/[^/]+)/([^/]+)/(.+)", path)
            with fake._lock:
                repo = fake._by_name.get(match.group(1).lower()) if match else None
                commit = None
                if match and repo is not None and not repo.private and not repo.deleted:
                    commit = self._resolve_commit(repo, match.group(2))
                blob = fake.blob_at(repo, commit, match.group(3)) if match and commit else None
            if injection is not None and injection.body is not None:
                status, data = injection.status or 200, bytes(injection.body)
            elif injection is not None and injection.status is not None:
                status, data = injection.status, b"Server Error"
            elif blob is not None:
                status, data = 200, blob
                headers["Cache-Control"] = "max-age=300"
                headers["ETag"] = '"' + hashlib.sha256(blob).hexdigest() + '"'
        self._send_download(method, path, status, headers, data, injection)

    def _ref(self, repo: FakeRepo, branch: str) -> Reply:
        if branch != repo.default_branch:
            raise not_found("rest/git/refs#get-a-reference")
        url = f"{self.fake.base_url}/repos/{repo.full_name}/git"
        body = {
            "ref": f"refs/heads/{branch}",
            "node_id": bodies.node_id("Ref", repo.id),
            "url": f"{url}/refs/heads/{quote(branch)}",
            "object": {"sha": repo.head, "type": "commit", "url": f"{url}/commits/{repo.head}"},
        }
        return Reply(200, body)

    def _branch(self, request: Request, repo: FakeRepo, branch: str) -> Reply:
        fake = self.fake
        if repo.empty or branch != repo.default_branch:
            raise not_found("rest/branches/branches#get-a-branch", "Branch not found")
        url = f"{fake.base_url}/repos/{repo.full_name}/branches/{quote(branch)}"
        body = {
            "name": branch,
            "commit": self._commit_body(repo, 0, full=False),
            "_links": {"self": url, "html": f"{fake.web_url}/{repo.full_name}/tree/{branch}"},
            "protected": False,
            "protection": {
                "enabled": False,
                "required_status_checks": {
                    "enforcement_level": "off",
                    "contexts": [],
                    "checks": [],
                },
            },
            "protection_url": f"{url}/protection",
        }
        return Reply(200, body)

    def _commits(self, request: Request, repo: FakeRepo) -> Reply:
        query = request.query
        start = 0
        if query.get("sha"):
            found = self._resolve_commit(repo, query["sha"])
            if found is None:
                raise Reply(
                    404,
                    bodies.error(404, f"No commit found for SHA: {query['sha']}", "rest/commits"),
                )
            start = repo.commits.index(found)
        indices = list(range(start, len(repo.commits)))
        try:
            if query.get("since"):
                since = parse_iso(query["since"])
                indices = [i for i in indices if parse_iso(repo.commits[i].date) >= since]
            if query.get("until"):
                until = parse_iso(query["until"])
                indices = [i for i in indices if parse_iso(repo.commits[i].date) <= until]
        except ValueError as error:
            raise Reply(400, bodies.error(400, f"Invalid time: {error}", "rest/commits")) from error
        if query.get("author"):
            who = query["author"].lower()
            indices = [
                i
                for i in indices
                if who
                in ((repo.commits[i].author_login or "").lower(), repo.commits[i].author_email)
            ]
        chunk, headers = self._page(request, indices, f"/repositories/{repo.id}/commits")
        body = [self._commit_body(repo, i, full=False) for i in chunk]
        return Reply(200, body, headers, last_modified=repo.pushed_at)

    def _contributors(self, request: Request, repo: FakeRepo) -> Reply:
        if repo.empty:
            return Reply(204)
        logins: Counter[str] = Counter(c.author_login for c in repo.commits if c.author_login)
        ranked = logins.most_common()
        chunk, headers = self._page(request, ranked, f"/repositories/{repo.id}/contributors")
        body = [{**self._user(login), "contributions": n} for login, n in chunk]
        return Reply(200, body, headers)

    # -- contents ------------------------------------------------------------------------------

    def _check_ref(self, request: Request, repo: FakeRepo) -> None:
        ref = request.query.get("ref")
        if ref and self._resolve_commit(repo, ref) is None:
            raise Reply(
                404, bodies.error(404, f"No commit found for the ref {ref}", "rest/repos/contents")
            )

    def _lookup(self, repo: FakeRepo, path: str) -> tuple[str, Any] | None:
        """("file", bytes) / ("symlink", target) / ("dir", tree sha) for a path, or None."""
        if path in repo.files:
            return "file", repo.files[path]
        if path in repo.symlinks:
            return "symlink", repo.symlinks[path]
        sha = repo.root_tree
        if path:
            for part in path.split("/"):
                entry = next(
                    (
                        e
                        for e in repo.trees.get(sha, [])
                        if e["path"] == part and e["type"] == "tree"
                    ),
                    None,
                )
                if entry is None:
                    return None
                sha = entry["sha"]
        return "dir", sha

    def _contents(self, request: Request, repo: FakeRepo, path: str) -> Reply:
        fake = self.fake
        if repo.empty:
            raise Reply(
                404,
                {
                    "message": "This repository is empty.",
                    "documentation_url": "https://docs.github.com/v3/repos/contents/#get-contents",
                    "status": "404",
                },
            )
        self._check_ref(request, repo)
        doc = "rest/repos/contents#get-repository-content"
        clean = path.strip("/")
        found = self._lookup(repo, clean)
        if found is None:
            raise not_found(doc)
        kind, value = found
        if path.endswith("/") and clean:
            if kind != "dir":
                raise not_found(doc)
            # A directory with a trailing slash: GitHub redirects (repos.contents.dir.json).
            location = f"{fake.base_url}/repositories/{repo.id}/contents/{quote(clean)}"
            return Reply(302, b"", {"Location": location}, content_type="text/html;charset=utf-8")
        if kind == "symlink":
            target = os.path.normpath(os.path.join(os.path.dirname(clean), value)).lstrip("/")
            if target in repo.files:  # GitHub answers with the target file when it is one
                clean, kind, value = target, "file", repo.files[target]
            else:
                sha = blob_sha(value.encode())
                body = bodies.symlink(fake.base_url, fake.web_url, repo, clean, value, sha)
                return Reply(200, body, etag=f'W/"{sha}"', last_modified=repo.pushed_at)
        if kind == "file":
            return self._file(request, repo, clean, value)
        entries = []
        for entry in repo.trees[value]:
            child = f"{clean}/{entry['path']}" if clean else entry["path"]
            if entry["type"] == "tree":
                entries.append(
                    bodies.content_entry(
                        fake.base_url, fake.web_url, repo, child, entry["sha"], 0, "dir"
                    )
                )
            elif entry["mode"] == "120000":
                item = bodies.content_entry(
                    fake.base_url, fake.web_url, repo, child, entry["sha"], entry["size"], "symlink"
                )
                entries.append(item)
            else:
                entries.append(
                    bodies.content_entry(
                        fake.base_url,
                        fake.web_url,
                        repo,
                        child,
                        entry["sha"],
                        entry["size"],
                        "file",
                    )
                )
        return Reply(200, entries[:1000], etag=f'W/"{value}"', last_modified=repo.pushed_at)

    def _file(self, request: Request, repo: FakeRepo, path: str, data: bytes) -> Reply:
        fake = self.fake
        sha = blob_sha(data)
        accept = request.accept.lower()
        if ".raw" in accept:  # application/vnd.github.raw, .v3.raw, .raw+json
            media = (
                "application/vnd.github.v3.raw"
                if ".v3.raw" in accept
                else "application/vnd.github.raw"
            )
            return Reply(
                200,
                data,
                etag=f'"{sha}"',
                last_modified=repo.pushed_at,
                content_type=f"{media}; charset=utf-8",
                media_type="github.v3; param=raw",
            )
        body = bodies.content_file(
            fake.base_url, fake.web_url, repo, path, data, sha, fake.contents_inline_limit
        )
        return Reply(200, body, etag=f'W/"{sha}"', last_modified=repo.pushed_at)

    def _readme(self, request: Request, repo: FakeRepo) -> Reply:
        doc = "rest/repos/contents#get-a-repository-readme"
        if repo.empty:
            raise not_found(doc)
        self._check_ref(request, repo)
        for folder in ("", ".github/", "docs/"):
            names = sorted(
                p
                for p in repo.files
                if p.startswith(folder)
                and "/" not in p[len(folder) :]
                and p[len(folder) :].lower().startswith("readme")
            )
            if names:
                return self._file(request, repo, names[0], repo.files[names[0]])
        raise not_found(doc)

    def _license(self, request: Request, repo: FakeRepo) -> Reply:
        fake = self.fake
        if not repo.license_spdx or repo.empty:
            raise not_found("rest/licenses/licenses#get-the-license-for-a-repository")
        candidates = sorted(
            p
            for p in repo.files
            if "/" not in p and p.upper().startswith(("LICENSE", "LICENCE", "COPYING", "UNLICENSE"))
        )
        path = candidates[0] if candidates else "LICENSE"
        data = repo.files.get(path, b"")
        sha = blob_sha(data)
        body = bodies.content_file(
            fake.base_url, fake.web_url, repo, path, data, sha, fake.contents_inline_limit
        )
        body["license"] = bodies.licence(fake.base_url, repo.license_spdx)
        return Reply(200, body, last_modified=repo.pushed_at)

    # -- issues and labels ---------------------------------------------------------------------

    def _issues_route(self, request: Request, repo: FakeRepo, rest: str) -> Reply:
        fake = self.fake
        method = request.method
        reading = method in ("GET", "HEAD")
        if rest.startswith("/issues") and not repo.has_issues:
            raise Reply(
                410,
                bodies.error(410, "Issues are disabled for this repo", "rest/issues/issues"),
            )
        if not reading:
            if not request.token:
                raise Reply(401, bodies.error(401, "Requires authentication", "rest"))
            if not repo.writable:
                raise Reply(
                    403,
                    bodies.error(403, "Resource not accessible by integration", "rest/issues"),
                )
            if repo.archived:
                raise Reply(
                    403, bodies.error(403, "Repository was archived so is read-only.", "rest")
                )
        now = iso(time.time())
        api = fake.base_url
        users = {login: fake._user_id(login) for login in self._logins(repo)}
        if rest == "/labels":
            if reading:
                names = sorted(repo.labels)
                chunk, headers = self._page(request, names, f"/repositories/{repo.id}/labels")
                items = [
                    bodies.label(api, repo, repo.labels[n]["name"], repo.labels[n]) for n in chunk
                ]
                return Reply(200, items, headers)
            if method != "POST":
                raise not_found()
            payload = request.json if isinstance(request.json, dict) else {}
            name = payload.get("name")
            doc = "rest/issues/labels#create-a-label"
            if not repo.collaborator:
                raise Reply(403, bodies.error(403, "Must have admin rights to Repository.", doc))
            if not isinstance(name, str) or not name:
                raise Reply(422, bodies.validation_failed("Label", "name", "missing_field", doc))
            if name.lower() in repo.labels:
                raise Reply(422, bodies.validation_failed("Label", "name", "already_exists", doc))
            color = str(payload.get("color") or "ededed")
            if not re.fullmatch(r"[0-9a-fA-F]{6}", color):
                raise Reply(422, bodies.validation_failed("Label", "color", "invalid", doc))
            data = {
                "id": next(fake._object_ids),
                "name": name,
                "color": color.lower(),
                "description": payload.get("description"),
                "default": False,
            }
            repo.labels[name.lower()] = data
            location = f"{api}/repos/{repo.full_name}/labels/{quote(name)}"
            return Reply(201, bodies.label(api, repo, name, data), {"Location": location})
        match = re.fullmatch(r"/labels/(.+)", rest)
        if match:
            data = repo.labels.get(match.group(1).lower())
            if data is None:
                raise not_found("rest/issues/labels#get-a-label")
            if reading:
                return Reply(200, bodies.label(api, repo, data["name"], data))
            raise not_found()
        if rest == "/issues":
            if reading:
                return self._list_issues(request, repo, users)
            if method != "POST":
                raise not_found()
            return self._create_issue(request, repo, users, now)
        match = re.fullmatch(r"/issues/(\d+)(/comments)?", rest)
        if not match:
            raise not_found()
        number = int(match.group(1))
        issue = next((i for i in repo.issues if i["number"] == number), None)
        if issue is None:
            raise not_found("rest/issues/issues#get-an-issue")
        if match.group(2):
            if reading:
                comments = issue["comments"]
                if request.query.get("since"):
                    since = parse_iso(request.query["since"])
                    comments = [c for c in comments if parse_iso(c["updated_at"]) >= since]
                link = f"/repositories/{repo.id}/issues/{number}/comments"
                chunk, headers = self._page(request, comments, link)
                items = [bodies.comment(api, fake.web_url, repo, number, c, users) for c in chunk]
                return Reply(200, items, headers)
            if method != "POST":
                raise not_found()
            text = (request.json or {}).get("body") if isinstance(request.json, dict) else None
            if not isinstance(text, str) or not text:
                raise Reply(422, bodies.validation_failed("IssueComment", "body", "missing_field"))
            comment = {
                "id": next(fake._object_ids),
                "body": text,
                "user": request.login or fake.default_login,
                "created_at": now,
                "updated_at": now,
            }
            users[comment["user"]] = fake._user_id(comment["user"])
            issue["comments"].append(comment)
            issue["updated_at"] = now
            location = f"{api}/repos/{repo.full_name}/issues/comments/{comment['id']}"
            body = bodies.comment(api, fake.web_url, repo, number, comment, users)
            return Reply(201, body, {"Location": location})
        if reading:
            body = bodies.issue(api, fake.web_url, repo, issue, users)
            return Reply(200, body, last_modified=issue["updated_at"])
        if method != "PATCH":
            raise not_found()
        return self._edit_issue(request, repo, issue, users, now)

    def _logins(self, repo: FakeRepo) -> set[str]:
        logins = {self.fake.default_login, *self.fake.token_logins.values()}
        for issue in repo.issues:
            logins.add(issue["user"])
            if issue.get("closed_by"):
                logins.add(issue["closed_by"])
        return logins

    def _label_names(self, repo: FakeRepo, names: Any) -> list[str]:
        """Labels as GitHub stores them: known names in their own case, new ones created."""
        result: list[str] = []
        for item in names or []:
            name = item if isinstance(item, str) else (item or {}).get("name")
            if not isinstance(name, str) or not name:
                continue
            data = repo.labels.get(name.lower())
            if data is None:  # GitHub creates unknown labels for users who can push
                data = {
                    "id": next(self.fake._object_ids),
                    "name": name,
                    "color": "ededed",
                    "description": None,
                    "default": False,
                }
                repo.labels[name.lower()] = data
            if data["name"] not in result:
                result.append(data["name"])
        return result

    def _list_issues(self, request: Request, repo: FakeRepo, users: dict[str, int]) -> Reply:
        query = request.query
        state = query.get("state", "open")
        wanted = {n.strip().lower() for n in query.get("labels", "").split(",") if n.strip()}
        creator = (query.get("creator") or "").lower()
        since = parse_iso(query["since"]) if query.get("since") else None
        sort = query.get("sort", "created")
        items = [
            i
            for i in repo.issues
            if (state == "all" or i["state"] == state)
            and wanted <= {n.lower() for n in i["labels"]}
            and (not creator or i["user"].lower() == creator)
            and (since is None or parse_iso(i["updated_at"]) >= since)
        ]
        sort_key: Callable[[dict[str, Any]], Any] = {
            "updated": lambda i: (i["updated_at"], i["number"]),
            "comments": lambda i: (len(i["comments"]), i["number"]),
        }.get(sort, lambda i: i["number"])
        items.sort(key=sort_key, reverse=query.get("direction", "desc") != "asc")
        chunk, headers = self._page(request, items, f"/repositories/{repo.id}/issues")
        fake = self.fake
        body = [bodies.issue(fake.base_url, fake.web_url, repo, i, users) for i in chunk]
        return Reply(200, body, headers)

    def _create_issue(
        self, request: Request, repo: FakeRepo, users: dict[str, int], now: str
    ) -> Reply:
        fake = self.fake
        payload = request.json if isinstance(request.json, dict) else {}
        title = payload.get("title")
        if not isinstance(title, str | int) or title == "":
            raise Reply(
                422,
                bodies.validation_failed(
                    "Issue", "title", "missing_field", "rest/issues/issues#create-an-issue"
                ),
            )
        login = request.login or fake.default_login
        users[login] = fake._user_id(login)
        issue: dict[str, Any] = {
            "id": next(fake._object_ids),
            "number": max((i["number"] for i in repo.issues), default=0) + 1,
            "title": str(title),
            "body": payload.get("body"),
            "state": "open",
            "state_reason": None,
            "labels": self._label_names(repo, payload.get("labels")) if repo.collaborator else [],
            "comments": [],
            "user": login,
            "created_at": now,
            "updated_at": now,
            "closed_at": None,
            "closed_by": None,
        }
        repo.issues.append(issue)
        location = f"{fake.base_url}/repos/{repo.full_name}/issues/{issue['number']}"
        body = bodies.issue(fake.base_url, fake.web_url, repo, issue, users)
        return Reply(201, body, {"Location": location})

    def _edit_issue(
        self,
        request: Request,
        repo: FakeRepo,
        issue: dict[str, Any],
        users: dict[str, int],
        now: str,
    ) -> Reply:
        fake = self.fake
        payload = request.json if isinstance(request.json, dict) else {}
        state = payload.get("state")
        if state is not None and state not in ("open", "closed"):
            raise Reply(422, bodies.validation_failed("Issue", "state", "invalid"))
        reason = payload.get("state_reason")
        if reason is not None and reason not in (
            "completed",
            "not_planned",
            "reopened",
            "duplicate",
        ):
            raise Reply(422, bodies.validation_failed("Issue", "state_reason", "invalid"))
        for key in ("title", "body"):
            if key in payload:
                issue[key] = payload[key]
        if "labels" in payload:
            issue["labels"] = self._label_names(repo, payload["labels"])
        if state == "closed" and issue["state"] != "closed":
            issue["state"] = "closed"
            issue["closed_at"] = now
            issue["closed_by"] = request.login or fake.default_login
            issue["state_reason"] = reason or "completed"
        elif state == "open" and issue["state"] != "open":
            issue["state"] = "open"
            issue["closed_at"] = None
            issue["closed_by"] = None
            issue["state_reason"] = "reopened"
        elif reason is not None and issue["state"] == "closed":
            issue["state_reason"] = reason
        issue["updated_at"] = now
        body = bodies.issue(fake.base_url, fake.web_url, repo, issue, users)
        return Reply(200, body, last_modified=now)


def _export_ignore(blobs: dict[str, bytes], root: list[dict[str, Any]]) -> list[str]:
    """The patterns the root ``.gitattributes`` marks ``export-ignore`` (git archive skips them)."""
    entry = next((e for e in root if e["path"] == ".gitattributes" and e["type"] == "blob"), None)
    if entry is None:
        return []
    patterns = []
    for line in blobs[entry["sha"]].decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not parts[0].startswith("#") and "export-ignore" in parts[1:]:
            patterns.append(parts[0])
    return patterns


def _matches(path: str, pattern: str) -> bool:
    """gitattributes matching, enough for archives: a pattern with a slash is anchored at the
    root, one without matches a name at any depth, and a matched folder takes its contents."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    parts = path.split("/")
    for end in range(1, len(parts) + 1):
        if anchored:
            if fnmatch.fnmatchcase("/".join(parts[:end]), pattern):
                return True
        elif fnmatch.fnmatchcase(parts[end - 1], pattern):
            return True
    return False
