"""cts-audit: check that hackathon projects share their work openly."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cts-audit")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
