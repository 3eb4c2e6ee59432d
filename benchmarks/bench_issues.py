"""Benchmark the issues command: writes made by a second --apply over unchanged findings.

Usage: python benchmarks/bench_issues.py [--repos 100]

Audits N failing repositories on the loopback GitHub, runs `issues --apply` twice and prints
the write requests (POST/PATCH) of each run. Target for the second run: 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402
from tests.github_fake import FakeGitHub  # noqa: E402

from cts_audit.cli import main as cli  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        work = Path(tmp)
        os.environ["CTS_AUDIT_HOME"] = str(work / "home")
        lines = ["network: Bench", "events: [{slug: ev, name: Ev}]", "projects:"]
        for index in range(args.repos):
            fake.add_repo(f"team/r{index:04d}", {"app.py": "print(1)\n", "README.md": "# r\n"})
            lines.append(
                f"  - {{name: 'r{index}', event: ev, language: sv,"
                f" repositories: [https://github.com/team/r{index:04d}]}}"
            )
        registry = work / "registry.yml"
        registry.write_text("\n".join(lines) + "\n")
        common = ["--api-url", fake.base_url, "--db", str(work / "history.sqlite")]
        env = {"GITHUB_TOKEN": "bench-token"}
        runner = CliRunner()
        audit = runner.invoke(
            cli,
            ["audit", str(registry), *common, "--out", str(work / "r"), "--format", "json"],
            env=env,
        )
        assert audit.exit_code == 1, audit.output
        issues = [
            "issues",
            str(registry),
            *common,
            "--apply",
            "--write-interval",
            "0",
            "--max-open",
            str(args.repos),
        ]
        figures = []
        for _ in range(2):
            before = fake.writes
            start = time.perf_counter()
            done = runner.invoke(cli, issues, env=env)
            assert done.exit_code == 0, done.output
            figures.append((fake.writes - before, time.perf_counter() - start))
        print(f"issues for {args.repos} repositories with findings")
        print(f"  first --apply : {figures[0][0]} write requests ({figures[0][1]:.1f} s)")
        print(f"  second --apply: {figures[1][0]} write requests ({figures[1][1]:.1f} s)  target 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
