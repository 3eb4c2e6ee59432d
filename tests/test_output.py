"""Every reason of every check is worded in every language and renders in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.checks import CHECKS, REASONS
from cts_audit.checks.interface import CheckResult, Evidence, Status
from cts_audit.cli import main
from cts_audit.cli.check_cmd import format_check
from cts_audit.report.document import SCHEMA_VERSION, check_document
from cts_audit.report.formats import CHECK_FORMATS, Format
from cts_audit.rules import load_rules

from .repos import GOOD_README, MIT_TEXT, PNG, write_tree

EXAMPLES = Path(__file__).parents[1] / "examples/hackathon/projects"
PARAMS = {
    "licence": "MIT",
    "found": "MIT (LICENSE), ISC (package.json)",
    "path": "LICENSE",
    "count": 3,
    "covered": 1,
    "missing": "commercial use",
    "sections": "How we worked",
    "generator": "Create React App",
    "words": 4,
    "detail": "HTTP 502",
}


def every_result() -> list[CheckResult]:
    out = []
    for check, reasons in REASONS.items():
        for reason in sorted(reasons):
            for status in Status:
                out.append(
                    CheckResult(
                        check,
                        status,
                        reason,
                        PARAMS,
                        "MIT",
                        (Evidence("<script>alert(1)</script> *x*", path="a`b.md", line=3),),
                        ("img/a.png",),
                        4,
                    )
                )
    return out


def test_every_check_has_texts_for_every_reason() -> None:
    rules = load_rules()
    assert set(REASONS) == set(CHECKS)
    for check, reasons in REASONS.items():
        for reason in reasons:
            text = rules.reason_text(check, reason)
            assert set(rules.languages) <= set(text.summary) and set(rules.languages) <= set(
                text.fix
            )


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_status_and_reason_renders(fmt: Format, lang: str) -> None:
    rules = load_rules()
    repo = {
        "name": "team/x",
        "url": None,
        "commit": "abc",
        "files": 1,
        "archived": False,
        "renamed_to": None,
    }
    for result in every_result():
        doc = check_document(repo, {result.check: result}, rules, lang)
        out = format_check(doc, fmt, lang)
        assert out.strip()
        if fmt is Format.MARKDOWN:
            assert "<script>" not in out  # repository text never becomes markup


def test_format_enum_is_wired() -> None:
    assert {f.suffix for f in Format} == {"txt", "json", "md", "html", "csv"}


def test_check_json_document_shape(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"app.py": "1\n", "LICENSE": MIT_TEXT, "a.png": PNG, "README.md": GOOD_README}
    )
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1, result.output  # the image has no CC licence
    doc = json.loads(result.output)
    assert doc["schema_version"] == SCHEMA_VERSION
    assert set(doc["checks"]) == {"code_licence", "media_licence", "working_method"}
    assert doc["checks"]["code_licence"]["licence"] == "MIT"
    assert doc["checks"]["media_licence"]["status"] == "fail"


def test_check_exit_codes_and_languages() -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--lang", "en", str(EXAMPLES / "open-bike-data")])
    assert ok.exit_code == 0, ok.output
    assert "OSI-approved" in ok.output
    bad = runner.invoke(main, ["check", "--lang", "sv", str(EXAMPLES / "kollektivkarta")])
    assert bad.exit_code == 1
    assert "standardtexten från Create React App" in bad.output
    md = runner.invoke(main, ["check", "--format", "markdown", str(EXAMPLES / "valkompass")])
    assert "| Check | Status |" in md.output


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["check", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
    bad_rules = tmp_path / "rules.yml"
    bad_rules.write_text("schema: 1\nnetwork: X\nchecks:\n  code_licence:\n    severity: loud\n")
    result = runner.invoke(main, ["check", "--rules", str(bad_rules), str(tmp_path)])
    assert result.exit_code == 2
    assert "rules.yml" in result.output


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cts_audit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "cts-audit" in proc.stdout
