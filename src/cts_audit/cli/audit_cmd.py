"""`cts-audit audit`: every project registered for a hackathon, one report."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click

from ..audit import Auditor, AuditRun, RepoAudit, Waiter
from ..errors import CtsAuditError, InputError, SourceError, SourceUnavailable
from ..explain import fill
from ..i18n import Message, Text, labels, say
from ..paths import cache_dir, data_dir
from ..report.event import AUDIT_FORMATS, event_document, render_event, write_outputs
from ..report.formats import Format
from ..report.projects import project_entries
from ..rules import Rules, load_rules
from ..sources.github import DEFAULT_API_URL, GitHubSource, Listed, RateLimited
from ..sources.registry.csv_form import ColumnMapping
from ..sources.registry.load import load_registry
from ..sources.registry.model import Event, Registry, RepoRef
from ..store import Store
from ..yamlpos import load_yaml
from . import (
    EXIT_FINDINGS,
    EXIT_OK,
    F,
    chosen_language,
    handle_errors,
    has_failures,
    lang_option,
    rules_option,
    run_language,
)
from .run_log import RunLog, unread_lines
from .terminal_ui import Progress, print_summary, print_warnings
from .usage import Command, FilePath, UsageProblem, WholeNumber


def github_options(func: F) -> F:
    """Token and API options shared by every command that talks to GitHub."""
    func = click.option(
        "--token-file",
        type=FilePath(dir_okay=False, exists=True, path_type=Path),
        help="File holding a GitHub token (default: the GITHUB_TOKEN environment variable).",
    )(func)
    func = click.option(
        "--api-url",
        default=DEFAULT_API_URL,
        show_default=True,
        envvar="GITHUB_API_URL",
        callback=_api_url,
        help="GitHub API base URL; for GitHub Enterprise Server: https://HOST/api/v3.",
    )(func)
    return func


def _api_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--api-url (or GITHUB_API_URL): an http(s) URL with a host, else a usage error."""
    problem = api_url_problem(value)
    if problem:
        raise UsageProblem(Message.of("usage_api_url", problem=problem), ctx)
    return value.strip()


def api_url_problem(value: str) -> Message | None:
    """What is wrong with an API base URL, or None when it can be used."""
    shown = json.dumps(value[:80], ensure_ascii=False)
    try:
        parsed = urlparse(value.strip())
        parsed.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return Message.of("usage_url_not_url", url=shown)
    if parsed.scheme.lower() not in ("http", "https"):
        return Message.of("usage_url_not_http", url=shown)
    if not parsed.hostname:
        return Message.of("usage_url_no_host", url=shown)
    return None


def read_token(token_file: Path | None) -> str | None:
    """The token from --token-file or GITHUB_TOKEN; it is never printed or stored."""
    if token_file is not None:
        where = str(token_file)
        try:
            text = token_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            # Not the text or the byte: even a broken token is a secret.
            raise InputError(
                where, Message("token_not_utf8"), hint=Message("token_not_utf8_hint")
            ) from None
        except OSError as exc:
            unreadable = Message.of("token_unreadable", error=exc.strerror or exc)
            raise InputError(where, unreadable) from None
        token = text.strip()
        if not token or any(ch.isspace() for ch in token):
            raise InputError(where, Message("token_one_line"))
        return token
    return os.environ.get("GITHUB_TOKEN") or None


def open_github(
    token: str | None, api_url: str, *, write_interval: float | None = None
) -> GitHubSource:
    return GitHubSource(
        token=token,
        api_url=api_url,
        cache_path=cache_dir() / "http-cache.sqlite",
        write_interval=write_interval,
    )


def discover(
    spec: str, github: GitHubSource, auditor: Auditor, event: str | None = None
) -> Registry:
    """``org:NAME`` or ``topic:NAME[@ORG]``: every repository GitHub lists for it.

    With ``event`` (a slug from --event), the repositories are that event's projects. A
    listing that breaks off part-way keeps what it listed: those are audited, and the run
    is recorded as unfinished (``--resume`` completes it). Raises SourceError when nothing
    could be listed.
    """
    listed, stopped = list_spec(spec, github, auditor.wait)
    auditor.remember_listing(listed, stopped=stopped)
    return discovered_registry(spec, github, listed, event)


def list_spec(
    spec: str, github: GitHubSource, wait: Callable[[RateLimited], bool]
) -> tuple[list[Listed], Text | None]:
    """What GitHub lists for ``org:NAME`` or ``topic:NAME[@ORG]``, and why the listing broke
    off part-way (None when it is whole). ``wait`` waits for a rate limit, or says not to."""
    kind, _, name = spec.partition(":")
    listed: list[Listed] = []
    stopped: Text | None = None
    for _ in range(6):  # a rate limit is waited for, then the listing starts again
        listed, stopped = [], None
        try:
            if kind == "org":
                listed.extend(github.list_organisation(name))
            else:
                topic, _, owner = name.partition("@")
                listed.extend(github.search_topic(topic, owner=owner or None))
        except RateLimited as exc:
            stopped = Message.of("listing_limited", spec=spec, limit=exc.said)
            # Pages already read come back from the cache as free 304s.
            if wait(exc):
                continue
        except SourceUnavailable as exc:
            stopped = Message.of("listing_broke_off", spec=spec, count=len(listed), detail=exc.said)
        break
    if stopped is not None and not listed:
        raise SourceError(stopped, hint=Message("run_again_later"))
    if stopped is not None:
        lang = run_language()
        prefix = click.style(labels(lang)["warning_prefix"] + " ", fg="yellow")
        click.echo(prefix + say(stopped, lang), err=True)
    return listed, stopped


def discovered_registry(
    spec: str, github: GitHubSource, listed: list[Listed], event: str | None
) -> Registry:
    """A registry with one project per listed repository."""
    refs = []
    for item in listed:
        owner, name = item.full_name.split("/", 1)
        refs.append(
            RepoRef(github.web_host, owner, name, f"https://{github.web_host}/{item.full_name}")
        )
    found = Event(event, event) if event else None
    registry = Registry.from_discovered(spec, found, refs, source=spec)
    if not registry.projects:
        raise InputError(spec, Message("listing_empty"), hint=Message("listing_empty_hint"))
    return registry


def is_discovery(spec: str) -> bool:
    """``org:NAME`` or ``topic:NAME[@ORG]`` rather than a registry file."""
    return re.match(r"^(org|topic):\S+$", spec) is not None


def select_event(registry: Registry, event: str | None, where: str) -> Registry:
    """The projects of ``event`` (every project without it); InputError when there are none.

    An empty report would look like a hackathon where everyone passed. The messages are in
    the run's language.
    """
    words = labels(run_language())
    if event is None:
        if not registry.projects:
            raise InputError(where, words["no_projects"], hint=_no_projects_hint(registry))
        return registry
    event = event_slug(registry, event, where)
    chosen = registry.for_event(event)
    if not chosen.projects:
        with_projects = sorted({s for p in registry.projects for s in p.events} - {event})
        # A form export keeps only the rows of --event: its other events show no projects.
        close = [s for s in registry.suggest_events(event) if s != event]
        others = [s for s in event_slugs(registry) if s.lower() != event.lower()]
        if with_projects:
            lead = _words("events_with_projects_are", names=", ".join(with_projects)) + " "
        elif close:
            lead = _words("did_you_mean_event", names=f" {words['or']} ".join(close)) + " "
        else:
            lead = _words("other_events_are", names=", ".join(others)) + " " if others else ""
        raise InputError(
            where,
            _words("no_projects_for_event", event=json.dumps(event, ensure_ascii=False)),
            hint=lead + _no_projects_hint(registry),
        )
    return chosen


def event_slug(registry: Registry, event: str, where: str) -> str:
    """The slug of the event ``event`` names (its slug or its title, in any language); an
    InputError with the closest events when none matches."""
    found = registry.find_event(event)
    if found is not None:
        return found
    words = labels(run_language())
    known = event_slugs(registry)
    close = registry.suggest_events(event)
    if close:
        listed = _words("did_you_mean", names=f" {words['or']} ".join(close))
    elif known:
        names = ", ".join(known[:10])
        if len(known) > 10:
            names = _words("events_more", names=names, count=len(known) - 10)
        listed = _words("events_are", names=names)
    else:
        listed = words["no_events"]
    shown = json.dumps(event, ensure_ascii=False)
    raise InputError(
        where, _words("no_event", event=shown, listed=listed), hint=words["event_hint"]
    )


def _words(key: str, **params: object) -> str:
    """An interface text in the run's language, its placeholders filled."""
    lang = run_language()
    return fill(labels(lang)[key], lang, params)


def event_slugs(registry: Registry) -> list[str]:
    """Every event slug the registry lists or its projects name, once, in the order found."""
    named = [e.slug for e in registry.events] + [s for p in registry.projects for s in p.events]
    slugs: dict[str, str] = {}
    for slug in named:
        slugs.setdefault(slug.lower(), slug)
    return list(slugs.values())


def _no_projects_hint(registry: Registry) -> str:
    words = labels(run_language())
    return words["hint_problems"] if registry.problems else words["hint_register"]


@click.command(cls=Command)
@click.argument("registry", metavar="REGISTRY")
@click.option("--event", help="Audit only the projects of this event (its slug or ref).")
@rules_option
@click.option(
    "--out",
    type=FilePath(file_okay=False, path_type=Path),
    help="Folder for the report (default: reports/<event>/).",
)
@click.option(
    "--format",
    "formats",
    default=",".join(f.value for f in AUDIT_FORMATS),
    show_default=True,
    help="Comma-separated report formats.",
)
@click.option(
    "--db",
    type=FilePath(dir_okay=False, path_type=Path),
    help="History database (default: history.sqlite in the tool's data folder).",
)
@github_options
@click.option(
    "--csv-columns",
    type=FilePath(dir_okay=False, exists=True, path_type=Path),
    help="YAML file naming a form export's columns, e.g. repositories: 'Länk till kod'.",
)
@click.option("--site-url", help="The network's website, to link project pages (Jekyll).")
@click.option("--no-wait", is_flag=True, help="Stop cleanly when the rate limit runs out.")
@click.option("--resume", is_flag=True, help="Complete the last interrupted run of this registry.")
@click.option(
    "--jobs", type=WholeNumber(), default=4, show_default=True, help="Repositories fetched at once."
)
@lang_option
@handle_errors
def audit(
    registry: str,
    event: str | None,
    rules_path: Path | None,
    out: Path | None,
    formats: str,
    db: Path | None,
    token_file: Path | None,
    api_url: str,
    csv_columns: Path | None,
    site_url: str | None,
    no_wait: bool,
    resume: bool,
    jobs: int,
    lang: str | None,
) -> None:
    """Audit every project of a registry and write the event's report.

    REGISTRY is a registry file (.yml), the network's Jekyll site folder, a sign-up form
    export (.csv), org:NAME for every repository of a GitHub organisation, or
    topic:NAME[@ORG] for every repository with a GitHub topic.

    Exit code 0 when every project passes, 1 when one fails a check, a repository could
    not be read, or the run was stopped before the end, 2 for a usage or input error.
    """
    rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    chosen = parse_formats(formats)
    token = read_token(token_file)
    db_path = db or data_dir() / "history.sqlite"
    store = Store(db_path)
    github = open_github(token, api_url)
    live = sys.stderr.isatty()
    words = labels(language)
    progress = Progress(enabled=live, lang=language)
    run_log = None if live else RunLog(words)

    def done(audit: RepoAudit) -> None:
        progress.advance(audit.ref.full_name)
        if run_log is not None:
            run_log.advance(audit)

    try:
        auditor = Auditor(
            rules,
            store,
            github=github,
            clone_dir=cache_dir() / "clones",
            jobs=jobs,
            wait_for_reset=not no_wait,
            waiter=Waiter(progress.note, live=live, words=words),
            on_done=done,
        )
        if is_discovery(registry):
            github.core_quota()  # GitHub answers and takes the token, or a clear error now
            reg = discover(registry, github, auditor, event)
            registry_id = registry
        else:
            reg = load_registry(
                Path(registry),
                csv_mapping=read_csv_columns(csv_columns) if csv_columns else None,
                event=event,
                site_url=site_url,
                extra_hosts=(github.web_host,),
            )
            registry_id = str(Path(registry).resolve())
        if event is not None and not re.match(r"^(org|topic):", registry):
            event = event_slug(reg, event, registry)
        print_warnings(reg.problems, event, registry_id, db_path, language)
        reg = select_event(reg, event, registry)
        on_github = any(ref.is_github for ref, _ in reg.repositories())
        if on_github:
            github.core_quota()  # GitHub answers and takes the token, or a clear error now
        progress.start(len(reg.repositories()))
        if run_log is not None:
            run_log.start(len(reg.repositories()))
        run = auditor.run(reg, registry_id=registry_id, event=event, resume=resume)
        progress.stop()
        notices = {
            ref.key: notice
            for ref, _ in reg.repositories()
            if (notice := store.last_notice(ref.key)) is not None
        }
        written = write_report(run, rules, language, out, chosen, event, notices)
        remaining, limit, _reset = github.rate_limit
        if on_github:
            with contextlib.suppress(SourceError):  # the last response's bucket may be search's
                remaining, limit, _reset = github.core_quota()
    finally:
        progress.stop()
        github.close()
        store.close()
    print_summary(run, rules, language, written, (remaining, limit))
    finished = (a for _, _, a in run.ordered() if a is not None)
    for line in unread_lines(finished, words, language):
        click.echo(line, err=True)
    if not run.complete:
        reason = say(run.why_stopped or "", language)
        click.echo(fill(words["run_stopped"], language, {"reason": reason}), err=True)
        sys.exit(EXIT_FINDINGS)
    failing = has_failures(
        ((name, r) for a in run.audits.values() for name, r in a.results.items()), rules
    )
    # A repository that could not be read (missing, private, an API error) has not passed.
    unread = any(a.outcome != "ok" for a in run.audits.values())
    sys.exit(EXIT_FINDINGS if failing or unread else EXIT_OK)


def read_csv_columns(path: Path) -> ColumnMapping:
    """A form export's column titles from a small YAML file: ``{field: title or [titles]}``."""
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        unreadable = Message.of("csv_columns_unreadable", error=exc)
        raise InputError(str(path), unreadable) from None
    if not isinstance(doc.value, dict):
        raise InputError(str(path), Message("csv_columns_not_mapping"))
    return ColumnMapping.from_dict(doc.value, str(path))


def parse_formats(value: str) -> list[Format]:
    chosen = []
    for part in value.split(","):
        name = {"md": "markdown"}.get(part.strip().lower(), part.strip().lower())
        try:
            fmt = Format(name)
        except ValueError:
            fmt = None
        if fmt not in AUDIT_FORMATS:
            raise UsageProblem(Message.of("usage_report_format", value=repr(part)))
        chosen.append(fmt)
    return chosen


def write_report(
    run: AuditRun,
    rules: Rules,
    lang: str,
    out: Path | None,
    formats: list[Format],
    event: str | None,
    notices: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Path]:
    event_info = next((e for e in run.registry.events if e.slug == event), None) if event else None
    if event_info is None and len(run.registry.events) == 1:
        event_info = run.registry.events[0]
    doc = event_document(
        rules=rules,
        lang=lang,
        network=run.registry.network or rules.network,
        event=event_info.public_dict() if event_info else None,
        projects=project_entries(run, rules, lang, notices or {}),
        run_id=run.run_id,
        complete=run.complete,
    )
    slug = event or (event_info.slug if event_info else None) or "audit"
    folder = out or Path("reports") / _safe(slug)
    files = {f"report.{fmt.suffix}": render_event(doc, fmt) for fmt in formats}
    if Format.HTML in formats:
        files["index.html"] = files.pop("report.html")
    try:
        return write_outputs(files, folder)
    except OSError as exc:
        unwritable = Message.of("report_unwritable", folder=folder, error=exc.strerror)
        raise CtsAuditError(unwritable) from None


def _safe(slug: str) -> str:
    return re.sub(r"[^\w.-]+", "-", slug).strip("-.") or "audit"
