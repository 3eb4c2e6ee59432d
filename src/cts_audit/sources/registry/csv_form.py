"""Sign-up form exports (CSV): column titles differ per event, so the mapping is configurable."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import RegistryError
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
)
from .urls import parse_repo_url
from .yaml_file import REPOSITORY_HINT

if TYPE_CHECKING:
    from _csv import Reader

#: One cell may list several repositories: separated by spaces, commas, semicolons or lines.
_SPLIT = re.compile(r"[\s,;]+")
_DELIMITERS = (",", ";", "\t")
_REQUIRED = ("project", "repositories")
_WHAT = {"project": "the project name", "repositories": "the repository URLs"}
_LANGUAGES = {"svenska": "sv", "swedish": "sv", "engelska": "en", "english": "en"}
_NO = ("no", "nej", "false", "0")


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
                raise RegistryError(
                    where,
                    f"unknown column field {quote(str(key))}; the fields are: " + ", ".join(known),
                )
            titles = [value] if isinstance(value, str) else value
            if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
                raise RegistryError(where, f"column field {key!r} takes a title or a list of them")
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
        return out


def read_form_csv(
    path: Path,
    mapping: ColumnMapping | None = None,
    event: str | None = None,
    *,
    extra_hosts: Iterable[str] = (),
) -> Registry:
    """Read a form export; ``event`` (a slug) is the event of every row when given.

    A missing column raises RegistryError; a bad row or URL is a Problem with its line.
    """
    mapping = mapping or ColumnMapping()
    where = str(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise RegistryError(where, f"cannot be read ({exc.strerror or exc})") from None
    # Strict: a quote left open is reported on its row instead of swallowing the rows after it.
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text, mapping), strict=True
    )
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise RegistryError(f"{where}:1", f"the first row cannot be read as CSV ({exc})") from None
    if not any(title.strip() for title in header):
        raise RegistryError(
            where,
            "the first row should hold the column titles; it is empty",
            hint="Export the form's answers with their column titles.",
        )
    columns = mapping.columns(header)
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        expected = "; ".join(
            f"{_WHAT[name]}: one of " + ", ".join(quote(t) for t in getattr(mapping, name))
            for name in missing
        )
        raise RegistryError(
            f"{where}:1",
            f"no column for {' or '.join(_WHAT[n] for n in missing)}. Expected {expected}. "
            f"The columns are: {', '.join(quote(t) for t in header)}",
            hint="Rename the column, or add its title to the column mapping.",
        )
    return _Rows(path, columns, header, event, tuple(extra_hosts)).read(reader)


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

    def read(self, reader: Reader) -> Registry:
        projects: list[Project] = []
        line = 1
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.problems.append(
                    Problem(
                        Location(str(self.path), start),
                        f"the row cannot be read as CSV ({exc}); it is skipped",
                        'check the quotes (") on that row: one is probably not closed',
                    )
                )
                if reader.line_num == line:  # nothing consumed: reading on would loop
                    break
                line = reader.line_num
                continue
            # A quoted cell can span lines: the row's number is the line it starts on.
            line = reader.line_num
            if any(cell.strip() for cell in row):
                project = self.project(row, Location(str(self.path), start))
                if project is not None:
                    projects.append(project)
        return Registry(
            "",
            tuple(self.events.values()),
            tuple(projects),
            tuple(self.problems),
            str(self.path),
        )

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def project(self, row: list[str], where: Location) -> Project | None:
        name = self.cell(row, "project")
        if not name:
            self.problems.append(
                Problem(
                    where,
                    "the row has no project name; it is skipped",
                    f"fill in the column {quote(self.header[self.columns['project']])}",
                )
            )
            return None
        label = f"project {quote(name)}"
        key = unique_key(slugify(name), self.keys)
        issues = self.cell(row, "issues").casefold()
        language = self.cell(row, "language").casefold()
        contact = Contact(
            self.cell(row, "contact_name") or None, self.cell(row, "contact_email") or None
        )
        return Project(
            key=key,
            name=name,
            events=self.project_event(row),
            theme=self.cell(row, "theme") or None,
            language=_LANGUAGES.get(language, language) or "sv",
            repositories=tuple(self.repositories(row, where, label)),
            issues_allowed=not issues.startswith(_NO),
            contacts=(contact,) if contact.name or contact.email else (),
            source=where,
        )

    def project_event(self, row: list[str]) -> tuple[str, ...]:
        written = self.cell(row, "event")
        if self.event:  # the form was for this event, whatever a row says
            return (self.event,)
        if not written:
            return ()
        slug = slugify(written)
        self.events.setdefault(slug, Event(slug, written))
        return (slug,)

    def repositories(self, row: list[str], where: Location, label: str) -> list[RepoRef]:
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
                        f"{label}: {quote(token)} in column {column} is not a repository URL",
                        REPOSITORY_HINT,
                    )
                )
            elif all(r.key != ref.key for r in out):
                out.append(ref)
        return out


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
