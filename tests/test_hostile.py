"""Repositories written by strangers: each hostile case gets a clear result, the audit goes on."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit.checks import run_checks
from cts_audit.checks.interface import Status
from cts_audit.cli import main
from cts_audit.rules import Rules, load_rules
from cts_audit.sources.local import folder_snapshot

from .repos import GOOD_README, MIT_TEXT, PNG, git_repo, write_tree


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def check_all(root: Path, rules: Rules) -> dict[str, Status]:
    return {name: r.status for name, r in run_checks(folder_snapshot(root), rules).items()}


def test_a_licence_file_of_a_gigabyte(tmp_path: Path, rules: Rules) -> None:
    write_tree(tmp_path, {"app.py": "1\n", "README.md": GOOD_README})
    with (tmp_path / "LICENSE").open("wb") as handle:
        handle.write(MIT_TEXT.encode())
        handle.truncate(1 << 30)  # sparse: claims 1 GB, reads stop at the cap
    result = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert result.status in (Status.PASS, Status.WARN)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02binary\xff" * 1000,
        "Licens: MIT\n".encode("utf-16"),
        "Licensierad under MIT-licensen, © Åsa".encode("latin-1"),
    ],
    ids=["binary", "utf16", "latin1"],
)
def test_binary_and_non_utf8_licence_files(tmp_path: Path, rules: Rules, content: bytes) -> None:
    write_tree(tmp_path, {"app.py": "1\n", "LICENSE": content, "README.md": content})
    statuses = check_all(tmp_path, rules)
    assert set(statuses) == {"code_licence", "media_licence", "working_method"}


def test_hostile_file_names(tmp_path: Path, rules: Rules) -> None:
    names = ["new\nline.png", "ctrl\x07bell.png", "rtl\u202egnp.exe.png", "tab\there.svg"]
    write_tree(tmp_path, {name: PNG for name in names} | {"README.md": GOOD_README})
    (tmp_path / os.fsdecode(b"bad-\xff\xfe.jpg")).write_bytes(PNG)
    result = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
    assert result.status is Status.FAIL and result.files_total == 5
    for shown in (*result.files, *result.annotate):
        assert "\n" not in shown and "\u202e" not in shown and "\x07" not in shown
        shown.encode("utf-8")  # storable and printable
    out = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert out.exit_code == 1
    assert json.loads(out.output)["checks"]["media_licence"]["files_total"] == 5


def test_symlink_loops_and_escapes(tmp_path: Path, rules: Rules) -> None:
    repo = tmp_path / "repo"
    write_tree(repo, {"app.py": "1\n", "README.md": GOOD_README})
    os.symlink("/etc/passwd", repo / "LICENSE")
    os.symlink("a", repo / "b")
    os.symlink("b", repo / "a")
    os.symlink("..", repo / "up")
    os.symlink(str(tmp_path), repo / "docs")
    snapshot = folder_snapshot(repo)
    assert {e.path for e in snapshot} >= {"LICENSE", "a", "b", "up", "docs"}
    assert all(e.resolved is None for e in snapshot if e.is_symlink)
    assert check_all(repo, rules)["code_licence"] is Status.FAIL


@pytest.mark.slow
@pytest.mark.timeout(900)  # a robustness test: a loaded machine may take its time
def test_two_hundred_thousand_files(tmp_path: Path, rules: Rules) -> None:
    for folder in range(200):
        sub = tmp_path / f"d{folder}"
        sub.mkdir()
        for index in range(1000):
            (sub / f"f{index}.py").touch()
    write_tree(tmp_path, {"LICENSE": MIT_TEXT, "README.md": GOOD_README})
    snapshot = folder_snapshot(tmp_path)
    assert len(snapshot) == 200_002
    assert run_checks(snapshot, rules)["code_licence"].status is Status.PASS


def test_fifty_levels_of_folders(tmp_path: Path, rules: Rules) -> None:
    deep = "/".join(f"l{i}" for i in range(50))
    write_tree(tmp_path, {f"{deep}/x.png": PNG, "LICENSE": MIT_TEXT, "README.md": GOOD_README})
    result = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
    assert result.status is Status.FAIL and result.files == (f"{deep}/x.png",)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("REUSE.toml", "version = 1\n[[annotations]\npath = broken"),
        ("REUSE.toml", "version = 1\n" + "# padding\n" * 200_000),
        ("package.json", '{"license": '),
        ("package.json", '{"license": "MIT", "x": "' + "a" * 5_000_000 + '"}'),
        ("package.json", "[" * 100_000),
        ("pyproject.toml", "[project\nlicense = "),
    ],
    ids=["reuse-invalid", "reuse-huge", "json-invalid", "json-huge", "json-deep", "toml-invalid"],
)
def test_invalid_or_enormous_manifests(
    tmp_path: Path, rules: Rules, name: str, content: str
) -> None:
    write_tree(
        tmp_path, {"app.py": "1\n", "logo.png": PNG, "README.md": GOOD_README, name: content}
    )
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.FAIL  # nothing else declares a licence
    assert all(r.status is not Status.PASS or n == "working_method" for n, r in results.items())
    if "invalid" in name or name != "REUSE.toml":
        details = " ".join(e.detail for e in results["code_licence"].evidence)
        assert name in {e.path for e in results["code_licence"].evidence} or "licence" in details


def test_readme_tricks_stay_inert_in_reports_and_issues(tmp_path: Path) -> None:
    readme = (
        "# <script>alert('x')</script> Project\n\n"
        "<img src=x onerror=alert(1)> [click](javascript:alert(1)) @everyone\n\n"
        "## License\n\nLicensed under <b>MIT</b> <!-- SPDX-License-Identifier: MIT -->\n"
        + "Words about the project and how to run it. "
        * 10
    )
    project = tmp_path / "proj"
    write_tree(project, {"app.py": "1\n", "README.md": readme, "<b>x</b>.png": PNG})
    registry = tmp_path / "r.yml"
    registry.write_text(f"projects: [{{name: 'P', repositories: ['{project}']}}]\n")
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["audit", str(registry), "--out", str(out)])
    assert done.exit_code in (0, 1), done.output
    html = (out / "index.html").read_text()
    assert "<script>" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    markdown = (out / "report.md").read_text()
    # Outside code spans (where Markdown shows text as it is) no HTML is left.
    prose = re.sub(r"`[^`\n]*`", "", markdown)
    assert "<b>x</b>" not in prose and "<script>" not in prose
    assert "`<b>x</b>.png`" in markdown  # the file is still named, inside code


def test_one_broken_project_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write_tree(
        tmp_path / "good", {"app.py": "1\n", "LICENSE": MIT_TEXT, "README.md": GOOD_README}
    )
    registry = tmp_path / "r.yml"
    registry.write_text(
        "projects:\n"
        f"  - {{name: Missing, repositories: ['{tmp_path / 'missing'}']}}\n"
        f"  - {{name: Good, repositories: ['{good}']}}\n"
    )
    done = CliRunner().invoke(
        main, ["audit", str(registry), "--out", str(tmp_path / "o"), "--format", "json"]
    )
    assert done.exit_code in (0, 1), done.output
    doc = json.loads((tmp_path / "o" / "report.json").read_text())
    outcomes = {p["name"]: p["repositories"][0]["outcome"] for p in doc["projects"]}
    assert outcomes == {"Missing": "not_available", "Good": "ok"}


# -- the command line on odd input ------------------------------------------------------------


def test_a_clone_that_fails_says_why_in_one_clean_line(tmp_path: Path) -> None:
    url = (tmp_path / "nonexist.git").as_uri()
    result = CliRunner().invoke(main, ["check", url, "--lang", "en"])
    assert result.exit_code == 2
    assert "does not appear to be a git repository" in result.stderr
    assert "cannot clone: and the repository exists" not in result.stderr
    assert "public or that you have access" in result.stderr
    assert "Traceback" not in result.output


def test_a_bare_repository_is_read_through_a_clone(tmp_path: Path) -> None:
    work = git_repo(
        tmp_path / "work",
        {"app.py": "1\n", "LICENSE": MIT_TEXT, "README.md": GOOD_README},
    )
    bare = tmp_path / "team.git"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True
    )
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bare)])
    doc = json.loads(result.stdout)
    assert doc["checks"]["code_licence"]["licence"] == "MIT"
    assert doc["checks"]["working_method"]["status"] != "fail"
    assert doc["repository"]["name"] == "team"


def test_an_incomplete_repository_on_disk_says_how_to_find_out(tmp_path: Path) -> None:
    """A mirror missing objects (a partial copy): the tip is git fsck, not "is it public?"."""
    work = git_repo(tmp_path / "work", {"app.py": "1\n", "README.md": GOOD_README})
    bare = tmp_path / "team.git"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True
    )
    blob = subprocess.run(
        ["git", "--git-dir", str(bare), "rev-parse", "HEAD:README.md"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (bare / "objects" / blob[:2] / blob[2:]).unlink()
    result = CliRunner().invoke(main, ["check", str(bare), "--lang", "en"])
    assert result.exit_code == 2
    assert "cannot clone" in result.stderr and "git fsck" in result.stderr
    swedish = CliRunner().invoke(main, ["check", str(bare)])  # the rules' own language
    assert "kan inte klona" in swedish.stderr and "`git fsck` i det" in swedish.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["EN", "En", "en"])
def test_lang_is_case_insensitive(tmp_path: Path, lang: str) -> None:
    write_tree(tmp_path, {"README.md": GOOD_README})
    result = CliRunner().invoke(main, ["check", "--lang", lang, str(tmp_path)])
    assert "The README explains the project" in result.stdout


@pytest.mark.parametrize("lang", ["fi", "xx", ""])
def test_a_language_without_texts_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    result = CliRunner().invoke(main, ["check", "--lang", lang, str(tmp_path)])
    assert result.exit_code == 2
    assert "sv" in result.stderr and "en" in result.stderr
    assert "Traceback" not in result.output


def test_a_check_without_a_verdict_fails_the_command(tmp_path: Path) -> None:
    write_tree(tmp_path, {"LICENSE": MIT_TEXT, "app.py": "1\n", "README.md": b"\x00\x01" * 200})
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    doc = json.loads(result.stdout)
    assert doc["checks"]["working_method"]["status"] == "error"
    assert doc["checks"]["code_licence"]["status"] == "pass"
    assert result.exit_code == 1
