"""REUSE data read as the ``reuse`` tool reads it: generated repositories with nested
REUSE.toml files, every precedence, glob patterns with ``?``, ``\\*`` and ``**``, folder
names that differ only in case, and ``.license`` sidecars. For every file, the licences
cts-audit attributes agree with ``reuse spdx``.

The ``reuse`` tool (GPL) is a test dependency only: it is run as a program, never imported.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cts_audit import licences
from cts_audit.checks import declared_reuse
from cts_audit.checks.context import Context
from cts_audit.checks.interface import Status
from cts_audit.checks.media_licence import _explicit
from cts_audit.checks.reuse import dep5_pattern, toml_pattern
from cts_audit.i18n import labels
from cts_audit.report.wording import evidence_text
from cts_audit.rules import Rules, load_rules
from cts_audit.sources.local import folder_snapshot

REUSE = shutil.which("reuse", path=str(Path(sys.executable).parent)) or shutil.which("reuse")
LICENCES = ("CC-BY-4.0", "CC0-1.0", "CC-BY-SA-4.0", "MIT")
FOLDERS = ("", "img", "Img", "img/sub", "docs", "docs/a")
NAMES = ("a.png", "b.png", "ab.png", "a?.png", "*.png", "c.svg")
PATTERNS = (
    "**",
    "*.png",
    "*",
    "**/*.png",
    "img/**",
    "img/*.png",
    "Img/**",
    "a?.png",
    "img/a?.png",
    "\\*.png",
    "img/\\*.png",
    "**/b.png",
    "docs/**/x.png",
    "sub/*",
)
REPOSITORIES = 40


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def _tree(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    files: dict[str, str] = {}
    for _ in range(rng.randint(4, 12)):
        folder = rng.choice(FOLDERS)
        path = f"{folder}/{rng.choice(NAMES)}" if folder else rng.choice(NAMES)
        files[path] = "x"
    for path in list(files):
        if rng.random() < 0.3:
            files[f"{path}.license"] = f"SPDX-License-Identifier: {rng.choice(LICENCES)}\n"
    for folder in rng.sample(("", "img", "img/sub", "docs"), rng.randint(1, 3)):
        tables = []
        for _ in range(rng.randint(1, 3)):
            paths = ", ".join(
                '"' + p.replace("\\", "\\\\") + '"' for p in rng.sample(PATTERNS, rng.randint(1, 2))
            )
            precedence = rng.choice(("closest", "closest", "aggregate", "override"))
            licence = (
                ""
                if rng.random() < 0.1
                else f'SPDX-License-Identifier = "{rng.choice(LICENCES)}"\n'
            )
            tables.append(
                f'[[annotations]]\npath = [{paths}]\nprecedence = "{precedence}"\n'
                f'SPDX-FileCopyrightText = "2024 Team"\n{licence}'
            )
        toml = "version = 1\n\n" + "\n".join(tables)
        files[f"{folder}/REUSE.toml" if folder else "REUSE.toml"] = toml
    return files


def _write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _reuse_spdx(root: Path) -> dict[str, set[str]]:
    assert REUSE is not None
    done = subprocess.run(
        [REUSE, "--root", str(root), "spdx"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    out: dict[str, set[str]] = {}
    current = None
    for line in done.stdout.splitlines():
        if line.startswith("FileName: "):
            current = line.removeprefix("FileName: ").removeprefix("./")
            out[current] = set()
        elif line.startswith("LicenseInfoInFile: ") and current is not None:
            value = line.removeprefix("LicenseInfoInFile: ").strip()
            if value != "NONE":
                out[current].add(value)
    return out


def _ids(expressions: list[str]) -> set[str]:
    out: set[str] = set()
    for expression in expressions:
        out |= set(licences.parse(expression).ids)
    return out


@pytest.mark.skipif(REUSE is None, reason="the reuse tool (test extra) is not installed")
def test_every_file_gets_the_licences_reuse_gives_it(tmp_path: Path, rules: Rules) -> None:
    files_seen = agreed = media_seen = media_agreed = 0
    disagreements: list[str] = []
    for seed in range(REPOSITORIES):
        root = tmp_path / f"repo{seed}"
        files = _tree(seed)
        _write(root, files)
        oracle = _reuse_spdx(root)
        decls = Context(folder_snapshot(root), rules).declarations
        for path, expected in sorted(oracle.items()):
            if path.endswith((".license", "REUSE.toml")) or path not in files:
                continue
            files_seen += 1
            ours = _ids(decls.reuse_licence(path))
            if ours == expected:
                agreed += 1
            else:
                disagreements.append(f"seed {seed} {path}: reuse {expected}, ours {ours}")
            entry = decls.snapshot.get(path)
            if expected and len(expected) == 1 and entry is not None:
                # The media check's own reading: one licence, the same one.
                media_seen += 1
                cover = _explicit(entry, decls.sidecars, decls.reuse, [])
                if cover is not None and _ids([cover.licence or ""]) == expected:
                    media_agreed += 1
                else:
                    disagreements.append(f"seed {seed} {path}: media check {cover}")
    print(f"REUSE agreement: {agreed}/{files_seen} files; media check {media_agreed}/{media_seen}")
    assert files_seen > 200
    assert disagreements == [], "\n".join(d[:160] for d in disagreements)


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("a?.png", "a?.png", True),
        ("a?.png", "ab.png", False),  # "?" is itself, not any character
        ("\\*.png", "*.png", True),
        ("\\*.png", "a.png", False),
        ("*.png", "img/a.png", False),  # "*" stays within a folder
        ("**.png", "img/a.png", True),
        ("img/**/x.png", "img/x.png", True),
        ("img/**/x.png", "img/a/b/x.png", True),
        ("Img/**", "img/a.png", False),  # case counts
        ("a\\\\b", "a\\b", True),
    ],
)
def test_reuse_toml_patterns(pattern: str, path: str, matches: bool) -> None:
    assert (toml_pattern(pattern).match(path) is not None) is matches


def test_dep5_patterns_cross_folders_and_take_any_character() -> None:
    assert dep5_pattern("img/*").match("img/a/b.png")
    assert dep5_pattern("a?.png").match("ab.png")
    assert not dep5_pattern("*.svg").match("a.png")


def test_a_nested_reuse_toml_wins_whatever_the_case_of_folder_names(
    tmp_path: Path, rules: Rules
) -> None:
    files = {
        "REUSE.toml": (
            'version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "MIT"\n'
        ),
        "Zeta/REUSE.toml": (
            'version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "CC0-1.0"\n'
        ),
        "Zeta/a.png": "x",
        "alpha/b.png": "x",
    }
    _write(tmp_path, files)
    decls = Context(folder_snapshot(tmp_path), rules).declarations
    assert decls.reuse_licence("Zeta/a.png") == ["CC0-1.0"]
    assert decls.reuse_licence("alpha/b.png") == ["MIT"]


def test_override_ignores_the_sidecar_and_aggregate_adds_to_it(
    tmp_path: Path, rules: Rules
) -> None:
    toml = (
        'version = 1\n[[annotations]]\npath = "o/**"\nprecedence = "override"\n'
        'SPDX-License-Identifier = "CC-BY-4.0"\n[[annotations]]\npath = "g/**"\n'
        'precedence = "aggregate"\nSPDX-License-Identifier = "CC0-1.0"\n'
    )
    sidecar = "SPDX-License-Identifier: CC-BY-SA-4.0\n"
    files = {
        "REUSE.toml": toml,
        "o/a.png": "x",
        "o/a.png.license": sidecar,
        "g/a.png": "x",
        "g/a.png.license": sidecar,
    }
    _write(tmp_path, files)
    decls = Context(folder_snapshot(tmp_path), rules).declarations
    assert decls.reuse_licence("o/a.png") == ["CC-BY-4.0"]
    assert sorted(decls.reuse_licence("g/a.png")) == ["CC-BY-SA-4.0", "CC0-1.0"]
    assert "o/a.png" not in decls.sidecars
    assert set(decls.sidecars["g/a.png"].expression.ids) == {"CC-BY-SA-4.0", "CC0-1.0"}
    assert re.search(r"CC-BY-SA-4\.0", decls.sidecars["g/a.png"].licence)


def _code_licence(root: Path, files: dict[str, str], rules: Rules):
    from cts_audit.checks import run_checks

    _write(root, files)
    return run_checks(folder_snapshot(root), rules)["code_licence"]


def test_licences_folder_is_a_library_of_texts(tmp_path: Path, rules: Rules) -> None:
    """A text there that nothing names is unused, not a second licence of the repository."""
    files = {
        "app.py": "# SPDX-License-Identifier: MIT\nprint(1)\n",
        "docs/cla.md": "# Contributor agreement\n",
        "docs/cla.md.license": "SPDX-License-Identifier: CC-BY-SA-4.0\n",
        "LICENSES/MIT.txt": "MIT License\n",
        "LICENSES/CC-BY-SA-4.0.txt": "Attribution-ShareAlike 4.0 International\n",
        "LICENSES/Apache-2.0.txt": "Apache License\n",
    }
    result = _code_licence(tmp_path, files, rules)
    assert (result.status, result.reason, result.licence) == (Status.PASS, "osi", "MIT")
    unused = [e for e in result.evidence if e.kind == "unused_licence_text"]
    assert [e.path for e in unused] == ["LICENSES/Apache-2.0.txt"]


def test_a_licence_text_named_only_past_the_headers_read_is_not_unused(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An icon's path pasted into a component as a REUSE snippet, far down the file, and the
    DCO's identifier at the end of doc/dco.txt: both texts in LICENSES/ are in use."""
    component = (
        "// SPDX-FileCopyrightText: 2023 The Team\n// SPDX-License-Identifier: AGPL-3.0-or-later\n"
        + "export const sizes = [1, 2, 3];\n" * 200
        + "// SPDX-SnippetBegin\n// SPDX-FileCopyrightText: 2024 Fonticons, Inc.\n"
        "// SPDX-License-Identifier: CC-BY-4.0\nconst icon = 'M0 0h24v24H0z';\n"
        "// SPDX-SnippetEnd\n"
    )
    files = {
        "client/src/app/social-icon.component.ts": component,
        "doc/dco.txt": "Developer Certificate of Origin\n"
        + "By making a contribution...\n" * 30
        + "SPDX-License-Identifier: LicenseRef-DCO-1.1\n",
        "LICENSES/AGPL-3.0-or-later.txt": "GNU AFFERO GENERAL PUBLIC LICENSE\n",
        "LICENSES/CC-BY-4.0.txt": "Attribution 4.0 International\n",
        "LICENSES/LicenseRef-DCO-1.1.txt": "Developer Certificate of Origin\n",
        "LICENSES/Apache-2.0.txt": "Apache License\n",
    }
    result = _code_licence(tmp_path, files, rules)
    unused = [e.path for e in result.evidence if e.kind == "unused_licence_text"]
    assert unused == ["LICENSES/Apache-2.0.txt"], result.evidence
    # Past the search's bound, the note says only what was read.
    monkeypatch.setattr(declared_reuse, "SEARCH_FILES", 1)
    result = _code_licence(tmp_path / "bounded", files, rules)
    notes = [e for e in result.evidence if e.kind == "unnamed_licence_text"]
    assert {e.path for e in notes} == {"LICENSES/Apache-2.0.txt", "LICENSES/CC-BY-4.0.txt"}
    assert not [e for e in result.evidence if e.kind == "unused_licence_text"]
    said = evidence_text(notes[0], labels("en"), "en")
    assert "(unused)" not in said and "1 of 2 files searched whole" in said


def test_licences_folder_without_any_reuse_data_still_declares(
    tmp_path: Path, rules: Rules
) -> None:
    files = {"app.py": "print(1)\n", "LICENSES/MIT.txt": "MIT License\n"}
    result = _code_licence(tmp_path, files, rules)
    assert (result.status, result.licence) == (Status.PASS, "MIT")
