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
from .declaration import Declaration, Reader, Scope
from .text import without_comments, words_pattern

#: Contributor terms, site templates and configuration: at most this many read, this much of
#: each.
MAX_STATEMENT_FILES = 8
STATEMENT_BYTES = 64 * 1024
_TAG = re.compile(r"<[^>]*>")
_STYLES = frozenset({"css", "scss", "sass", "less", "styl"})


class Elsewhere(Reader):
    """Statements in the rules' ``files.statement_files``: Creative Commons for the content,
    and, where the words name the code, the code's licence."""

    @cached_property
    def statements(self) -> list[Declaration]:
        return [d for d in self._read if d.scope != "code"]

    @cached_property
    def code_statements(self) -> list[Declaration]:
        """Statements that name the code's licence in so many words ("Source code available
        under the MIT license" in a footer, "Erstellter Quellcode ist freie Software ... MIT
        Lizenz" in an imprint): weaker than a licence file, the README or a manifest."""
        return [d for d in self._read if d.scope == "code"]

    @cached_property
    def _read(self) -> list[Declaration]:
        out: list[Declaration] = []
        credit = words_pattern(self.rules.keywords.all("credit_lines"))
        for entry in self._statement_files():
            text = self.snapshot.read_text(entry.path, STATEMENT_BYTES)
            if not text:
                continue
            text = without_comments(text)
            lines = text.splitlines()
            for mention in licences.find_mentions(text):
                expression = licences.parse(mention.licence)
                if not 0 < mention.line <= len(lines):
                    continue
                line = _TAG.sub(" ", lines[mention.line - 1])
                if self.scoping.declares_nothing(line, mention.snippet):
                    continue
                if credit is not None and credit.search(line.lower()):
                    continue  # "Photo: A. Person, CC BY-SA 3.0": one work's credit
                said = self.scoping.around(line, mention.snippet)
                scope: Scope = said or "media"
                if not licences.cc_ids(expression):
                    if said is None:
                        # A sentence of a page spread over lines of markup ("<Link>Source
                        # code</Link> available under the <Link ...>MIT license</Link>").
                        said = self.scoping.around(_spread(lines, mention.line), mention.snippet)
                        scope = said or scope
                    if said != "code" or not expression.valid:
                        continue  # another licence counts only where it names the code
                elif scope not in ("media", "all"):
                    continue
                note = _kind_of(entry, lines[: mention.line])
                out.append(
                    Declaration(
                        expression,
                        "statement",
                        entry.path,
                        mention.line,
                        scope,
                        0.6 if note == "contributing_statement" else 0.55,
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
            # footer-bg.png and footer.scss are no footer's text
            if entry.suffix not in media
            and entry.suffix not in _STYLES
            and any(fnmatch.fnmatchcase(entry.path.lower(), p) for p in patterns)
        ]
        # Contributor terms and footers first, then pages and layouts, the shallowest first.
        found.sort(key=lambda e: (_file_kind(e) == "page_statement", e.path.count("/"), e.path))
        return found[:MAX_STATEMENT_FILES]


#: How many lines of markup above a licence's name may hold the start of its sentence.
_SPREAD_LINES = 8


def _spread(lines: list[str], number: int) -> str:
    """The text of line ``number`` (1-based) and the few lines of markup above it, tags and
    the text of JSX expressions taken out, as one line: from the last sentence that ends
    before the licence's line."""
    above = "\n".join(lines[max(0, number - 1 - _SPREAD_LINES) : number - 1])
    above = re.split(r"(?<=[.!?])\s*(?:</?\w[^>]*>\s*)*\n", above)[-1]
    text = f"{above}\n{lines[number - 1]}"
    text = re.sub(r"\{['\"]\s*['\"]\}", " ", _TAG.sub(" ", text))
    return " ".join(text.split())


def _file_kind(entry: FileEntry) -> str:
    """What a file is by its path: contributor terms, a footer or layout template, the site's
    configuration, or one of its pages (an about or legal page, ``index.html``)."""
    path = entry.path.lower()
    if entry.name.upper().startswith("CONTRIBUTING"):
        return "contributing_statement"
    if "footer" in path or "layout" in path:
        return "footer_statement"
    if entry.suffix in ("toml", "yml", "yaml", "json"):
        return "config_statement"
    return "page_statement"


def _kind_of(entry: FileEntry, lines: list[str]) -> str:
    """Where a statement stands, for the evidence: the file's kind, and, within a file,
    a ``footer`` setting of a configuration or a ``<footer>`` element of a page. ``lines``
    run from the top of the file to the statement's line."""
    kind = _file_kind(entry)
    if kind == "config_statement":
        key = lines[-1].split("=", 1)[0].split(":", 1)[0].lower() if lines else ""
        return "footer_statement" if "footer" in key else kind
    if kind == "page_statement":
        before = "\n".join(lines[:-1]).lower()
        if "<footer" in lines[-1].lower() or before.rfind("<footer") > before.rfind("</footer"):
            return "footer_statement"
    return kind
