"""The registry file organisers keep by hand (YAML): events and their projects."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ...checks import CHECKS
from ...errors import RegistryError
from ...waivers import Waiver
from ...yamlpos import KeyPath, Positioned, YamlError, load_positioned
from .model import (
    Contact,
    Event,
    Location,
    Problem,
    Project,
    Registry,
    RepoRef,
    describe,
    parse_date,
    quote,
    slugify,
    unique_key,
)
from .urls import local_ref, not_a_repository, parse_repo_url

_TOP_KEYS = ("network", "events", "projects")
_EVENT_KEYS = ("slug", "name", "names", "group", "starts", "ends", "url", "place")
_PROJECT_KEYS = (
    "name",
    "key",
    "event",
    "events",
    "theme",
    "group",
    "language",
    "repositories",
    "page",
    "issues",
    "contacts",
    "waivers",
)
_WAIVER_KEYS = ("check", "reason", "until", "repository")
_CONTACT_KEYS = ("name", "email")
#: Slugs name report folders and URLs: no slashes, spaces or leading dots.
_SLUG = re.compile(r"^\w[\w.-]*$")
REPOSITORY_HINT = "write the URL of the repository, e.g. https://github.com/OWNER/REPO"


def read_registry_yaml(path: Path, *, extra_hosts: Iterable[str] = ()) -> Registry:
    """Read a registry file. A malformed file raises RegistryError; a bad entry is a Problem."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RegistryError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise RegistryError(where, f"cannot be read ({exc.strerror or exc})") from None
    try:
        doc = load_positioned(text)
    except YamlError as exc:
        raise RegistryError(
            f"{where}:{exc.line}" if exc.line else where,
            exc.problem,
            hint=exc.hint or "Check the indentation and quoting around that line.",
        ) from None
    if not isinstance(doc.value, dict):
        line = doc.line_of()
        raise RegistryError(
            f"{where}:{line}" if line else where,
            "a registry is a mapping with the keys network, events and projects; "
            f"found {describe(doc.value)}",
            hint="See examples/hackathon/registry.yml.",
        )
    return _Reader(path, doc, tuple(extra_hosts)).registry()


class _Reader:
    """Reads one document, collecting a Problem (with its line) for every bad entry."""

    def __init__(self, path: Path, doc: Positioned, extra_hosts: tuple[str, ...]) -> None:
        self.path = path
        self.doc = doc
        self.extra_hosts = extra_hosts
        self.problems: list[Problem] = []

    def at(self, keys: KeyPath) -> Location:
        return Location(str(self.path), self.doc.line_of(*keys))

    def problem(self, keys: KeyPath, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.at(keys), message, hint))

    def registry(self) -> Registry:
        data: dict[Any, Any] = self.doc.value
        for duplicate in self.doc.duplicates:
            self.problems.append(
                Problem(
                    Location(str(self.path), duplicate.again),
                    duplicate.message,
                    "write the key once: merge the two, or remove the one not meant",
                )
            )
        self.unknown_keys((), data, _TOP_KEYS, "the registry")
        network = self.text(("network",), data.get("network"), "the registry", "network")
        events = self.events(data.get("events"))
        projects = self.projects(data.get("projects"), {e.slug.lower(): e.slug for e in events})
        # A project without a group of its own belongs to its event's local group.
        groups = {e.slug: e.group for e in events if e.group}
        projects = [
            replace(p, group=next(groups[s] for s in p.events if s in groups))
            if p.group is None and any(s in groups for s in p.events)
            else p
            for p in projects
        ]
        # In the order of the file, which is the order the user fixes them in.
        problems = sorted(self.problems, key=lambda p: p.location.line or 0)
        return Registry(
            network or "", tuple(events), tuple(projects), tuple(problems), str(self.path)
        )

    def events(self, raw: Any) -> list[Event]:
        out: list[Event] = []
        for index, item in self.entries(("events",), raw, "events", "slug and name"):
            keys: KeyPath = ("events", index)
            slug = self.text((*keys, "slug"), item.get("slug"), f"event #{index + 1}", "slug")
            if slug is None:
                if not _missing(item.get("slug")):
                    continue  # the wrong type is reported already
                self.problem(
                    keys,
                    f"event #{index + 1} needs a 'slug', the key its projects refer to",
                    "add e.g. slug: stockholm-2026-spring",
                )
                continue
            label = f"event {quote(slug)}"
            if not _SLUG.match(slug):
                self.problem(
                    (*keys, "slug"),
                    f"{label}: a slug holds letters, digits, '-', '_' and '.' only",
                    "write e.g. stockholm-2026-spring",
                )
                continue
            if any(e.slug.lower() == slug.lower() for e in out):
                self.problem((*keys, "slug"), f"{label} is listed twice; this one is skipped")
                continue
            self.unknown_keys(keys, item, _EVENT_KEYS, label)
            starts = self.date((*keys, "starts"), item.get("starts"), label, "starts")
            ends = self.date((*keys, "ends"), item.get("ends"), label, "ends")
            if starts and ends and ends < starts:
                self.problem(
                    (*keys, "ends"),
                    f"{label}: 'ends' ({ends}) is before 'starts' ({starts}); "
                    "the event is taken to last one day",
                )
                ends = None
            out.append(
                Event(
                    slug=slug,
                    name=self.text((*keys, "name"), item.get("name"), label, "name") or slug,
                    group=self.text((*keys, "group"), item.get("group"), label, "group"),
                    starts=starts,
                    ends=ends or starts,
                    url=self.text((*keys, "url"), item.get("url"), label, "url"),
                    place=self.text((*keys, "place"), item.get("place"), label, "place"),
                    names=self.names(keys, item.get("names"), label),
                )
            )
        return out

    def names(self, keys: KeyPath, raw: Any, label: str) -> tuple[tuple[str, str], ...]:
        """``names: {sv: ..., en: ...}``: the event's title in each language."""
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            self.problem(
                (*keys, "names"),
                f"{label}: 'names' is a mapping of language to title; found {describe(raw)}",
                "write e.g. names: {sv: Hackathon i Göteborg, en: Hackathon in Gothenburg}",
            )
            return ()
        out = []
        for lang, title in raw.items():
            text = self.text((*keys, "names", lang), title, label, f"names.{lang}")
            if text:
                out.append((str(lang).lower(), text))
        return tuple(out)

    def projects(self, raw: Any, slugs: dict[str, str]) -> list[Project]:
        out: list[Project] = []
        keys_taken: set[str] = set()
        for index, item in self.entries(("projects",), raw, "projects", "a name"):
            keys: KeyPath = ("projects", index)
            name = self.text((*keys, "name"), item.get("name"), f"project #{index + 1}", "name")
            if name is None:
                if not _missing(item.get("name")):
                    continue  # the wrong type is reported already
                self.problem(
                    keys,
                    f"project #{index + 1} needs a 'name'; it is skipped",
                    "add e.g. name: Öppna cykeldata",
                )
                continue
            label = f"project {quote(name)}"
            before = len(self.problems)
            self.unknown_keys(keys, item, _PROJECT_KEYS, label)
            key = self.text((*keys, "key"), item.get("key"), label, "key") or slugify(name)
            issues = item.get("issues", True)
            if not isinstance(issues, bool):
                self.problem(
                    (*keys, "issues"),
                    f"{label}: 'issues' is true or false; found {describe(issues)}",
                    "until it is, the tool opens no issues for this project",
                )
                issues = False  # when unsure, never write to a team's repository
            repositories = self.repositories(keys, item.get("repositories"), label)
            out.append(
                Project(
                    key=unique_key(key, keys_taken),
                    name=name,
                    events=tuple(self.project_events(keys, item, label, slugs)),
                    theme=self.text((*keys, "theme"), item.get("theme"), label, "theme"),
                    group=self.text((*keys, "group"), item.get("group"), label, "group"),
                    language=(
                        self.text((*keys, "language"), item.get("language"), label, "language")
                        or "sv"
                    ).lower(),
                    repositories=tuple(repositories),
                    page_url=self.text((*keys, "page"), item.get("page"), label, "page"),
                    issues_allowed=issues,
                    contacts=tuple(self.contacts(keys, item.get("contacts"), label)),
                    source=self.at(keys),
                    waivers=tuple(self.waivers(keys, item.get("waivers"), label, repositories)),
                )
            )
            if out[-1].events:  # `audit --event` shows the warnings of its own projects only
                first = out[-1].events[0]
                self.problems[before:] = [replace(p, event=first) for p in self.problems[before:]]
        return out

    def project_events(
        self, keys: KeyPath, item: dict[Any, Any], label: str, slugs: dict[str, str]
    ) -> list[str]:
        out: list[str] = []
        for key in ("event", "events"):
            found = self.text_list((*keys, key), item.get(key), label, key, "a slug or a list")
            for where, value in found:
                # Without an events list there is nothing to check the slugs against.
                if slugs and value.lower() not in slugs:
                    self.problem(
                        where,
                        f"{label}: no event with slug '{value}'",
                        "add the event under 'events' or correct the slug; the project is kept",
                    )
                slug = slugs.get(value.lower(), value)
                if slug not in out:
                    out.append(slug)
        return out

    def repositories(self, keys: KeyPath, raw: Any, label: str) -> list[RepoRef]:
        out: list[RepoRef] = []
        urls = self.text_list((*keys, "repositories"), raw, label, "repositories", "a list of URLs")
        for where, value in urls:
            ref = parse_repo_url(value, self.extra_hosts) or local_ref(value, self.path.parent)
            if ref is None:
                # github.com/ORG reads as a repository with one more part: an organisation.
                owner = parse_repo_url(value.strip().rstrip("/") + "/x", self.extra_hosts)
                self.problem(
                    where,
                    not_a_repository(label, value)
                    if owner is not None
                    else f"{label}: repository {quote(value)} is not a code-host repository URL",
                    REPOSITORY_HINT,
                )
            elif all(r.key != ref.key for r in out):
                out.append(ref)
        return out

    def waivers(
        self, keys: KeyPath, raw: Any, label: str, repositories: list[RepoRef]
    ) -> list[Waiver]:
        """A project's waivers; one that cannot be used is a Problem, and waives nothing."""
        out: list[Waiver] = []
        where = (*keys, "waivers")
        for index, item in self.entries(where, raw, "waivers", "check, reason and until"):
            at: KeyPath = (*where, index)
            what = f"{label}, waiver #{index + 1}"
            self.unknown_keys(at, item, _WAIVER_KEYS, what)
            check = self.text((*at, "check"), item.get("check"), what, "check")
            if check is None or check not in CHECKS:
                self.problem(
                    (*at, "check") if check else at,
                    f"{what}: {'no check named ' + quote(check) if check else 'it needs a check'};"
                    " it waives nothing",
                    f"the checks are: {', '.join(CHECKS)}",
                )
                continue
            reason = self.text((*at, "reason"), item.get("reason"), what, "reason")
            if not reason:
                self.problem(
                    at,
                    f"{what}: it needs a reason, which the reports show; it waives nothing",
                    "add e.g. reason: Photos from the press archive, licence being agreed",
                )
                continue
            raw_until = item.get("until")
            until = self.date((*at, "until"), raw_until, what, "until") if raw_until else None
            if until is None:
                if not raw_until:
                    self.problem(
                        at,
                        f"{what}: it needs an end date, 'until'; it waives nothing",
                        "add e.g. until: 2027-03-01",
                    )
                continue
            keys_of: tuple[str, ...] = ()
            repo_text = self.text((*at, "repository"), item.get("repository"), what, "repository")
            if repo_text:
                ref = parse_repo_url(repo_text, self.extra_hosts) or local_ref(
                    repo_text, self.path.parent
                )
                if ref is None or all(r.key != ref.key for r in repositories):
                    self.problem(
                        (*at, "repository"),
                        f"{what}: {quote(repo_text)} is not one of the project's repositories;"
                        " it waives nothing",
                        "name one of the repositories listed for the project, or leave it out",
                    )
                    continue
                keys_of = (ref.key,)
            out.append(Waiver(check, reason, until, keys_of, str(self.at(at))))
        return out

    def contacts(self, keys: KeyPath, raw: Any, label: str) -> list[Contact]:
        out: list[Contact] = []
        items = [raw] if isinstance(raw, dict) else raw
        if items is None:
            return out
        if not isinstance(items, list):
            self.problem(
                (*keys, "contacts"),
                f"{label}: 'contacts' is a list of {{name, email}}; found {describe(raw)}",
            )
            return out
        for index, contact in enumerate(items):
            where: KeyPath = (*keys, "contacts", index)
            if not isinstance(contact, dict):
                self.problem(
                    where,
                    f"{label}: a contact is a mapping with name and email; "
                    f"found {describe(contact)}",
                )
                continue
            self.unknown_keys(where, contact, _CONTACT_KEYS, f"{label}: a contact")
            name = self.text((*where, "name"), contact.get("name"), label, "name")
            email = self.text((*where, "email"), contact.get("email"), label, "email")
            if email is not None and "@" not in email:
                self.problem((*where, "email"), f"{label}: {quote(email)} is not an e-mail address")
                email = None
            if name or email:
                out.append(Contact(name, email))
        return out

    def entries(
        self, keys: KeyPath, raw: Any, what: str, needs: str
    ) -> list[tuple[int, dict[Any, Any]]]:
        """The mappings of a list with their indexes (for their lines); others are Problems."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(keys, f"'{what}' is a list; found {describe(raw)}")
            return []
        out: list[tuple[int, dict[Any, Any]]] = []
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                out.append((index, item))
            else:
                self.problem(
                    (*keys, index),
                    f"each of '{what}' is a mapping with {needs}; found {describe(item)}",
                )
        return out

    def unknown_keys(
        self, keys: KeyPath, item: dict[Any, Any], allowed: tuple[str, ...], label: str
    ) -> None:
        for key in item:
            if str(key) not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.7)
                meant = f"did you mean {quote(close[0])}? " if close else ""
                self.problem(
                    (*keys, str(key)),
                    f"{label}: unknown key {quote(str(key))}; it is ignored",
                    f"{meant}the keys are: {', '.join(allowed)}",
                )

    def text(self, keys: KeyPath, value: Any, label: str, key: str) -> str | None:
        """A text value; a number is taken as its text, anything else is a Problem."""
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem(keys, f"{label}: '{key}' is text; found {describe(value)}")
        return None

    def text_list(
        self, keys: KeyPath, value: Any, label: str, key: str, what: str
    ) -> list[tuple[KeyPath, str]]:
        """One text or a list of texts, each with its key path (for its line)."""
        if isinstance(value, dict):
            self.problem(keys, f"{label}: '{key}' is {what}; found {describe(value)}")
            return []
        if isinstance(value, list):
            pairs = [((*keys, i), v) for i, v in enumerate(value)]
        else:
            pairs = [] if value is None else [(keys, value)]
        out: list[tuple[KeyPath, str]] = []
        for where, item in pairs:
            text = self.text(where, item, label, key)
            if text is not None:
                out.append((where, text))
        return out

    def date(self, keys: KeyPath, value: Any, label: str, key: str) -> date | None:
        if value is None:
            return None
        found = parse_date(value) if isinstance(value, str) else None
        if found is None:
            self.problem(
                keys,
                f"{label}: '{key}' is a date written YYYY-MM-DD; found {describe(value)}",
                "e.g. 2026-03-14",
            )
        return found


def _missing(value: Any) -> bool:
    """Absent or blank, as opposed to present with the wrong type."""
    return value is None or (isinstance(value, str) and not value.strip())
