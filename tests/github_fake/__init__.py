"""A loopback fake of api.github.com for tests and benchmarks (see server.py)."""

from .server import SECONDARY_MESSAGE, FakeCommit, FakeGitHub, FakeRepo, Injection, blob_sha

__all__ = ["SECONDARY_MESSAGE", "FakeCommit", "FakeGitHub", "FakeRepo", "Injection", "blob_sha"]
