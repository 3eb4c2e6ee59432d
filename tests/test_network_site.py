"""The report site of a registry shaped like the network's own Jekyll site: many events, most
without projects, pages in two languages, audited on two days through the loopback GitHub."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.cli import main
from cts_audit.i18n import labels
from cts_audit.report.counting import Tally

from . import test_site
from .github_fake import FakeGitHub
from .network_site import EVENTS, WITH_PROJECTS, add_network_repositories, write_network_site
from .test_site import check_in_chromium, crawl, sideways, visible

#: Headless Chromium, shared with the site tests.
browser = test_site.browser

#: Audit days: everything on the first, two events again on the second.
DAYS = ("2026-03-20", "2026-04-02")


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("network")
    site_folder = write_network_site(root)
    env = {"CTS_AUDIT_HOME": str(root / "home"), "GITHUB_TOKEN": "t0ken", "COLUMNS": "80"}
    terminal = root / "terminal"
    terminal.mkdir()
    db = root / "history.sqlite"
    runner = CliRunner()
    with FakeGitHub() as fake:
        add_network_repositories(fake)
        base = ["audit", str(site_folder), "--api-url", fake.base_url, "--db", str(db)]
        # Everything; one event; one event by its Swedish title, in Swedish; everything again.
        runs = (
            ("all", None, "en"),
            ("hackathon-20", "hackathon-20", "en"),
            ("hackathon-19", "Hackathon 19 i Stockholm", "sv"),
            ("again", None, "en"),
        )
        for name, event, lang in runs:
            args = [*base, "--out", str(root / "reports" / name), "--lang", lang]
            done = runner.invoke(main, args + (["--event", event] if event else []), env=env)
            assert done.exit_code == 1, done.output  # a repository is missing: not all pass
            (terminal / f"{name}.txt").write_text(done.output, encoding="utf-8")
    with sqlite3.connect(db) as conn:  # the first audit was made on an earlier day
        conn.execute("UPDATE runs SET started_at = ? || substr(started_at, 11)", (DAYS[1],))
        conn.execute(
            "UPDATE runs SET started_at = ? || substr(started_at, 11) WHERE id = 1", (DAYS[0],)
        )
    out = root / "site"
    built = runner.invoke(main, ["site", "--out", str(out), "--db", str(db)], env=env)
    assert built.exit_code == 0, built.output
    yield {"site": out, "reports": root / "reports", "root": root, "terminal": terminal}


def test_every_page_is_reached_from_the_root(network: dict[str, Path]) -> None:
    site = network["site"]
    every = {p.resolve() for p in site.rglob("*.html")}
    orphans = sorted(str(p.relative_to(site.resolve())) for p in every - crawl(site))
    assert orphans == []
    # The project registered without an event is reached too, from the overview.
    assert (site / "en/projects/fristaende.html").resolve() in every


def test_the_overview_leads_with_the_network_and_the_events_that_had_projects(
    network: dict[str, Path],
) -> None:
    site = network["site"]
    en = (site / "en/index.html").read_text(encoding="utf-8")
    table = en[en.index("<tbody>") : en.index("</tbody>")]
    rows = re.findall(r'<a href="events/([^"]+)\.html">([^<]+)</a>', table)
    assert sorted(slug for slug, _ in rows) == sorted(WITH_PROJECTS)
    # The event with a translation under a ref of its own is one event, titled in English.
    assert ("hackathon-7", "Hackathon 7 in Stockholm") in rows
    assert "Hackathon 20 in Gothenburg" in table and " i Göteborg" not in table
    sv = visible(site / "sv/index.html")
    assert "Hackathon 20 i Göteborg" in sv and "Hackathon 20 in Gothenburg" not in sv
    # The others are named once, briefly, with no page of their own.
    text = " ".join(visible(site / "en/index.html").split())
    assert f"{EVENTS - len(WITH_PROJECTS)} events without registered projects" in text
    assert not (site / "en/events/hackathon-1.html").exists()
    assert text.index("The network in figures") < text.index("Events")
    assert "4 events with projects" in text and "9 projects" in text
    root = visible(site / "index.html")
    assert "CivicTechSweden" in root and "Open sharing report" in root
    assert 'href="assets/style.css"' in (site / "index.html").read_text()


def test_the_site_has_the_event_reports_numbers(network: dict[str, Path]) -> None:
    summary = json.loads((network["site"] / "data/latest.json").read_text())["summary"]
    for event in ("hackathon-20", "hackathon-19"):
        report = json.loads((network["reports"] / event / "report.json").read_text())
        assert summary["events"][event] == report["summary"]["counts"], event
        page = " ".join(visible(network["site"] / f"en/events/{event}.html").split())
        for counts in report["summary"]["counts"].values():
            assert Tally.from_dict(counts).words(labels("en"), "en") in page
    everything = json.loads((network["reports"] / "all/report.json").read_text())
    assert summary["network"] == everything["summary"]["counts"]


def test_the_trend_has_one_point_per_audit_date(network: dict[str, Path]) -> None:
    for page in ("en/index.html", "en/events/hackathon-20.html"):
        text = (network["site"] / page).read_text(encoding="utf-8")
        labels = re.findall(
            r'<text x="[\d.]+" y="[\d.]+" text-anchor="\w+" font-size="11"[^>]*>([^<]+)<', text
        )
        assert labels == ["20 March 2026", "2 April 2026"], page
    # The network's population is the same on both days: the line does not zig-zag.
    table = (network["site"] / "en/index.html").read_text(encoding="utf-8")
    trend = table[table.index('id="trend-caption"') :]
    assert re.findall(r"<td>(\d+)</td>", trend)[:2] == ["8", "8"]


@pytest.mark.browser
def test_no_page_scrolls_sideways(browser: object, network: dict[str, Path]) -> None:
    reports = sorted(network["reports"].glob("*/index.html"))  # the event reports too
    assert len(reports) == 4
    assert sideways(browser, network["site"], *reports) == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "site/index.html",
        "site/en/index.html",
        "site/sv/index.html",
        "site/en/events/hackathon-20.html",
        "site/sv/projects/hyresrattskollen.html",
        "site/en/projects/borttaget.html",
        "reports/hackathon-19/index.html",
        "reports/all/index.html",
    ],
)
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_network_pages_pass_axe(
    browser: object,
    network: dict[str, Path],
    artefacts: Path,
    path: str,
    viewport: tuple[int, int],
) -> None:
    kind = "network-" + re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".html"))
    check_in_chromium(browser, network["root"] / path, artefacts, kind, viewport)
