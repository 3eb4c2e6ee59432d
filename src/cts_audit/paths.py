"""Where the tool keeps its history database, HTTP cache and clones."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """``$CTS_AUDIT_HOME`` when set, else the platform's user data folder."""
    home = os.environ.get("CTS_AUDIT_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir("cts-audit", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path
