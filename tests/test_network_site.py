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


def test_the_event_report_says_when_and_where_and_why_in_its_language(
    network: dict[str, Path],
) -> None:
    sv = " ".join(visible(network["reports"] / "hackathon-19/index.html").split())
    assert "Hackathon 19 i Stockholm" in sv
    assert "12 augusti 2022 · Stockholm, Kulturhuset" in sv
    # Why the missing repository could not be read: once, in Swedish, not under each check.
    reason = "repositoriet hittades inte, eller så är det privat"
    assert sv.count(reason) == 1
    assert "404" not in sv and "not found" not in sv and "network error" not in sv
    assert re.search(r"\d{1,2} \w+ 20\d\d \d\d:\d\d:\d\d UTC", sv)  # the time, localised
    md = (network["reports"] / "hackathon-19/report.md").read_text(encoding="utf-8")
    assert md.count(reason) == 1 and "12 augusti 2022" in md
    en = " ".join(visible(network["reports"] / "hackathon-20/index.html").split())
    assert "Hackathon 20 in Gothenburg" in en and "12 September 2022" in en


def test_a_project_with_two_repositories_says_whose_continuation_is_shown(
    network: dict[str, Path],
) -> None:
    page = " ".join(visible(network["site"] / "en/projects/hyresrattskollen.html").split())
    assert "The project has several repositories; shown here is the one with the most" in page
    assert re.search(r"activity: cts-team/\w", page)
    sv = " ".join(visible(network["site"] / "sv/projects/borttaget.html").split())
    assert "repositoriet hittades inte, eller så är det privat" in sv and "404" not in sv


def test_the_terminal_summary_at_80_columns(network: dict[str, Path]) -> None:
    everything = (network["terminal"] / "all.txt").read_text(encoding="utf-8")
    summary = everything[everything.index("Hackathon 20 in Gothenburg") :]
    # Auditing everything: a table per event, titled in the run's language.
    for title in ("Hackathon 19 in Stockholm", "Hackathon 7 in Stockholm", "Projects without"):
        assert title in summary
    assert max(len(line) for line in summary.splitlines()) <= 80
    # Names wrap whole, never cut with an ellipsis (only the shared owner is left out).
    assert summary.count("…") == summary.count("(cts-team/…)")
    assert "arkivet (archived)" in summary
    assert "n/a" not in summary and "n/av" not in summary
    assert "not available" in summary and "not applicable" in summary  # the legend, in words
    assert "borttaget: could not be read: the repository was not found, or it is private" in (
        " ".join(summary.split())
    )
    assert "9 projects, 8 repositories, 2 without a repository." in summary


def test_a_swedish_run_speaks_swedish_in_the_terminal(network: dict[str, Path]) -> None:
    sv = (network["terminal"] / "hackathon-19.txt").read_text(encoding="utf-8")
    summary = " ".join(sv[sv.index("┏") :].split())
    for english in ("pass", "warn", "fail", "n/a", "requests left", "Report written", "archived"):
        assert english not in summary, english
    assert "arkivet (arkiverat)" in summary
    assert "3 projekt, 2 repositorier, 1 utan repository." in summary
    assert "kunde inte läsas: repositoriet hittades inte" in summary
    assert re.search(r"GitHubs API: \d+ av 5000 anrop kvar den här timmen", summary)
    # Only this event's warnings, in Swedish: the organisation link, not the other events'.
    assert "Varning:" in sv and "Warning:" not in sv
    assert "organisationen eller kontot" in sv and "names a language" not in sv
    assert "organisation or account" not in sv


def test_warnings_about_the_registry_s_conventions_are_said_once(
    network: dict[str, Path],
) -> None:
    first = (network["terminal"] / "all.txt").read_text(encoding="utf-8")
    assert first.count("names a language") == 12  # six events, two pages each
    again = (network["terminal"] / "again.txt").read_text(encoding="utf-8")
    assert "names a language" not in again
    assert "12 notes on how the registry is written, shown on an earlier audit" in again
    assert "organisation or account" in again  # a real problem is said every time
    one = (network["terminal"] / "hackathon-20.txt").read_text(encoding="utf-8")
    assert "Warning:" not in one  # the other events' pages are not its business


def test_a_mistyped_event_gets_a_did_you_mean_in_the_run_s_language(
    network: dict[str, Path],
) -> None:
    site = network["root"] / "civictech.se"
    env = {"CTS_AUDIT_HOME": str(network["root"] / "home2")}
    args = ["audit", str(site), "--event", "hackaton-20", "--lang", "en"]
    done = CliRunner().invoke(main, args, env=env)
    assert done.exit_code == 2
    assert 'no event "hackaton-20"; did you mean hackathon-20' in done.output
    # The event's title is taken for its slug; in Swedish, the rules' own language.
    title = "Hackathon 5 in Stockholm"
    empty = CliRunner().invoke(main, ["audit", str(site), "--event", title], env=env)
    text = " ".join(empty.output.split())
    assert empty.exit_code == 2
    assert "Fel: " in text and 'inga projekt hittades för evenemanget "hackathon-5"' in text
    others = "hackathon-18, hackathon-19, hackathon-20, hackathon-7"
    assert f"Tips: Evenemangen med projekt är: {others}." in text
