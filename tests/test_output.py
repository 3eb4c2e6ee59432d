"""Every reason of every check is worded in every language and renders in every format."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from cts_audit.audit import AuditRun, RepoAudit
from cts_audit.checks import CHECKS, REASONS
from cts_audit.checks.interface import CheckResult, Evidence, Status
from cts_audit.cli import main
from cts_audit.cli.check_cmd import format_check
from cts_audit.explain import explain
from cts_audit.i18n import Message, labels, say
from cts_audit.report.document import SCHEMA_VERSION, check_document
from cts_audit.report.environment import html_prose
from cts_audit.report.event import event_document, render_event
from cts_audit.report.formats import CHECK_FORMATS, Format
from cts_audit.report.projects import project_entries
from cts_audit.report.wording import evidence_text, notice_text
from cts_audit.rules import load_rules
from cts_audit.sources.registry.model import Project, Registry, RepoRef

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
    assert {f.suffix for f in Format} == {"txt", "json", "md", "html", "csv", "sarif"}


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
    assert "standardtexten från Create React App" in " ".join(bad.output.split())
    md = runner.invoke(
        main, ["check", "--lang", "en", "--format", "markdown", str(EXAMPLES / "valkompass")]
    )
    assert "| Check | Status | Finding |" in md.output


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_check_output_is_all_in_the_chosen_language(fmt: str) -> None:
    runner = CliRunner()
    target = str(EXAMPLES / "valkompass")
    # Markdown escapes brackets: compare the text as a reader sees it.
    sv = runner.invoke(main, ["check", "--lang", "sv", "--format", fmt, target]).output
    sv = sv.replace("\\", "")
    assert "varning" in sv and "README (46 ord)" in sv and "olika ställen" in sv
    assert "warn" not in sv and "words" not in sv and "licence" not in sv
    en = runner.invoke(main, ["check", "--lang", "en", "--format", fmt, target]).output
    en = en.replace("\\", "")
    assert "warn" in en and "README (46 words)" in en and "varning" not in en
    if fmt == "markdown":
        assert "| Kontroll | Status | Resultat |" in sv and "Finding" not in sv
        assert "| Check | Status | Finding |" in en
        assert "\n\n| Kontroll" in sv  # the table is a block of its own


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_check_output_says_not_applicable_in_words(tmp_path: Path, fmt: str) -> None:
    write_tree(tmp_path, {"README.md": GOOD_README})
    for lang, word in (("en", "not applicable"), ("sv", "ej tillämplig")):
        args = ["check", "--lang", lang, "--format", fmt, str(tmp_path)]
        out = CliRunner().invoke(main, args).output
        assert word in out and "not_applicable" not in out, out


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


# -- event reports ----------------------------------------------------------------------------


def _results(status: Status = Status.PASS) -> dict[str, CheckResult]:
    return {
        "code_licence": CheckResult("code_licence", status, "osi", {"licence": "MIT"}, "MIT"),
        "media_licence": CheckResult("media_licence", status, "no_media"),
        "working_method": CheckResult("working_method", status, "readme_only"),
    }


def _run(*projects: tuple[str, list[RepoRef]], audits: dict[str, RepoAudit]) -> AuditRun:
    registry = Registry(
        network="CivicTechSweden",
        projects=tuple(
            Project(key=name.lower(), name=name, repositories=tuple(refs))
            for name, refs in projects
        ),
    )
    return AuditRun(1, registry, audits, complete=True)


def _report(run: AuditRun, lang: str = "en") -> dict[str, Any]:
    rules = load_rules()
    return event_document(
        rules=rules,
        lang=lang,
        network="CivicTechSweden",
        event=None,
        projects=project_entries(run, rules, lang),
        run_id=1,
        complete=True,
    )


def test_a_repository_two_projects_registered_counts_once() -> None:
    one = RepoRef("github.com", "team", "app", "https://github.com/team/app")
    other = RepoRef("github.com", "Team", "App", "https://github.com/Team/App")
    run = _run(("A", [one]), ("B", [other]), audits={one.key: RepoAudit(one, "ok", _results())})
    doc = _report(run)
    assert doc["summary"]["projects"] == 2
    assert doc["summary"]["repositories"] == 1
    assert doc["summary"]["per_check"]["code_licence"] == {"pass": 1}
    md = render_event(doc, Format.MARKDOWN)
    assert "2 projects, 1 repository." in md  # and the singular where it is one
    assert "100% (1 of 1 checked pass)" in md
    assert '<div class="figure">1</div>repository</div>' in render_event(doc, Format.HTML)


def test_markdown_and_csv_keep_archived_and_renamed() -> None:
    old = RepoRef("github.com", "team", "old-name", "https://github.com/team/old-name")
    info = {"renamed_to": "team/new-name", "archived": True}
    run = _run(("A", [old]), audits={old.key: RepoAudit(old, "ok", _results(), info=info)})
    doc = _report(run)
    repo = doc["projects"][0]["repositories"][0]
    assert (repo["name"], repo["renamed_from"]) == ("team/new-name", "team/old-name")
    md = render_event(doc, Format.MARKDOWN)
    assert "`team/new-name` (archived) (renamed from `team/old-name`)" in md
    assert "Renamed from `team/old-name`." in md
    rows = list(csv.DictReader(io.StringIO(render_event(doc, Format.CSV))))
    assert {r["url"] for r in rows} == {"https://github.com/team/new-name"}
    assert {(r["archived"], r["renamed_from"]) for r in rows} == {("true", "team/old-name")}
    html = render_event(doc, Format.HTML)
    assert "Renamed from team/old-name." in html and "(archived)" in html


def test_reports_publish_no_local_path(tmp_path: Path) -> None:
    folder = tmp_path / "jane.doe" / "bike-app"
    ref = RepoRef("local", "", "bike-app", str(folder))
    run = _run(("A", [ref]), audits={ref.key: RepoAudit(ref, "ok", _results())})
    doc = _report(run)
    repo = doc["projects"][0]["repositories"][0]
    assert (repo["name"], repo["url"]) == ("bike-app", None)
    for fmt in (Format.JSON, Format.CSV, Format.MARKDOWN, Format.HTML):
        out = render_event(doc, fmt)
        assert str(tmp_path) not in out and "jane.doe" not in out, fmt
        assert str(Path(__file__).parents[1]) not in out, fmt  # nor the rule file's path


def test_inline_code_in_texts_becomes_code_in_html_and_stays_code_in_markdown() -> None:
    results = _results()
    results["code_licence"] = CheckResult(
        "code_licence", Status.WARN, "disagree", {"found": "MIT, `<b>`"}, "MIT"
    )
    ref = RepoRef("github.com", "team", "app", "https://github.com/team/app")
    doc = _report(_run(("A", [ref]), audits={ref.key: RepoAudit(ref, "ok", results)}))
    html = render_event(doc, Format.HTML)
    assert "the <code>license</code> field" in html
    assert "`" not in html
    assert "<b>" not in html and "<code>&lt;b&gt;</code>" in html  # escaped, then code
    md = render_event(doc, Format.MARKDOWN)
    assert "the `license` field" in md and "\\`license" not in md
    assert html_prose("a `<i>` & `b`") == "a <code>&lt;i&gt;</code> &amp; <code>b</code>"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "The repository has 1 media file (images, video, documents)"),
        ("en", 2, "The repository has 2 media files (images, video, documents)"),
        ("sv", 1, "Repositoriet har 1 mediefil (bilder, video, dokument)"),
        ("sv", 3, "Repositoriet har 3 mediefiler (bilder, video, dokument)"),
    ],
)
def test_texts_use_singular_and_plural(lang: str, count: int, expected: str) -> None:
    rules = load_rules()
    result = CheckResult("media_licence", Status.FAIL, "none_covered", {"count": count})
    assert explain(result, rules, lang).summary.startswith(expected)
    covered = CheckResult("media_licence", Status.PASS, "all_covered", {"count": 1, "licence": "X"})
    assert "1 media files" not in explain(covered, rules, "en").summary
    assert "1 mediefiler" not in explain(covered, rules, "sv").summary
    short = CheckResult("working_method", Status.FAIL, "too_short", {"words": 1})
    assert "only 1 word so far" in explain(short, rules, "en").summary


def test_no_text_refers_to_an_example_a_page_may_not_show() -> None:
    rules = load_rules()
    for check, reasons in REASONS.items():
        for reason in reasons:
            result = CheckResult(check, Status.FAIL, reason, PARAMS)
            for lang in ("sv", "en"):
                fix = explain(result, rules, lang).fix
                assert "example below" not in fix and "exempel nedan" not in fix


@pytest.mark.parametrize(
    ("notice", "en", "sv"),
    [
        (
            {"action": "nothing", "reason": "compliant", "issue_number": None},
            "No issue needed",
            "Inget ärende behövs",
        ),
        (
            {"action": "nothing", "reason": "compliant", "issue_number": 7},
            "earlier issue (#7) is closed",
            "tidigare ärende (#7) är stängt",
        ),
        (
            {"action": "nothing", "reason": "findings unchanged", "issue_number": 7},
            "The team has an issue with the checklist (#7)",
            "Teamet har ett ärende med checklistan (#7)",
        ),
        (
            {"action": "update", "reason": "findings changed", "issue_number": 7},
            "The team has an issue with the checklist (#7)",
            "Teamet har ett ärende med checklistan (#7)",
        ),
        (
            {"action": "close", "reason": "compliant now", "issue_number": 7},
            "closed with thanks",
            "stängdes med ett tack",
        ),
        (
            {"action": "skip", "reason": "archived repository", "issue_number": None},
            "No issue was sent: the repository is archived",
            "Inget ärende skickades: repositoriet är arkiverat",
        ),
        (
            {"action": "skip", "reason": "something new", "issue_number": None},
            "No issue was sent: something new",
            "Inget ärende skickades: something new",
        ),
        (
            {"action": "could_not_notify", "reason": "HTTP 403", "issue_number": None},
            "Could not notify the team: HTTP 403",
            "Kunde inte meddela teamet: HTTP 403",
        ),
    ],
)
def test_notices_say_what_was_done(notice: dict[str, Any], en: str, sv: str) -> None:
    assert en in notice_text(notice, labels("en"))
    assert sv in notice_text(notice, labels("sv"))
    assert "up to date" not in notice_text(notice, labels("en"))


def test_evidence_with_a_kind_is_worded_in_the_page_language() -> None:
    note = {"detail": "README (1 words)", "kind": "readme_words", "params": {"words": 1}}
    assert evidence_text(note, labels("sv"), "sv") == "README (1 ord)"
    assert evidence_text(note, labels("en"), "en") == "README (1 word)"
    # Without a kind (what the checks record today) the note is shown as recorded.
    assert evidence_text(Evidence("README (46 words)"), labels("sv"), "sv") == "README (46 words)"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_an_evidence_line_names_its_file_once(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "app.py").write_text("print(1)\n", encoding="utf-8")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "github-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = CliRunner().invoke(main, ["check", str(tmp_path), "--lang", "en", "--format", fmt])
    flat = " ".join(out.output.split())  # the terminal wraps long lines
    assert "img/github-logo.png: another organisation's logo" in flat.replace("`", ""), flat
    assert "img/github-logo.png: img/github-logo.png" not in flat.replace("`", "")


def test_report_files_are_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    registry = EXAMPLES.parent / "registry.yml"
    done = CliRunner().invoke(main, ["audit", str(registry), "--out", str(out), "--format", "md"])
    assert done.exit_code == 1, done.output
    mode = (out / "report.md").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)  # published files: not private to their owner


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [("sv", r"README \(\d+ ord\)", " words)"), ("en", r"README \(\d+ words\)", " ord)")],
)
def test_event_report_words_evidence_in_its_language(
    tmp_path: Path, lang: str, said: str, not_said: str
) -> None:
    out = tmp_path / "out"
    registry = EXAMPLES.parent / "registry.yml"
    args = ["audit", str(registry), "--out", str(out), "--format", "html", "--lang", lang]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 1, done.output
    page = (out / "index.html").read_text()
    assert re.search(said, page) and not_said not in page


def test_check_output_wraps_between_words_at_the_terminal_s_width() -> None:
    from cts_audit.report.terminal import render_check

    summary = "The code is under AGPL-3.0-only, an OSI-approved licence, " * 3
    check = {
        "title": "Code licence",
        "status": "warn",
        "summary": summary,
        "fix": "Write the same licence everywhere.",
        "files": [],
        "files_total": 0,
        "evidence": [],
    }
    doc = {
        "repository": {"name": "team/app", "commit": None},
        "language": "en",
        "rules": {"network": "CTS"},
        "checks": {"code_licence": check},
    }
    for width in (60, 80, 140):
        text = click.unstyle(render_check(doc, labels("en"), width=width))
        assert max(len(line) for line in text.splitlines()) <= width, width
        assert text.count("AGPL-3.0-only") == 3  # never split inside the name


def test_the_rate_limit_countdown_speaks_the_run_s_language() -> None:
    import time

    from cts_audit.audit import Waiter

    said: list[str] = []
    Waiter(said.append, words=labels("sv")).until(time.time() + 0.2)
    assert said and said[0] == labels("sv")["wait_primary"].format(seconds=1)
    assert "GitHub" in said[0] and "väntar" in said[0]


def test_why_a_team_could_not_be_notified_is_said_in_the_page_s_language() -> None:
    """The notice keeps the reason's meaning (its label and parameters), not only its
    English words: a Swedish page says it in Swedish."""
    why = Message.of("plan_token_may_not_write", status=403)
    notice = {
        "action": "could_not_notify",
        "reason": say(why, "en"),
        "said": json.dumps(why.data()),
        "issue_number": None,
    }
    assert say(why, "en") in notice_text(notice, labels("en"), "en")
    swedish = notice_text(notice, labels("sv"), "sv")
    assert say(why, "sv") in swedish and say(why, "en") not in swedish
    assert say(why, "sv") != say(why, "en")
    # A row recorded before the reason's meaning was kept still reads as recorded.
    assert say(why, "en") in notice_text({**notice, "said": ""}, labels("sv"), "sv")
