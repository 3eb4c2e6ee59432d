"""One model for every registry: network → events → projects → repositories."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

#: The three CTS themes; a network's registry may use others.
THEMES = ("Power to the people", "Sharing is caring", "I like to move it")


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
        return self.name if self.host == "local" else f"{self.owner}/{self.name}"

    @property
    def is_github(self) -> bool:
        return self.host not in ("local", "gitlab.com", "codeberg.org", "bitbucket.org")


@dataclass(frozen=True)
class Contact:
    """Personal data: used to address a team where allowed, never published."""

    name: str | None
    email: str | None = field(repr=False)


@dataclass(frozen=True)
class Event:
    slug: str
    name: str
    group: str | None = None
    starts: date | None = None
    ends: date | None = None
    url: str | None = None

    def public_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "group": self.group,
            "starts": self.starts.isoformat() if self.starts else None,
            "ends": self.ends.isoformat() if self.ends else None,
            "url": self.url,
        }


@dataclass(frozen=True)
class Project:
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
        }


@dataclass(frozen=True)
class Problem:
    """A registry entry that could not be used; the other entries still load."""

    location: Location
    message: str
    hint: str | None = None

    def text(self) -> str:
        tip = f" ({self.hint})" if self.hint else ""
        return f"{self.location}: {self.message}{tip}"


@dataclass(frozen=True)
class Registry:
    network: str
    events: tuple[Event, ...] = ()
    projects: tuple[Project, ...] = ()
    problems: tuple[Problem, ...] = ()
    source: str = ""

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
                if project not in entry[1]:
                    entry[1].append(project)
        return list(seen.values())

    def projects_without_repositories(self) -> list[Project]:
        return [p for p in self.projects if not p.repositories]

    @classmethod
    def from_discovered(
        cls, network: str, event: Event | None, refs: list[RepoRef], *, source: str
    ) -> Registry:
        """One project per repository found on the code host (organisation or topic)."""
        projects = tuple(
            Project(
                key=ref.key,
                name=ref.name,
                events=(event.slug,) if event else (),
                repositories=(ref,),
                source=Location(source),
            )
            for ref in refs
        )
        return cls(network, (event,) if event else (), projects, (), source)


def slugify(text: str) -> str:
    """A stable key from a name: lower case, ASCII letters and digits, single dashes."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ø": "o", "æ": "ae"})
    lowered = text.lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-") or "project"
