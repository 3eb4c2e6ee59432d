"""Benchmark `cts-audit check` beside licensee (`licensee detect`) on the same small repositories.

Usage: python benchmarks/bench_licensee.py [--runs 5] [REPO ...]

Without REPO it uses the bundled example projects and, when it is there, every repository of
the developer set in ../corpus (beside the project's folder). Each tool runs --runs times per
repository, the two in turn, after one warm-up run (cts-audit's prepared licence templates
and its validated policy are then in its cache folder, as on a team's laptop after the
first check); the figure per repository is the median of those runs. cts-audit runs as
installed from a wheel: byte-compiled (whatever PYTHONDONTWRITEBYTECODE says). Prints
per-repository medians, then the median, p90 and max over the repositories for each tool,
and the ratio cts-audit / licensee (target: at most 1).

licensee comes from Debian's package ruby-licensee (`apt-get install ruby-licensee`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"


def default_repos() -> list[Path]:
    repos = sorted(p for p in (ROOT / "examples/hackathon/projects").iterdir() if p.is_dir())
    corpus = ROOT.parent / "corpus"
    if corpus.is_dir():
        repos += sorted(p for p in corpus.iterdir() if p.is_dir())
    return repos


def cts_audit_command() -> list[str]:
    script = Path(sys.executable).parent / "cts-audit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cts_audit"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return elapsed


def paired_medians(
    ours: list[str], theirs: list[str], env: dict[str, str], runs: int
) -> tuple[float, float]:
    """Each tool's median over ``runs``, the two run in turn so both meet the same load."""
    timed(ours, env)  # warm-up: file cache, prepared templates, the kept policy
    timed(theirs, env)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(timed(ours, env))
        times[1].append(timed(theirs, env))
    return statistics.median(times[0]), statistics.median(times[1])


def installed_env(home: str) -> dict[str, str]:
    """The environment of an installed tool: pip writes each module's bytecode when it
    installs a wheel, so Python is allowed to write (and then read) it here too, whatever
    PYTHONDONTWRITEBYTECODE the shell has; the package is byte-compiled before timing."""
    import cts_audit

    package = Path(cts_audit.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    env = {**os.environ, "CTS_AUDIT_HOME": home, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    licensee = shutil.which("licensee")
    if licensee is None:
        raise SystemExit("licensee is missing: apt-get install ruby-licensee")
    repos = args.repos or default_repos()
    WORK.mkdir(exist_ok=True)
    home = tempfile.mkdtemp(prefix="cts-home-", dir=WORK)
    env = installed_env(home)
    cts = cts_audit_command()
    rows: list[tuple[str, float, float]] = []
    print(f"{'repository':<48} {'cts-audit':>10} {'licensee':>10} {'ratio':>7}")
    for repo in repos:
        ours, theirs = paired_medians(
            [*cts, "check", "--format", "json", str(repo)],
            [licensee, "detect", str(repo)],
            env,
            args.runs,
        )
        rows.append((repo.name, ours, theirs))
        print(f"{repo.name[:48]:<48} {ours:>9.3f}s {theirs:>9.3f}s {ours / theirs:>7.2f}")
    shutil.rmtree(home, ignore_errors=True)
    ours_all = [r[1] for r in rows]
    theirs_all = [r[2] for r in rows]
    print()
    print(f"{len(rows)} repositories, median of {args.runs} runs each (after one warm-up)")
    for name, values in (("cts-audit check", ours_all), ("licensee detect", theirs_all)):
        print(
            f"{name:<16} median {statistics.median(values):.3f}s  p90 {p90(values):.3f}s"
            f"  max {max(values):.3f}s"
        )
    ratio = statistics.median(ours_all) / statistics.median(theirs_all)
    ratios = [ours / theirs for _, ours, theirs in rows]
    print(f"ratio (median cts-audit / median licensee): {ratio:.2f}  (target: at most 1.00)")
    print(
        f"ratio per repository: median {statistics.median(ratios):.2f}  p90 {p90(ratios):.2f}"
        f"  max {max(ratios):.2f}"
    )


if __name__ == "__main__":
    main()
