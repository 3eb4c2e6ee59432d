"""Output formats, as one enum: adding a format without wiring it fails a test."""

from __future__ import annotations

import enum


class Format(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    SARIF = "sarif"

    @property
    def suffix(self) -> str:
        return {
            "text": "txt",
            "json": "json",
            "markdown": "md",
            "html": "html",
            "csv": "csv",
            "sarif": "sarif",
        }[self.value]


#: Formats the `check` command prints for one repository.
CHECK_FORMATS = (Format.TEXT, Format.JSON, Format.MARKDOWN, Format.SARIF)
