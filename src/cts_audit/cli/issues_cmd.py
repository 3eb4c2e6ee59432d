"""`cts-audit issues`: tell each team, on its own repository, what would make it compliant."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..audit import Waiter
from ..errors import InputError
from ..i18n import Message, fill, labels, say
from ..notify import Notifier, Plan, Texts, notify_all
from ..paths import data_dir
from ..rules import load_rules
from ..sources.registry.load import load_registry
from ..store import Store
from . import chosen_language, handle_errors, lang_option, rules_option
from .audit_cmd import (
    discovered_registry,
    github_options,
    is_discovery,
    list_spec,
    open_github,
    read_token,
    select_event,
)
from .usage import Command, FilePath, Seconds, WholeNumber


@click.command(cls=Command)
@click.argument("registry", metavar="REGISTRY")
@click.option("--event", help="Only the projects of this event.")
@click.option("--apply", is_flag=True, help="Write to GitHub. Without it: a dry run that prints.")
@click.option(
    "--max-open",
    type=WholeNumber(),
    default=5,
    show_default=True,
    help="At most this many new issues per run, so a wrong rule file cannot spam a network.",
)
@rules_option
@click.option("--db", type=FilePath(dir_okay=False, path_type=Path), help="History database.")
@github_options
@click.option(
    "--templates",
    type=FilePath(file_okay=False, exists=True, path_type=Path),
    help="Folder of issue templates that replace the bundled ones (body.sv.md.j2, ...).",
)
@click.option("--site-url", help="Where the report site is published, to link project pages.")
@click.option(
    "--write-interval",
    type=Seconds(),
    default=1.0,
    show_default=True,
    help="Seconds between writes, as GitHub asks of content-creating requests.",
)
@lang_option
@handle_errors
def issues(
    registry: str,
    event: str | None,
    apply: bool,
    max_open: int,
    rules_path: Path | None,
    db: Path | None,
    token_file: Path | None,
    api_url: str,
    templates: Path | None,
    site_url: str | None,
    write_interval: float,
    lang: str | None,
) -> None:
    """Open, update or close one issue per repository, from the latest audit's findings.

    Run `cts-audit audit` first, with the same REGISTRY: a registry file, the network's
    Jekyll site folder, a form export, org:NAME or topic:NAME[@ORG]. Without --apply nothing
    is written: each repository's action and the issue text are printed. --lang is the
    language of what is printed; each issue is written in its team's language.
    """
    rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    words = labels(language)
    token = read_token(token_file)
    texts = Texts(rules, templates, site_url)
    github = open_github(token, api_url, write_interval=write_interval or None)
    store: Store | None = None
    try:
        if is_discovery(registry):
            github.core_quota()  # GitHub answers and takes the token, or a clear error now
            listed, _stopped = list_spec(registry, github, lambda _limited: False)
            reg = discovered_registry(registry, github, listed, event)
        else:
            path = Path(registry)
            if not path.exists():
                raise InputError(registry, Message("no_such_path"))
            # Repositories on the GitHub Enterprise host of --api-url are GitHub's too.
            reg = load_registry(path, extra_hosts=(github.web_host,))
        reg = select_event(reg, event, registry)
        if not is_discovery(registry) and any(ref.is_github for ref, _ in reg.repositories()):
            github.core_quota()
        store = Store(db or data_dir() / "history.sqlite")
        items = []
        for ref, projects in reg.repositories():
            last = store.last_result(ref.key)
            items.append((ref, projects, last.checks if last else None, last.info if last else {}))

        def record(plan: Plan) -> None:
            assert store is not None
            store.record_notice(
                key=plan.ref.key,
                full_name=plan.ref.full_name,
                url=plan.ref.url,
                action=plan.action,
                reason=plan.reason,
                issue_number=plan.issue_number,
                fingerprint=plan.fingerprint,
                applied=apply,
                said=json.dumps(plan.why.data(), ensure_ascii=False),
            )
            show(plan, apply, language)

        waiter = Waiter(
            lambda line: click.echo(line, err=True), live=sys.stderr.isatty(), words=words
        )
        notifier = Notifier(
            github,
            max_open=max_open,
            apply=apply,
            wait=lambda limited: waiter.until(limited.reset_at, secondary=limited.secondary),
        )
        plans = notify_all(items, notifier, texts, record)
    finally:
        github.close()
        if store is not None:
            store.close()
    click.echo(summary(plans, apply, max_open, language))
    sys.exit(0)


def summary(plans: list[Plan], applied: bool, max_open: int, lang: str = "en") -> str:
    """What was done, or, in a dry run, what would be, and what --max-open lets through."""
    words = labels(lang)
    counts: dict[str, int] = {}
    for plan in plans:
        counts[plan.action] = counts.get(plan.action, 0) + 1
    parts = [f"{n} {verb(a, applied, words)}" for a, n in sorted(counts.items())]
    opening = counts.get("open", 0) + counts.get("reopen", 0)
    if not applied and opening > max_open:
        parts.append(fill(words["issues_max_open"], lang, {"max": max_open}))
    lead = words["issues_done" if applied else "issues_dry_run"]
    return f"{lead} {', '.join(parts)}"


def verb(action: str, applied: bool, words: dict[str, str]) -> str:
    """What was done to an issue (``issues_opened``), or what would be (``issues_would_open``)."""
    return words[f"issues_{'done' if applied else 'would'}_{action}"]


def show(plan: Plan, applied: bool, lang: str = "en") -> None:
    words = labels(lang)
    number = f" #{plan.issue_number}" if plan.issue_number else ""
    headline = f"{plan.ref.full_name}: {verb(plan.action, applied, words)}{number}"
    click.echo(click.style(headline, bold=True) + f" ({say(plan.why, lang)})")
    if not applied and plan.action in ("open", "update", "reopen"):
        click.echo(f"  {words['issues_title']} {plan.title}")
        click.echo("  " + plan.body.replace("\n", "\n  ").rstrip())
    if not applied and plan.action in ("close", "reopen") and plan.comment:
        click.echo(f"  {words['issues_comment']} " + plan.comment.strip())
