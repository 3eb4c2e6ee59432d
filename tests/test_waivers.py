"""Waivers in the registry: one check set aside for a project, with a reason, until a date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.checks.interface import CheckResult, Status
from cts_audit.cli import main
from cts_audit.cli.check_cmd import format_check
from cts_audit.notify import Texts
from cts_audit.report.document import check_document
from cts_audit.report.formats import Format
from cts_audit.rules import load_rules
from cts_audit.sources.registry.load import load_registry
from cts_audit.sources.registry.model import RepoRef
from cts_audit.waivers import Waiver, apply_waivers, unwaived

from .test_sarif import REPO, valid_sarif

PROJECTS = Path(__file__).parents[1] / "examples/hackathon/projects"
SITE = Path(__file__).parent / "data/site"
REASON = "Photos from the municipality's press archive; the licence is being agreed"
LATER = (dt.date.today() + dt.timedelta(days=200)).isoformat()
EARLIER = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def registry(tmp_path: Path, until: str = LATER, extra: str = "") -> Path:
    path = tmp_path / "registry.yml"
    path.write_text(
        f"""network: CivicTechSweden
events:
  - slug: spring
    name: Spring
projects:
  - name: Valkompass
    event: spring
    language: en
    repositories: [{PROJECTS / "valkompass"}]
    waivers:
      - check: media_licence
        reason: "{REASON}"
        until: {until}
{extra}""",
        encoding="utf-8",
    )
    return path


def test_a_waiver_is_read_from_the_registry(tmp_path: Path) -> None:
    loaded = load_registry(registry(tmp_path))
    assert not loaded.problems
    (waiver,) = loaded.projects[0].waivers
    assert (waiver.check, waiver.reason, waiver.until.isoformat()) == (
        "media_licence",
        REASON,
        LATER,
    )
    assert loaded.projects[0].public_dict()["waivers"][0]["until"] == LATER


@pytest.mark.parametrize(
    ("entry", "line", "said"),
    [
        ("      - check: licence\n        reason: x\n        until: 2027-01-01\n", 14, "no check"),
        ("      - check: media_licence\n        until: 2027-01-01\n", 14, "needs a reason"),
        ("      - check: media_licence\n        reason: x\n", 14, "needs an end date"),
        (
            "      - check: media_licence\n        reason: x\n        until: soon\n",
            16,
            "YYYY-MM-DD",
        ),
        (
            "      - check: media_licence\n        reason: x\n        until: 2027-01-01\n"
            "        repository: https://github.com/someone/else\n",
            17,
            "not one of the project's repositories",
        ),
        (
            "      - check: media_licence\n        reason: x\n        until: 2027-01-01\n"
            "        untill: 2028-01-01\n",
            17,
            "unknown key",
        ),
    ],
)
def test_a_waiver_that_cannot_be_used_names_its_line(
    tmp_path: Path, entry: str, line: int, said: str
) -> None:
    loaded = load_registry(registry(tmp_path, extra=entry))
    texts = [p.text() for p in loaded.problems]
    assert any(said in t and f"registry.yml:{line}" in t for t in texts), texts
    assert len(loaded.projects) == 1  # the project itself still loads
    assert len(loaded.projects[0].waivers) == (2 if said == "unknown key" else 1)


def audit(tmp_path: Path, reg: Path, *fmt: str) -> Path:
    out = tmp_path / "out"
    args = ["audit", str(reg), "--out", str(out), "--lang", "en", "--format", ",".join(fmt)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code in (0, 1), done.output
    return out


def test_a_waived_result_shows_as_waived_in_every_format(tmp_path: Path) -> None:
    out = audit(tmp_path, registry(tmp_path), "json", "md", "html", "csv")
    doc = json.loads((out / "report.json").read_text())
    (repo,) = [r for p in doc["projects"] for r in p["repositories"]]
    code = repo["checks"]["media_licence"]
    assert code["status"] == "waived"
    assert code["params"]["waived_status"] == "warn"  # what the check found stays on record
    assert REASON in code["summary"] and LATER in code["summary"]
    assert doc["summary"]["per_check"]["media_licence"] == {"waived": 1}
    for name in ("report.md", "index.html"):
        text = (out / name).read_text().replace("\\", "").replace("&#39;", "'")
        assert "waived" in text and "press archive" in text and LATER in text, name
    rows = list(csv.DictReader(io.StringIO((out / "report.csv").read_text())))
    assert any("waived" in row.values() for row in rows), rows[:1]

    site = tmp_path / "site"
    done = CliRunner().invoke(main, ["site", "--out", str(site)])
    assert done.exit_code == 0, done.output
    pages = [p.read_text() for p in (site / "en" / "projects").glob("*.html")]
    assert any("waived" in page and "press archive" in page for page in pages)


def test_after_its_end_date_it_is_a_finding_again(tmp_path: Path) -> None:
    out = audit(tmp_path, registry(tmp_path, until=EARLIER), "json")
    doc = json.loads((out / "report.json").read_text())
    (repo,) = [r for p in doc["projects"] for r in p["repositories"]]
    assert repo["checks"]["media_licence"]["status"] == "warn"


def test_a_waiver_removed_from_the_registry_waives_nothing_on_the_next_audit(
    tmp_path: Path,
) -> None:
    reg = registry(tmp_path)
    audit(tmp_path, reg, "json")
    reg.write_text(reg.read_text().split("    waivers:")[0])
    out = audit(tmp_path, reg, "json")
    doc = json.loads((out / "report.json").read_text())
    (repo,) = [r for p in doc["projects"] for r in p["repositories"]]
    assert repo["checks"]["media_licence"]["status"] == "warn"
    assert "waiver_reason" not in repo["checks"]["media_licence"]["params"]


def finding(status: Status = Status.FAIL) -> dict[str, CheckResult]:
    return {"media_licence": CheckResult("media_licence", status, "none_covered", {"count": 2})}


def test_only_findings_in_force_for_the_repository_are_waived() -> None:
    today = dt.date(2026, 6, 1)
    waiver = Waiver("media_licence", "why", dt.date(2026, 6, 1), ("github.com/a/b",))
    waived = apply_waivers(finding(), [waiver], "github.com/a/b", today)["media_licence"]
    assert waived.status is Status.WAIVED and unwaived(waived) == finding()["media_licence"]
    assert apply_waivers(finding(), [waiver], "github.com/a/c", today) == finding()
    assert apply_waivers(finding(), [waiver], "github.com/a/b", dt.date(2026, 6, 2)) == finding()
    for status in (Status.PASS, Status.NOT_AVAILABLE, Status.ERROR):
        same = apply_waivers(finding(status), [waiver], "github.com/a/b", today)
        assert same["media_licence"].status is status


def test_sarif_suppresses_a_waived_finding_and_the_issue_lists_it() -> None:
    rules = load_rules()
    waiver = Waiver("media_licence", REASON, dt.date(2027, 3, 1))
    results = apply_waivers(finding(), [waiver], "x", dt.date(2026, 1, 1))
    doc = check_document(REPO, results, rules, "en")
    log = valid_sarif(format_check(doc, Format.SARIF, "en"))
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "error"
    assert result["suppressions"][0]["justification"].startswith(REASON)
    assert "waived" in format_check(doc, Format.TEXT, "en")

    ref = RepoRef("github.com", "team", "x", "https://github.com/team/x")
    body = Texts(rules).render("body", "sv", ref, None, results, "f")
    assert "Undantaget av arrangörerna" in body and "2027-03-01" in body
    assert "- [ ]" not in body  # nothing for the team to tick off before then


def test_an_organiser_waives_a_check_on_the_project_s_page_of_a_jekyll_site(
    tmp_path: Path,
) -> None:
    """The network's own website is its registry: a project page's front matter carries
    waivers as a registry file does, with the page's line for one that cannot be used."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    page = site / "_posts/2019-01-27-cykeldata.md"
    front, body = page.read_text(encoding="utf-8").split("---\n", 2)[1:]
    page.write_text(
        f"---\n{front}waivers:\n"
        f'  - check: media_licence\n    reason: "{REASON}"\n    until: {LATER}\n'
        f"  - check: code_licence\n    until: {LATER}\n---\n{body}",
        encoding="utf-8",
    )
    loaded = load_registry(site)
    project = next(p for p in loaded.projects if p.key == "cykeldata")
    (waiver,) = project.waivers  # the English page of the project adds none
    assert (waiver.check, waiver.reason, waiver.until.isoformat()) == (
        "media_licence",
        REASON,
        LATER,
    )
    line = page.read_text(encoding="utf-8").split("\n").index("  - check: code_licence") + 1
    texts = [p.text() for p in loaded.problems]
    at = f"2019-01-27-cykeldata.md:{line}"
    assert any(at in t and "needs a reason" in t for t in texts), texts
