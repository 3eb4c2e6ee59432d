"""cts-audit: check that hackathon projects share their work openly."""

from __future__ import annotations

__version__ = "0.1.0"


def tool_version() -> str:
    """The tool's version, as the package metadata gives it (hatch reads it from here)."""
    return __version__
