"""A loopback api.github.com: real HTTP, real git object SHAs, GitHub's headers and habits.

Pagination with Link headers, weak ETags and free 304s, rate-limit headers and
exhaustion, 301 for renamed repositories, 404/409/410/451, issues and labels, and fault
injection (5xx, secondary limits, dropped connections, truncated bodies, hangs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from . import bodies

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID."
)


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeCommit:
    date: str
    author_login: str | None = "dev"
    author_name: str = "Dev"
    author_email: str = "dev@example.org"
    message: str = "Update"
    sha: str = ""


@dataclass
class FakeRepo:
    """One repository the fake serves. Tests change it freely between requests."""

    id: int
    owner: str
    name: str
    owner_id: int
    files: dict[str, bytes]
    default_branch: str = "main"
    archived: bool = False
    fork: bool = False
    private: bool = False
    topics: tuple[str, ...] = ()
    description: str | None = None
    homepage: str | None = None
    has_issues: bool = True
    pushed_at: str = field(default_factory=_now_iso)
    created_at: str = "2026-03-14T09:00:00Z"
    commits: list[FakeCommit] = field(default_factory=list)
    symlinks: dict[str, str] = field(default_factory=dict)
    license_spdx: str | None = None
    empty: bool = False
    #: False: answers 404 to everyone (private, or deleted).
    visible: bool = True
    #: False: writes answer 403 "Resource not accessible by integration".
    writable: bool = True
    blocked: bool = False
    issues: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    trees: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)
    root_tree: str = ""
    head: str = ""
    fake: Any = field(default=None, repr=False)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def build(self) -> None:
        """(Re)compute git objects from ``files`` and ``symlinks``."""
        self.trees.clear()
        self.blobs.clear()
        if self.empty:
            self.root_tree = self.head = ""
            return
        nested: dict[str, Any] = {}
        for path, data in self.files.items():
            self._put(nested, path, ("100644", data))
        for path, target in self.symlinks.items():
            self._put(nested, path, ("120000", target.encode()))
        self.root_tree = self._tree(nested)
        seed = f"{self.root_tree}{len(self.commits)}{self.pushed_at}".encode()
        self.head = hashlib.sha1(b"commit " + seed).hexdigest()
        for index, commit in enumerate(self.commits):
            if not commit.sha:
                commit.sha = hashlib.sha1(
                    f"{self.full_name}{index}{commit.date}".encode()
                ).hexdigest()

    @staticmethod
    def _put(nested: dict[str, Any], path: str, leaf: tuple[str, bytes]) -> None:
        parts = path.split("/")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = leaf

    def _tree(self, node: dict[str, Any]) -> str:
        entries = []
        raw = b""
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

    def commit(self, files: dict[str, bytes | str], message: str = "Update") -> None:
        """Push a commit that sets ``files`` (None values delete)."""
        for path, data in files.items():
            if data is None:
                self.files.pop(path, None)
            else:
                self.files[path] = data.encode() if isinstance(data, str) else data
        self.pushed_at = _now_iso()
        self.commits.insert(0, FakeCommit(date=self.pushed_at, message=message))
        self.build()

    def rename(self, new_full_name: str) -> None:
        old = self.full_name
        self.owner, self.name = new_full_name.split("/", 1)
        self.fake._renamed[old.lower()] = self.id
        self.fake._by_name.pop(old.lower(), None)
        self.fake._by_name[self.full_name.lower()] = self

    def delete(self) -> None:
        self.visible = False


@dataclass
class Injection:
    pattern: re.Pattern[str]
    status: int | None = None
    times: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    reset_connection: bool = False
    truncated_json: bool = False
    delay: float = 0.0
    method: str | None = None


class FakeGitHub:
    """Start with ``with FakeGitHub() as fake:``; point PyGithub at ``fake.base_url``."""

    def __init__(self, api_prefix: str = "") -> None:
        self.api_prefix = api_prefix.rstrip("/")
        self._repos: dict[int, FakeRepo] = {}
        self._by_name: dict[str, FakeRepo] = {}
        self._renamed: dict[str, int] = {}
        self._ids = itertools.count(1000)
        self._owner_ids: dict[str, int] = {}
        self.rate_limit = 5000
        self.anonymous_limit = 60
        self.search_limit = 30
        self.reset_at = int(time.time()) + 3600
        self.tree_truncate_limit = 100_000
        self.tokens: set[str] = set()
        self.last_auth: str | None = None
        self.requests: list[tuple[str, str, int]] = []
        self._used: Counter[str] = Counter()
        self._injections: list[Injection] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life -----------------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        assert self._server is not None, "start the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return self.origin + self.api_prefix

    # -- content --------------------------------------------------------------------------

    def add_repo(
        self,
        full_name: str,
        files: dict[str, bytes | str] | None = None,
        **options: Any,
    ) -> FakeRepo:
        owner, name = full_name.split("/", 1)
        owner_id = self._owner_ids.setdefault(owner.lower(), 500 + len(self._owner_ids))
        data = {p: d.encode() if isinstance(d, str) else d for p, d in (files or {}).items()}
        repo = FakeRepo(next(self._ids), owner, name, owner_id, data, **options)
        repo.fake = self
        if repo.commits == [] and not repo.empty:
            repo.commits = [FakeCommit(date=repo.pushed_at, message="Initial commit")]
        repo.build()
        with self._lock:
            self._repos[repo.id] = repo
            self._by_name[full_name.lower()] = repo
        return repo

    def repo(self, full_name: str) -> FakeRepo:
        return self._by_name[full_name.lower()]

    def issues(self, full_name: str) -> list[dict[str, Any]]:
        return self.repo(full_name).issues

    # -- faults and accounting --------------------------------------------------------------

    def inject(self, path_regex: str, *, method: str | None = None, **kwargs: Any) -> Injection:
        injection = Injection(re.compile(path_regex), method=method, **kwargs)
        with self._lock:
            self._injections.append(injection)
        return injection

    def reset_rate_limit(self) -> None:
        with self._lock:
            self._used.clear()
            self.reset_at = int(time.time()) + 3600

    def count(
        self, method: str | None = None, path_regex: str | None = None, status: int | None = None
    ) -> int:
        pattern = re.compile(path_regex) if path_regex else None
        return sum(
            1
            for m, p, s in list(self.requests)
            if (method is None or m == method)
            and (pattern is None or pattern.search(p))
            and (status is None or s == status)
        )

    @property
    def charged(self) -> int:
        return sum(self._used.values())

    @property
    def writes(self) -> int:
        return sum(1 for m, _, _ in list(self.requests) if m != "GET")

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    # -- lookups used by the handler ----------------------------------------------------------

    def _find(self, owner: str, name: str) -> tuple[FakeRepo | None, int | None]:
        key = f"{owner}/{name}".lower()
        repo = self._by_name.get(key)
        if repo is not None:
            return repo, None
        moved = self._renamed.get(key)
        return None, moved

    def _take_injection(self, method: str, path: str) -> Injection | None:
        with self._lock:
            for injection in self._injections:
                if injection.times <= 0 or (injection.method and injection.method != method):
                    continue
                if injection.pattern.search(path):
                    injection.times -= 1
                    return injection
        return None


class _Reply(Exception):
    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing -----------------------------------------------------------------------------

    def _handle(self, method: str) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        path = unquote(split.path)
        if fake.api_prefix and path.startswith(fake.api_prefix):
            path = path[len(fake.api_prefix) :]
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.body_json: Any = None
        if raw:
            try:
                self.body_json = json.loads(raw)
            except ValueError:
                self.body_json = None
        auth = self.headers.get("Authorization")
        fake.last_auth = auth
        token = auth.split(" ", 1)[1] if auth and " " in auth else None
        bucket = "search" if path.startswith("/search/") else "core"
        who = f"{token or 'anonymous'}:{bucket}"
        limit = (
            fake.search_limit
            if bucket == "search"
            else fake.rate_limit
            if token
            else fake.anonymous_limit
        )
        self.logged_path = path
        with fake._lock:
            if time.time() >= fake.reset_at:  # the window rolls over, as GitHub's does
                fake._used.clear()
                fake.reset_at = int(time.time()) + 3600
        try:
            if fake.tokens and token not in fake.tokens:
                raise _Reply(401, bodies.error("", 401, "Bad credentials"))
            injection = fake._take_injection(method, path)
            if injection is not None:
                status = self._inject(injection, who, limit, bucket)
                if status < 0:
                    return
                raise _Reply(status, injection.body, injection.headers)
            free = path in ("/rate_limit", "/_fake/stats")
            if not free:
                with fake._lock:
                    if fake._used[who] >= limit:
                        raise _Reply(
                            403,
                            bodies.error(
                                "",
                                403,
                                "API rate limit exceeded for user ID 1. If you reach out to "
                                "GitHub Support for help, please include the request ID.",
                                "rest/overview/rate-limits-for-the-rest-api",
                            ),
                        )
            reply_body, headers, status = self._route(method, path, query)
            status = self._send(status, reply_body, headers, who, limit, bucket, charge=not free)
        except _Reply as reply:
            status = reply.status
            status = self._send(status, reply.body, reply.headers, who, limit, bucket, charge=True)

    def _log(self, status: int) -> None:
        """Count a request before answering it, so a test reading the log sees it."""
        with self.fake._lock:
            self.fake.requests.append((self.command, self.logged_path, status))

    def _inject(self, injection: Injection, who: str, limit: int, bucket: str) -> int:
        if injection.delay:
            time.sleep(injection.delay)
        if injection.reset_connection or injection.truncated_json:
            self._log(200)
        if injection.reset_connection:
            body = b'{"id": 1, "name": "trunc'
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return -1
        if injection.truncated_json:
            body = b'{"id": 1, "name": "trunc'
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return -1
        if injection.status is None:
            return 200
        body = injection.body
        if body is None:
            body = bodies.error(
                "",
                injection.status,
                SECONDARY_MESSAGE if injection.status in (403, 429) else "Server Error",
            )
            injection.body = body
        return injection.status

    def _send(
        self,
        status: int,
        body: Any,
        headers: dict[str, str],
        who: str,
        limit: int,
        bucket: str,
        *,
        charge: bool,
    ) -> int:
        """Answer, and return the status actually sent (a 200 may become a free 304)."""
        fake = self.fake
        data = b""
        content_type = "application/json; charset=utf-8"
        if isinstance(body, bytes):
            data = body
            content_type = headers.pop("Content-Type", "application/vnd.github.raw; charset=utf-8")
        elif body is not None:
            data = json.dumps(body).replace("{ORIGIN}", fake.base_url).encode()
        etag = None
        if self.command == "GET" and status == 200:
            etag = 'W/"' + hashlib.sha256(data).hexdigest() + '"'
            wanted = (self.headers.get("If-None-Match") or "").replace("W/", "")
            if wanted and wanted == etag.replace("W/", ""):
                status, data, charge = 304, b"", False
        with fake._lock:
            if charge:
                fake._used[who] += 1
            used = fake._used[who]
        self._log(status)
        self.send_response(status)
        self.send_header("Date", self.date_time_string())
        if status != 304:
            self.send_header("Content-Type", content_type)
        cache = headers.pop("Cache-Control", "private, max-age=60, s-maxage=60")
        self.send_header("Cache-Control", cache)
        self.send_header("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding")
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Tue, 18 Aug 2026 20:26:54 GMT")
        self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        self.send_header("x-github-api-version-selected", "2022-11-28")
        self.send_header("X-RateLimit-Limit", str(limit))
        self.send_header("X-RateLimit-Remaining", str(max(0, limit - used)))
        self.send_header("X-RateLimit-Used", str(used))
        self.send_header("X-RateLimit-Reset", str(fake.reset_at))
        self.send_header("X-RateLimit-Resource", bucket)
        self.send_header("X-GitHub-Request-Id", f"F2C5:{len(fake.requests):06X}")
        self.send_header("Server", "github.com")
        for key, value in headers.items():
            self.send_header(key, value.replace("{ORIGIN}", fake.base_url))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)
        return status

    # -- routes -------------------------------------------------------------------------------

    def _route(
        self, method: str, path: str, query: dict[str, str]
    ) -> tuple[Any, dict[str, str], int]:
        fake = self.fake
        if path == "/_fake/stats":  # for benchmarks that run the fake in another process
            return (
                {
                    "requests": len(fake.requests),
                    "charged": fake.charged,
                    "not_modified": fake.count(status=304),
                    "writes": fake.writes,
                },
                {},
                200,
            )
        if path == "/rate_limit" and method == "GET":
            return self._rate_limit(), {}, 200
        match = re.match(r"^/(orgs|users)/([^/]+)/repos$", path)
        if match and method == "GET":
            return self._list_owner(match.group(2), query, path)
        if path == "/search/repositories" and method == "GET":
            return self._search(query, path)
        match = re.match(r"^/(orgs|users)/([^/]+)$", path)
        if match and method == "GET":
            owner = match.group(2)
            if owner.lower() not in fake._owner_ids:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            kind = "Organization" if match.group(1) == "orgs" else "User"
            body = bodies.user("{ORIGIN}", owner, kind=kind, uid=fake._owner_ids[owner.lower()])
            return body, {}, 200
        match = re.match(r"^/repositories/(\d+)(/.*)?$", path)
        if match:
            repo = fake._repos.get(int(match.group(1)))
            if repo is None or not repo.visible:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            return self._repo_route(method, repo, match.group(2) or "", query, path)
        match = re.match(r"^/repos/([^/]+)/([^/]+)(/.*)?$", path)
        if match:
            repo, moved = fake._find(match.group(1), match.group(2))
            rest = match.group(3) or ""
            if repo is None and moved is not None:
                location = f"{{ORIGIN}}/repositories/{moved}{rest}"
                status = 301 if method == "GET" else 307
                raise _Reply(
                    status,
                    {
                        "message": "Moved Permanently",
                        "url": location,
                        "documentation_url": "https://docs.github.com/v3/#http-redirects",
                    },
                    {"Location": location},
                )
            if repo is None or not repo.visible:
                raise _Reply(
                    404, bodies.error("", 404, "Not Found", "rest/repos/repos#get-a-repository")
                )
            return self._repo_route(method, repo, rest, query, path)
        raise _Reply(404, bodies.error("", 404, "Not Found"))

    def _rate_limit(self) -> dict[str, Any]:
        fake = self.fake
        auth = fake.last_auth
        token = auth.split(" ", 1)[1] if auth and " " in auth else None
        core_used = fake._used[f"{token or 'anonymous'}:core"]
        limit = fake.rate_limit if token else fake.anonymous_limit
        core = {
            "limit": limit,
            "used": core_used,
            "remaining": max(0, limit - core_used),
            "reset": fake.reset_at,
        }
        search_used = fake._used[f"{token or 'anonymous'}:search"]
        search = {
            "limit": fake.search_limit,
            "used": search_used,
            "remaining": max(0, fake.search_limit - search_used),
            "reset": fake.reset_at,
        }
        return {"resources": {"core": core, "search": search}, "rate": core}

    def _page(
        self, items: list[Any], query: dict[str, str], path: str
    ) -> tuple[list[Any], dict[str, str]]:
        per_page = max(1, min(100, int(query.get("per_page", 30) or 30)))
        page = max(1, int(query.get("page", 1) or 1))
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        headers: dict[str, str] = {}
        if last > 1:
            base = {k: v for k, v in query.items() if k not in ("page", "per_page")}

            def link(number: int, rel: str) -> str:
                params = urlencode({**base, "per_page": per_page, "page": number})
                return f'<{{ORIGIN}}{quote(path)}?{params}>; rel="{rel}"'

            links = []
            if page > 1:
                links.append(link(page - 1, "prev"))
            if page < last:
                links.append(link(page + 1, "next"))
                links.append(link(last, "last"))
            if page > 1:
                links.append(link(1, "first"))
            headers["Link"] = ", ".join(links)
        return chunk, headers

    def _list_owner(
        self, owner: str, query: dict[str, str], path: str
    ) -> tuple[Any, dict[str, str], int]:
        fake = self.fake
        if owner.lower() not in fake._owner_ids:
            raise _Reply(404, bodies.error("", 404, "Not Found"))
        repos = sorted(
            (r for r in fake._repos.values() if r.owner.lower() == owner.lower() and r.visible),
            key=lambda r: r.id,
        )
        chunk, headers = self._page(repos, query, path)
        return [bodies.repository("{ORIGIN}", r, full=False) for r in chunk], headers, 200

    def _search(self, query: dict[str, str], path: str) -> tuple[Any, dict[str, str], int]:
        fake = self.fake
        words = query.get("q", "").split()
        topics = [w[6:] for w in words if w.startswith("topic:")]
        owners = [w.split(":", 1)[1].lower() for w in words if w.startswith(("org:", "user:"))]
        found = [
            r
            for r in sorted(fake._repos.values(), key=lambda r: r.id)
            if r.visible
            and all(t in r.topics for t in topics)
            and (not owners or r.owner.lower() in owners)
        ]
        per_page = max(1, min(100, int(query.get("per_page", 30) or 30)))
        page = max(1, int(query.get("page", 1) or 1))
        if (page - 1) * per_page >= 1000:
            raise _Reply(
                422,
                {
                    "message": "Only the first 1000 search results are available",
                    "documentation_url": "https://docs.github.com/v3/search/",
                    "status": "422",
                },
            )
        chunk, headers = self._page(found[:1000], query, path)
        items = [{**bodies.repository("{ORIGIN}", r, full=False), "score": 1.0} for r in chunk]
        headers["Cache-Control"] = "no-cache"
        return (
            {"total_count": len(found), "incomplete_results": False, "items": items},
            headers,
            200,
        )

    def _repo_route(
        self, method: str, repo: FakeRepo, rest: str, query: dict[str, str], path: str
    ) -> tuple[Any, dict[str, str], int]:
        if repo.blocked:
            raise _Reply(451, bodies.error("", 451, "Repository access blocked"))
        if rest == "" and method == "GET":
            return bodies.repository("{ORIGIN}", repo, full=True), {}, 200
        if rest == "/topics":
            return {"names": list(repo.topics)}, {}, 200
        if rest.startswith("/issues") or rest.startswith("/labels"):
            return self._issues_route(method, repo, rest, query, path)
        if method != "GET":
            raise _Reply(404, bodies.error("", 404, "Not Found"))
        if repo.empty and rest.startswith(("/git/", "/commits", "/branches")):
            raise _Reply(409, bodies.error("", 409, "Git Repository is empty."))
        match = re.match(r"^/git/trees/(.+)$", rest)
        if match:
            return self._tree(repo, match.group(1), query.get("recursive") in ("1", "true"))
        match = re.match(r"^/git/blobs/([0-9a-f]{40})$", rest)
        if match:
            data = repo.blobs.get(match.group(1))
            if data is None:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            return (
                {
                    "sha": match.group(1),
                    "node_id": "B_" + match.group(1)[:12],
                    "size": len(data),
                    "url": f"{{ORIGIN}}/repos/{repo.full_name}/git/blobs/{match.group(1)}",
                    "content": bodies.base64_lines(data),
                    "encoding": "base64",
                },
                {"Cache-Control": "private, max-age=86400, s-maxage=86400"},
                200,
            )
        match = re.match(r"^/branches/(.+)$", rest)
        if match:
            if match.group(1) != repo.default_branch:
                raise _Reply(404, bodies.error("", 404, "Branch not found"))
            return (
                {
                    "name": repo.default_branch,
                    "commit": {"sha": repo.head, "commit": {"tree": {"sha": repo.root_tree}}},
                    "protected": False,
                },
                {},
                200,
            )
        if rest == "/commits":
            return self._commits(repo, query, path)
        match = re.match(r"^/contents/(.*)$", rest)
        if match:
            return self._contents(repo, match.group(1))
        if rest == "/readme":
            readme = next((p for p in sorted(repo.files) if p.lower().startswith("readme")), None)
            if readme is None:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            return self._contents(repo, readme)
        if rest == "/license":
            if not repo.license_spdx:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            return (
                {
                    "name": "LICENSE",
                    "path": "LICENSE",
                    "license": bodies.repository("{ORIGIN}", repo, full=True)["license"],
                },
                {},
                200,
            )
        if rest == "/contributors":
            if repo.empty:
                raise _Reply(204, None)
            logins = Counter(c.author_login for c in repo.commits if c.author_login)
            return (
                [{"login": login, "contributions": n} for login, n in logins.most_common()],
                {},
                200,
            )
        raise _Reply(404, bodies.error("", 404, "Not Found"))

    def _tree(self, repo: FakeRepo, ref: str, recursive: bool) -> tuple[Any, dict[str, str], int]:
        sha = repo.root_tree if ref in (repo.default_branch, repo.head, "HEAD") else ref
        if sha not in repo.trees:
            raise _Reply(404, bodies.error("", 404, "Not Found"))
        base = f"{{ORIGIN}}/repos/{repo.full_name}/git"
        entries: list[dict[str, Any]] = []
        truncated = False

        def walk(tree_sha: str, prefix: str) -> None:
            nonlocal truncated
            for entry in repo.trees[tree_sha]:
                if recursive and len(entries) >= self.fake.tree_truncate_limit:
                    truncated = True
                    return
                item = {**entry, "path": prefix + entry["path"]}
                kind = "trees" if entry["type"] == "tree" else "blobs"
                item["url"] = f"{base}/{kind}/{entry['sha']}"
                entries.append(item)
                if recursive and entry["type"] == "tree":
                    walk(entry["sha"], item["path"] + "/")

        walk(sha, "")
        body = {"sha": sha, "url": f"{base}/trees/{sha}", "tree": entries, "truncated": truncated}
        return body, {"Cache-Control": "private, max-age=86400, s-maxage=86400"}, 200

    def _commits(
        self, repo: FakeRepo, query: dict[str, str], path: str
    ) -> tuple[Any, dict[str, str], int]:
        commits = repo.commits
        if "since" in query:
            commits = [c for c in commits if c.date >= query["since"]]
        if "until" in query:
            commits = [c for c in commits if c.date <= query["until"]]
        chunk, headers = self._page(commits, query, path)
        body = [
            {
                "sha": c.sha,
                "url": f"{{ORIGIN}}/repos/{repo.full_name}/commits/{c.sha}",
                "commit": {
                    "author": {"name": c.author_name, "email": c.author_email, "date": c.date},
                    "committer": {"name": c.author_name, "email": c.author_email, "date": c.date},
                    "message": c.message,
                },
                "author": bodies.user("{ORIGIN}", c.author_login) if c.author_login else None,
                "committer": None,
                "parents": [],
            }
            for c in chunk
        ]
        return body, headers, 200

    def _contents(self, repo: FakeRepo, path: str) -> tuple[Any, dict[str, str], int]:
        path = path.strip("/")
        data = repo.files.get(path)
        if data is None:
            raise _Reply(404, bodies.error("", 404, "Not Found"))
        if "raw" in (self.headers.get("Accept") or ""):
            return data, {"Content-Type": "application/vnd.github.raw; charset=utf-8"}, 200
        big = len(data) > 1024 * 1024
        sha = blob_sha(data)
        return (
            {
                "name": path.rsplit("/", 1)[-1],
                "path": path,
                "sha": sha,
                "size": len(data),
                "url": (
                    f"{{ORIGIN}}/repos/{repo.full_name}/contents/{path}?ref={repo.default_branch}"
                ),
                "type": "file",
                "content": "" if big else bodies.base64_lines(data),
                "encoding": "none" if big else "base64",
            },
            {},
            200,
        )

    # -- issues -------------------------------------------------------------------------------

    def _issues_route(
        self, method: str, repo: FakeRepo, rest: str, query: dict[str, str], path: str
    ) -> tuple[Any, dict[str, str], int]:
        fake = self.fake
        if rest.startswith("/issues") and not repo.has_issues:
            raise _Reply(410, bodies.error("", 410, "Issues are disabled for this repo"))
        if method != "GET" and not repo.writable:
            raise _Reply(403, bodies.error("", 403, "Resource not accessible by integration"))
        now = _now_iso()
        if rest == "/labels":
            if method == "GET":
                chunk, headers = self._page(sorted(repo.labels), query, path)
                return [bodies.label("{ORIGIN}", repo, n) for n in chunk], headers, 200
            body = self.body_json or {}
            name = body.get("name")
            if not name:
                raise _Reply(
                    422,
                    {
                        "message": "Validation Failed",
                        "errors": [{"resource": "Label", "code": "missing_field", "field": "name"}],
                        "documentation_url": "https://docs.github.com/rest",
                        "status": "422",
                    },
                )
            if name in repo.labels:
                raise _Reply(
                    422,
                    {
                        "message": "Validation Failed",
                        "errors": [
                            {"resource": "Label", "code": "already_exists", "field": "name"}
                        ],
                        "documentation_url": "https://docs.github.com/rest",
                        "status": "422",
                    },
                )
            repo.labels[name] = {
                "id": next(fake._ids),
                "color": body.get("color", "ededed"),
                "description": body.get("description"),
            }
            return bodies.label("{ORIGIN}", repo, name), {}, 201
        match = re.match(r"^/labels/(.+)$", rest)
        if match and method == "GET":
            if match.group(1) not in repo.labels:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            return bodies.label("{ORIGIN}", repo, match.group(1)), {}, 200
        if rest == "/issues":
            if method == "GET":
                state = query.get("state", "open")
                wanted = set(filter(None, query.get("labels", "").split(",")))
                creator = query.get("creator")
                items = [
                    i
                    for i in sorted(repo.issues, key=lambda i: -i["number"])
                    if (state == "all" or i["state"] == state)
                    and wanted <= set(i["labels"])
                    and (creator is None or i["user"] == creator)
                ]
                chunk, headers = self._page(items, query, path)
                return [bodies.issue("{ORIGIN}", repo, i) for i in chunk], headers, 200
            body = self.body_json or {}
            if not body.get("title"):
                raise _Reply(
                    422,
                    {
                        "message": "Validation Failed",
                        "errors": [
                            {"resource": "Issue", "code": "missing_field", "field": "title"}
                        ],
                        "documentation_url": "https://docs.github.com/rest",
                        "status": "422",
                    },
                )
            number = max((i["number"] for i in repo.issues), default=0) + 1
            data = {
                "id": next(fake._ids),
                "number": number,
                "title": body["title"],
                "body": body.get("body"),
                "state": "open",
                "labels": list(body.get("labels", [])),
                "comments": [],
                "user": "cts-audit-bot",
                "created_at": now,
                "updated_at": now,
            }
            for name in data["labels"]:
                repo.labels.setdefault(
                    name, {"id": next(fake._ids), "color": "ededed", "description": None}
                )
            repo.issues.append(data)
            location = f"{{ORIGIN}}/repos/{repo.full_name}/issues/{number}"
            return bodies.issue("{ORIGIN}", repo, data), {"Location": location}, 201
        match = re.match(r"^/issues/(\d+)(/comments)?$", rest)
        if match:
            number = int(match.group(1))
            data = next((i for i in repo.issues if i["number"] == number), None)
            if data is None:
                raise _Reply(404, bodies.error("", 404, "Not Found"))
            if match.group(2):
                if method == "GET":
                    chunk, headers = self._page(data["comments"], query, path)
                    return (
                        [bodies.comment("{ORIGIN}", repo, number, c) for c in chunk],
                        headers,
                        200,
                    )
                text = (self.body_json or {}).get("body")
                comment = {
                    "id": next(fake._ids),
                    "body": text,
                    "user": "cts-audit-bot",
                    "created_at": now,
                }
                data["comments"].append(comment)
                data["updated_at"] = now
                return bodies.comment("{ORIGIN}", repo, number, comment), {}, 201
            if method == "PATCH":
                body = self.body_json or {}
                for key in ("title", "body", "state", "state_reason"):
                    if key in body:
                        data[key] = body[key]
                if "labels" in body:
                    data["labels"] = [
                        label if isinstance(label, str) else label.get("name")
                        for label in body["labels"]
                    ]
                if body.get("state") == "closed":
                    data["closed_at"] = now
                    data.setdefault("state_reason", "completed")
                elif body.get("state") == "open":
                    data["closed_at"] = None
                    data["state_reason"] = "reopened"
                data["updated_at"] = now
            return bodies.issue("{ORIGIN}", repo, data), {}, 200
        raise _Reply(404, bodies.error("", 404, "Not Found"))
