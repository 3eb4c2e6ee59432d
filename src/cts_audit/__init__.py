"""cts-audit: check that hackathon projects share their work openly."""

from __future__ import annotations

from functools import cache


@cache
def tool_version() -> str:
    """The installed version, read once and only when asked (package metadata is slow to load)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cts-audit")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return tool_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
