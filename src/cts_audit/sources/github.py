"""Repositories on GitHub (or GitHub Enterprise Server) through PyGithub, with an HTTP cache.

Economy matters: every request counts against a rate limit. A repository costs one
recursive tree request plus one request per file a check reads; blobs are addressed by
their SHA, so they are cached for good, and everything else is revalidated with
conditional requests, which GitHub answers with ``304 Not Modified`` without charging
the rate limit.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import requests
import requests_cache
from github import Auth, Github, GithubException, GithubRetry
from github.GithubException import (
    BadCredentialsException,
    RateLimitExceededException,
    UnknownObjectException,
)
from github.Repository import Repository
from github.Requester import HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass, Requester
from requests.adapters import HTTPAdapter
from tenacity import (
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ..continuation import Commit, parse_when
from ..errors import SnapshotReadError, SourceError, SourceUnavailable
from ..snapshot import FileEntry, RepoInfo, Snapshot

log = logging.getLogger(__name__)

# PyGithub gives its logger a console handler at INFO on import, which prints redirects and
# retries twice and whatever the verbosity. Its records go through the tool's own logging.
_pygithub_log = logging.getLogger("github")
for _handler in list(_pygithub_log.handlers):
    _pygithub_log.removeHandler(_handler)
_pygithub_log.setLevel(logging.NOTSET)

DEFAULT_API_URL = "https://api.github.com"
#: Blobs up to this size come from the (cacheable) blob API; larger files are streamed raw.
BLOB_API_MAX = 1024 * 1024
#: Continuation needs a year of history after an event; more commits than this add nothing.
MAX_COMMITS = 2000
#: Symlink targets are fetched (one request each) only near the top, where licences live.
SYMLINK_MAX_DEPTH = 1
_TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class _WriteSafeRetry(GithubRetry):
    """GithubRetry, except that a POST is never sent twice once GitHub may have acted on it.

    A 5xx or a lost answer can follow an issue GitHub did create, so retrying a POST then
    would open a second one. Rate-limit refusals (403/429) come before GitHub acts, so those
    are still retried, as are refused connections (nothing was sent).
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allowed_methods", frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH"}))
        super().__init__(**kwargs)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() == "POST":
            return status_code in (403, 429) and super().is_retry(
                "GET", status_code, has_retry_after
            )
        return super().is_retry(method, status_code, has_retry_after)


class RateLimited(SourceUnavailable):
    """The primary rate limit is used up until ``reset_at`` (epoch seconds)."""

    def __init__(self, reset_at: float) -> None:
        wait = max(0, int(reset_at - time.time()))
        super().__init__(
            f"the GitHub API rate limit is used up; it resets in {wait} s",
            hint="Wait, or give a token (GITHUB_TOKEN or --token-file) for a higher limit.",
        )
        self.reset_at = reset_at


@dataclass(frozen=True)
class Listed:
    """A repository as a listing or ``GET /repos`` describes it, before its files are read."""

    full_name: str
    default_branch: str
    info: RepoInfo
    empty: bool = False


@dataclass(frozen=True)
class Unavailable:
    """A repository GitHub would not give: the reason is data, not an exception."""

    full_name: str
    status: int | None
    reason: str
    renamed_to: str | None = None


def _cached_connection(
    base: type[HTTPSRequestsConnectionClass] | type[HTTPRequestsConnectionClass],
    session: requests.Session,
) -> type[Any]:
    """PyGithub's connection class, sending through our cached session instead of its own."""

    class Cached(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            own: requests.Session = vars(self)["session"]
            own.close()  # PyGithub made a session of its own: use the shared cached one
            self.__dict__["session"] = session

        def close(self) -> None:  # the session outlives PyGithub's connections
            pass

    return Cached


class GitHubSource:
    """Lists and snapshots repositories of one GitHub instance.

    The token is held in memory and sent in the Authorization header only: the cache
    redacts it, and nothing here logs or prints it.
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        api_url: str = DEFAULT_API_URL,
        cache_path: Path | None = None,
        timeout: float = 15.0,
        secondary_wait: float = 60.0,
        pacing: float | None = None,
        write_interval: float | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        parsed = urlparse(self.api_url)
        self.web_host = (
            "github.com" if parsed.hostname == "api.github.com" else parsed.hostname or ""
        )
        self._token = token
        self.timeout = timeout
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self.session: requests.Session = requests_cache.CachedSession(
                str(cache_path),
                backend="sqlite",
                # Revalidate every time (conditional request: 304 is free), except blobs and
                # trees addressed by SHA, which never change.
                expire_after=requests_cache.EXPIRE_IMMEDIATELY,
                urls_expire_after={
                    "*/git/blobs/*": requests_cache.NEVER_EXPIRE,
                    "*": requests_cache.EXPIRE_IMMEDIATELY,
                },
                allowable_codes=(200,),
                allowable_methods=("GET", "HEAD"),
                match_headers=["Accept"],
                stale_if_error=False,
                wal=True,
            )
        else:
            self.session = requests.Session()
        self.secondary_wait = secondary_wait
        # Retries: 5xx and dropped connections with backoff, secondary limits that name a
        # Retry-After. Any other rate limit surfaces at once as RateLimited, so the audit
        # can wait with a visible countdown, or stop cleanly with --no-wait.
        self.retry = _WriteSafeRetry(
            total=5, backoff_factor=0.5, secondary_rate_wait=secondary_wait, max_rate_limit_wait=0
        )
        adapter = HTTPAdapter(max_retries=self.retry, pool_connections=8, pool_maxsize=16)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        Requester.injectConnectionClasses(
            _cached_connection(HTTPRequestsConnectionClass, self.session),
            _cached_connection(HTTPSRequestsConnectionClass, self.session),
        )
        self.github = Github(
            base_url=self.api_url,
            auth=Auth.Token(token) if token else None,
            timeout=int(timeout),
            retry=self.retry,
            per_page=100,
            pool_size=16,
            lazy=True,  # no request until data is needed: listings then cost one per page
            seconds_between_requests=pacing,
            # GitHub asks for a pause between content-creating requests.
            seconds_between_writes=write_interval,
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        Requester.resetConnectionClasses()
        self.github.close()
        self.session.close()

    def __enter__(self) -> GitHubSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- rate limit ---------------------------------------------------------------------------

    @property
    def rate_limit(self) -> tuple[int, int, int]:
        """(remaining, limit, reset epoch) as the last response said; -1 when unknown."""
        remaining, limit = self.github._Github__requester.rate_limiting  # type: ignore[attr-defined]
        reset = self.github._Github__requester.rate_limiting_resettime  # type: ignore[attr-defined]
        return remaining, limit, reset

    def core_quota(self) -> tuple[int, int, int]:
        """(remaining, limit, reset epoch) of the core API from ``GET /rate_limit``, which GitHub
        does not count. It also proves that GitHub answers and accepts the token: raises
        SourceError when it cannot be reached or refuses the token, before any audit."""
        try:
            if isinstance(self.session, requests_cache.CachedSession):
                with self.session.cache_disabled():
                    core = self.github.get_rate_limit().resources.core
            else:
                core = self.github.get_rate_limit().resources.core
        except BadCredentialsException as exc:
            raise SourceError(
                f"{self.api_url}: GitHub refused the token ({exc.status} Bad credentials)",
                hint="Check GITHUB_TOKEN or --token-file: the token may have expired or been"
                " revoked. Without a token, public repositories can be read within the"
                " anonymous limit.",
            ) from None
        except GithubException as exc:
            raise SourceError(
                f"{self.api_url}: GitHub answered {exc.status} to GET /rate_limit",
                hint="Check --api-url (GitHub Enterprise Server: https://HOST/api/v3).",
            ) from None
        except (*_TRANSIENT, requests.exceptions.RetryError) as exc:
            raise SourceError(
                f"{self.api_url}: cannot reach GitHub ({type(exc).__name__})",
                hint="Check the network connection and --api-url (GitHub Enterprise Server:"
                " https://HOST/api/v3).",
            ) from None
        reset = core.reset.timestamp() if core.reset else -1
        return core.remaining, core.limit, int(reset)

    def _limited(self, exc: GithubException) -> RateLimited:
        """The primary limit waits for its reset; a secondary one for ``secondary_wait``."""
        headers = exc.headers or {}
        remaining = headers.get("x-ratelimit-remaining") or headers.get("X-RateLimit-Remaining")
        reset = headers.get("x-ratelimit-reset") or headers.get("X-RateLimit-Reset")
        if str(remaining) == "0" and str(reset).isdigit():
            return RateLimited(float(str(reset)))
        return RateLimited(time.time() + self.secondary_wait)

    # -- listing ------------------------------------------------------------------------------

    def list_organisation(self, org: str) -> Iterator[Listed]:
        """Every repository of an organisation (or user), one page of 100 per request."""
        try:
            owner = self.github.get_organization(org)
            repos = owner.get_repos(type="all")
            for repo in repos:
                yield self._listed(repo)
        except UnknownObjectException:
            try:
                for repo in self.github.get_user(org).get_repos():
                    yield self._listed(repo)
            except UnknownObjectException:
                raise SourceError(
                    f"GitHub has no organisation or user named {org!r}",
                    hint="Check the spelling, and that your token can see it.",
                ) from None
        except RateLimitExceededException as exc:
            raise self._limited(exc) from None
        except GithubException as exc:
            raise SourceError(f"listing {org}: {_message(exc)}") from None

    def search_topic(self, topic: str, *, owner: str | None = None) -> Iterator[Listed]:
        """Every repository with a topic (GitHub's search returns at most 1,000)."""
        query = f"topic:{topic}" + (f" org:{owner}" if owner else "")
        try:
            for repo in self.github.search_repositories(query=query):
                yield self._listed(repo)
        except RateLimitExceededException as exc:
            raise self._limited(exc) from None
        except GithubException as exc:
            if exc.status == 422:
                log.warning("topic %s: only the first 1,000 search results are available", topic)
                return
            raise SourceError(f"searching topic {topic}: {_message(exc)}") from None

    def get(self, full_name: str) -> Listed | Unavailable:
        """One repository by name; a rename is followed and recorded."""
        try:
            repo = self.github.get_repo(full_name)
            repo.raw_data  # noqa: B018  (a lazy object: this is the one GET /repos request)
        except RateLimitExceededException as exc:
            raise self._limited(exc) from None
        except GithubException as exc:
            return Unavailable(full_name, exc.status, _outcome(exc))
        except _TRANSIENT as exc:
            return Unavailable(full_name, None, f"network error: {type(exc).__name__}")
        except requests.exceptions.RetryError:
            return Unavailable(full_name, None, "GitHub kept failing (server errors)")
        listed = self._listed(repo)
        if repo.full_name.lower() != full_name.lower():
            info = listed.info
            listed = Listed(
                listed.full_name,
                listed.default_branch,
                RepoInfo(**{**info.__dict__, "renamed_to": repo.full_name}),
                listed.empty,
            )
        return listed

    def _listed(self, repo: Repository) -> Listed:
        # A listing's items carry everything the audit needs. ``raw_data`` would first
        # "complete" the object with one more GET per repository; the item as listed is enough.
        raw: dict[str, Any] = repo._rawData
        topics = raw.get("topics") or []
        info = RepoInfo(
            url=raw.get("html_url") or f"https://{self.web_host}/{repo.full_name}",
            default_branch=raw.get("default_branch"),
            archived=bool(raw.get("archived")),
            fork=bool(raw.get("fork")),
            pushed_at=raw.get("pushed_at"),
            description=raw.get("description"),
            homepage=raw.get("homepage"),
            topics=tuple(str(t) for t in topics),
            has_issues=bool(raw.get("has_issues", True)),
        )
        empty = raw.get("size") == 0 and not raw.get("pushed_at")
        # Only what is kept above: a listing of 10,000 repositories must not hold their JSON.
        return Listed(raw["full_name"], raw.get("default_branch") or "main", info, empty)

    def commits(self, full_name: str, since: dt.datetime, until: dt.datetime) -> list[Commit]:
        """Commits on the default branch between two moments (continuation after an event)."""
        repo = self.github.get_repo(full_name)
        out: list[Commit] = []
        try:
            for item in repo.get_commits(since=since, until=until):
                raw: dict[str, Any] = item._rawData  # the listed commit is enough; no completion
                author = (raw.get("author") or {}).get("login") or (
                    (raw.get("commit") or {}).get("author") or {}
                ).get("name", "")
                when = parse_when(str(((raw.get("commit") or {}).get("author") or {}).get("date")))
                if when is not None:
                    out.append(Commit(when, str(author)))
                if len(out) >= MAX_COMMITS:
                    break
        except RateLimitExceededException as exc:
            raise self._limited(exc) from None
        except GithubException as exc:
            if exc.status == 409:  # empty repository
                return []
            raise SourceUnavailable(f"{full_name}: commits: {_message(exc)}") from None
        except (*_TRANSIENT, requests.exceptions.RetryError) as exc:
            raise SourceUnavailable(f"{full_name}: commits: {type(exc).__name__}") from None
        return out

    # -- snapshots ----------------------------------------------------------------------------

    def snapshot(self, listed: Listed) -> Snapshot | Unavailable:
        """The default branch's tree, with file reads going to the blob API on demand."""
        try:
            return self._snapshot(listed)
        except RateLimitExceededException as exc:
            raise self._limited(exc) from None
        except GithubException as exc:
            return Unavailable(listed.full_name, exc.status, _outcome(exc))
        except (*_TRANSIENT, requests.exceptions.RetryError, ValueError) as exc:
            return Unavailable(listed.full_name, None, f"network error: {type(exc).__name__}")

    @retry(
        retry=retry_if_exception_type(_TRANSIENT),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=8),
        reraise=True,
    )
    def _snapshot(self, listed: Listed) -> Snapshot:
        owner, name = listed.full_name.split("/", 1)
        path = f"{self.api_url}/repos/{owner}/{name}"
        tree_sha, entries, incomplete = self._tree(path, listed.default_branch)
        reader = BlobReader(self, path, {e.path: sha for e, sha in entries})
        files = _with_symlinks([e for e, _ in entries], reader)
        info = RepoInfo(**{**listed.info.__dict__, "tree_sha": tree_sha, "incomplete": incomplete})
        return Snapshot(listed.full_name, None, tuple(files), reader, info)

    def _tree(self, repo_url: str, ref: str) -> tuple[str, list[tuple[FileEntry, str]], str | None]:
        data = self.get_json(f"{repo_url}/git/trees/{ref}", params={"recursive": "1"})
        entries = _entries(data.get("tree", []), "")
        incomplete = None
        if data.get("truncated"):
            # Too big for one answer: walk the top level, and each folder recursively.
            top = self.get_json(f"{repo_url}/git/trees/{data['sha']}")
            entries, incomplete = self._walk(repo_url, top.get("tree", []), "", depth=0)
        return str(data.get("sha")), entries, incomplete

    def _walk(
        self, repo_url: str, items: list[dict[str, Any]], prefix: str, depth: int
    ) -> tuple[list[tuple[FileEntry, str]], str | None]:
        out = _entries(items, prefix)
        incomplete = None
        for item in items:
            if item.get("type") != "tree":
                continue
            sub = self.get_json(f"{repo_url}/git/trees/{item['sha']}", params={"recursive": "1"})
            folder = f"{prefix}{item['path']}/"
            if sub.get("truncated") and depth < 20:
                shallow = self.get_json(f"{repo_url}/git/trees/{item['sha']}")
                more, why = self._walk(repo_url, shallow.get("tree", []), folder, depth + 1)
                out.extend(more)
                incomplete = incomplete or why
            elif sub.get("truncated"):
                incomplete = f"the tree below {folder} is too large to list"
            else:
                out.extend(_entries(sub.get("tree", []), folder))
        return out, incomplete

    def get_json(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """A GET through PyGithub's requester (auth, retries, rate-limit bookkeeping)."""
        requester = self.github._Github__requester  # type: ignore[attr-defined]
        _headers, data = requester.requestJsonAndCheck("GET", url, parameters=params)
        return data if isinstance(data, dict) else {"data": data}

    def read_raw(self, repo_url: str, path: str, limit: int) -> bytes:
        """The first ``limit`` bytes of a large file, streamed (never held whole)."""
        headers = {"Accept": "application/vnd.github.raw"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        url = f"{repo_url}/contents/{quote(path)}"
        # A plain session: a partial body must never enter the cache.
        with (
            requests.Session() as plain,
            plain.get(url, headers=headers, stream=True, timeout=self.timeout) as resp,
        ):
            if resp.status_code != 200:
                raise SnapshotReadError(f"{path!r}: GitHub answered {resp.status_code}")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_content(chunk_size=65536):
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit:
                    break
            return b"".join(chunks)[:limit]


class BlobReader:
    """Reads files of one snapshot: small ones by blob SHA (cached for good), big ones raw."""

    def __init__(self, source: GitHubSource, repo_url: str, shas: dict[str, str]) -> None:
        self.source = source
        self.repo_url = repo_url
        self.shas = shas
        self.sizes: dict[str, int] = {}

    def read(self, path: str, limit: int) -> bytes:
        sha = self.shas.get(path)
        if sha is None:
            raise SnapshotReadError(f"{path!r} is not in the tree")
        if self.sizes.get(path, 0) > BLOB_API_MAX:
            return self.source.read_raw(self.repo_url, path, limit)
        try:
            data = self.source.get_json(f"{self.repo_url}/git/blobs/{sha}")
        except RateLimitExceededException as exc:
            raise self.source._limited(exc) from None
        except GithubException as exc:
            if exc.status in (404, 409, 451):
                raise SnapshotReadError(f"{path!r}: {_message(exc)}") from None
            raise SourceUnavailable(f"reading {path!r}: {_message(exc)}") from None
        except (*_TRANSIENT, requests.exceptions.RetryError, ValueError) as exc:
            raise SourceUnavailable(f"reading {path!r}: {type(exc).__name__}") from None
        content = data.get("content") or ""
        if data.get("encoding") != "base64":
            return self.source.read_raw(self.repo_url, path, limit)
        return base64.b64decode(content)[:limit]


def _entries(items: list[dict[str, Any]], prefix: str) -> list[tuple[FileEntry, str]]:
    out = []
    for item in items:
        kind = item.get("type")
        mode = str(item.get("mode", ""))
        path = f"{prefix}{item.get('path', '')}"
        sha = str(item.get("sha", ""))
        if kind == "blob" and mode == "120000":
            out.append((FileEntry(path, int(item.get("size") or 0), "symlink"), sha))
        elif kind == "blob":
            out.append((FileEntry(path, int(item.get("size") or 0)), sha))
        elif kind == "commit":
            out.append((FileEntry(path, 0, "submodule"), sha))
    return out


def _with_symlinks(entries: list[FileEntry], reader: BlobReader) -> list[FileEntry]:
    """Resolve symlinks near the top (their target is the blob's content)."""
    from ..snapshot import resolve_link

    for entry in entries:
        if entry.kind == "file":
            reader.sizes[entry.path] = entry.size
    files = {e.path for e in entries if e.kind == "file"}
    out = []
    for entry in entries:
        if entry.kind == "symlink" and entry.path.count("/") <= SYMLINK_MAX_DEPTH:
            try:
                target = reader.read(entry.path, 4096).decode("utf-8", "replace")
            except SnapshotReadError:
                target = ""
            resolved = resolve_link(entry.path, target)
            if resolved not in files:
                resolved = None
            size = reader.sizes.get(resolved, 0) if resolved else 0
            entry = FileEntry(entry.path, size, "symlink", target=target, resolved=resolved)
        out.append(entry)
    out.sort(key=lambda e: e.path)
    return out


def _message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = data.get("message") or str(exc.data or "")[:200]
    return f"HTTP {exc.status}: {message}" if message else f"HTTP {exc.status}"


def _outcome(exc: GithubException) -> str:
    """A repository outcome in words a report can show."""
    status = exc.status
    if status == 404:
        return "not found, or private (404)"
    if status == 409:
        return "the repository is empty (409)"
    if status == 451:
        return "access to the repository is blocked (451)"
    if status == 403:
        return f"access refused (403): {_message(exc)}"
    if status == 401:
        return "the token was refused (401 Bad credentials)"
    return _message(exc)
