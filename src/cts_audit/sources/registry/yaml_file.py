"""The registry file organisers keep by hand (YAML): events and their projects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...errors import InputError, RegistryError
from ...yamlpos import Positioned, load_yaml
from .model import Contact, Event, Location, Problem, Project, Registry, RepoRef, slugify
from .urls import local_ref, parse_repo_url

_PROJECT_KEYS = {
    "name",
    "key",
    "event",
    "events",
    "theme",
    "group",
    "language",
    "repositories",
    "repository",
    "page",
    "page_url",
    "issues",
    "contacts",
    "contact",
    "description",
}
_EVENT_KEYS = {"slug", "name", "group", "starts", "ends", "url", "date"}


class _Reader:
    def __init__(self, path: Path, doc: Positioned, extra_hosts: Iterable[str]) -> None:
        self.path = path
        self.doc = doc
        self.extra_hosts = tuple(extra_hosts)
        self.problems: list[Problem] = []

    def at(self, *keys: str | int) -> Location:
        return Location(str(self.path), self.doc.line_of(keys))

    def problem(self, keys: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.at(*keys), message, hint))


def read_registry_yaml(path: Path, *, extra_hosts: Iterable[str] = ()) -> Registry:
    """Read a registry file. A malformed file raises; a malformed entry becomes a Problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(str(path), f"cannot read the registry ({exc})") from None
    try:
        doc = load_yaml(text, str(path))
    except InputError as exc:
        raise RegistryError(exc.where, exc.detail) from None
    if not isinstance(doc.value, dict):
        raise RegistryError(
            str(path),
            "a registry is a mapping with 'network', 'events' and 'projects'; "
            f"found {type(doc.value).__name__}",
            hint="See the example in examples/hackathon/registry.yml.",
        )
    reader = _Reader(path, doc, extra_hosts)
    data: dict[str, Any] = doc.value
    network = data.get("network")
    if network is not None and not isinstance(network, str):
        reader.problem(("network",), "'network' should be text")
        network = None
    events = _events(reader, data.get("events", []))
    slugs = {e.slug.lower() for e in events}
    projects = _projects(reader, data.get("projects", []), slugs)
    return Registry(
        network or "", tuple(events), tuple(projects), tuple(reader.problems), str(path)
    )


def _events(reader: _Reader, raw: Any) -> list[Event]:
    if not isinstance(raw, list):
        reader.problem(("events",), "'events' should be a list of events")
        return []
    out = []
    for index, item in enumerate(raw):
        keys = ("events", index)
        if not isinstance(item, dict):
            reader.problem(keys, f"an event is a mapping with slug and name; found {item!r:.60}")
            continue
        unknown = set(map(str, item)) - _EVENT_KEYS
        if unknown:
            reader.problem(
                keys,
                f"unknown key {sorted(unknown)[0]!r} in an event",
                f"allowed: {', '.join(sorted(_EVENT_KEYS))}",
            )
        slug = item.get("slug")
        if not isinstance(slug, str) or not slug.strip():
            reader.problem(keys, "an event needs a 'slug' (e.g. stockholm-2026-spring)")
            continue
        starts = _date(reader, (*keys, "starts"), item.get("starts", item.get("date")))
        ends = _date(reader, (*keys, "ends"), item.get("ends")) or starts
        out.append(
            Event(
                slug=slug.strip(),
                name=str(item.get("name") or slug),
                group=_text(item.get("group")),
                starts=starts,
                ends=ends,
                url=_text(item.get("url")),
            )
        )
    return out


def _projects(reader: _Reader, raw: Any, slugs: set[str]) -> list[Project]:
    if not isinstance(raw, list):
        reader.problem(("projects",), "'projects' should be a list of projects")
        return []
    out = []
    keys_seen: set[str] = set()
    for index, item in enumerate(raw):
        keys: tuple[str | int, ...] = ("projects", index)
        if not isinstance(item, dict):
            reader.problem(keys, f"a project is a mapping with a name; found {item!r:.60}")
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            reader.problem(keys, "a project needs a 'name'")
            continue
        label = f"project {name!r}"
        unknown = set(map(str, item)) - _PROJECT_KEYS
        if unknown:
            reader.problem(
                keys,
                f"{label}: unknown key {sorted(unknown)[0]!r}",
                f"allowed: {', '.join(sorted(_PROJECT_KEYS))}",
            )
        events = _list(item.get("events", item.get("event")))
        for event in events:
            if slugs and event.lower() not in slugs:
                reader.problem(
                    (*keys, "event"),
                    f"{label}: no event with slug {event!r}",
                    "add it under 'events' or correct the slug",
                )
        repos = _repositories(reader, keys, label, item)
        issues = item.get("issues", True)
        if not isinstance(issues, bool):
            reader.problem(
                (*keys, "issues"), f"{label}: 'issues' is true or false; found {issues!r}"
            )
            issues = False  # when unsure, do not write to a team's repository
        key = str(item.get("key") or slugify(name))
        if key in keys_seen:
            key = f"{key}-{index}"
        keys_seen.add(key)
        out.append(
            Project(
                key=key,
                name=name.strip(),
                events=tuple(events),
                theme=_text(item.get("theme")),
                group=_text(item.get("group")),
                language=str(item.get("language") or "sv"),
                repositories=tuple(repos),
                page_url=_text(item.get("page", item.get("page_url"))),
                issues_allowed=issues,
                contacts=tuple(_contacts(item.get("contacts", item.get("contact")))),
                source=reader.at(*keys),
            )
        )
    return out


def _repositories(
    reader: _Reader, keys: tuple[str | int, ...], label: str, item: dict[str, Any]
) -> list[RepoRef]:
    raw = item.get("repositories", item.get("repository", []))
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list):
        reader.problem((*keys, "repositories"), f"{label}: 'repositories' should be a list of URLs")
        return []
    out = []
    for index, value in enumerate(values):
        where = (*keys, "repositories", index)
        if not isinstance(value, str):
            reader.problem(where, f"{label}: a repository is a URL; found {value!r:.60}")
            continue
        ref = parse_repo_url(value, reader.extra_hosts) or local_ref(value, reader.path.parent)
        if ref is None:
            reader.problem(
                where,
                f"{label}: {value!r} is not a code-host repository URL",
                "write the URL of the repository, e.g. https://github.com/OWNER/REPO",
            )
            continue
        out.append(ref)
    return out


def _contacts(raw: Any) -> list[Contact]:
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    return [
        Contact(_text(c.get("name")), _text(c.get("email") or c.get("mail")))
        for c in items
        if isinstance(c, dict)
    ]


def _date(reader: _Reader, keys: tuple[str | int, ...], value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        reader.problem(keys, f"{value!r} is not a date", "write dates as YYYY-MM-DD")
        return None


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
