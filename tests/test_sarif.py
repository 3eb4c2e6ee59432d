"""`check --format sarif`: SARIF 2.1.0 valid against the official schema, located findings."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner

from cts_audit.cli import main
from cts_audit.cli.check_cmd import format_check
from cts_audit.report.document import check_document
from cts_audit.report.event import render_event
from cts_audit.report.formats import CHECK_FORMATS, Format
from cts_audit.rules import load_rules

from .repos import GOOD_README, MIT_TEXT, PNG, write_tree
from .test_output import every_result

#: The OASIS schema (errata 01), as published in the specification's repository.
SCHEMA = Path(__file__).parent / "data/sarif-schema-2.1.0.json"
PASSING = Path(__file__).parents[1] / "examples/hackathon/projects/open-bike-data"

REPO = {
    "name": "team/x",
    "url": None,
    "commit": "abc",
    "files": 1,
    "archived": False,
    "renamed_to": None,
}


@cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0"
    return log


def sarif_of(tmp_path: Path, files: dict[str, str | bytes], lang: str = "en") -> dict[str, Any]:
    write_tree(tmp_path, files)
    out = CliRunner().invoke(main, ["check", "--lang", lang, "--format", "sarif", str(tmp_path)])
    assert out.exit_code in (0, 1), out.output
    return valid_sarif(out.output)


def test_the_schema_rejects_what_is_not_sarif() -> None:
    with pytest.raises(AssertionError):
        valid_sarif(json.dumps({"version": "2.1.0", "runs": [{"results": []}]}))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_status_and_reason_is_valid_sarif(lang: str) -> None:
    rules = load_rules()
    for result in every_result():
        doc = check_document(REPO, {result.check: result}, rules, lang)
        log = valid_sarif(format_check(doc, Format.SARIF, lang))
        run = log["runs"][0]
        assert run["properties"]["checks"] == {result.check: result.status.value}
        findings = run["results"]
        assert len(findings) == (result.status.value in ("warn", "fail", "error", "waived"))
        for finding in findings:
            # code scanning refuses a result without a location
            assert finding["locations"], finding
            assert finding["level"] in ("warning", "error")


def test_one_rule_per_check_with_the_rules_texts() -> None:
    out = CliRunner().invoke(main, ["check", "--lang", "en", "--format", "sarif", str(PASSING)])
    assert out.exit_code == 0, out.output
    log = valid_sarif(out.output)
    rules = load_rules()
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cts-audit"
    assert [r["id"] for r in driver["rules"]] == [
        "code_licence",
        "media_licence",
        "working_method",
    ]
    for rule in driver["rules"]:
        texts = rules.check_texts(rule["id"])
        assert rule["shortDescription"]["text"] == texts.title["en"]
        assert rule["fullDescription"]["text"] == texts.rule["en"]
        assert rule["help"]["text"].startswith(texts.rule["en"])
    assert log["runs"][0]["results"] == []  # everything passes: nothing to alert on


def test_findings_are_located_at_the_evidence(tmp_path: Path) -> None:
    log = sarif_of(
        tmp_path,
        {
            "README.md": GOOD_README,
            "app.js": "1\n",
            "LICENSE": MIT_TEXT,
            "package.json": '{\n  "name": "x",\n  "license": "WTFPL"\n}\n',
            "img/logo one.png": PNG,
        },
    )
    run = log["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    code = by_rule["code_licence"]
    assert code["level"] == "warning"  # the licences disagree
    places = {
        (
            loc["physicalLocation"]["artifactLocation"]["uri"],
            loc["physicalLocation"].get("region", {}).get("startLine"),
        )
        for loc in code["locations"]
    }
    assert ("package.json", 3) in places and ("LICENSE", None) in places
    media = by_rule["media_licence"]
    assert media["level"] == "error"
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in media["locations"]]
    assert uris == ["img/logo%20one.png"]  # a URI: the space is escaped
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert "Creative Commons" in media["message"]["text"]


def test_a_finding_without_a_file_points_where_the_fix_goes(tmp_path: Path) -> None:
    log = sarif_of(tmp_path, {"README.md": GOOD_README, "app.py": "1\n"}, lang="sv")
    (code,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "code_licence"]
    assert code["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "LICENSE"
    assert log["runs"][0]["language"] == "sv"
    assert "Så här åtgärdar ni det:" in code["message"]["text"]


def test_a_failure_the_rules_count_as_a_warning_is_a_warning(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text("extends: cts\nchecks:\n  code_licence:\n    severity: warn\n")
    repo = write_tree(tmp_path / "repo", {"README.md": GOOD_README, "app.py": "1\n"})
    out = CliRunner().invoke(main, ["check", "--rules", str(rules), "--format", "sarif", str(repo)])
    log = valid_sarif(out.output)
    (code,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "code_licence"]
    assert code["level"] == "warning"
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {
        "level": "warning"
    }


def test_every_format_is_wired_or_refused_plainly() -> None:
    """Adding a format without deciding where it renders fails here."""
    rules = load_rules()
    doc = check_document(REPO, {}, rules, "en")
    for fmt in Format:
        if fmt in CHECK_FORMATS:
            assert format_check(doc, fmt, "en").strip()
        else:
            with pytest.raises(click.BadParameter):
                format_check(doc, fmt, "en")
    event = {"language": "en", "projects": []}
    with pytest.raises(ValueError, match="one repository"):
        render_event(event, Format.SARIF)
