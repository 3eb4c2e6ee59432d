"""Benchmark `cts-audit check` on a generated 50,000-file repository, beside `reuse lint`.

Usage: python benchmarks/bench_check.py [--files 50000] [--packages 200] [--real PATH ...]
                                        [--no-reuse]

Prints wall time, files per second and peak memory (max RSS of the child process) for
cts-audit, and the same for `reuse lint` (installed from PyPI into its own virtual
environment under benchmarks/.work/) on the same trees, with the ratio.
Targets: at least 5 times faster than `reuse lint`, peak memory under 200 MB.

With --packages N a second tree is measured too: a monorepo of N packages, each with its own
LICENSE and no licence at the top or in the files (every licence speaks for a folder only,
the costly case for telling which code has one).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
ROOT = HERE.parent
MIT = (ROOT / "examples/hackathon/projects/open-bike-data/LICENSE").read_text()

CODE = ("py", "js", "ts", "tsx", "css", "html", "go", "rb", "java", "c")
MEDIA = ("png", "jpg", "svg", "pdf", "mp4", "webp")
DOCS = ("md", "txt", "rst")


def generate_packages(root: Path, count: int, packages: int, seed: int = 7) -> Path:
    """``packages`` folders, each with its own LICENSE, and an app of its own beside them
    (a tenth of the files) without one."""
    if root.exists() and sum(1 for _ in root.rglob("*")) >= count:
        return root
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(seed)
    root.mkdir(parents=True)
    (root / "README.md").write_text("# Monorepo\n\nPackages, each under its own licence.\n")
    for number in range(packages):
        (root / f"packages/p{number}").mkdir(parents=True)
        (root / f"packages/p{number}/LICENSE").write_text(MIT)
    for index in range(count - packages - 1):
        folder = "app" if index % 10 == 0 else f"packages/p{rng.randrange(packages)}"
        path = root / folder / f"d{rng.randrange(5)}" / f"f{index}.{rng.choice(CODE)}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"const x{index} = {index};\n")
    return root


def generate(root: Path, count: int, seed: int = 7) -> Path:
    """A realistic mix: 70% code, 15% media, 10% docs, 5% config, in nested folders."""
    if root.exists() and sum(1 for _ in root.rglob("*")) >= count:
        return root
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(seed)
    (root / "LICENSE").parent.mkdir(parents=True, exist_ok=True)
    (root / "LICENSE").write_text(MIT)
    (root / "README.md").write_text(
        "# Big project\n\nA generated project used to measure cts-audit.\n\n"
        "## How we worked\n\nWe paired and kept notes.\n\n## License\n\n"
        "Code: MIT. Images and texts: CC BY 4.0.\n"
    )
    (root / "REUSE.toml").write_text(
        'version = 1\n[[annotations]]\npath = ["**/*.png", "**/*.jpg", "**/*.svg"]\n'
        'SPDX-License-Identifier = "CC-BY-4.0"\n'
    )
    folders = [
        "/".join(f"d{rng.randrange(20)}" for _ in range(rng.randrange(1, 6))) for _ in range(800)
    ]
    for index in range(count - 3):
        roll = rng.random()
        ext = (
            rng.choice(CODE)
            if roll < 0.70
            else rng.choice(MEDIA)
            if roll < 0.85
            else rng.choice(DOCS)
            if roll < 0.95
            else "json"
        )
        path = root / rng.choice(folders) / f"f{index}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = (
            f"// SPDX-License-Identifier: MIT\nconst x{index} = {index};\n"
            if ext in CODE
            else f"file {index}\n"
        )
        path.write_text(body)
    return root


_RUNNER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one command, in a fresh parent process."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, *argv], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    peak_kb, code = proc.stdout.split()
    return wall, int(peak_kb) / 1024, int(code)


def reuse_bin() -> Path | None:
    venv = WORK / "reuse-venv"
    exe = venv / "bin" / "reuse"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "reuse"], check=False
        )
        if done.returncode != 0:
            return None
    return exe


def count_files(root: Path) -> int:
    total = 0
    for _dirpath, dirnames, filenames in os.walk(root):
        if ".git" in dirnames:
            dirnames.remove(".git")
        total += len(filenames)
    return total


def bench(tree: Path, label: str, with_reuse: bool) -> None:
    files = count_files(tree)
    cts = shutil.which("cts-audit") or str(Path(sys.executable).parent / "cts-audit")
    wall, peak, code = measure([cts, "check", "--format", "json", str(tree)])
    print(f"{label}: {files} files")
    print(
        f"  cts-audit check : {wall:7.2f} s  {files / wall:9.0f} files/s  peak {peak:6.1f} MB"
        f"  (exit {code})"
    )
    if not with_reuse:
        return
    exe = reuse_bin()
    if exe is None:
        print("  reuse lint      : could not be installed")
        return
    # reuse refuses trees that are not version-controlled only for ignore rules; it still lints.
    r_wall, r_peak, r_code = measure([str(exe), "--root", str(tree), "lint", "--quiet"])
    print(
        f"  reuse lint      : {r_wall:7.2f} s  {files / r_wall:9.0f} files/s  peak {r_peak:6.1f} MB"
        f"  (exit {r_code})"
    )
    print(f"  speed-up        : {r_wall / wall:5.1f}x  (target: at least 5x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--real", type=Path, nargs="*", default=[])
    parser.add_argument("--packages", type=int, default=0)
    parser.add_argument("--no-reuse", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    tree = generate(WORK / f"generated-{args.files}", args.files)
    bench(tree, "generated", not args.no_reuse)
    if args.packages:
        name = f"packages-{args.packages}-{args.files}"
        monorepo = generate_packages(WORK / name, args.files, args.packages)
        bench(monorepo, f"monorepo of {args.packages} packages", not args.no_reuse)
    for real in args.real:
        bench(real, f"real: {real.name}", not args.no_reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
