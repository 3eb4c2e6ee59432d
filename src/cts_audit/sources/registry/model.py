"""One model for every registry: network → events → projects → repositories."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ...i18n import Message, say
from ...waivers import Waiver

#: The three CTS themes; a network's registry may use others.
THEMES = ("Power to the people", "Sharing is caring", "I like to move it")
#: Hosts whose repositories are not read through the GitHub API.
_NOT_GITHUB = frozenset({"local", "gitlab.com", "codeberg.org", "bitbucket.org"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]\S.*)?$")


@dataclass(frozen=True)
class Location:
    """Where an entry was written: for messages that send the user to the right line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class RepoRef:
    """A repository on a code host (or a local folder, host ``local``)."""

    host: str
    owner: str
    name: str
    url: str

    @property
    def key(self) -> str:
        """The identity used to audit a repository once, whatever the spelling."""
        if self.host == "local":
            return f"local:{self.url}"
        return f"{self.host}/{self.owner}/{self.name}".lower()

    @property
    def full_name(self) -> str:
        """``owner/name`` as the host spells it (a folder's name for local repositories)."""
        return self.name if self.host == "local" else f"{self.owner}/{self.name}"

    @property
    def is_github(self) -> bool:
        """github.com, or a GitHub Enterprise host (readers accept those as extra hosts)."""
        return self.host not in _NOT_GITHUB


@dataclass(frozen=True)
class Contact:
    """Personal data: used to address a team where allowed, never published."""

    name: str | None
    email: str | None = field(repr=False)


@dataclass(frozen=True)
class Event:
    """One hackathon; ``slug`` is what projects refer to (the site's ``ref``)."""

    slug: str
    name: str
    group: str | None = None
    starts: date | None = None
    ends: date | None = None
    url: str | None = None
    place: str | None = None
    #: The event's title per language (``(("sv", "…"), ("en", "…"))``), when it has pages
    #: in several; ``name`` is the title in the registry's main language.
    names: tuple[tuple[str, str], ...] = ()

    def public_dict(self) -> dict[str, Any]:
        """The event as plain data, for the history store and reports."""
        return {
            "slug": self.slug,
            "name": self.name,
            "names": dict(self.names),
            "group": self.group,
            "starts": self.starts.isoformat() if self.starts else None,
            "ends": self.ends.isoformat() if self.ends else None,
            "url": self.url,
            "place": self.place,
        }


@dataclass(frozen=True)
class Project:
    """A registered project: ``key`` is stable across runs, ``source`` is where it was written."""

    key: str
    name: str
    events: tuple[str, ...] = ()
    theme: str | None = None
    group: str | None = None
    language: str = "sv"
    repositories: tuple[RepoRef, ...] = ()
    page_url: str | None = None
    issues_allowed: bool = True
    contacts: tuple[Contact, ...] = field(default=(), repr=False)
    source: Location = Location("")
    #: Checks the organisers set aside for this project, each with a reason and an end date.
    waivers: tuple[Waiver, ...] = ()

    def public_dict(self) -> dict[str, Any]:
        """What may be published: everything but the contacts."""
        return {
            "key": self.key,
            "name": self.name,
            "events": list(self.events),
            "theme": self.theme,
            "group": self.group,
            "language": self.language,
            "page_url": self.page_url,
            "issues_allowed": self.issues_allowed,
            "repositories_registered": [r.url for r in self.repositories],
            "repository_keys": [r.key for r in self.repositories],
            "waivers": [
                {
                    "check": w.check,
                    "reason": w.reason,
                    "until": w.until.isoformat(),
                    "repositories": list(w.repositories),
                }
                for w in self.waivers
            ],
        }


@dataclass(frozen=True)
class Problem:
    """A registry entry that could not be used; the other entries still load.

    ``said`` is what is wrong and ``tip`` what to do, as Messages: the command words them
    in the run's language (:meth:`text`); ``message`` and ``hint`` are the English words.
    """

    location: Location
    said: Message
    tip: Message | None = None
    #: The event the entry belongs to, when known: `audit --event` shows only its own.
    event: str | None = None
    #: A convention the reader understood (a ref naming a language): said on the first
    #: audit of the registry, not on every one.
    once: bool = False

    @property
    def message(self) -> str:
        return say(self.said, "en")

    @property
    def hint(self) -> str | None:
        return say(self.tip, "en") if self.tip is not None else None

    def text(self, lang: str = "en") -> str:
        """``file:line: what is wrong; what to do``, in the words of ``lang``."""
        tip = f"; {say(self.tip, lang)}" if self.tip is not None else ""
        return f"{self.location}: {say(self.said, lang)}{tip}"


@dataclass(frozen=True)
class Registry:
    """Everything one registry holds, and the entries that could not be used (``problems``)."""

    network: str
    events: tuple[Event, ...] = ()
    projects: tuple[Project, ...] = ()
    problems: tuple[Problem, ...] = ()
    source: str = ""

    def find_event(self, text: str) -> str | None:
        """The slug of the event ``text`` names: its slug, or its title in any language
        (case and spacing ignored)."""
        wanted = " ".join(text.split()).casefold()
        for event in self.events:
            titles = [event.slug, event.name, *(title for _, title in event.names)]
            if wanted in (" ".join(t.split()).casefold() for t in titles):
                return event.slug
        for project in self.projects:  # events named only by projects (form exports)
            for slug in project.events:
                if slug.casefold() == wanted:
                    return slug
        return None

    def suggest_events(self, text: str) -> list[str]:
        """Slugs of events whose slug or title is close to ``text`` (a mistyped --event)."""
        titles: dict[str, str] = {}
        for event in self.events:
            for title in (event.slug, event.name, *(t for _, t in event.names)):
                titles.setdefault(title.casefold(), event.slug)
        close = difflib.get_close_matches(text.casefold(), list(titles), n=5, cutoff=0.6)
        return list(dict.fromkeys(titles[c] for c in close))

    def for_event(self, slug: str) -> Registry:
        """Only the projects of one event (by slug), keeping problems for the user to see."""
        wanted = slug.lower()
        return replace(
            self,
            events=tuple(e for e in self.events if e.slug.lower() == wanted),
            projects=tuple(p for p in self.projects if wanted in (e.lower() for e in p.events)),
        )

    def repositories(self) -> list[tuple[RepoRef, list[Project]]]:
        """Each repository once (first spelling seen), with every project that registered it."""
        seen: dict[str, tuple[RepoRef, list[Project]]] = {}
        for project in self.projects:
            for ref in project.repositories:
                entry = seen.setdefault(ref.key, (ref, []))
                if not any(p is project for p in entry[1]):
                    entry[1].append(project)
        return list(seen.values())

    def projects_without_repositories(self) -> list[Project]:
        """Registered projects with nothing to audit: the report names them."""
        return [p for p in self.projects if not p.repositories]

    @classmethod
    def from_discovered(
        cls, network: str, event: Event | None, refs: list[RepoRef], source: str
    ) -> Registry:
        """One project per repository found on the code host (organisation or topic)."""
        projects: list[Project] = []
        seen: set[str] = set()
        for ref in refs:
            if ref.key in seen:  # a topic search can list a repository on two pages
                continue
            seen.add(ref.key)
            projects.append(
                Project(
                    key=ref.key,
                    name=ref.name,
                    events=(event.slug,) if event else (),
                    repositories=(ref,),
                    source=Location(source),
                )
            )
        return cls(network, (event,) if event else (), tuple(projects), (), source)


def parse_date(text: str) -> date | None:
    """The day of ``YYYY-MM-DD``, also when a time follows (``2019-01-26 00:00:00 +02:00``).

    The time and offset are dropped rather than converted: the day written is the day meant.
    """
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:  # 2026-02-30
        return None


def quote(text: str, limit: int = 80) -> str:
    """A value from a registry, quoted and shortened for a message (escapes control chars)."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(short, ensure_ascii=False)


def describe(value: object) -> Message:
    """What was found, for "found ..." in a message; never the whole of a big value."""
    if value is None:
        return Message("found_nothing")
    if isinstance(value, bool):
        return Message.of("found_literal", value=str(value).lower())
    if isinstance(value, int | float):
        return Message.of("found_number", value=value)
    if isinstance(value, str):
        return Message.of("found_text", value=quote(value))
    if isinstance(value, list):
        return Message("found_list")
    if isinstance(value, dict):
        return Message("found_mapping")
    return Message.of("found_literal", value=type(value).__name__)


def slugify(text: str) -> str:
    """A stable key from a name: lower case, ASCII letters and digits, single dashes."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ø": "o", "æ": "ae"})
    lowered = text.lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-") or "project"


def unique_key(key: str, taken: set[str]) -> str:
    """``key``, or ``key-2``, ``key-3``...: two projects with one name stay two projects."""
    unique, number = key, 1
    while unique in taken:
        number += 1
        unique = f"{key}-{number}"
    taken.add(unique)
    return unique


def unreadable(exc: Exception) -> Message:
    """A file that cannot be read, with the system's reason."""
    return Message.of("registry_unreadable", error=getattr(exc, "strerror", None) or exc)


def issues_not_boolean(label: Message, value: object) -> tuple[Message, Message]:
    """The problem and tip of an ``issues`` key that is not true or false."""
    return (
        Message.of("registry_issues_not_bool", label=label, found=describe(value)),
        Message("registry_issues_not_bool_hint"),
    )
