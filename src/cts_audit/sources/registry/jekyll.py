"""The network's Jekyll website: events in ``_events/``, projects in ``_posts/``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from frontmatter.default_handlers import YAMLHandler

from ...errors import RegistryError
from ...i18n import Message
from ...yamlpos import Positioned, YamlError, load_positioned
from .model import (
    THEMES,
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
    unreadable,
)
from .urls import KNOWN_HOSTS, not_a_repository, parse_repo_url
from .yaml_file import read_waivers

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_YAML_HANDLER = YAMLHandler()
_BODY_URL = re.compile(r"https?://[^\s)\]>\"'<]+")
REPOSITORY_HINT = Message("registry_link_repository_hint")


@dataclass(frozen=True)
class _Page:
    """One page's front matter, with the line of each key in the file."""

    path: Path
    doc: Positioned
    body: str = ""

    @property
    def meta(self) -> dict[Any, Any]:
        value = self.doc.value
        return value if isinstance(value, dict) else {}

    def at(self, *keys: str | int) -> Location:
        return Location(str(self.path), self.doc.line_of(*keys))

    def text(self, key: str) -> str | None:
        return _text(self.meta.get(key))


def read_jekyll_site(
    folder: Path, *, site_url: str | None = None, extra_hosts: Iterable[str] = ()
) -> Registry:
    """Events and projects of a Jekyll site folder; a broken page is a Problem, not a failure."""
    if not (folder / "_posts").is_dir():
        raise RegistryError(
            str(folder),
            Message("registry_not_jekyll"),
            hint=Message("registry_not_jekyll_hint"),
        )
    problems: list[Problem] = []
    config = _config(folder, problems)
    events = _events(folder, problems)
    base = site_url or _site_url(config)
    permalink = config.get("permalink")
    reader = _PostReader(
        events,
        tuple(extra_hosts),
        base.rstrip("/") if base else None,
        permalink if isinstance(permalink, str) else None,
        problems,
    )
    projects: dict[str, Project] = {}
    languages: dict[str, set[str]] = {}
    # By file name, that is by date, wherever the subfolder.
    posts = sorted(_pages(folder / "_posts"), key=lambda p: (p.name, str(p)))
    for path in posts:
        before = len(problems)
        page = _front_matter(path, problems)
        project = reader.project(page) if page is not None else None
        if project is None:
            continue
        if project.events:  # `audit --event` shows the warnings of its own projects only
            problems[before:] = [replace(p, event=project.events[0]) for p in problems[before:]]
        first = projects.get(project.key)
        seen = languages.setdefault(project.key, set())
        if first is not None and project.language in seen:
            problems.append(
                Problem(
                    project.source,
                    Message.of(
                        "registry_same_ref",
                        label=Message.of("label_project", name=quote(project.name)),
                        other=first.source.file,
                    ),
                    Message("registry_same_ref_hint"),
                )
            )
            continue
        seen.add(project.language)
        projects[project.key] = _merge(first, project) if first else project
    return Registry(
        _text(config.get("title")) or "",
        # An event read under two refs (its translation's) is listed once.
        tuple({id(e): e for e in events.values()}.values()),
        tuple(projects.values()),
        tuple(problems),
        str(folder),
    )


class _PostReader:
    """Turns one post's front matter into a Project, reporting what it cannot use."""

    def __init__(
        self,
        events: dict[str, Event],
        extra_hosts: tuple[str, ...],
        base: str | None,
        permalink: str | None,
        problems: list[Problem],
    ) -> None:
        self.events = events
        self.groups = {e.group.lower() for e in events.values() if e.group}
        self.themes = {t.lower(): t for t in THEMES}
        self.hosts = {*KNOWN_HOSTS, *(h.lower() for h in extra_hosts)}
        self.extra_hosts = extra_hosts
        self.base = base
        self.permalink = permalink
        self.problems = problems

    def project(self, page: _Page) -> Project | None:
        meta = page.meta
        if meta.get("published") is False:
            return None  # Jekyll does not publish it, so it is not registered
        title = page.text("title")
        if title is None:
            self.problems.append(
                Problem(
                    page.at("title"),
                    Message("registry_page_needs_title"),
                    Message("registry_page_needs_title_hint"),
                )
            )
            return None
        label = Message.of("label_project", name=quote(title))
        name_match = _POST_NAME.match(page.path.stem)
        ref = page.text("ref") or (name_match.group(4) if name_match else page.path.stem)
        categories = [c.lower() for c in _categories(meta)]
        events = tuple(dict.fromkeys(self.events[c].slug for c in categories if c in self.events))
        group = next((c for c in categories if c in self.groups), None)
        if group is None and events:
            group = self.events[events[0].lower()].group
        repositories = self.repositories(page, label)
        # An organiser's waivers on the project's page, as in a YAML registry.
        waivers, problems = read_waivers(
            page.path, page.doc, meta.get("waivers"), label, repositories, self.extra_hosts
        )
        self.problems.extend(problems)
        issues = meta.get("issues", True)
        if not isinstance(issues, bool):
            self.problems.append(Problem(page.at("issues"), *issues_not_boolean(label, issues)))
            issues = False  # when unsure, never write to a team's repository
        return Project(
            key=slugify(ref),
            name=title,
            events=events,
            theme=next((self.themes[c] for c in categories if c in self.themes), None),
            group=group,
            language=(page.text("lang") or "sv").lower(),
            repositories=tuple(repositories),
            waivers=tuple(waivers),
            page_url=self.page_url(page.path, meta),
            issues_allowed=issues,
            contacts=tuple(_contacts(meta.get("contact"))),
            source=page.at("title"),
        )

    def repositories(self, page: _Page, label: Message) -> list[RepoRef]:
        found = self.linked_repositories(page, label)
        if found:
            return found
        # Many real project pages link their code only in the text ("källkoden på
        # [Github](https://github.com/DinRiksdag/dinriksdag)"): used when `links` has none.
        refs: list[RepoRef] = []
        near_misses: list[str] = []
        for url in _BODY_URL.findall(page.body):
            url = url.rstrip(".,;:")
            ref = parse_repo_url(url, self.extra_hosts)
            if ref is not None and all(r.key != ref.key for r in refs):
                refs.append(ref)
            elif ref is None and self.on_code_host(url):
                near_misses.append(url)
        if not refs and not _linked_code_host(page, self):
            # The text links only an organisation or a profile: say so, or the project would
            # quietly have no repository.
            for url in near_misses:
                self.problems.append(
                    Problem(_line_of(page, url), not_a_repository(label, url), REPOSITORY_HINT)
                )
        return refs

    def linked_repositories(self, page: _Page, label: Message) -> list[RepoRef]:
        links = page.meta.get("links")
        if links is None:
            return []
        if not isinstance(links, list):
            self.problems.append(
                Problem(page.at("links"), Message.of("registry_links_not_list", label=label))
            )
            return []
        refs: list[RepoRef] = []
        near_misses: list[tuple[Location, str]] = []
        for index, link in enumerate(links):
            url = _text(link.get("url")) if isinstance(link, dict) else _text(link)
            if url is None:
                continue
            ref = parse_repo_url(url, self.extra_hosts)
            if ref is not None:
                if all(r.key != ref.key for r in refs):
                    refs.append(ref)
            elif self.on_code_host(url):
                near_misses.append((page.at("links", index, "url"), url))
        # An organisation or profile link next to a repository link is fine; alone, it is
        # probably where the team meant to link their repository.
        if not refs:
            for location, url in near_misses:
                self.problems.append(
                    Problem(location, not_a_repository(label, url), REPOSITORY_HINT)
                )
        return refs

    def on_code_host(self, url: str) -> bool:
        try:
            host = (urlparse(url.strip()).hostname or "").lower().removeprefix("www.")
        except ValueError:
            return False
        return host in self.hosts

    def page_url(self, path: Path, meta: dict[Any, Any]) -> str | None:
        """The post's address, only where the site says how it is built.

        Jekyll's default permalinks put the categories in the path, and projects' categories
        change; rather than guess, give an address only for a permalink in the front matter
        or a ``_config.yml`` pattern made of the date and the file's slug.
        """
        if self.base is None:
            return None
        own = meta.get("permalink")
        if isinstance(own, str) and own.strip():
            return f"{self.base}/{own.strip().lstrip('/')}"
        match = _POST_NAME.match(path.stem)
        if self.permalink is None or match is None:
            return None
        year, month, day, slug = match.groups()
        values = {
            "year": year,
            "month": month,
            "day": day,
            "title": slug,
            "slug": slug,
            "output_ext": ".html",
        }
        if any(name not in values for name in _PLACEHOLDER.findall(self.permalink)):
            return None
        built = _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.permalink)
        return f"{self.base}/{built.lstrip('/')}"


def _linked_code_host(page: _Page, reader: _PostReader) -> bool:
    """Whether the page's `links` hold a code-host link (already warned about)."""
    links = page.meta.get("links")
    if not isinstance(links, list):
        return False
    urls = [_text(link.get("url")) if isinstance(link, dict) else _text(link) for link in links]
    return any(url and reader.on_code_host(url) for url in urls)


def _line_of(page: _Page, text: str) -> Location:
    """Where ``text`` first occurs in the page's file."""
    try:
        whole = page.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Location(str(page.path))
    at = whole.find(text)
    return Location(str(page.path), whole.count("\n", 0, at) + 1 if at >= 0 else None)


def _events(folder: Path, problems: list[Problem]) -> dict[str, Event]:
    """Events by lower-cased ref; the Swedish and English pages of one event are one event."""
    pages: dict[str, dict[str, _Page]] = {}
    refs: dict[str, str] = {}
    for path in sorted(_pages(folder / "_events")):
        page = _front_matter(path, problems)
        if page is None:
            continue
        stem = path.stem.removesuffix("-en")
        ref = page.text("ref") or stem
        lang = (page.text("lang") or ("en" if path.stem.endswith("-en") else "sv")).lower()
        if ref.lower() in (lang, "sv", "en") and ref.lower() != stem.lower():
            # A content editor's slip ("ref: sv"): it would join unrelated events into one.
            problems.append(
                Problem(
                    page.at("ref"),
                    Message.of("registry_ref_is_language", ref=quote(ref), stem=quote(stem)),
                    Message("registry_ref_is_language_hint"),
                    event=stem,
                    once=True,
                )
            )
            ref = stem
        taken = lang in pages.get(ref.lower(), {})
        if taken and ref.lower() != stem.lower() and stem.lower() not in pages:
            problems.append(
                Problem(
                    page.at("ref"),
                    Message.of(
                        "registry_ref_taken",
                        ref=quote(ref),
                        lang=quote(lang),
                        file=pages[ref.lower()][lang].path.name,
                        stem=quote(stem),
                    ),
                    Message("registry_ref_taken_hint"),
                )
            )
            ref = stem
        by_lang = pages.setdefault(ref.lower(), {})
        refs.setdefault(ref.lower(), ref)
        if lang in by_lang:
            problems.append(
                Problem(
                    page.at("ref"),
                    Message.of(
                        "registry_two_pages",
                        ref=quote(ref),
                        lang=quote(lang),
                        file=by_lang[lang].path.name,
                    ),
                )
            )
            continue
        by_lang[lang] = page
    aliases = _join_translations(pages)
    out: dict[str, Event] = {}
    for key, by_lang in pages.items():
        # The Swedish page names the event; the others are translations.
        langs = sorted(by_lang, key=lambda lang: lang != "sv")
        ordered = [by_lang[lang] for lang in langs]
        when = _event_date(ordered, problems)
        out[key] = Event(
            slug=refs[key],
            name=_first(p.text("title") for p in ordered) or refs[key],
            group=(_first(p.text("group") for p in ordered) or "").lower() or None,
            starts=when,
            ends=when,
            place=_first(p.text("place") for p in ordered),
            names=tuple((lang, title) for lang in langs if (title := by_lang[lang].text("title"))),
        )
    for alias, key in aliases.items():
        out[alias] = out[key]
    return out


def _join_translations(pages: dict[str, dict[str, _Page]]) -> dict[str, str]:
    """Join an event's pages that were given different refs: one page per language, the same
    'event-date' day and group, and no other event that day in that group. The site lists an
    event once, whatever its pages' refs; projects naming either ref belong to it."""

    def day_and_group(by_lang: dict[str, _Page]) -> tuple[str, str] | None:
        for page in by_lang.values():
            raw = page.meta.get("event-date")
            when = parse_date(raw) if isinstance(raw, str) else None
            if when is not None:
                return when.isoformat(), (page.text("group") or "").lower()
        return None

    by_day: dict[tuple[str, str], list[str]] = {}
    for key, by_lang in pages.items():
        found = day_and_group(by_lang)
        if found is not None:
            by_day.setdefault(found, []).append(key)
    aliases = {}
    for keys in by_day.values():
        if len(keys) != 2:
            continue
        first, second = (pages[k] for k in keys)
        if set(first) & set(second):
            continue  # two pages in one language: two events that day
        main, other = keys if "sv" in first else (keys[1], keys[0])
        pages[main].update(pages.pop(other))
        aliases[other] = main
    return aliases


def _event_date(pages: list[_Page], problems: list[Problem]) -> date | None:
    for page in pages:
        raw = page.meta.get("event-date")
        if raw is None:
            continue
        when = parse_date(raw) if isinstance(raw, str) else None
        if when is None:
            problems.append(
                Problem(
                    page.at("event-date"),
                    Message.of("registry_bad_event_date", found=describe(raw)),
                )
            )
            continue
        return when
    return None


def _front_matter(path: Path, problems: list[Problem]) -> _Page | None:
    """The page's front matter with lines, or None (and a Problem) when it has none usable."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(Location(where), Message.of("registry_not_utf8", reason=exc.reason))
        )
        return None
    except OSError as exc:
        problems.append(Problem(Location(where), unreadable(exc)))
        return None
    lead = len(text) - len(text.lstrip())
    if not _YAML_HANDLER.detect(text[lead:]):
        problems.append(
            Problem(
                Location(where, 1),
                Message("registry_no_front_matter"),
                Message("registry_no_front_matter_hint"),
            )
        )
        return None
    try:
        front, _body = _YAML_HANDLER.split(text[lead:])
    except ValueError:  # only one '---'
        problems.append(
            Problem(
                Location(where, text.count("\n", 0, lead) + 1),
                Message("registry_front_matter_open"),
                Message("registry_front_matter_open_hint"),
            )
        )
        return None
    # The front matter follows the opening '---' and its text occurs nowhere earlier.
    first_line = text.count("\n", 0, text.find(front, lead)) + 1
    try:
        doc = load_positioned(front, first_line=first_line)
    except YamlError as exc:
        problems.append(
            Problem(
                Location(where, exc.line),
                Message.of("registry_front_matter_invalid", problem=exc.said),
                Message("registry_front_matter_invalid_hint"),
            )
        )
        return None
    if doc.value is not None and not isinstance(doc.value, dict):
        problems.append(
            Problem(
                Location(where, doc.line_of()),
                Message.of("registry_front_matter_not_mapping", found=describe(doc.value)),
            )
        )
        return None
    problems += _duplicates(where, doc)
    return _Page(path, doc, _body)


def _duplicates(where: str, doc: Positioned) -> list[Problem]:
    """A key written twice: YAML (and Jekyll) silently keep the last one."""
    return [
        Problem(Location(where, d.again), d.said, Message("registry_write_key_once"))
        for d in doc.duplicates
    ]


def _config(folder: Path, problems: list[Problem]) -> dict[Any, Any]:
    config = folder / "_config.yml"
    if not config.is_file():
        return {}
    where = str(config)
    try:
        doc = load_positioned(config.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Location(where), unreadable(exc)))
        return {}
    except YamlError as exc:
        problems.append(Problem(Location(where, exc.line), exc.said))
        return {}
    problems += _duplicates(where, doc)
    return doc.value if isinstance(doc.value, dict) else {}


def _merge(first: Project, other: Project) -> Project:
    """The pages of one project in two languages: one project, named after the Swedish page."""
    main, second = (other, first) if other.language == "sv" != first.language else (first, other)
    return replace(
        main,
        events=tuple(dict.fromkeys(main.events + second.events)),
        theme=main.theme or second.theme,
        group=main.group or second.group,
        repositories=main.repositories
        + tuple(r for r in second.repositories if all(r.key != m.key for m in main.repositories)),
        page_url=main.page_url or second.page_url,
        issues_allowed=main.issues_allowed and second.issues_allowed,
        contacts=tuple(dict.fromkeys(main.contacts + second.contacts)),
        waivers=tuple(dict.fromkeys(main.waivers + second.waivers)),
    )


def _pages(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.suffix in (".md", ".markdown") and path.is_file():
                yield path


def _categories(meta: dict[Any, Any]) -> list[str]:
    """``categories`` (and ``category``): a list, or Jekyll's space-separated text."""
    out: list[str] = []
    for key in ("categories", "category"):
        value = meta.get(key)
        if isinstance(value, str):
            # A theme name holds spaces, so the whole text counts as well as its words.
            out += [value.strip(), *value.split()]
        elif isinstance(value, list):
            out += [text for v in value if (text := _text(v))]
    return out


def _contacts(raw: Any) -> list[Contact]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[Contact] = []
    for item in items:
        if isinstance(item, dict):
            contact = Contact(_text(item.get("name")), _text(item.get("mail") or item.get("email")))
            if contact.name or contact.email:
                out.append(contact)
    return out


def _site_url(config: dict[Any, Any]) -> str | None:
    url = _text(config.get("url"))
    return f"{url.rstrip('/')}{_text(config.get('baseurl')) or ''}" if url else None


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
