"""Declarations in files other than the README and licence files: contributor terms
("texts and images are published under CC BY-SA 4.0") and a static site's footer
("Content is licensed CC BY-NC-SA 4.0"). Weaker sources than those: they speak only for
the media, and their evidence says where they stand."""

from __future__ import annotations

import fnmatch
import re
from functools import cached_property

from .. import licences
from ..snapshot import FileEntry
from .declaration import Declaration, Reader

#: Contributor terms, site templates and configuration: at most this many read, this much of
#: each.
MAX_STATEMENT_FILES = 8
STATEMENT_BYTES = 64 * 1024
_TAG = re.compile(r"<[^>]*>")


class Elsewhere(Reader):
    """Creative Commons statements for the content in the rules' ``files.statement_files``."""

    @cached_property
    def statements(self) -> list[Declaration]:
        out: list[Declaration] = []
        for entry in self._statement_files():
            text = self.snapshot.read_text(entry.path, STATEMENT_BYTES)
            if not text:
                continue
            lines = text.splitlines()
            footer = not entry.name.upper().startswith("CONTRIBUTING")
            for mention in licences.find_mentions(text):
                expression = licences.parse(mention.licence)
                if not licences.cc_ids(expression) or not 0 < mention.line <= len(lines):
                    continue
                line = _TAG.sub(" ", lines[mention.line - 1])
                if self.scoping.declares_nothing(line, mention.snippet):
                    continue
                scope = self.scoping.around(line, mention.snippet) or "media"
                if scope not in ("media", "all"):
                    continue
                note = "footer_statement" if footer else "contributing_statement"
                out.append(
                    Declaration(
                        expression,
                        "statement",
                        entry.path,
                        mention.line,
                        scope,
                        0.55 if footer else 0.6,
                        None,
                        mention.snippet,
                        note,
                        {"text": mention.snippet},
                    )
                )
        return out

    def _statement_files(self) -> list[FileEntry]:
        patterns = [p.lower() for p in self.rules.files.statement_files]
        media = self.rules.files.media_extensions
        found = [
            entry
            for entry in self.files.kept
            if entry.suffix not in media  # footer-bg.png is no footer's text
            and any(fnmatch.fnmatchcase(entry.path.lower(), p) for p in patterns)
        ]
        return sorted(found, key=lambda e: (e.path.count("/"), e.path))[:MAX_STATEMENT_FILES]
