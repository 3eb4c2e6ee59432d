#!/usr/bin/env python3
"""Refresh the licence texts cts-audit recognises: the whole SPDX License List, from the npm
package spdx-license-list.

Usage: python scripts/update_licence_texts.py [--check]

Writes src/cts_audit/licences/data/spdx-texts.json.xz: every licence of the list with its
name, OSI flag and full text. With --check, only report whether the bundled data differs
from the current package (exit 1 when it does). Needs npm and access to the npm registry.
"""

from __future__ import annotations

import argparse
import json
import lzma
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "spdx-license-list@6"
DATA = Path(__file__).resolve().parents[1] / "src" / "cts_audit" / "licences" / "data"
BUNDLE = DATA / "spdx-texts.json.xz"


def fetch(workdir: Path) -> dict[str, object]:
    """The bundle as it should be: the package's version and every licence it holds."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True
    )
    archive = next(workdir.glob("spdx-license-list-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    package = workdir / "package"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    licences = {}
    for path in sorted((package / "licenses").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        licences[path.stem] = {
            "name": data["name"],
            "osi": bool(data.get("osiApproved")),
            "text": data["licenseText"].strip() + "\n",
        }
    return {"source": f"npm spdx-license-list {version}", "licences": licences}


def current() -> dict[str, object] | None:
    try:
        loaded: dict[str, object] = json.loads(lzma.decompress(BUNDLE.read_bytes()))
    except (OSError, ValueError, lzma.LZMAError):
        return None
    return loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report whether the bundled texts are stale"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wanted = fetch(Path(tmp))
    if args.check:
        stale = current() != wanted
        print("licence texts are stale" if stale else "licence texts up to date")
        return 1 if stale else 0
    DATA.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(wanted, ensure_ascii=False, sort_keys=True, indent=0).encode()
    BUNDLE.write_bytes(lzma.compress(payload, preset=9 | lzma.PRESET_EXTREME))
    (DATA / "README").write_text(
        f"spdx-texts.json.xz: the SPDX License List ({wanted['source']}), every licence\n"
        "with its name, OSI flag and full text, written by scripts/update_licence_texts.py.\n"
        "Do not edit by hand.\n",
        encoding="utf-8",
    )
    licences = wanted["licences"]
    assert isinstance(licences, dict)
    print(f"{len(licences)} licence texts written to {BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
