"""`cts-audit site`: the network's report site, from the audit history."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CtsAuditError
from ..i18n import Message, fill, labels
from ..paths import data_dir
from ..report.site import build_site
from ..rules import load_rules
from ..store import Store
from . import chosen_language, handle_errors, rules_option
from .usage import Command, FilePath


@click.command(cls=Command)
@click.option(
    "--out",
    type=FilePath(file_okay=False, path_type=Path),
    default=Path("reports/site"),
    show_default=True,
    help="Folder the site is written to.",
)
@click.option("--db", type=FilePath(dir_okay=False, path_type=Path), help="History database.")
@click.option("--registry", help="Only audits of this registry (its path as audited).")
@click.option(
    "--site-url",
    help="Where the site is published (https://network.github.io/reports): badge snippets for"
    " teams' READMEs then use absolute addresses.",
)
@click.option(
    "--lang",
    default=None,
    help="Language of the messages printed here (the site has every language of the rules).",
)
@rules_option
@handle_errors
def site(
    out: Path,
    db: Path | None,
    registry: str | None,
    site_url: str | None,
    lang: str | None,
    rules_path: Path | None,
) -> None:
    """Render the report site: overview, events, projects, badges and open data, in every
    language of the rules."""
    rules = load_rules(rules_path)
    language = chosen_language(rules, lang)
    with Store(db or data_dir() / "history.sqlite") as store:
        if not store.runs():
            raise CtsAuditError(Message("site_no_audit"), hint=Message("site_no_audit_hint"))
        reg = str(Path(registry).resolve()) if registry and Path(registry).exists() else registry
        written = build_site(store, out, rules, registry=reg, site_url=site_url)
    pages = sum(1 for p in written if p.suffix == ".html")
    click.echo(fill(labels(language)["site_written"], language, {"pages": pages, "out": out}))
