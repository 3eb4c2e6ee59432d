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
from ...i18n import Message
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
    issues_not_boolean,
    parse_date,
    quote,
    slugify,
    unique_key,
    unreadable,
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
REPOSITORY_HINT = Message("registry_repository_hint")


def read_registry_yaml(path: Path, *, extra_hosts: Iterable[str] = ()) -> Registry:
    """Read a registry file. A malformed file raises RegistryError; a bad entry is a Problem."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        not_text = Message.of("registry_not_utf8_at", reason=exc.reason, byte=exc.start)
        raise RegistryError(where, not_text) from None
    except OSError as exc:
        raise RegistryError(where, unreadable(exc)) from None
    try:
        doc = load_positioned(text)
    except YamlError as exc:
        raise RegistryError(
            f"{where}:{exc.line}" if exc.line else where,
            exc.said,
            hint=exc.said_hint or Message("registry_yaml_hint"),
        ) from None
    if not isinstance(doc.value, dict):
        line = doc.line_of()
        raise RegistryError(
            f"{where}:{line}" if line else where,
            Message.of("registry_not_mapping", found=describe(doc.value)),
            hint=Message("registry_not_mapping_hint"),
        )
    return _Reader(path, doc, tuple(extra_hosts)).registry()


def read_waivers(
    path: Path,
    doc: Positioned,
    raw: Any,
    label: Message,
    repositories: list[RepoRef],
    extra_hosts: Iterable[str] = (),
) -> tuple[list[Waiver], list[Problem]]:
    """The waivers ``raw`` holds (the ``waivers`` key at the top of ``doc``, such as a Jekyll
    page's front matter), and a Problem with its line for each that cannot be used."""
    reader = _Reader(path, doc, tuple(extra_hosts))
    return reader.waivers((), raw, label, repositories), reader.problems


class _Reader:
    """Reads one document, collecting a Problem (with its line) for every bad entry."""

    def __init__(self, path: Path, doc: Positioned, extra_hosts: tuple[str, ...]) -> None:
        self.path = path
        self.doc = doc
        self.extra_hosts = extra_hosts
        self.problems: list[Problem] = []

    def at(self, keys: KeyPath) -> Location:
        return Location(str(self.path), self.doc.line_of(*keys))

    def problem(self, keys: KeyPath, message: Message, hint: Message | None = None) -> None:
        self.problems.append(Problem(self.at(keys), message, hint))

    def registry(self) -> Registry:
        data: dict[Any, Any] = self.doc.value
        for duplicate in self.doc.duplicates:
            self.problems.append(
                Problem(
                    Location(str(self.path), duplicate.again),
                    duplicate.said,
                    Message("registry_duplicate_hint"),
                )
            )
        whole = Message("label_registry")
        self.unknown_keys((), data, _TOP_KEYS, whole)
        network = self.text(("network",), data.get("network"), whole, "network")
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
        needs = Message("registry_needs_event")
        for index, item in self.entries(("events",), raw, "events", needs):
            keys: KeyPath = ("events", index)
            number = Message.of("label_event_number", number=index + 1)
            slug = self.text((*keys, "slug"), item.get("slug"), number, "slug")
            if slug is None:
                if not _missing(item.get("slug")):
                    continue  # the wrong type is reported already
                self.problem(
                    keys,
                    Message.of("registry_event_needs_slug", number=index + 1),
                    Message("registry_event_needs_slug_hint"),
                )
                continue
            label = Message.of("label_event", slug=quote(slug))
            if not _SLUG.match(slug):
                self.problem(
                    (*keys, "slug"),
                    Message.of("registry_bad_slug", label=label),
                    Message("registry_bad_slug_hint"),
                )
                continue
            if any(e.slug.lower() == slug.lower() for e in out):
                self.problem((*keys, "slug"), Message.of("registry_event_twice", label=label))
                continue
            self.unknown_keys(keys, item, _EVENT_KEYS, label)
            starts = self.date((*keys, "starts"), item.get("starts"), label, "starts")
            ends = self.date((*keys, "ends"), item.get("ends"), label, "ends")
            if starts and ends and ends < starts:
                self.problem(
                    (*keys, "ends"),
                    Message.of(
                        "registry_ends_before_starts", label=label, ends=ends, starts=starts
                    ),
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

    def names(self, keys: KeyPath, raw: Any, label: Message) -> tuple[tuple[str, str], ...]:
        """``names: {sv: ..., en: ...}``: the event's title in each language."""
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            self.problem(
                (*keys, "names"),
                Message.of("registry_names_not_mapping", label=label, found=describe(raw)),
                Message("registry_names_hint"),
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
        needs = Message("registry_needs_project")
        for index, item in self.entries(("projects",), raw, "projects", needs):
            keys: KeyPath = ("projects", index)
            number = Message.of("label_project_number", number=index + 1)
            name = self.text((*keys, "name"), item.get("name"), number, "name")
            if name is None:
                if not _missing(item.get("name")):
                    continue  # the wrong type is reported already
                self.problem(
                    keys,
                    Message.of("registry_project_needs_name", number=index + 1),
                    Message("registry_project_needs_name_hint"),
                )
                continue
            label = Message.of("label_project", name=quote(name))
            before = len(self.problems)
            self.unknown_keys(keys, item, _PROJECT_KEYS, label)
            key = self.text((*keys, "key"), item.get("key"), label, "key") or slugify(name)
            issues = item.get("issues", True)
            if not isinstance(issues, bool):
                self.problem((*keys, "issues"), *issues_not_boolean(label, issues))
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
        self, keys: KeyPath, item: dict[Any, Any], label: Message, slugs: dict[str, str]
    ) -> list[str]:
        out: list[str] = []
        what = Message("registry_what_slug_or_list")
        for key in ("event", "events"):
            found = self.text_list((*keys, key), item.get(key), label, key, what)
            for where, value in found:
                # Without an events list there is nothing to check the slugs against.
                if slugs and value.lower() not in slugs:
                    self.problem(
                        where,
                        Message.of("registry_no_such_event", label=label, slug=value),
                        Message("registry_no_such_event_hint"),
                    )
                slug = slugs.get(value.lower(), value)
                if slug not in out:
                    out.append(slug)
        return out

    def repositories(self, keys: KeyPath, raw: Any, label: Message) -> list[RepoRef]:
        out: list[RepoRef] = []
        what = Message("registry_what_url_list")
        urls = self.text_list((*keys, "repositories"), raw, label, "repositories", what)
        for where, value in urls:
            ref = parse_repo_url(value, self.extra_hosts) or local_ref(value, self.path.parent)
            if ref is None:
                # github.com/ORG reads as a repository with one more part: an organisation.
                owner = parse_repo_url(value.strip().rstrip("/") + "/x", self.extra_hosts)
                self.problem(
                    where,
                    not_a_repository(label, value)
                    if owner is not None
                    else Message.of("registry_not_repository_url", label=label, url=quote(value)),
                    REPOSITORY_HINT,
                )
            elif all(r.key != ref.key for r in out):
                out.append(ref)
        return out

    def waivers(
        self, keys: KeyPath, raw: Any, label: Message, repositories: list[RepoRef]
    ) -> list[Waiver]:
        """A project's waivers; one that cannot be used is a Problem, and waives nothing."""
        out: list[Waiver] = []
        where = (*keys, "waivers")
        needs = Message("registry_needs_waiver")
        for index, item in self.entries(where, raw, "waivers", needs):
            at: KeyPath = (*where, index)
            what = Message.of("label_waiver", label=label, number=index + 1)
            self.unknown_keys(at, item, _WAIVER_KEYS, what)
            check = self.text((*at, "check"), item.get("check"), what, "check")
            if check is None or check not in CHECKS:
                self.problem(
                    (*at, "check") if check else at,
                    Message.of("registry_waiver_no_check", label=what, check=quote(check))
                    if check
                    else Message.of("registry_waiver_needs_check", label=what),
                    Message.of("registry_waiver_checks_hint", checks=", ".join(CHECKS)),
                )
                continue
            reason = self.text((*at, "reason"), item.get("reason"), what, "reason")
            if not reason:
                self.problem(
                    at,
                    Message.of("registry_waiver_needs_reason", label=what),
                    Message("registry_waiver_needs_reason_hint"),
                )
                continue
            raw_until = item.get("until")
            until = self.date((*at, "until"), raw_until, what, "until") if raw_until else None
            if until is None:
                if not raw_until:
                    self.problem(
                        at,
                        Message.of("registry_waiver_needs_until", label=what),
                        Message("registry_waiver_needs_until_hint"),
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
                        Message.of(
                            "registry_waiver_not_a_repository",
                            label=what,
                            repository=quote(repo_text),
                        ),
                        Message("registry_waiver_repository_hint"),
                    )
                    continue
                keys_of = (ref.key,)
            out.append(Waiver(check, reason, until, keys_of, str(self.at(at))))
        return out

    def contacts(self, keys: KeyPath, raw: Any, label: Message) -> list[Contact]:
        out: list[Contact] = []
        items = [raw] if isinstance(raw, dict) else raw
        if items is None:
            return out
        if not isinstance(items, list):
            self.problem(
                (*keys, "contacts"),
                Message.of("registry_contacts_not_list", label=label, found=describe(raw)),
            )
            return out
        for index, contact in enumerate(items):
            where: KeyPath = (*keys, "contacts", index)
            if not isinstance(contact, dict):
                self.problem(
                    where,
                    Message.of(
                        "registry_contact_not_mapping", label=label, found=describe(contact)
                    ),
                )
                continue
            self.unknown_keys(
                where, contact, _CONTACT_KEYS, Message.of("label_contact", label=label)
            )
            name = self.text((*where, "name"), contact.get("name"), label, "name")
            email = self.text((*where, "email"), contact.get("email"), label, "email")
            if email is not None and "@" not in email:
                self.problem(
                    (*where, "email"),
                    Message.of("registry_not_email", label=label, email=quote(email)),
                )
                email = None
            if name or email:
                out.append(Contact(name, email))
        return out

    def entries(
        self, keys: KeyPath, raw: Any, what: str, needs: Message
    ) -> list[tuple[int, dict[Any, Any]]]:
        """The mappings of a list with their indexes (for their lines); others are Problems."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(keys, Message.of("registry_not_list", key=what, found=describe(raw)))
            return []
        out: list[tuple[int, dict[Any, Any]]] = []
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                out.append((index, item))
            else:
                self.problem(
                    (*keys, index),
                    Message.of(
                        "registry_item_not_mapping", key=what, needs=needs, found=describe(item)
                    ),
                )
        return out

    def unknown_keys(
        self, keys: KeyPath, item: dict[Any, Any], allowed: tuple[str, ...], label: Message
    ) -> None:
        for key in item:
            if str(key) not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.7)
                listed = ", ".join(allowed)
                self.problem(
                    (*keys, str(key)),
                    Message.of("registry_unknown_key", label=label, key=quote(str(key))),
                    Message.of("registry_keys_close_hint", close=quote(close[0]), keys=listed)
                    if close
                    else Message.of("registry_keys_hint", keys=listed),
                )

    def text(self, keys: KeyPath, value: Any, label: Message, key: str) -> str | None:
        """A text value; a number is taken as its text, anything else is a Problem."""
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem(
            keys, Message.of("registry_not_text", label=label, key=key, found=describe(value))
        )
        return None

    def text_list(
        self, keys: KeyPath, value: Any, label: Message, key: str, what: Message
    ) -> list[tuple[KeyPath, str]]:
        """One text or a list of texts, each with its key path (for its line)."""
        if isinstance(value, dict):
            found = describe(value)
            self.problem(
                keys,
                Message.of("registry_wrong_kind", label=label, key=key, what=what, found=found),
            )
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

    def date(self, keys: KeyPath, value: Any, label: Message, key: str) -> date | None:
        if value is None:
            return None
        found = parse_date(value) if isinstance(value, str) else None
        if found is None:
            self.problem(
                keys,
                Message.of("registry_not_date", label=label, key=key, found=describe(value)),
                Message("registry_date_hint"),
            )
        return found


def _missing(value: Any) -> bool:
    """Absent or blank, as opposed to present with the wrong type."""
    return value is None or (isinstance(value, str) and not value.strip())
