"""Sign-up form exports (CSV): column titles differ per event, so the mapping is configurable."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import RegistryError
from .model import Contact, Event, Location, Problem, Project, Registry, RepoRef, slugify
from .urls import parse_repo_url

_SPLIT = re.compile(r"[\s,;]+")


def _norm(title: str) -> str:
    return " ".join(title.strip().lower().split())


@dataclass(frozen=True)
class ColumnMapping:
    """Accepted column titles per field, matched case- and space-insensitively."""

    project: tuple[str, ...] = (
        "project name",
        "projektnamn",
        "project",
        "projekt",
        "namn på projektet",
    )
    repositories: tuple[str, ...] = (
        "repository",
        "repositories",
        "repo",
        "github",
        "gitlab",
        "code",
        "kod",
        "länk till kod",
        "link to code",
        "länk till repository",
        "repository url",
    )
    event: tuple[str, ...] = ("event", "evenemang", "hackathon")
    contact_name: tuple[str, ...] = ("name", "namn", "contact", "kontaktperson", "contact name")
    contact_email: tuple[str, ...] = (
        "email",
        "e-mail",
        "e-post",
        "epost",
        "email address",
        "e-postadress",
    )
    language: tuple[str, ...] = ("language", "språk")
    theme: tuple[str, ...] = ("theme", "tema")
    issues: tuple[str, ...] = ("issues", "may we open issues", "får vi öppna issues")
    required: tuple[str, ...] = field(default=("project", "repositories"))

    @classmethod
    def from_dict(cls, data: dict[str, object], where: str) -> ColumnMapping:
        """A mapping from configuration: ``{field: title or [titles]}``."""
        known = set(cls.__dataclass_fields__) - {"required"}
        values: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            if key not in known:
                raise RegistryError(
                    where, f"unknown column field {key!r}; allowed: {', '.join(sorted(known))}"
                )
            titles = [value] if isinstance(value, str) else value
            if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
                raise RegistryError(
                    where, f"column field {key!r} takes a title or a list of titles"
                )
            values[key] = tuple(str(t) for t in titles)
        return cls(**values)


def read_form_csv(
    path: Path,
    mapping: ColumnMapping | None = None,
    *,
    event: str | None = None,
    extra_hosts: Iterable[str] = (),
) -> Registry:
    mapping = mapping or ColumnMapping()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(str(path), f"cannot read the form export ({exc.strerror})") from None
    text = raw.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise RegistryError(str(path), "the file is empty") from None
    columns = {_norm(title): index for index, title in enumerate(header)}

    def column(field_name: str) -> int | None:
        for title in getattr(mapping, field_name):
            if _norm(title) in columns:
                return columns[_norm(title)]
        return None

    wanted = {
        name: column(name)
        for name in (
            "project",
            "repositories",
            "event",
            "contact_name",
            "contact_email",
            "language",
            "theme",
            "issues",
        )
    }
    missing = [name for name in mapping.required if wanted[name] is None]
    if missing:
        raise RegistryError(
            f"{path}:1",
            f"no column for {', '.join(missing)}; the columns are: {', '.join(header)[:300]}",
            hint="Name the columns in a mapping file (--csv-columns), "
            "e.g. repositories: 'Länk till kod'.",
        )
    problems: list[Problem] = []
    projects: list[Project] = []
    events: dict[str, Event] = {}
    if event:
        events[event] = Event(event, event)
    seen: set[str] = set()
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(Location(str(path), line + 1), f"cannot be read as CSV: {exc}"))
            break
        start = line + 1
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = wanted[name]
            return row[index].strip() if index is not None and index < len(row) else ""

        name = cell("project")
        where = Location(str(path), start)
        if not name:
            problems.append(Problem(where, "the row has no project name"))
            continue
        refs: list[RepoRef] = []
        for token in _SPLIT.split(cell("repositories")):
            if not token:
                continue
            ref = parse_repo_url(token, extra_hosts)
            if ref is None:
                problems.append(
                    Problem(
                        where,
                        f"project {name!r}: {token!r} is not a repository URL",
                        "write the URL of the repository, e.g. https://github.com/OWNER/REPO",
                    )
                )
            elif ref.key not in {r.key for r in refs}:
                refs.append(ref)
        event_slug = event or slugify(cell("event")) if (event or cell("event")) else None
        if event_slug and event_slug not in events:
            events[event_slug] = Event(event_slug, cell("event") or event_slug)
        key = slugify(name)
        if key in seen:
            key = f"{key}-{start}"
        seen.add(key)
        issues_cell = cell("issues").lower()
        projects.append(
            Project(
                key=key,
                name=name,
                events=(event_slug,) if event_slug else (),
                theme=cell("theme") or None,
                language=cell("language").lower()[:2] or "sv",
                repositories=tuple(refs),
                issues_allowed=issues_cell not in ("no", "nej", "false", "0"),
                contacts=(Contact(cell("contact_name") or None, cell("contact_email") or None),),
                source=where,
            )
        )
    return Registry("", tuple(events.values()), tuple(projects), tuple(problems), str(path))
