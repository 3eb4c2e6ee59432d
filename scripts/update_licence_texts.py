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


def fetch(workdir: Path) -> tuple[str, dict[str, str]]:
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True
    )
    archive = next(workdir.glob("spdx-license-list-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    version = json.loads((workdir / "package" / "package.json").read_text())["version"]
    texts = {}
    for licence in IDS:
        data = json.loads((workdir / "package" / "licenses" / f"{licence}.json").read_text())
        texts[licence] = data["licenseText"].strip() + "\n"
    return version, texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        version, texts = fetch(Path(tmp))
    if args.check:
        stale = [
            i
            for i, t in texts.items()
            if not (DATA / f"{i}.txt").is_file() or (DATA / f"{i}.txt").read_text() != t
        ]
        print(f"spdx-license-list {version}: {len(stale)} texts differ {stale}")
        return 1 if stale else 0
    DATA.mkdir(parents=True, exist_ok=True)
    for licence, text in texts.items():
        (DATA / f"{licence}.txt").write_text(text, encoding="utf-8")
    (DATA / "README").write_text(
        f"Licence texts from the npm package spdx-license-list {version} (SPDX License List),\n"
        "written by scripts/update_licence_texts.py. Do not edit by hand.\n",
        encoding="utf-8",
    )
    print(f"wrote {len(texts)} texts from spdx-license-list {version} to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
