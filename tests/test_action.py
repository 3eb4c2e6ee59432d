"""The GitHub Action (action.yml): linted by actionlint, its steps run here as a runner would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from cts_audit.cli import main

from .repos import GOOD_README, MIT_TEXT, PNG, write_tree
from .test_sarif import valid_sarif

ROOT = Path(__file__).parents[1]
ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def actionlint() -> str:
    """actionlint from the test extra (a wheel that carries the binary), else from PATH."""
    here = Path(sys.executable).parent / "actionlint"
    found = str(here) if here.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is missing: install the test extra (pip install -e '.[test]')")
    return found


def readme_workflow() -> str:
    """The README's example workflow, which uses the published action."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    (workflow,) = [b for b in blocks if "uses: OWNER/cts-audit@v1" in b]
    return workflow


def lint(tmp_path: Path, workflow: str) -> subprocess.CompletedProcess[str]:
    repo = tmp_path / "repo"
    (repo / ".github/workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(ACTION, repo / "action.yml")
    (repo / ".github/workflows/check.yml").write_text(workflow, encoding="utf-8")
    # shellcheck is optional: actionlint uses it when it is there
    return subprocess.run(
        [actionlint(), "-no-color"], cwd=repo, capture_output=True, text=True, check=False
    )


def test_actionlint_passes_the_action_as_the_readme_uses_it(tmp_path: Path) -> None:
    workflow = readme_workflow().replace("OWNER/cts-audit@v1", "./")
    done = lint(tmp_path, workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reads_the_action_metadata(tmp_path: Path) -> None:
    """The check above means something: an input the action does not have is caught."""
    workflow = readme_workflow().replace("OWNER/cts-audit@v1", "./")
    workflow = workflow.replace("fail-on:", "fail-when:")
    done = lint(tmp_path, workflow)
    assert done.returncode == 1
    assert 'input "fail-when" is not defined in action "cts-audit check"' in done.stdout


def test_every_input_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in action()["inputs"]:
        assert f"`{name}`" in readme, name


class Runner:
    """Runs the action's `run` steps with bash as a GitHub runner does, in a workspace."""

    def __init__(self, tmp_path: Path, workspace: Path) -> None:
        self.workspace = workspace
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        self.summary = tmp_path / "step-summary.md"
        self.output = tmp_path / "output.txt"
        self.outputs: dict[str, dict[str, str]] = {
            # actions/setup-python with update-environment: false gives the interpreter's path
            "python": {"python-path": sys.executable},
        }

    def evaluate(self, text: str, inputs: dict[str, str]) -> str:
        def value(match: re.Match[str]) -> str:
            expr = match.group(1)
            if expr.startswith("inputs."):
                return inputs[expr.removeprefix("inputs.")]
            if expr == "github.action_path":
                return str(ROOT)
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
            if step:
                return self.outputs.get(step[1], {}).get(step[2], "")
            raise AssertionError(f"the test does not know the expression {expr!r}")

        return EXPRESSION.sub(value, text)

    def run(self, step: dict[str, Any], given: dict[str, str]) -> subprocess.CompletedProcess[str]:
        inputs = {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
        inputs.update(given)
        assert step["shell"] == "bash"
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(self.temp)),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.output),
            "CTS_AUDIT_HOME": str(self.temp / "home"),
        }
        for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
            if key in os.environ:
                env[key] = os.environ[key]
        env.update({k: self.evaluate(str(v), inputs) for k, v in step.get("env", {}).items()})
        self.output.write_text("")
        script = self.temp / "step.sh"
        script.write_text(self.evaluate(step["run"], inputs), encoding="utf-8")
        # what GitHub runs for `shell: bash`
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        lines = self.output.read_text().splitlines()
        outputs = dict(line.split("=", 1) for line in lines if "=" in line)
        self.outputs[step.get("id", "")] = outputs
        return done


def steps() -> dict[str, dict[str, Any]]:
    return {s.get("id") or s["name"]: s for s in action()["runs"]["steps"]}


@pytest.mark.slow
def test_the_action_steps_on_a_fixture_repository(tmp_path: Path) -> None:
    workspace = write_tree(
        tmp_path / "workspace",
        {
            "README.md": GOOD_README,
            "app.py": "print(1)\n",
            "LICENSE": MIT_TEXT,
            "img/photo.png": PNG,  # no Creative Commons licence: the media check fails
        },
    )
    runner = Runner(tmp_path, workspace)
    all_steps = steps()
    assert all_steps["python"]["uses"].startswith("actions/setup-python@")
    installed = runner.run(all_steps["Install cts-audit"], {})
    assert installed.returncode == 0, installed.stderr
    assert (runner.temp / "cts-audit/bin/cts-audit").exists()

    check = all_steps["check"]
    failed = runner.run(check, {"sarif-file": "cts-audit.sarif", "lang": "en"})
    assert failed.returncode == 1, failed.stderr  # fail-on: fail, and the media check fails
    summary = runner.summary.read_text(encoding="utf-8")
    assert "| Check | Status | Finding |" in summary and "img/photo.png" in summary
    assert runner.outputs["check"] == {"sarif-file": "cts-audit.sarif"}
    log = valid_sarif((workspace / "cts-audit.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["media_licence", "working_method"]
    assert "Licence for texts, images and video" in failed.stdout  # the job log, in words

    never = runner.run(check, {"fail-on": "never", "lang": "sv"})
    assert never.returncode == 0, never.stderr
    assert "| Kontroll | Status | Resultat |" in runner.summary.read_text(encoding="utf-8")
    assert runner.outputs["check"] == {}  # no SARIF asked for

    write_tree(workspace, {"REUSE.toml": REUSE_CC_BY})
    passing = runner.run(check, {"lang": "en"})
    assert passing.returncode == 0, passing.stdout  # the README says nothing on how they worked:
    assert "warn" in passing.stdout  # a warning, which fails only with fail-on: warn
    assert runner.run(check, {"fail-on": "warn"}).returncode == 1

    rules = workspace / "strict.yml"
    rules.write_text("extends: cts\nchecks:\n  media_licence:\n    enabled: false\n")
    (workspace / "REUSE.toml").unlink()
    relaxed = runner.run(check, {"rules": "strict.yml", "lang": "en"})
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "Licence for texts" not in relaxed.stdout

    bad = runner.run(check, {"fail-on": "sometimes"})
    assert bad.returncode == 2 and "sometimes" in bad.stderr  # a usage error, said plainly


REUSE_CC_BY = """version = 1

[[annotations]]
path = "img/**"
SPDX-FileCopyrightText = "The team"
SPDX-License-Identifier = "CC-BY-4.0"
"""


@pytest.mark.parametrize(("fail_on", "code"), [("fail", 0), ("warn", 1), ("never", 0)])
def test_check_fail_on_a_warning(tmp_path: Path, fail_on: str, code: int) -> None:
    write_tree(tmp_path, {"README.md": GOOD_README, "app.py": "1\n", "LICENSE": MIT_TEXT})
    done = CliRunner().invoke(main, ["check", "--fail-on", fail_on, str(tmp_path)])
    assert done.exit_code == code, done.output  # the working method only warns


def test_check_fail_on_never_still_reports_a_failure(tmp_path: Path) -> None:
    write_tree(tmp_path, {"README.md": GOOD_README, "app.py": "1\n"})
    args = ["check", "--lang", "en", str(tmp_path)]
    assert CliRunner().invoke(main, args).exit_code == 1
    never = CliRunner().invoke(main, [*args, "--fail-on", "never"])
    assert never.exit_code == 0 and "fail" in never.output
