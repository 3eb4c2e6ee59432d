"""Each reader of licence declarations on its own: REUSE data, licence files, manifests,
the README, all speaking in one Declaration type."""

from __future__ import annotations

from pathlib import Path

import pytest

from cts_audit.checks.declaration import Declaration, Problem, Scoping
from cts_audit.checks.declarations import MANIFEST_BYTES
from cts_audit.checks.declared_files import LicenceFiles
from cts_audit.checks.declared_manifests import Manifests
from cts_audit.checks.declared_readme import Readme
from cts_audit.checks.declared_reuse import ReuseData
from cts_audit.checks.files import Classified
from cts_audit.rules import Rules, load_rules
from cts_audit.sources.local import folder_snapshot

from .repos import MIT_TEXT, write_tree


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def classified(root: Path, files: dict[str, str], rules: Rules) -> Classified:
    write_tree(root, files)
    return Classified(folder_snapshot(root), rules)


def test_reuse_reader(tmp_path: Path, rules: Rules) -> None:
    files = {
        "REUSE.toml": 'version = 1\n[[annotations]]\npath = "img/**"\n'
        'SPDX-License-Identifier = "CC-BY-4.0"\n',
        "img/a.png": "x",
        "img/b.png": "x",
        "img/b.png.license": "SPDX-License-Identifier: CC0-1.0\n",
        "app.py": "# SPDX-License-Identifier: MIT\n",
    }
    problems: list[Problem] = []
    reader = ReuseData(classified(tmp_path, files, rules), problems, Scoping(rules))
    assert [(d.kind, d.licence) for d in reader.reuse] == [("reuse-toml", "CC-BY-4.0")]
    assert reader.sidecars["img/b.png"].licence == "CC0-1.0"
    assert [d.licence for d in reader.code_headers] == ["MIT"]
    assert reader.uses_reuse and reader.named_ids() == {"CC-BY-4.0", "CC0-1.0", "MIT"}
    assert problems == []


def test_reuse_reader_reports_a_broken_reuse_toml(tmp_path: Path, rules: Rules) -> None:
    problems: list[Problem] = []
    files = {"REUSE.toml": "version = [\n", "app.py": "1\n"}
    reader = ReuseData(classified(tmp_path, files, rules), problems, Scoping(rules))
    assert reader.reuse == []
    assert [(p.path, p.kind) for p in problems] == [("REUSE.toml", "unusable_toml")]


def test_licence_file_reader(tmp_path: Path, rules: Rules) -> None:
    files = {"LICENSE": MIT_TEXT, "docs/LICENSE": "not a licence at all, " * 30, "app.py": "1\n"}
    source = classified(tmp_path, files, rules)
    scoping = Scoping(rules)
    problems: list[Problem] = []
    reader = LicenceFiles(source, problems, scoping, ReuseData(source, problems, scoping))
    found = reader.licence_files
    assert all(isinstance(d, Declaration) for d in found)
    assert [(d.path, d.licence, d.covers) for d in found] == [("LICENSE", "MIT", None)]
    assert [e.path for e in reader.unidentified] == ["docs/LICENSE"]


def test_manifest_reader(tmp_path: Path, rules: Rules) -> None:
    files = {
        "package.json": '{"name": "a", "license": "ISC"}',
        "pyproject.toml": '[project]\nname = "b"\nlicense = "Apache-2.0"\n',
        "app.py": "1\n",
    }
    problems: list[Problem] = []
    reader = Manifests(classified(tmp_path, files, rules), problems, Scoping(rules))
    found = {(d.path, d.licence, d.tool_default) for d in reader.manifests}
    assert found == {("package.json", "ISC", "npm init"), ("pyproject.toml", "Apache-2.0", None)}


def test_a_theme_s_stylesheet_of_any_size_is_read_for_its_header_alone(
    tmp_path: Path, rules: Rules
) -> None:
    header = "/*\nTheme Name: Open Knowledge\nLicense: GPL-2.0-or-later\n*/\n"
    rules_css = "body { margin: 0 }\n" * (MANIFEST_BYTES // 10)  # larger than a manifest
    files = {"style.css": header + rules_css, "index.php": "<?php get_header(); ?>\n"}
    problems: list[Problem] = []
    reader = Manifests(classified(tmp_path, files, rules), problems, Scoping(rules))
    assert [(d.path, d.licence) for d in reader.manifests] == [("style.css", "GPL-2.0-or-later")]
    assert problems == []


def test_bower_and_elm_manifests_are_read_with_their_tools_defaults(
    tmp_path: Path, rules: Rules
) -> None:
    files = {
        "bower.json": '{"name": "site", "license": "MIT"}',
        "prototype/elm-package.json": '{"version": "1.0.0", "license": "BSD3"}',
        "app/elm.json": '{"type": "package", "license": "Apache-2.0"}',
        "app.py": "1\n",
        "prototype/Main.elm": "main = 1\n",
        "app/Main.elm": "main = 1\n",
    }
    reader = Manifests(classified(tmp_path, files, rules), [], Scoping(rules))
    found = {(d.path, d.licence, d.tool_default) for d in reader.manifests}
    assert found == {
        ("bower.json", "MIT", "bower init"),
        ("prototype/elm-package.json", "BSD-3-Clause", "elm-package"),
        ("app/elm.json", "Apache-2.0", None),
    }


def test_a_manifest_says_a_licence_once_however_often_it_names_it(
    tmp_path: Path, rules: Rules
) -> None:
    setup = (
        "setup(\n    name='bot',\n    license='MIT',\n    classifiers=[\n"
        "        'License :: OSI Approved :: MIT License',\n        'License :: OSI Approved ::"
        " Apache Software License',\n    ],\n)\n"
    )
    files = {"setup.py": setup, "app.py": "1\n"}
    reader = Manifests(classified(tmp_path, files, rules), [], Scoping(rules))
    assert [(d.licence, d.line) for d in reader.manifests] == [("MIT", 3), ("Apache-2.0", None)]


def test_readme_reader(tmp_path: Path, rules: Rules) -> None:
    readme = (
        "# Map\n\nA map of bike lanes.\n\n## License\n\n"
        "The code is MIT licensed; images are CC BY 4.0.\n"
    )
    problems: list[Problem] = []
    reader = Readme(classified(tmp_path, {"README.md": readme}, rules), problems, Scoping(rules))
    assert {(d.licence, d.scope, d.line) for d in reader.readme} == {
        ("MIT", "code", 7),
        ("CC-BY-4.0", "media", 7),
    }
