"""The report site: every page kind rendered, opened in headless Chromium, checked by axe-core."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from click.testing import CliRunner

from cts_audit.cli import main

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples/hackathon/registry.yml"
AXE = Path(__file__).parent / "browser/node_modules/axe-core/axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
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
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "@example.org" not in text and "contact" not in text.lower()


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
    if CHROMIUM is None or not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium and axe-core (npm) for the site tests")
        pytest.skip("needs Debian's chromium and `npm install` in tests/browser")
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
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / KINDS[kind]).as_uri())
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
    if viewport[0] < 500:
        # Readable on a phone: nothing wider than the screen but tables that scroll in place.
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= viewport[0] + 1
    page.screenshot(
        path=str(artefacts / f"site-{kind}-{'phone' if viewport[0] < 500 else 'desktop'}.png"),
        full_page=True,
    )
    page.close()
