"""Sign-up form exports (CSV): column titles differ per event, so the mapping is configurable."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import RegistryError
from ...i18n import Message
from .model import (
    Contact,
    Event,
    Location,
    Problem,
    Project,
    Registry,
    RepoRef,
    quote,
    slugify,
    unique_key,
    unreadable,
)
from .urls import parse_repo_url
from .yaml_file import REPOSITORY_HINT

if TYPE_CHECKING:
    from _csv import Reader

#: One cell may list several repositories: separated by spaces, commas, semicolons or lines.
_SPLIT = re.compile(r"[\s,;]+")
_DELIMITERS = (",", ";", "\t")
_REQUIRED = ("project", "repositories")
_WHAT = {
    "project": Message("registry_csv_project_column"),
    "repositories": Message("registry_csv_repositories_column"),
}
_LANGUAGES = {"svenska": "sv", "swedish": "sv", "engelska": "en", "english": "en"}
_NO = ("no", "nej", "false", "0")
_REPO_WORDS = re.compile(
    r"\b(repo|repos|repot|repository|repositories|repositoriet|github|gitlab)\b"
)


def _norm(title: str) -> str:
    return " ".join(title.strip().casefold().split())


@dataclass(frozen=True)
class ColumnMapping:
    """Accepted column titles per field, matched ignoring case and spacing; the first wins."""

    project: tuple[str, ...] = (
        "Projektnamn",
        "Project name",
        "Projektets namn",
        "Namn på projektet",
        "Projekt",
        "Project",
        "Team",
        "Teamnamn",
        "Team name",
        "Lagnamn",
    )
    repositories: tuple[str, ...] = (
        "Länk till kod",
        "Länk till koden",
        "Repository",
        "Repositories",
        "Repository URL",
        "Repo",
        "GitHub",
        "GitLab",
        "Link to code",
        "Kod",
        "Code",
        "Repo URL",
        "Repo-URL",
        "Repo link",
        "Repository link",
        "Link to repository",
        "Länk till repo",
        "Länk till repot",
        "Länk till GitHub-repo",
        "Länk till GitHub",
        "GitHub-repo",
        "GitHub repo",
        "GitHub URL",
    )
    event: tuple[str, ...] = ("Evenemang", "Event", "Hackathon")
    contact_name: tuple[str, ...] = ("Namn", "Name", "Kontaktperson", "Contact name", "Contact")
    contact_email: tuple[str, ...] = (
        "E-post",
        "Epost",
        "E-postadress",
        "Email",
        "E-mail",
        "Email address",
    )
    language: tuple[str, ...] = ("Språk", "Language")
    theme: tuple[str, ...] = ("Tema", "Theme")
    issues: tuple[str, ...] = ("Får vi öppna issues", "May we open issues", "Issues")

    @classmethod
    def from_dict(cls, data: Mapping[str, object], where: str) -> ColumnMapping:
        """A mapping from configuration, ``{field: title or [titles]}``; others keep defaults."""
        known = [f.name for f in fields(cls)]
        values: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            if key not in known:
                unknown = Message.of(
                    "registry_csv_unknown_field", field=quote(str(key)), fields=", ".join(known)
                )
                raise RegistryError(where, unknown)
            titles = [value] if isinstance(value, str) else value
            if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
                raise RegistryError(where, Message.of("registry_csv_field_titles", field=repr(key)))
            values[key] = tuple(str(t) for t in titles)
        return cls(**values)

    def columns(self, header: list[str]) -> dict[str, int]:
        """The index of each field's column in ``header``; fields without one are left out."""
        index: dict[str, int] = {}
        for position, title in enumerate(header):
            index.setdefault(_norm(title), position)
        out: dict[str, int] = {}
        for field in fields(self):
            titles: tuple[str, ...] = getattr(self, field.name)
            found = next((index[_norm(t)] for t in titles if _norm(t) in index), None)
            if found is not None:
                out[field.name] = found
        if "repositories" not in out:
            # "Länk till ert GitLab-repo", "Repo (URL)": one column that speaks of a
            # repository is the repositories', when no title matched exactly.
            near = [i for i, title in enumerate(header) if _REPO_WORDS.search(_norm(title))]
            if len(near) == 1 and near[0] not in out.values():
                out["repositories"] = near[0]
        return out


def read_form_csv(
    path: Path,
    mapping: ColumnMapping | None = None,
    event: str | None = None,
    *,
    extra_hosts: Iterable[str] = (),
) -> Registry:
    """Read a form export; with ``event`` (a slug), only that event's rows.

    A row whose event column names another event is left out; a row without an event
    takes ``event``. A missing column raises RegistryError; a bad row or URL is a Problem
    with its line.
    """
    mapping = mapping or ColumnMapping()
    where = str(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise RegistryError(where, unreadable(exc)) from None
    delimiter = _delimiter(text, mapping)
    # The lines as the csv module reads them: a bad row is read again from the line after it.
    lines = io.StringIO(text, newline="").readlines()
    reader = _reader(lines, 0, delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        not_csv = Message.of("registry_csv_header_unreadable", error=exc)
        raise RegistryError(f"{where}:1", not_csv) from None
    if not any(title.strip() for title in header):
        raise RegistryError(
            where,
            Message("registry_csv_header_empty"),
            hint=Message("registry_csv_header_empty_hint"),
        )
    columns = mapping.columns(header)
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        expected = tuple(
            Message.of(
                "registry_csv_one_of",
                column=_WHAT[name],
                titles=", ".join(quote(t) for t in getattr(mapping, name)),
            )
            for name in missing
        )
        either = (
            Message.of("registry_csv_either", first=_WHAT[missing[0]], second=_WHAT[missing[1]])
            if len(missing) > 1
            else _WHAT[missing[0]]
        )
        raise RegistryError(
            f"{where}:1",
            Message.of(
                "registry_csv_no_column",
                column=either,
                expected=expected,
                columns=", ".join(quote(t) for t in header),
            ),
            hint=Message("registry_csv_no_column_hint"),
        )
    rows = _Rows(path, columns, header, event, tuple(extra_hosts))
    return rows.read(lines, reader.line_num, delimiter)


def _reader(lines: list[str], start: int, delimiter: str) -> Reader:
    """Rows from ``lines[start]`` on. Strict: a stray quote is an error, not a guess."""
    return csv.reader(itertools.islice(lines, start, None), delimiter=delimiter, strict=True)


class _Rows:
    """Reads the answers under the header, one project per row."""

    def __init__(
        self,
        path: Path,
        columns: dict[str, int],
        header: list[str],
        event: str | None,
        extra_hosts: tuple[str, ...],
    ) -> None:
        self.path = path
        self.columns = columns
        self.header = header
        self.event = event
        self.extra_hosts = extra_hosts
        self.problems: list[Problem] = []
        self.events: dict[str, Event] = {event: Event(event, event)} if event else {}
        self.keys: set[str] = set()

    def read(self, lines: list[str], start: int, delimiter: str) -> Registry:
        """The rows from line ``start + 1`` to the end of ``lines``.

        A row that cannot be read is a Problem; after a quote left open, the lines it
        swallowed are read again, so no row is lost without a word.
        """
        projects: list[Project] = []
        while start < len(lines):
            start = self.read_rows(_reader(lines, start, delimiter), start, len(lines), projects)
        return Registry(
            "",
            tuple(self.events.values()),
            tuple(projects),
            tuple(self.problems),
            str(self.path),
        )

    def read_rows(self, reader: Reader, before: int, total: int, projects: list[Project]) -> int:
        """Adds the projects of ``reader``'s rows; the line to read again from, or ``total``."""
        line = before  # the last line read, counted from the top of the file
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return total
            except csv.Error as exc:
                end = before + reader.line_num
                if end > start:
                    # A row runs on to the next line only inside quotes: the quote opened
                    # on its first line ran on. The lines after that one are rows again.
                    self.problems.append(self.open_quote(start, end, total, exc))
                    return start
                self.problems.append(
                    Problem(
                        Location(str(self.path), start),
                        Message.of("registry_csv_row_unreadable", error=exc),
                        Message("registry_csv_row_unreadable_hint"),
                    )
                )
                if end == line:  # nothing consumed: reading on would loop
                    return total
                line = end
                continue
            # A quoted cell can span lines: the row's number is the line it starts on.
            line = before + reader.line_num
            if any(cell.strip() for cell in row):
                project = self.project(row, Location(str(self.path), start))
                if project is not None:
                    projects.append(project)

    def open_quote(self, start: int, end: int, total: int, exc: csv.Error) -> Problem:
        """The Problem of a quote opened on line ``start`` that runs on to line ``end``."""
        if end >= total and "end of data" in str(exc):
            said = Message("registry_csv_quote_never_closed")
        else:
            said = Message.of("registry_csv_quote_runs_on", line=end, error=exc)
        return Problem(Location(str(self.path), start), said, Message("registry_csv_quote_hint"))

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def project(self, row: list[str], where: Location) -> Project | None:
        events = self.project_event(row)
        if events is None:
            return None  # another event's row
        name = self.cell(row, "project")
        if not name:
            self.problems.append(
                Problem(
                    where,
                    Message("registry_csv_no_name"),
                    Message.of(
                        "registry_csv_no_name_hint",
                        column=quote(self.header[self.columns["project"]]),
                    ),
                )
            )
            return None
        label = Message.of("label_project", name=quote(name))
        key = unique_key(slugify(name), self.keys)
        issues = self.cell(row, "issues").casefold()
        language = self.cell(row, "language").casefold()
        contact = Contact(
            self.cell(row, "contact_name") or None, self.cell(row, "contact_email") or None
        )
        return Project(
            key=key,
            name=name,
            events=events,
            theme=self.cell(row, "theme") or None,
            language=_LANGUAGES.get(language, language) or "sv",
            repositories=tuple(self.repositories(row, where, label)),
            issues_allowed=not issues.startswith(_NO),
            contacts=(contact,) if contact.name or contact.email else (),
            source=where,
        )

    def project_event(self, row: list[str]) -> tuple[str, ...] | None:
        """The row's event; None for a row of another event than the one asked for.

        A row without an event belongs to the event asked for, if any. The other events
        a column names stay in the registry's events, so a message can list them.
        """
        written = self.cell(row, "event")
        if self.event and (not written or _same_event(written, self.event)):
            if written and self.events[self.event].name == self.event:
                self.events[self.event] = Event(self.event, written)  # its name as written
            return (self.event,)
        if not written:
            return ()
        slug = slugify(written)
        self.events.setdefault(slug, Event(slug, written))
        return None if self.event else (slug,)

    def repositories(self, row: list[str], where: Location, label: Message) -> list[RepoRef]:
        out: list[RepoRef] = []
        column = quote(self.header[self.columns["repositories"]])
        for token in _SPLIT.split(self.cell(row, "repositories")):
            # Words ("ingen", "n/a", "-") mean no repository yet; every address has a dot.
            if "." not in token:
                continue
            ref = parse_repo_url(token, self.extra_hosts)
            if ref is None:
                self.problems.append(
                    Problem(
                        where,
                        Message.of(
                            "registry_csv_not_repository",
                            label=label,
                            url=quote(token),
                            column=column,
                        ),
                        REPOSITORY_HINT,
                    )
                )
            elif all(r.key != ref.key for r in out):
                out.append(ref)
        return out


def _same_event(written: str, wanted: str) -> bool:
    """Whether a row's event cell (``Vår 2026``) names the event asked for (``var-2026``)."""
    return written.casefold() == wanted.casefold() or slugify(written) == slugify(wanted)


def _decode(raw: bytes) -> str:
    """Form tools export UTF-8 (often with a BOM); Excel may write UTF-16 or Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str, mapping: ColumnMapping) -> str:
    """The delimiter under which the first row holds the most known titles, then columns."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            return (0, 0)
        return (len(mapping.columns(header)), len(header))

    return max(_DELIMITERS, key=score)
