"""Shared fixtures. No test reaches the internet: only loopback connections are allowed."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from github.Requester import Requester

from .github_fake import FakeGitHub

AXE = Path(__file__).parent / "browser/node_modules/axe-core/axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing_for_browser_tests() -> str | None:
    """What to install for the report site's browser tests, in one line; None when ready."""
    missing = []
    if CHROMIUM is None:
        missing.append("Debian's chromium (sudo apt-get install chromium)")
    if not AXE.is_file():
        missing.append("axe-core (make tests/browser/node_modules/.installed)")
    if not missing:
        return None
    return "the browser tests need " + " and ".join(missing)


def pytest_report_header(config: pytest.Config) -> str | None:
    missing = missing_for_browser_tests()
    if missing is None:
        return None
    then = "they fail, as CI=true" if IN_CI else "they are skipped"
    return f"{missing}: {then}"


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    try:
        return host == "localhost" or ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(host: object) -> ConnectionRefusedError:
    return ConnectionRefusedError(f"tests may only connect to loopback, not {host}")


def _loopback_only(self: socket.socket, address: Any) -> Any:
    # Unix sockets (and others) are local by nature; only IP families can leave the machine.
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise _refuse(address[0])
    return _real_connect(self, address)


def _loopback_only_ex(self: socket.socket, address: Any) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise _refuse(address[0])
    return _real_connect_ex(self, address)


def _create_loopback_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    # Refuse before name resolution: without internet a DNS lookup can hang for seconds.
    if not _is_loopback(address[0]):
        raise _refuse(address[0])
    return _real_create_connection(address, *args, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def _no_internet() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    socket.socket.connect_ex = _loopback_only_ex  # type: ignore[method-assign]
    socket.create_connection = _create_loopback_connection
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]
    socket.create_connection = _real_create_connection


@pytest.fixture(autouse=True)
def _pygithub_connections() -> Iterator[None]:
    """GitHubSource routes PyGithub through its cached session process-wide; undo it after
    each test so the next one starts from PyGithub's own connections."""
    yield
    Requester.resetConnectionClasses()


@pytest.fixture(autouse=True)
def _tool_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps the tool's data folder (history, cache) to itself, and runs in an
    environment that asks for no language (a message that no policy can word falls back to
    the environment's: tests ask for theirs)."""
    monkeypatch.setenv("CTS_AUDIT_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A started loopback api.github.com, stopped after the test."""
    with FakeGitHub() as fake:
        yield fake


@pytest.fixture
def artefacts() -> Path:
    """Where tests leave files for review (screenshots)."""
    path = Path(__file__).parents[1] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
