"""The pre-commit hook (.pre-commit-hooks.yaml), run by `pre-commit try-repo` as a team would.

pre-commit installs the hook's package from this repository into an environment of its own
with pip, so the dependencies come from the package index, as they do for a team.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .repos import GOOD_README, MIT_TEXT, PNG, git_repo

ROOT = Path(__file__).parents[1]
PASSING = ROOT / "examples/hackathon/projects/open-bike-data"


def test_the_hook_is_declared_for_the_whole_repository() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "cts-audit-check"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["cts-audit", "check"]
    # the checks are about the repository, not the files a commit touches
    assert hook["pass_filenames"] is False and hook["always_run"] is True


def try_repo(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    command = [str(pre_commit)] if pre_commit.exists() else [sys.executable, "-m", "pre_commit"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "CTS_AUDIT_HOME": str(home / "cts")}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [*command, "try-repo", str(ROOT), "cts-audit-check", "--all-files", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.slow
def test_pre_commit_try_repo_on_fixture_repositories(tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    failing = git_repo(
        tmp_path / "failing",
        {"README.md": GOOD_README, "app.py": "print(1)\n", "LICENSE": MIT_TEXT, "a.png": PNG},
    )
    done = try_repo(failing, home)
    out = done.stdout + done.stderr
    assert "Could not install" not in out, out
    assert done.returncode == 1, out
    assert "cts-audit check" in out and "Failed" in out
    assert "a.png" in out  # the hook's own output names the file to fix

    shutil.copytree(PASSING, tmp_path / "passing")
    passing = git_repo(tmp_path / "passing", {})
    done = try_repo(passing, home, "--verbose")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Passed" in out and "OSI" in out
