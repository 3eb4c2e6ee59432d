"""The network's Jekyll website: events in ``_events/``, projects in ``_posts/``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ...errors import RegistryError
from .model import THEMES, Contact, Event, Location, Problem, Project, Registry, RepoRef, slugify
from .urls import parse_repo_url

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)\.(?:md|markdown)$")
_FRONT = re.compile(r"^---\s*$")


def read_jekyll_site(
    folder: Path, *, site_url: str | None = None, extra_hosts: Iterable[str] = ()
) -> Registry:
    """Events and projects of a Jekyll site folder; a broken page becomes a Problem."""
    if not (folder / "_posts").is_dir():
        raise RegistryError(str(folder), "not a Jekyll site: it has no _posts/ folder")
    problems: list[Problem] = []
    events = _events(folder, problems)
    themes = {t.lower(): t for t in THEMES}
    groups = {e.group.lower() for e in events.values() if e.group}
    by_ref: dict[str, Project] = {}
    order: list[str] = []
    posts = sorted(p for p in (folder / "_posts").rglob("*") if p.suffix in (".md", ".markdown"))
    for path in posts:
        meta = _front_matter(path, folder, problems)
        if meta is None:
            continue
        rel = str(path.relative_to(folder))
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(Problem(Location(rel, 1), "a project page needs a 'title'"))
            continue
        categories = [str(c) for c in _as_list(meta.get("categories"))]
        lowered = [c.lower() for c in categories]
        repos, bad = _repositories(meta.get("links"), extra_hosts)
        for url in bad:
            problems.append(
                Problem(
                    Location(rel, _line_of(path, url)),
                    f"project {title!r}: {url!r} is on a code host but is not a repository URL",
                )
            )
        name_match = _POST_NAME.match(path.name)
        ref = str(meta.get("ref") or (name_match.group(4) if name_match else path.stem))
        project = Project(
            key=slugify(ref),
            name=title.strip(),
            events=tuple(c for c in categories if c in events),
            theme=next((themes[c] for c in lowered if c in themes), None),
            group=next((c for c in lowered if c in groups), None),
            language=str(meta.get("lang") or "sv"),
            repositories=tuple(repos),
            page_url=_page_url(site_url, path, meta),
            issues_allowed=bool(meta.get("issues", True)),
            contacts=tuple(_contacts(meta.get("contact"))),
            source=Location(rel, 1),
        )
        if project.key in by_ref:
            # The Swedish and English pages of one project share its ref: one project,
            # named and ordered after the Swedish page.
            first = by_ref[project.key]
            if project.language == "sv" and first.language != "sv":
                first, project = project, first
            merged = first.repositories + tuple(
                r for r in project.repositories if r.key not in {x.key for x in first.repositories}
            )
            by_ref[first.key] = Project(
                first.key,
                first.name,
                tuple(dict.fromkeys(first.events + project.events)),
                first.theme or project.theme,
                first.group or project.group,
                first.language,
                merged,
                first.page_url or project.page_url,
                first.issues_allowed and project.issues_allowed,
                first.contacts + project.contacts,
                first.source,
            )
        else:
            by_ref[project.key] = project
            order.append(project.key)
    network = _network(folder)
    return Registry(
        network,
        tuple(events.values()),
        tuple(by_ref[k] for k in order),
        tuple(problems),
        str(folder),
    )


def _events(folder: Path, problems: list[Problem]) -> dict[str, Event]:
    out: dict[str, Event] = {}
    for path in sorted((folder / "_events").glob("*.md")) if (folder / "_events").is_dir() else []:
        meta = _front_matter(path, folder, problems)
        if meta is None:
            continue
        ref = str(meta.get("ref") or path.stem.removesuffix("-en"))
        when = _date(meta.get("event-date"))
        name = str(meta.get("title") or ref)
        english = meta.get("lang") == "en" or path.stem.endswith("-en")
        if ref in out and english:
            continue  # the Swedish page names the event; the English one is a translation
        out[ref] = Event(ref, name, _text(meta.get("group")), when, when, None)
    return out


def _front_matter(path: Path, folder: Path, problems: list[Problem]) -> dict[str, Any] | None:
    rel = str(path.relative_to(folder))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Location(rel), f"cannot be read ({exc})"))
        return None
    try:
        post = frontmatter.loads(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else None  # +1: 1-based, +1: the '---' line
        problems.append(
            Problem(
                Location(rel, line),
                f"front matter is not valid YAML: {exc.problem}",
                "fix the YAML between the two '---' lines",
            )
        )
        return None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problems.append(Problem(Location(rel), f"front matter cannot be read: {exc}"))
        return None
    meta = dict(post.metadata)
    if not meta:
        problems.append(Problem(Location(rel, 1), "no front matter", "start the file with ---"))
        return None
    return meta


def _repositories(links: Any, extra_hosts: Iterable[str]) -> tuple[list[RepoRef], list[str]]:
    refs: list[RepoRef] = []
    bad: list[str] = []
    for link in _as_list(links):
        url = link.get("url") if isinstance(link, dict) else link if isinstance(link, str) else None
        if not isinstance(url, str):
            continue
        ref = parse_repo_url(url, extra_hosts)
        if ref is not None:
            if ref.key not in {r.key for r in refs}:
                refs.append(ref)
        elif re.search(r"//(www\.)?(github\.com|gitlab\.com)/[^/\s]+/[^/\s]+", url):
            bad.append(url)
    return refs, bad


def _contacts(raw: Any) -> list[Contact]:
    return [
        Contact(_text(c.get("name")), _text(c.get("mail") or c.get("email")))
        for c in _as_list(raw)
        if isinstance(c, dict)
    ]


def _page_url(site_url: str | None, path: Path, meta: dict[str, Any]) -> str | None:
    if not site_url:
        return None
    permalink = meta.get("permalink")
    if isinstance(permalink, str):
        return site_url.rstrip("/") + "/" + permalink.lstrip("/")
    match = _POST_NAME.match(path.name)
    if not match:
        return None
    year, month, day, slug = match.groups()
    return f"{site_url.rstrip('/')}/{year}/{month}/{day}/{slug}.html"


def _network(folder: Path) -> str:
    config = folder / "_config.yml"
    if config.is_file():
        try:
            data = yaml.safe_load(config.read_text(encoding="utf-8"))
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            return ""
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, str):
            return title
    return ""


def _line_of(path: Path, needle: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
