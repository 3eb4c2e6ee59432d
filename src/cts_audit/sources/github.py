"""Repositories on GitHub (or GitHub Enterprise Server) through PyGithub, with an HTTP cache.

Economy matters: every request counts against a rate limit. A repository costs its recursive
tree, which says whether anything changed (an unchanged tree is revalidated with a
conditional request, which GitHub answers ``304 Not Modified`` without charging the rate
limit, and its earlier verdict is reused), plus, when the checks read files, one archive
request whose download is not counted (see ``archive``). Listings cost one request per 100
repositories.

Faults are ridden out in one place (``GitHubSource.fetch``): server errors, dropped
connections, answers cut short and read time-outs are retried a bounded number of times,
with exponential backoff and jitter, within a time cap per repository; rate limits surface
as ``RateLimited``, so that the audit waits for them where it can say so.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import logging
import random
import re
import tarfile
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import quote, urljoin, urlparse

import requests
import requests_cache
import urllib3
from github import Auth, Github, GithubException, GithubRetry
from github.GithubException import BadCredentialsException
from github.Requester import HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass, Requester
from requests.adapters import HTTPAdapter

from ..continuation import Commit, parse_when
from ..errors import SnapshotReadError, SourceError, SourceUnavailable
from ..i18n import Message, say
from ..snapshot import FileEntry, RepoInfo, Snapshot
from .archive import ArchiveFiles
from .local import symlink_entries

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
#: Tries of one request that meets a transient fault (server error, dropped connection,
#: an answer cut short, a read time-out) before the repository is left unread this time.
ATTEMPTS = 4
#: Seconds one repository may take, retries included (waiting for a rate limit is not).
REPO_TIME_CAP = 300.0
#: GitHub's advice when a secondary limit names no time: wait at least a minute.
SECONDARY_WAIT = 60.0
_NETWORK = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
    requests.exceptions.RetryError,
    urllib3.exceptions.HTTPError,
)
_STREAM = (*_NETWORK, tarfile.TarError, EOFError, zlib.error, OSError)

#: The deadline (time.monotonic) of the repository the current thread is reading.
_deadline = threading.local()


@dataclass(frozen=True)
class Fault:
    """Why a read failed in the end, as a kind (for the reader's language) and its values."""

    kind: str  # timeout | connection | truncated | server | time_cap
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def said(self) -> Message:
        """What happened, for the run's language (the label ``fault_<kind>``)."""
        return Message(f"fault_{self.kind}", tuple(self.params.items()))

    def text(self) -> str:
        """In English, for logs and the history's detail column."""
        return say(self.said, "en")


class Unreadable(SourceUnavailable):
    """A transient fault that outlasted every retry, or the time cap of a repository."""

    def __init__(self, what: str, fault: Fault) -> None:
        super().__init__(Message.of("located", where=what, detail=fault.said))
        self.fault = fault


class _WriteSafeRetry(GithubRetry):
    """GithubRetry, except that a POST is never sent twice once GitHub may have acted on it.

    A 5xx or a lost answer can follow an issue GitHub did create, so retrying a POST then
    would open a second one. Rate-limit refusals (403/429) come before GitHub acts, so those
    are still retried, as are refused connections (nothing was sent). Reads are retried by
    GitHubSource.fetch.
    """

    def __init__(self, **kwargs: Any) -> None:
        # Reads time out, break off and are retried above this layer, which knows the
        # repository's time cap; here only writes are retried, and refused connections.
        kwargs.setdefault("allowed_methods", frozenset({"PUT", "PATCH", "DELETE"}))
        super().__init__(**kwargs)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() in ("GET", "HEAD"):
            return False  # reads are retried by GitHubSource.fetch, rate limits by the audit
        if method.upper() == "POST":
            # Judged as a retryable write would be (POST itself is not one).
            return status_code in (403, 429) and super().is_retry(
                "PATCH", status_code, has_retry_after
            )
        return super().is_retry(method, status_code, has_retry_after)


class RateLimited(SourceUnavailable):
    """A rate limit: the primary one is used up until ``reset_at`` (epoch seconds), or a
    secondary one (too many requests too fast) asks to wait until then."""

    def __init__(self, reset_at: float, *, secondary: bool = False) -> None:
        wait = max(0, int(reset_at - time.time()))
        super().__init__(
            Message.of("rate_limited_secondary" if secondary else "rate_limited", seconds=wait),
            hint=Message("rate_limited_hint"),
        )
        self.reset_at = reset_at
        self.secondary = secondary


@dataclass(frozen=True)
class Listed:
    """A repository as a listing or ``GET /repos`` describes it, before its files are read."""

    full_name: str
    default_branch: str
    info: RepoInfo
    empty: bool = False
    #: A private repository's files are never asked of the raw host (no token goes there).
    private: bool = False


@dataclass(frozen=True)
class Unchanged:
    """A tree GitHub says has not changed since the verdict recorded for it (a free 304)."""

    full_name: str
    info: RepoInfo


@dataclass(frozen=True)
class Unavailable:
    """A repository GitHub would not give: the reason is data, not an exception."""

    full_name: str
    status: int | None
    reason: str
    renamed_to: str | None = None
    fault: Fault | None = None


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


def _complete_json(response: requests.Response) -> bool:
    """Only whole JSON answers are cached: a body cut short must be asked for again."""
    if "json" not in response.headers.get("Content-Type", ""):
        return True
    try:
        json.loads(response.content or b"null")
    except ValueError:
        return False
    return True


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
        secondary_wait: float = SECONDARY_WAIT,
        pacing: float | None = None,
        write_interval: float | None = None,
        attempts: int = ATTEMPTS,
        repo_time_cap: float = REPO_TIME_CAP,
        backoff: float = 1.0,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        parsed = urlparse(self.api_url)
        self.web_host = (
            "github.com" if parsed.hostname == "api.github.com" else parsed.hostname or ""
        )
        #: Where a public repository's files are served raw, outside the API's rate limit:
        #: raw.githubusercontent.com for github.com; for Enterprise, the web route that
        #: redirects to its raw host, whichever form the instance uses.
        self._raw_base = (
            "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
            if parsed.hostname == "api.github.com"
            else f"{parsed.scheme}://{parsed.netloc}/{{repo}}/raw/{{commit}}/{{path}}"
        )
        self._token = token
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.repo_time_cap = repo_time_cap
        self.backoff = backoff
        #: Items per page of a listing (GitHub's maximum).
        self.per_page = 100
        self._cache_dir = cache_path.parent if cache_path is not None else None
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self.session: requests.Session = requests_cache.CachedSession(
                str(cache_path),
                backend="sqlite",
                # Revalidate every time (conditional request: 304 is free), except blobs
                # addressed by SHA, which never change.
                expire_after=requests_cache.EXPIRE_IMMEDIATELY,
                # Trees are not kept: their ETag, kept with the verdict in the history, is
                # all a re-audit needs to learn (from a free 304) that nothing changed.
                urls_expire_after={
                    "*/git/blobs/*": requests_cache.NEVER_EXPIRE,
                    "*/git/trees/*": requests_cache.DO_NOT_CACHE,
                    "*": requests_cache.EXPIRE_IMMEDIATELY,
                },
                allowable_codes=(200,),
                allowable_methods=("GET", "HEAD"),
                match_headers=["Accept"],
                filter_fn=_complete_json,
                stale_if_error=False,
                wal=True,
            )
        else:
            self.session = requests.Session()
        self.secondary_wait = secondary_wait
        # Below GitHubSource.fetch: refused connections (nothing sent), and writes.
        self.retry = _WriteSafeRetry(
            total=3,
            backoff_factor=0.5,
            backoff_jitter=0.5,
            secondary_rate_wait=secondary_wait,
            max_rate_limit_wait=0,
        )
        adapter = HTTPAdapter(max_retries=self.retry, pool_connections=8, pool_maxsize=16)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        # Archives: streamed past the cache, which must never hold one.
        self._plain = requests.Session()
        plain = HTTPAdapter(
            # Refused connections only: read faults, statuses and Retry-After are judged above.
            max_retries=urllib3.Retry(
                total=3,
                connect=3,
                read=False,
                status=0,
                other=0,
                respect_retry_after_header=False,
                backoff_factor=0.5,
                backoff_jitter=0.5,
            ),
            pool_connections=8,
            pool_maxsize=16,
        )
        self._plain.mount("https://", plain)
        self._plain.mount("http://", plain)
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
            lazy=True,  # no request until data is needed
            seconds_between_requests=pacing,
            # GitHub asks for a pause between content-creating requests.
            seconds_between_writes=write_interval,
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        Requester.resetConnectionClasses()
        self.github.close()
        self.session.close()
        self._plain.close()

    def __enter__(self) -> GitHubSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- rate limit ---------------------------------------------------------------------------

    @property
    def rate_limit(self) -> tuple[int, int, int]:
        """(remaining, limit, reset epoch) as the last response said; -1 when unknown."""
        requester = self.github.requester
        remaining, limit = requester.rate_limiting
        return remaining, limit, requester.rate_limiting_resettime

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
                Message.of("github_token_refused", api=self.api_url, status=exc.status),
                hint=Message("github_token_refused_hint"),
            ) from None
        except GithubException as exc:
            raise SourceError(
                Message.of("github_quota_refused", api=self.api_url, status=exc.status),
                hint=Message("github_api_url_hint"),
            ) from None
        except (*_NETWORK, ValueError) as exc:
            raise SourceError(
                Message.of("github_unreachable", api=self.api_url, error=type(exc).__name__),
                hint=Message("github_unreachable_hint"),
            ) from None
        reset = core.reset.timestamp() if core.reset else -1
        return core.remaining, core.limit, int(reset)

    def limited_from(self, exc: GithubException) -> RateLimited:
        """The wait a rate-limit refusal that PyGithub raised asks for."""
        data = exc.data if isinstance(exc.data, dict) else {}
        found = self._limited(exc.status, exc.headers or {}, str(data.get("message", "")))
        return found or RateLimited(time.time() + self.secondary_wait, secondary=True)

    def _limited(self, status: int, headers: dict[str, Any], message: str) -> RateLimited | None:
        """A 403 or 429 that is a rate limit, as GitHub documents it: wait ``Retry-After``
        seconds; else, when nothing is left, until ``x-ratelimit-reset``; else (a secondary
        limit that names no time) at least a minute. None when it is no rate limit."""
        lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
        remaining = lower.get("x-ratelimit-remaining")
        reset = lower.get("x-ratelimit-reset", "")
        retry_after = lower.get("retry-after", "")
        limit_words = "rate limit" in message.lower() or "abuse" in message.lower()
        if status not in (403, 429) or not (
            status == 429 or retry_after or remaining == "0" or limit_words
        ):
            return None
        if retry_after.strip().isdigit():
            return RateLimited(time.time() + int(retry_after), secondary=remaining != "0")
        if remaining == "0" and reset.strip().isdigit():
            return RateLimited(float(reset), secondary=False)
        return RateLimited(time.time() + self.secondary_wait, secondary=True)

    # -- one read, with its faults ridden out -------------------------------------------------

    @contextlib.contextmanager
    def time_cap(self) -> Iterator[None]:
        """Everything read inside shares one deadline: ``repo_time_cap`` seconds."""
        previous = getattr(_deadline, "at", None)
        _deadline.at = time.monotonic() + self.repo_time_cap
        try:
            yield
        finally:
            _deadline.at = previous

    def _left(self, what: str) -> float:
        """Seconds left before the time cap; raises Unreadable when there are none."""
        at: float | None = getattr(_deadline, "at", None)
        if at is None:
            return float("inf")
        left = at - time.monotonic()
        if left <= 0:
            raise Unreadable(what, Fault("time_cap", {"seconds": int(self.repo_time_cap)}))
        return left

    def _check(self, what: str) -> None:
        self._left(what)

    def _pause(self, attempt: int, what: str) -> None:
        """Exponential backoff with jitter (half to all of each step), never past the time cap."""
        ceiling = min(30.0, self.backoff * 2 ** (attempt - 1))
        time.sleep(min(random.uniform(ceiling / 2, ceiling), self._left(what)))

    def fetch(
        self,
        url: str,
        params: dict[str, str] | None = None,
        *,
        headers: dict[str, str] | None = None,
        what: str | None = None,
    ) -> tuple[dict[str, Any], Any]:
        """(headers, JSON) of a GET through PyGithub's requester (auth, rate-limit bookkeeping),
        retried on transient faults. Raises RateLimited, GithubException for a definite
        answer (404, 409...), Unreadable when the faults outlast the retries."""
        what = what or url.removeprefix(self.api_url)
        attempt = 0
        while True:
            self._left(what)
            try:
                return self.github.requester.requestJsonAndCheck(
                    "GET", url, parameters=params, headers=headers
                )
            except GithubException as exc:
                data = exc.data if isinstance(exc.data, dict) else {}
                limited = self._limited(exc.status, exc.headers or {}, str(data.get("message", "")))
                if limited is not None:
                    raise limited from None
                if exc.status < 500:
                    raise
                fault = Fault("server", {"status": exc.status})
            except requests.Timeout:
                fault = Fault("timeout", {"seconds": int(self.timeout)})
            except (
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
                ValueError,
            ):
                # Never cached (see _complete_json): the next try asks GitHub again.
                fault = Fault("truncated")
            except _NETWORK:
                fault = Fault("connection")
            attempt += 1
            log.info("%s: %s (try %d of %d)", what, fault.text(), attempt, self.attempts)
            if attempt >= self.attempts:
                raise Unreadable(what, fault)
            self._pause(attempt, what)

    def _pages(self, url: str, params: dict[str, str] | None, what: str) -> Iterator[Any]:
        """Each page of a paginated listing, following ``Link: <...>; rel="next"``."""
        next_url: str | None = url
        while next_url is not None:
            headers, data = self.fetch(next_url, params, what=what)
            yield data
            params = None  # the next link repeats every parameter
            next_url = _next_link(headers.get("link") or headers.get("Link"))

    # -- listing ------------------------------------------------------------------------------

    def list_organisation(self, org: str) -> Iterator[Listed]:
        """Every repository of an organisation (or user), one page of 100 per request.

        Raises SourceError when GitHub knows no such owner, SourceUnavailable (RateLimited,
        Unreadable) when the listing stops part-way: what was yielded stays valid.
        """
        owner = quote(org, safe="")
        pages = self._pages(
            f"{self.api_url}/orgs/{owner}/repos",
            {"type": "all", "per_page": str(self.per_page)},
            f"org:{org}",
        )
        try:
            first = next(pages)
        except GithubException as exc:
            if exc.status != 404:
                raise SourceError(_listing(org, exc)) from None
            pages = self._pages(
                f"{self.api_url}/users/{owner}/repos",
                {"per_page": str(self.per_page)},
                f"org:{org}",
            )
            try:
                first = next(pages)
            except GithubException as exc2:
                if exc2.status == 404:
                    raise SourceError(
                        Message.of("github_no_owner", owner=repr(org)),
                        hint=Message("github_no_owner_hint"),
                    ) from None
                raise SourceError(_listing(org, exc2)) from None
        for item in first or []:
            yield self._listed(item)
        try:
            for page in pages:
                for item in page or []:
                    yield self._listed(item)
        except GithubException as exc:
            raise SourceError(_listing(org, exc)) from None

    def search_topic(self, topic: str, *, owner: str | None = None) -> Iterator[Listed]:
        """Every repository with a topic (GitHub's search returns at most 1,000)."""
        query = f"topic:{topic}" + (f" org:{owner}" if owner else "")
        pages = self._pages(
            f"{self.api_url}/search/repositories",
            {"q": query, "per_page": str(self.per_page)},
            f"topic:{topic}",
        )
        try:
            for page in pages:
                for item in (page or {}).get("items", []):
                    yield self._listed(item)
        except GithubException as exc:
            if exc.status == 422:
                log.warning("topic %s: only the first 1,000 search results are available", topic)
                return
            searching = Message.of("github_searching", topic=topic, detail=_message(exc))
            raise SourceError(searching) from None

    def get(self, full_name: str) -> Listed | Unavailable:
        """One repository by name; a rename is followed and recorded."""
        try:
            _headers, raw = self.fetch(f"{self.api_url}/repos/{full_name}", what=full_name)
        except GithubException as exc:
            return Unavailable(full_name, exc.status, _outcome(exc))
        except Unreadable as exc:
            return Unavailable(full_name, None, str(exc), fault=exc.fault)
        if not isinstance(raw, dict) or "full_name" not in raw:
            return Unavailable(full_name, None, "GitHub's answer is not a repository")
        listed = self._listed(raw)
        if listed.full_name.lower() != full_name.lower():
            info = listed.info
            listed = Listed(
                listed.full_name,
                listed.default_branch,
                RepoInfo(**{**info.__dict__, "renamed_to": listed.full_name}),
                listed.empty,
                listed.private,
            )
        return listed

    def _listed(self, raw: dict[str, Any]) -> Listed:
        # A listing's items carry everything the audit needs; only what is kept here stays
        # in memory (a listing of 10,000 repositories must not hold their JSON).
        full_name = str(raw["full_name"])
        topics = raw.get("topics") or []
        info = RepoInfo(
            url=raw.get("html_url") or f"https://{self.web_host}/{full_name}",
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
        private = bool(raw.get("private")) or raw.get("visibility") not in (None, "public")
        return Listed(full_name, raw.get("default_branch") or "main", info, empty, private)

    def commits(self, full_name: str, since: dt.datetime, until: dt.datetime) -> list[Commit]:
        """Commits on the default branch between two moments (continuation after an event)."""
        out: list[Commit] = []
        params = {"since": _iso(since), "until": _iso(until), "per_page": "100"}
        try:
            for page in self._pages(
                f"{self.api_url}/repos/{full_name}/commits", params, f"{full_name}: commits"
            ):
                for raw in page or []:
                    author = (raw.get("author") or {}).get("login") or (
                        (raw.get("commit") or {}).get("author") or {}
                    ).get("name", "")
                    when = parse_when(
                        str(((raw.get("commit") or {}).get("author") or {}).get("date"))
                    )
                    if when is not None:
                        out.append(Commit(when, str(author)))
                if len(out) >= MAX_COMMITS:
                    break
        except GithubException as exc:
            if exc.status == 409:  # empty repository
                return []
            raise SourceUnavailable(f"{full_name}: commits: {_message(exc)}") from None
        return out[:MAX_COMMITS]

    # -- snapshots ----------------------------------------------------------------------------

    def snapshot(
        self, listed: Listed, *, known_tree: str | None = None, known_etag: str | None = None
    ) -> Snapshot | Unchanged | Unavailable:
        """The default branch's tree; files are read on demand from one archive download.

        ``known_tree`` and ``known_etag`` describe the tree of a verdict that can be reused:
        when GitHub answers that the tree has not changed (304, not counted), the answer is
        Unchanged, and nothing else is asked.
        """
        try:
            return self._snapshot(listed, known_tree, known_etag)
        except GithubException as exc:
            return Unavailable(listed.full_name, exc.status, _outcome(exc))
        except Unreadable as exc:
            return Unavailable(listed.full_name, None, str(exc), fault=exc.fault)

    def _snapshot(
        self, listed: Listed, known_tree: str | None, known_etag: str | None
    ) -> Snapshot | Unchanged:
        owner, name = listed.full_name.split("/", 1)
        path = f"{self.api_url}/repos/{owner}/{name}"
        url = f"{path}/git/trees/{quote(listed.default_branch, safe='')}"
        conditional = {"If-None-Match": known_etag} if known_tree and known_etag else None
        headers, data = self.fetch(url, {"recursive": "1"}, headers=conditional)
        etag = headers.get("etag") or headers.get("ETag")
        if data is None and conditional is not None:
            info = RepoInfo(**{**listed.info.__dict__, "tree_sha": known_tree, "tree_etag": etag})
            return Unchanged(listed.full_name, info)
        if not isinstance(data, dict):
            data = {}
        entries = _entries(data.get("tree", []), "")
        incomplete = None
        if data.get("truncated"):
            # Too big for one answer: walk the top level, and each folder recursively.
            _, top = self.fetch(f"{path}/git/trees/{data['sha']}")
            entries, incomplete = self._walk(path, top.get("tree", []), "", depth=0)
        tree_sha = str(data.get("sha"))
        reader = ArchiveReader(
            self,
            path,
            listed.default_branch,
            entries,
            raw_repo=None if listed.private else self.raw_repo_url(listed.full_name),
        )
        files = [e for e, _ in entries if e.kind != "symlink"]
        links = [(e.path, reader.link_target(e.path)) for e, _ in entries if e.kind == "symlink"]
        files.extend(symlink_entries(files, links))
        files.sort(key=lambda e: e.path)
        info = RepoInfo(
            **{
                **listed.info.__dict__,
                "tree_sha": tree_sha,
                "incomplete": incomplete,
                "tree_etag": etag,
            }
        )
        return Snapshot(listed.full_name, None, tuple(files), reader, info)

    def _walk(
        self, repo_url: str, items: list[dict[str, Any]], prefix: str, depth: int
    ) -> tuple[list[tuple[FileEntry, str]], str | None]:
        out = _entries(items, prefix)
        incomplete = None
        for item in items:
            if item.get("type") != "tree":
                continue
            _, sub = self.fetch(f"{repo_url}/git/trees/{item['sha']}", {"recursive": "1"})
            folder = f"{prefix}{item['path']}/"
            if sub.get("truncated") and depth < 20:
                _, shallow = self.fetch(f"{repo_url}/git/trees/{item['sha']}")
                more, why = self._walk(repo_url, shallow.get("tree", []), folder, depth + 1)
                out.extend(more)
                incomplete = incomplete or why
            elif sub.get("truncated"):
                incomplete = f"the tree below {folder} is too large to list"
            else:
                out.extend(_entries(sub.get("tree", []), folder))
        return out, incomplete

    def get_json(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """The JSON object of a GET (see ``fetch``)."""
        _headers, data = self.fetch(url, params)
        return data if isinstance(data, dict) else {"data": data}

    # -- archives -----------------------------------------------------------------------------

    def _auth_headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": "cts-audit", "Accept": "application/vnd.github+json"}
        # The token goes to the API's own host only, never to the archive's download host.
        if self._token and urlparse(url).hostname == urlparse(self.api_url).hostname:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def _archive_location(self, url: str, what: str) -> str:
        """Where the archive is: the one counted request (renames are followed)."""
        for _ in range(4):
            with self._plain.get(
                url,
                headers=self._auth_headers(url),
                allow_redirects=False,
                timeout=self.timeout,
                stream=True,
            ) as resp:
                status = resp.status_code
                if status in (301, 302, 303, 307, 308) and resp.headers.get("Location"):
                    target = urljoin(url, resp.headers["Location"])
                    if status in (301, 307, 308) and "/tarball" in urlparse(target).path:
                        url = target  # a renamed repository: the API again
                        continue
                    return target
                if status == 200:
                    return url  # served directly
                body = resp.content[:2000].decode("utf-8", "replace")
                try:
                    message = str(json.loads(body).get("message", ""))
                except (ValueError, AttributeError):
                    message = body
                limited = self._limited(status, dict(resp.headers), message)
                if limited is not None:
                    raise limited
                if status >= 500:
                    raise _ServerError(status)
                raise SnapshotReadError(f"{what}: the archive: GitHub answered {status}")
        raise SnapshotReadError(f"{what}: the archive: too many redirects")

    def download_archive(self, repo_url: str, ref: str, files: ArchiveFiles, what: str) -> None:
        """Fill ``files`` from the repository's archive at ``ref``.

        One counted request finds the archive; broken downloads are started again from
        the archive's own address, which costs nothing, within the retries and time cap.
        """
        api = f"{repo_url}/tarball/{quote(ref, safe='')}"
        location: str | None = None
        attempt = 0
        while True:
            self._left(what)
            try:
                if location is None:
                    location = self._archive_location(api, what)
                with self._plain.get(
                    location,
                    headers=self._auth_headers(location),
                    stream=True,
                    timeout=self.timeout,
                ) as resp:
                    if resp.status_code >= 500:
                        raise _ServerError(resp.status_code)
                    if resp.status_code != 200:
                        # An expired download link (private repositories: five minutes).
                        location = None
                        raise _ServerError(resp.status_code)
                    resp.raw.decode_content = True
                    files.load(cast(IO[bytes], resp.raw), check=lambda: self._check(what))
                return
            except _ServerError as exc:
                fault = Fault("server", {"status": exc.status})
            except requests.Timeout:
                fault = Fault("timeout", {"seconds": int(self.timeout)})
            except urllib3.exceptions.ReadTimeoutError:
                fault = Fault("timeout", {"seconds": int(self.timeout)})
            except (Unreadable, RateLimited, SnapshotReadError):
                files.reset()
                raise
            except (requests.ConnectionError, urllib3.exceptions.ProtocolError):
                fault = Fault("connection")
            except _STREAM:
                fault = Fault("truncated")
            files.reset()
            attempt += 1
            log.info("%s: archive: %s (try %d of %d)", what, fault.text(), attempt, self.attempts)
            if attempt >= self.attempts:
                raise Unreadable(what, fault)
            self._pause(attempt, what)

    def read_blob(self, repo_url: str, path: str, sha: str, size: int, limit: int) -> bytes:
        """One file by its blob SHA (cached for good), or streamed raw when it is large."""
        if size > BLOB_API_MAX:
            return self.read_raw(repo_url, path, limit)
        try:
            data = self.get_json(f"{repo_url}/git/blobs/{sha}")
        except GithubException as exc:
            if exc.status in (404, 409, 451):
                raise SnapshotReadError(f"{path!r}: {_message(exc)}") from None
            raise SourceUnavailable(f"reading {path!r}: {_message(exc)}") from None
        content = data.get("content") or ""
        if data.get("encoding") != "base64":
            return self.read_raw(repo_url, path, limit)
        return base64.b64decode(content)[:limit]

    def read_raw(self, repo_url: str, path: str, limit: int) -> bytes:
        """The first ``limit`` bytes of a large file, streamed (never held whole)."""
        url = f"{repo_url}/contents/{quote(path)}"
        headers = {**self._auth_headers(url), "Accept": "application/vnd.github.raw"}
        try:
            # The plain session: a partial body must never enter the cache.
            with self._plain.get(url, headers=headers, stream=True, timeout=self.timeout) as resp:
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
        except _NETWORK as exc:
            raise SourceUnavailable(f"reading {path!r}: {type(exc).__name__}") from None

    def raw_repo_url(self, full_name: str) -> str:
        """A template for the raw address of the repository's files (``{commit}``, ``{path}``)."""
        return self._raw_base.replace("{repo}", quote(full_name))

    def read_uncounted(
        self, raw_repo: str, commit: str, path: str, sha: str, size: int, limit: int, what: str
    ) -> bytes | None:
        """A file the archive left out, from the raw host: not counted against the rate limit.

        The answer is used only when it is the tree's blob (its SHA, or its size when only
        the first bytes are read); None sends the caller to the counted blob API.
        """
        url = raw_repo.replace("{commit}", quote(commit, safe="")).replace("{path}", quote(path))
        # No token: the raw host is asked for public repositories only.
        headers = {"User-Agent": "cts-audit"}
        try:
            with self._plain.get(url, headers=headers, stream=True, timeout=self.timeout) as resp:
                if resp.status_code != 200:
                    return None
                length = resp.headers.get("Content-Length") or ""
                plain = resp.headers.get("Content-Encoding") is None
                if plain and length.isdigit() and int(length) != size:
                    return None  # another commit's file
                whole = size <= limit
                digest = hashlib.sha1(b"blob %d\0" % size)
                chunks: list[bytes] = []
                got = 0
                for chunk in resp.iter_content(chunk_size=65536):
                    self._check(what)
                    digest.update(chunk)
                    chunks.append(chunk)
                    got += len(chunk)
                    if not whole and got >= limit:
                        break
        except _NETWORK:
            return None
        if whole and (got != size or digest.hexdigest() != sha):
            return None  # another commit's file, or a broken answer
        return b"".join(chunks)[:limit]


class _ServerError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class ArchiveReader:
    """Reads the files of one snapshot from the repository's archive, downloaded once, on
    the first read; a file the archive did not give as the tree has it is read by SHA."""

    def __init__(
        self,
        source: GitHubSource,
        repo_url: str,
        ref: str,
        entries: list[tuple[FileEntry, str]],
        *,
        raw_repo: str | None = None,
    ) -> None:
        self.source = source
        self.raw_repo = raw_repo
        self.repo_url = repo_url
        self.ref = ref
        self.shas = {e.path: sha for e, sha in entries if e.kind != "submodule"}
        self.sizes = {e.path: e.size for e, _ in entries}
        self.files: ArchiveFiles | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.repo_url.rsplit("/repos/", 1)[-1]

    def _archive(self) -> ArchiveFiles:
        with self._lock:
            if self.files is None:
                files = ArchiveFiles(self.shas, self.source._cache_dir)
                self.source.download_archive(self.repo_url, self.ref, files, self.name)
                self.files = files
            return self.files

    def read(self, path: str, limit: int) -> bytes:
        sha = self.shas.get(path)
        if sha is None:
            raise SnapshotReadError(f"{path!r} is not in the tree")
        files = self._archive()
        kept = files.kept(path)
        size = self.sizes.get(path, 0)
        if kept is not None and (limit <= kept or size <= kept):
            return files.read(path, limit)
        return self._missing(files, path, sha, size, limit)

    def _missing(self, files: ArchiveFiles, path: str, sha: str, size: int, limit: int) -> bytes:
        """A file the archive left out (``export-ignore``) or changed: raw, else by its SHA."""
        if self.raw_repo is not None and files.commit:
            data = self.source.read_uncounted(
                self.raw_repo, files.commit, path, sha, size, limit, self.name
            )
            if data is not None:
                return data
        return self.source.read_blob(self.repo_url, path, sha, size, limit)

    def link_target(self, path: str) -> str:
        """A symlink's target: from the archive, else its blob."""
        files = self._archive()
        if path in files.links:
            return files.links[path]
        try:
            data = self.source.read_blob(self.repo_url, path, self.shas[path], 0, 4096)
        except SnapshotReadError:
            return ""
        return data.decode("utf-8", "surrogateescape")

    def close(self) -> None:
        """Let go of the spill file (the snapshot's checks are done)."""
        with self._lock:
            if self.files is not None:
                self.files.close()
                self.files = None


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


def _next_link(header: str | None) -> str | None:
    """The ``rel="next"`` URL of a Link header (GitHub spells it ``<URL>; rel="next"``)."""
    for match in re.finditer(r'<([^>]+)>\s*;\s*rel="([^"]+)"', header or ""):
        if match.group(2) == "next":
            return match.group(1)
    return None


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _listing(org: str, exc: GithubException) -> Message:
    return Message.of("github_listing", owner=org, detail=_message(exc))


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
