"""The report site: every page kind rendered, opened in headless Chromium, checked by axe-core."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tomllib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from click.testing import CliRunner

from cts_audit.checks import enabled_checks
from cts_audit.checks.interface import CheckResult, Status
from cts_audit.cli import main
from cts_audit.i18n import labels
from cts_audit.report.counting import tallies, tally
from cts_audit.report.site import Page, TrendPoint, chart, trend_points
from cts_audit.rules import load_rules
from cts_audit.store import Recorded, Store

from .conftest import AXE, CHROMIUM, IN_CI, missing_for_browser_tests
from .repos import GOOD_README

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples/hackathon/registry.yml"
#: The page kinds of the site, each with one page to open.
KINDS = {
    "root": "index.html",
    "overview-sv": "sv/index.html",
    "overview-en": "en/index.html",
    "event": "en/events/example-hackathon-2026.html",
    "project": "sv/projects/oppna-cykeldata.html",
    "project-without-repository": "en/projects/delningskartan.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example audited twice (so the trend has two points), then the site."""
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("site") / "site"
    env = {"CTS_AUDIT_HOME": str(home)}
    runner = CliRunner()
    for _ in range(2):
        done = runner.invoke(main, ["audit", str(EXAMPLE), "--out", str(home / "r")], env=env)
        assert done.exit_code == 1, done.output
    built = runner.invoke(main, ["site", "--out", str(out)], env=env)
    assert built.exit_code == 0, built.output
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))
        if values.get("id"):
            self.ids.add(str(values["id"]))


def crawl(site: Path) -> set[Path]:
    """Every page reached by following links from the root index.html."""
    seen: set[Path] = set()
    todo = [(site / "index.html").resolve()]
    while todo:
        page = todo.pop()
        if page in seen or page.suffix != ".html":
            continue
        seen.add(page)
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url, _ = urldefrag(link)
            if url and not urlparse(url).scheme:
                todo.append((page.parent / url).resolve())
    return seen


def pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def test_every_page_kind_exists_in_both_languages(site: Path) -> None:
    for path in KINDS.values():
        assert (site / path).is_file(), path
    for lang in ("sv", "en"):
        assert len(list((site / lang / "projects").glob("*.html"))) == 5
    assert (site / "badges/oppna-cykeldata.svg").read_text().startswith("<svg")
    assert '<html lang="sv">' in (site / "sv/index.html").read_text()
    assert "15 mars 2026" in (site / "sv/events/example-hackathon-2026.html").read_text() or (
        "14 mars 2026" in (site / "sv/events/example-hackathon-2026.html").read_text()
    )


def test_every_page_is_reached_from_the_root(site: Path) -> None:
    every = {p.resolve() for p in site.rglob("*.html")}
    assert len(every) == 15
    assert sorted(str(p) for p in every - crawl(site)) == []


def test_every_link_resolves_and_nothing_leaves_for_another_site(site: Path) -> None:
    allowed_external = ("https://civictech.se/",)  # the example project's own page
    for page in pages(site):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url, _fragment = urldefrag(link)
            if urlparse(url).scheme in ("http", "https"):
                assert url in allowed_external, f"{page}: {url}"
                continue
            target = (page.parent / url).resolve() if url else page
            assert target.is_file(), f"{page.relative_to(site)}: broken link {link}"
            assert site.resolve() in target.parents, f"{page}: {link} leaves the site"
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text  # nothing needs JavaScript
        assert not re.search(r"<link[^>]+https?://", text)  # no CDN, no web fonts


def test_no_personal_data_in_the_site(site: Path, tmp_path: Path) -> None:
    assert "ada.exempelsson@example.org" in EXAMPLE.read_text()  # the registry has a contact
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "@example.org" not in text and "Exempelsson" not in text, path


def test_open_data_downloads(site: Path) -> None:
    doc = json.loads((site / "data/latest.json").read_text())
    assert doc["schema_version"] == 1
    assert {r["check"] for r in doc["results"]} == {
        "code_licence",
        "media_licence",
        "working_method",
    }
    header = (site / "data/latest.csv").read_text().splitlines()[0]
    assert header.startswith("project,theme,group,repository")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    missing = missing_for_browser_tests()
    if missing is not None:
        if IN_CI:
            pytest.fail(f"CI=true: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_pages_in_chromium_pass_axe(
    browser: object, site: Path, artefacts: Path, kind: str, viewport: tuple[int, int]
) -> None:
    check_in_chromium(browser, site / KINDS[kind], artefacts, kind, viewport)


def check_in_chromium(
    browser: object, path: Path, artefacts: Path, kind: str, viewport: tuple[int, int]
) -> None:
    """No axe violation, no request leaving file://, fits a phone; a screenshot for review."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert violations == [], "\n".join(violations)
    assert all(url.startswith("file://") for url in requests), requests
    # Readable on a phone and a desktop: nothing wider than the screen but tables that
    # scroll in place.
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= viewport[0] + 1
    page.screenshot(
        path=str(artefacts / f"site-{kind}-{'phone' if viewport[0] < 500 else 'desktop'}.png"),
        full_page=True,
    )
    page.close()


def sideways(browser: object, site: Path, *more: Path) -> list[str]:
    """Every page of the site (and ``more`` pages) that scrolls sideways at a phone's or a
    desktop's width."""
    wide: list[str] = []
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
        for path in [*sorted(site.rglob("*.html")), *more]:
            page.goto(path.as_uri())
            if page.evaluate("() => document.documentElement.scrollWidth") > width + 1:
                wide.append(f"{path} at {width} px")
        page.close()
    return wide


@pytest.mark.browser
def test_no_page_scrolls_sideways(browser: object, site: Path) -> None:
    assert sideways(browser, site) == []


# -- what the pages say -----------------------------------------------------------------------


def visible(page: Path) -> str:
    """A page's text without its tags (entities decoded), to look at what a reader sees."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_texts_show_code_as_code_and_no_example_they_do_not_show(site: Path) -> None:
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert "`" not in text.replace("<code>", "").replace("</code>", ""), page
        assert "example below" not in text and "exempel nedan" not in text, page
    valkompass = (site / "sv/projects/valkompass-for-kommunvalet.html").read_text()
    assert "en <code>REUSE.toml</code> högst upp" in valkompass
    # The uncovered image, in a REUSE.toml the team can copy.
    example = re.search(
        r"<pre tabindex=\"0\"><code>(version = 1.*?)</code></pre>", valkompass, re.S
    )
    assert example is not None
    reuse = tomllib.loads(html.unescape(example.group(1)))
    assert reuse["annotations"][0]["path"] == ["public/img/team.png"]
    assert reuse["annotations"][0]["SPDX-License-Identifier"] == "CC-BY-4.0"


def test_singular_where_there_is_one(site: Path) -> None:
    one_image = visible(site / "en/projects/bibliotekets-oppna-api.html")
    assert "The one media file is under" in one_image and "1 media files" not in one_image
    assert "Den enda mediefilen" in visible(site / "sv/projects/bibliotekets-oppna-api.html")


def test_evidence_is_in_the_page_language(site: Path) -> None:
    def notes(path: str) -> str:
        page = (site / path).read_text(encoding="utf-8")
        return " ".join(re.findall(r'<ul class="evidence">(.*?)</ul>', page, re.S))

    sv = html.unescape(notes("sv/projects/oppna-cykeldata.html"))
    assert re.search(r"README \(\d+ ord\)", sv) and "avsnittet ”How we worked”" in sv
    assert "licenstexten för MIT License (exakt, 100 %)" in sv
    assert not re.search(r"\b(words|section|text|exact)\b", sv), sv
    en = html.unescape(notes("en/projects/oppna-cykeldata.html"))
    assert re.search(r"README \(\d+ words\)", en) and "MIT License text (exact, 100%)" in en


def test_downloads_and_pages_hold_no_local_path(site: Path) -> None:
    doc = json.loads((site / "data/latest.json").read_text())
    assert {r["url"] for r in doc["results"]} == {None}  # the example's folders are local
    assert "open-bike-data" in {r["repository"] for r in doc["results"]}
    for path in site.rglob("*"):
        if path.is_file():
            assert str(ROOT) not in path.read_text(encoding="utf-8", errors="replace"), path


def test_badge_snippet_is_relative_unless_the_site_has_an_address(site: Path) -> None:
    page = (site / "en/projects/oppna-cykeldata.html").read_text()
    assert "![CivicTechSweden](badges/oppna-cykeldata.svg)" in page
    assert "relative to this site" in page


def test_shares_and_chart_leave_out_checks_that_judged_nothing() -> None:
    rules = load_rules()
    checks = enabled_checks(rules)
    rows = [{c: Status.NOT_APPLICABLE for c in checks} | {"working_method": Status.PASS}]
    counts = tallies(rows, checks)
    assert counts["working_method"].share == 1.0
    assert counts["code_licence"].share is None  # no 100 % for checks without a verdict
    points = [TrendPoint("2026-03-20", counts, 1), TrendPoint("2026-03-21", tallies([], checks), 0)]
    drawn = chart(points, checks, Page("en", 1, rules))
    dots = {line["check"]: line["dots"] for line in drawn["lines"]}
    assert dots["code_licence"] == [] and len(dots["working_method"]) == 1


def test_one_counting_rule_says_what_it_leaves_out() -> None:
    statuses = [Status.PASS, Status.PASS, Status.FAIL, Status.WARN, "not_available", "error"]
    counts = tally([*statuses, Status.NOT_APPLICABLE])
    assert (counts.passing, counts.checked, counts.unread, counts.nothing_to_check) == (2, 4, 2, 1)
    assert counts.share == 0.5
    assert counts.words(labels("en"), "en") == (
        "2 of 4 checked pass; 2 could not be read; 1 has nothing to check"
    )
    assert counts.words(labels("sv"), "sv") == (
        "2 av 4 granskade godkända; 2 kunde inte läsas; 1 har inget att granska"
    )
    assert tally([]).words(labels("en"), "en") == "none checked"


def commit_at(repo: Path, when: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Anna",
        "GIT_AUTHOR_EMAIL": "anna@example.org",
        "GIT_COMMITTER_NAME": "Anna",
        "GIT_COMMITTER_EMAIL": "anna@example.org",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=repo, check=True, env=env)


@pytest.fixture(scope="module")
def team_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One team, one git repository with only a README (no code, no media: two checks judge
    nothing), one commit after the event, an issue notice; the site with an address."""
    root = tmp_path_factory.mktemp("team")
    repo = root / "bike-app"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    commit_at(repo, "2026-03-17T10:00:00+00:00", {"README.md": GOOD_README})
    registry = root / "registry.yml"
    registry.write_text(
        "events: [{slug: ev, name: Ev, starts: 2026-03-14, ends: 2026-03-15}]\n"
        f"projects: [{{name: Bike, event: ev, repositories: ['{repo}']}}]\n"
    )
    db = root / "history.sqlite"
    done = CliRunner().invoke(
        main, ["audit", str(registry), "--db", str(db), "--out", str(root / "report")]
    )
    assert done.exit_code in (0, 1), done.output
    out = root / "site"
    with Store(db) as store:
        store.record_notice(
            key=f"local:{repo}",
            full_name="bike-app",
            url=str(repo),
            action="nothing",
            reason="compliant",
            issue_number=None,
            fingerprint="",
            applied=True,
        )
    built = CliRunner().invoke(
        main,
        ["site", "--out", str(out), "--db", str(db), "--site-url", "https://example.org/report/"],
    )
    assert built.exit_code == 0, built.output
    return out


def test_a_check_that_judged_nothing_has_no_share(team_site: Path) -> None:
    for lang in ("sv", "en"):
        for page in (team_site / f"{lang}/index.html", team_site / f"{lang}/events/ev.html"):
            # The chart's axis says 100 %; no table cell, point or description may.
            text = re.sub(r"<text[^>]*>[^<]*</text>", "", page.read_text())
            assert "100" not in html.unescape(re.sub(r"<[^>]+>", " ", text)), page
            assert page.read_text().count("<circle") == 1, page  # one point: working_method
    row = re.search(
        r"<tr><th scope=\"row\"><a href=\"events/ev.html\">.*?</tr>",
        (team_site / "en/index.html").read_text(),
        re.S,
    )
    assert row is not None and row.group(0).count("<td>–<br>") == 2


def test_project_page_words(team_site: Path) -> None:
    en = visible(team_site / "en/projects/bike.html")
    sv = visible(team_site / "sv/projects/bike.html")
    assert "1 contributor." in en and "1 bidragsgivare." in sv
    assert re.search(r"Period\s+Commits", en) and re.search(r"Period\s+Commits", sv)
    assert "No issue needed" in en and "Inget ärende behövs" in sv
    assert "up to date" not in en and "är aktuellt" not in sv
    snippet = (
        "[![CivicTechSweden](https://example.org/report/badges/bike.svg)]"
        "(https://example.org/report/en/projects/bike.html)"
    )
    assert snippet in en and "relative to this site" not in en


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_project_page_with_continuation_and_a_notice_passes_axe(
    browser: object, team_site: Path, artefacts: Path, viewport: tuple[int, int]
) -> None:
    path = team_site / "en/projects/bike.html"
    assert "Period" in path.read_text() and "No issue needed" in path.read_text()
    check_in_chromium(browser, path, artefacts, "project-with-continuation", viewport)


def test_numbers_agree_in_the_report_the_site_the_terminal_and_the_data(tmp_path: Path) -> None:
    """One repository that cannot be read and one with nothing to check for two checks: the
    event report, its JSON, the terminal, the site's pages and its open data say the same."""
    repo = tmp_path / "readme-only"
    repo.mkdir()
    (repo / "README.md").write_text(GOOD_README, encoding="utf-8")
    projects = ROOT / "examples/hackathon/projects"
    registry = tmp_path / "registry.yml"
    registry.write_text(
        "events: [{slug: ev, name: Ev, starts: 2026-03-14}]\n"
        "projects:\n"
        f"  - {{name: Bike, event: ev, repositories: ['{projects / 'open-bike-data'}']}}\n"
        f"  - {{name: Vote, event: ev, repositories: ['{projects / 'valkompass'}']}}\n"
        f"  - {{name: Gone, event: ev, repositories: ['{tmp_path / 'missing'}']}}\n"
        f"  - {{name: Words, event: ev, repositories: ['{repo}']}}\n",
        encoding="utf-8",
    )
    db, out = tmp_path / "h.sqlite", tmp_path / "report"
    done = CliRunner().invoke(
        main, ["audit", str(registry), "--db", str(db), "--out", str(out), "--lang", "en"]
    )
    assert done.exit_code == 1, done.output
    counts = json.loads((out / "report.json").read_text())["summary"]["counts"]
    media = counts["media_licence"]
    assert (media["checked"], media["could_not_be_read"], media["nothing_to_check"]) == (2, 1, 1)
    site_dir = tmp_path / "site"
    built = CliRunner().invoke(main, ["site", "--out", str(site_dir), "--db", str(db)])
    assert built.exit_code == 0, built.output
    open_data = json.loads((site_dir / "data/latest.json").read_text())["summary"]
    assert open_data["events"]["ev"] == counts
    assert open_data["network"] == counts
    en = labels("en")
    for check, numbers in counts.items():
        words = tally(
            ["pass"] * numbers["passing"]
            + ["fail"] * (numbers["checked"] - numbers["passing"])
            + ["not_available"] * numbers["could_not_be_read"]
            + ["not_applicable"] * numbers["nothing_to_check"]
        ).words(en, "en")
        for text in (
            done.output,
            visible(out / "index.html"),
            (out / "report.md").read_text(),
            visible(site_dir / "en/index.html"),
            visible(site_dir / "en/events/ev.html"),
        ):
            assert words in " ".join(text.split()), (check, words)
    assert "1 of 2 checked pass; 1 could not be read; 1 has nothing to check" in " ".join(
        visible(site_dir / "en/events/ev.html").split()
    )


def test_a_trend_point_per_audit_date_carries_each_repository_s_latest_result() -> None:
    """Auditing one event and then another on the same day is one point; a repository not
    audited again keeps its last result, so the network line does not jump with each run."""
    checks = enabled_checks(load_rules())

    def rec(run: int, key: str, status: Status) -> Recorded:
        results = {c: CheckResult(c, status, "x") for c in checks}
        return Recorded(run, key, key, None, "", "ok", None, None, None, {}, results)

    timeline = {
        "a": [("2026-03-01", rec(1, "a", Status.PASS)), ("2026-03-02", rec(2, "a", Status.FAIL))],
        "b": [("2026-03-01", rec(1, "b", Status.PASS))],
        "c": [("2026-03-02", rec(3, "c", Status.PASS))],
    }
    points = trend_points({"a", "b", "c"}, timeline, checks)
    assert [p.day for p in points] == ["2026-03-01", "2026-03-02"]
    assert [p.repositories for p in points] == [2, 3]
    assert points[0].counts["code_licence"].share == 1.0
    assert points[1].counts["code_licence"].words(labels("en"), "en") == "2 of 3 checked pass"
    drawn = chart(points, checks, Page("sv", 1, load_rules()))
    assert [x["label"] for x in drawn["labels_x"]] == ["1 mars 2026", "2 mars 2026"]
