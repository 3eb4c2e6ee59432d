"""Shared fixtures. No test reaches the internet: only loopback connections are allowed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from github.Requester import Requester

from .github_fake import FakeGitHub

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = False
        if not allowed:
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {host}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_internet() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _pygithub_connections() -> Iterator[None]:
    """GitHubSource routes PyGithub through its cached session process-wide; undo it after
    each test so the next one starts from PyGithub's own connections."""
    yield
    Requester.resetConnectionClasses()


@pytest.fixture(autouse=True)
def _tool_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps the tool's data folder (history, cache) to itself."""
    monkeypatch.setenv("CTS_AUDIT_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    with FakeGitHub() as fake:
        yield fake


@pytest.fixture
def artefacts() -> Path:
    """Where tests leave files for review (screenshots)."""
    path = Path(__file__).parents[1] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
