"""The organisers' publishing workflow: valid for GitHub Actions, and its commands work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
WORKFLOW = ROOT / "examples/workflows/publish-report.yml"
#: The linter of GitHub Actions workflows (installed with the test extra).
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
    "actionlint"
)


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    if ACTIONLINT is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have actionlint (the test extra installs it)")
        pytest.skip("needs actionlint: pip install -e '.[test]'")
    return subprocess.run(
        [ACTIONLINT, "-no-color", str(path)], capture_output=True, text=True, check=False
    )


def steps() -> dict[str, dict[str, str]]:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {s.get("name", s.get("uses", "")): s for s in doc["jobs"]["audit"]["steps"]}


def test_the_workflow_passes_actionlint(tmp_path: Path) -> None:
    done = lint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    # The check can fail: a job without a runner is an error.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on: ubuntu-latest\n", "", 1))
    assert lint(broken).returncode != 0


def test_the_workflow_is_scheduled_keeps_history_and_deploys_pages() -> None:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = doc[True] if True in doc else doc["on"]  # YAML 1.1 reads the key `on` as true
    assert on["schedule"][0]["cron"] and "workflow_dispatch" in on
    uses = [s.get("uses", "") for job in doc["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert doc["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets.CTS_AUDIT_TOKEN" in text and "--db history/history.sqlite" in text
    assert "git push" in steps()["Keep the history"]["run"]


def test_the_workflow_s_audit_and_site_steps_work(tmp_path: Path) -> None:
    """The two cts-audit steps, run as the workflow runs them, on the bundled example."""
    (tmp_path / "registry").symlink_to(ROOT / "examples/hackathon")
    (tmp_path / "history").mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "REGISTRY": "registry.yml",
        "EVENT_ARGS": "",
        "CTS_AUDIT_HOME": str(tmp_path / ".cts-audit"),
        "SITE_URL": "https://network.github.io/reports",
    }
    env.pop("GITHUB_TOKEN", None)
    for name in ("Audit", "Build the site"):
        script = steps()[name]["run"]
        done = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    assert (tmp_path / "history/history.sqlite").is_file()
    assert (tmp_path / "report/index.html").is_file()
    page = (tmp_path / "site/en/projects/oppna-cykeldata.html").read_text(encoding="utf-8")
    assert "https://network.github.io/reports/badges/oppna-cykeldata.svg" in page
