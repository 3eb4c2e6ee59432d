"""A loopback fake of api.github.com for the tests and benchmarks."""

from .server import FakeCommit, FakeGitHub, FakeRepo, blob_sha

__all__ = ["FakeCommit", "FakeGitHub", "FakeRepo", "blob_sha"]
