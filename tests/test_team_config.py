"""`.cts-audit.yml`: a team declares others' files and ignored paths; mistakes name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.checks import run_checks
from cts_audit.cli import main
from cts_audit.i18n import labels
from cts_audit.report.wording import evidence_text
from cts_audit.rules import load_rules
from cts_audit.sources.local import folder_snapshot
from cts_audit.team_config import TeamConfigError, parse_team_config

from .repos import GOOD_README, MIT_TEXT, PNG, write_tree

REUSE = (
    'version = 1\n\n[[annotations]]\npath = "img/**"\n'
    'SPDX-FileCopyrightText = "2026 Team"\nSPDX-License-Identifier = "CC-BY-4.0"\n'
)
DECLARED = """\
third_party:
  - path: static/fonts/
    licence: OFL-1.1
    source: https://fonts.google.com/specimen/Inter
  - path: logos/github.svg
    license: LicenseRef-GitHub-Logos
    source: https://github.com/logos
ignore:
  - data/raw/
"""


def repo(tmp_path: Path, config: str | None) -> Path:
    files: dict[str, str | bytes] = {
        "README.md": GOOD_README,
        "app.py": "1\n",
        "LICENSE": MIT_TEXT,
        "REUSE.toml": REUSE,
        "img/ours.png": PNG,
        "static/fonts/inter.svg": "<svg/>",
        "logos/github.svg": "<svg/>",
        "data/raw/scan.pdf": b"%PDF-1.4\n",
        "data/raw/convert.py": "1\n",
    }
    if config is not None:
        files[".cts-audit.yml"] = config
    return write_tree(tmp_path, files)


def test_declared_files_are_left_out_and_shown(tmp_path: Path) -> None:
    root = repo(tmp_path, None)
    before = run_checks(folder_snapshot(root), load_rules())["media_licence"]
    assert before.status.value in ("warn", "fail")
    assert "data/raw/scan.pdf" in before.files

    root = repo(tmp_path, DECLARED)
    out = CliRunner().invoke(main, ["check", "--lang", "en", "--format", "json", str(root)])
    doc = json.loads(out.output)
    media = doc["checks"]["media_licence"]
    assert (media["status"], media["files_total"]) == ("pass", 1)  # only the team's own image
    declared = [e for e in media["evidence"] if e.get("kind") == "team_third_party"]
    assert {e["path"] for e in declared} == {"static/fonts/inter.svg", "logos/github.svg"}
    assert {e["licence"] for e in declared} == {"OFL-1.1", "LicenseRef-GitHub-Logos"}
    for fmt, lang, said in (
        ("text", "en", "declared by the team as someone else's work, under OFL-1.1"),
        ("text", "sv", "enligt teamet någon annans verk, med licensen OFL-1.1"),
    ):
        shown = CliRunner().invoke(main, ["check", "--lang", lang, "--format", fmt, str(root)])
        # The text output wraps at the terminal's width: read it as one line.
        assert said in " ".join(shown.output.replace("\\", "").split()), shown.output


def test_ignored_paths_are_not_the_teams_code_either(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {"README.md": GOOD_README, "vendored/lib.js": "1\n", ".cts-audit.yml": ""}
    )
    assert run_checks(folder_snapshot(root), load_rules())["code_licence"].status.value == "fail"
    (root / ".cts-audit.yml").write_text("ignore: [vendored/]\n")
    result = run_checks(folder_snapshot(root), load_rules())["code_licence"]
    assert result.status.value == "not_applicable"


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ("third_party:\n  - path: a.png\n    licence: MIT\n    sorce: x\n", ":4", "sorce"),
        ("third_party:\n  - path: a.png\n    licence: MIT\n", ":2", "needs source"),
        (
            "third_party:\n  - path: a.png\n    licence: Free to use\n    source: web\n",
            ":3",
            "not an SPDX licence expression",
        ),
        ("ignore: data/\n", ":1", "a list of paths"),
        ("- a\n- b\n", "", "write a mapping"),
        ("ignore: [a/]\nignore: [b/]\n", ":2", "written twice"),
        ("third_party: [\n", ":2", "not valid YAML"),
        ("thirdparty:\n  - 1\n", ":2", "entry 1: write path, licence and source"),
        ("ignores: [a/]\n", ":1", "did you mean 'ignore'?"),
    ],
)
def test_mistakes_name_the_file_and_line(tmp_path: Path, text: str, where: str, said: str) -> None:
    with pytest.raises(TeamConfigError) as caught:
        parse_team_config(text)
    message = f"{caught.value}\n{caught.value.hint or ''}"
    assert said in message, message
    assert str(caught.value).startswith(f".cts-audit.yml{where}:" if where else ".cts-audit.yml")

    root = write_tree(tmp_path, {"README.md": GOOD_README, ".cts-audit.yml": text})
    done = CliRunner().invoke(main, ["check", str(root)])
    assert done.exit_code == 2 and ".cts-audit.yml" in done.output, done.output
    assert "Traceback" not in done.output


def test_in_an_audit_a_broken_file_is_evidence_not_a_crash(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {"app.py": "1\n", "a.png": PNG, ".cts-audit.yml": "ignore: [a/]\nbogus: 1\n"}
    )
    results = run_checks(folder_snapshot(root), load_rules())
    assert run_checks(
        folder_snapshot(write_tree(tmp_path / "b", {"a.py": "1", ".cts-audit.yml": "["})),
        load_rules(),
    )
    notes = [e for e in results["code_licence"].evidence if e.kind == "team_config_unusable"]
    assert notes and notes[0].path == ".cts-audit.yml" and notes[0].line == 2
    assert results["media_licence"].status.value == "fail"  # nothing was declared
    # Every report words what is wrong in its own language.
    english = evidence_text(notes[0], labels("en"), "en")
    swedish = evidence_text(notes[0], labels("sv"), "sv")
    assert "bogus" in english and "bogus" in swedish
    assert english.split(": ", 1)[1] not in swedish


def test_files_all_declared_as_someone_else_s_are_said_to_be_so(tmp_path: Path) -> None:
    from cts_audit.explain import explain

    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text("print(1)\n", encoding="utf-8")
    (root / "img").mkdir()
    (root / "img" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".cts-audit.yml").write_text(
        "third_party:\n  - {path: img/logo.png, licence: LicenseRef-Logo, source: https://x.org}\n",
        encoding="utf-8",
    )
    rules = load_rules()
    result = run_checks(folder_snapshot(root), rules)["media_licence"]
    assert (result.status.value, result.reason) == ("not_applicable", "only_declared")
    said = explain(result, rules, "en").summary
    assert said.startswith("The only file of this kind here is someone else's work")
    assert "no images" not in said
    assert "Den enda filen av det här slaget" in explain(result, rules, "sv").summary
