"""The three checks on fixture repositories: every status of every check."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cts_audit import licences
from cts_audit.checks import run_checks
from cts_audit.checks.declarations import MANIFEST_BYTES
from cts_audit.checks.interface import CheckResult, Evidence, Status
from cts_audit.checks.third_party import third_party_reason
from cts_audit.cli import main
from cts_audit.explain import explain
from cts_audit.i18n import labels
from cts_audit.report.wording import ANNOTATE_REASONS, evidence_text
from cts_audit.rules import Rules, load_rules
from cts_audit.snapshot import RepoInfo
from cts_audit.sources.local import folder_snapshot

from .repos import CRA_README, GOOD_README, MIT_TEXT, NEXT_README, PNG, git_repo, write_tree

CODE = {"app.py": "print('hello')\n"}
#: Generators' READMEs as they write them.
DATA = Path(__file__).parent / "data"


def bundled(licence: str) -> str:
    text = licences.licence_text(licence)
    assert text is not None, licence
    return text


WORKING = GOOD_README + "\n## How we worked\n\nWe met every evening and kept notes.\n"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def check(tmp_path: Path, rules: Rules, files: dict[str, str | bytes], name: str):
    write_tree(tmp_path, files)
    return run_checks(folder_snapshot(tmp_path), rules)[name]


# -- code_licence ---------------------------------------------------------------------------


def test_code_mit_licence_file_passes(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {**CODE, "LICENSE": MIT_TEXT}, "code_licence")
    assert result.status is Status.PASS
    assert result.licence == "MIT"
    assert result.evidence[0].path == "LICENSE"


def test_licence_file_only_in_docs_speaks_for_the_repository(tmp_path: Path, rules: Rules) -> None:
    """docs/LICENSE.md of a site published from docs/, and none at the top: the project's
    licence, from a weaker place, and the evidence says where and that it is weaker."""
    files = {
        **CODE,
        "README.md": GOOD_README,
        "docs/index.html": "<h1>Bike counter</h1>\n",
        "docs/LICENSE.md": MIT_TEXT,
    }
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT"), result
    note = result.evidence[0]
    assert (note.path, note.kind) == ("docs/LICENSE.md", "stand_in_licence_file")
    assert "weaker than a licence file at the top" in note.detail
    assert note.confidence is not None and note.confidence < 1
    worded = evidence_text(note, labels("en"), "en")
    assert "docs/LICENSE.md" in worded and "no licence file at the top" in worded


def test_licence_file_in_docs_beside_one_at_the_top_is_the_docs_own(
    tmp_path: Path, rules: Rules
) -> None:
    cc = bundled("CC-BY-4.0")
    files = {**CODE, "LICENSE": MIT_TEXT, "docs/LICENSE": cc, "docs/a.png": PNG, "b.png": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].licence == "MIT"
    assert results["code_licence"].evidence[0].path == "LICENSE"
    media = results["media_licence"]
    assert media.status is not Status.PASS
    assert media.files == ("b.png",)


def test_split_licensing_code_mit_media_cc_passes(tmp_path: Path, rules: Rules) -> None:
    files = {
        **CODE,
        "LICENSE": MIT_TEXT,
        "README.md": GOOD_README + "\n## License\n\nCode: MIT. Texts and images: CC BY 4.0.\n",
        "img/a.png": PNG,
    }
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.PASS
    assert results["code_licence"].licence == "MIT"
    assert results["media_licence"].status is Status.PASS
    assert results["media_licence"].licence == "CC-BY-4.0"


def test_cc_licence_file_with_mit_in_readme_is_split(tmp_path: Path, rules: Rules) -> None:
    cc = "Creative Commons Attribution 4.0 International Public License\n" * 3
    files = {
        **CODE,
        "LICENSE": "This work is licensed under CC BY 4.0\n" + cc,
        "README.md": GOOD_README
        + "\n## Licence\n\nThe source code is licensed under the MIT License.\n",
        "img/a.png": PNG,
    }
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.PASS, results["code_licence"]
    assert results["code_licence"].licence == "MIT"
    assert results["media_licence"].status is Status.PASS


GNU_NOTICE_LATER = (
    "# This program is free software: you can redistribute it and/or modify\n"
    "# it under the terms of the GNU {family}General Public License as published by\n"
    "# the Free Software Foundation, either version 3 of the License, or\n"
    "# (at your option) any later version.\n"
)


@pytest.mark.parametrize(
    ("header", "licence"),
    [
        (GNU_NOTICE_LATER.format(family=""), "GPL-3.0-or-later"),
        # "version 3 of the License." and nothing after: that version alone.
        (GNU_NOTICE_LATER.format(family="").split(", or")[0] + ".\n", "GPL-3.0-only"),
        # Another licence's notice says nothing of this one.
        (GNU_NOTICE_LATER.format(family="Affero "), "GPL-3.0-only"),
        ("# A small app.\n", "GPL-3.0-only"),
    ],
    ids=["or later", "that version only", "another licence", "no notice"],
)
@pytest.mark.parametrize("where", ["src/app.py", "README.md"])
def test_the_gnu_notice_says_whether_later_versions_may_be_chosen(
    tmp_path: Path, rules: Rules, header: str, licence: str, where: str
) -> None:
    """The GPL's text is the same for "only" and "or later"; the notice at the top of the
    team's files, or in its README, says which."""
    files = {
        "LICENSE": licences.licence_text("GPL-3.0-or-later") or "",
        "README.md": GOOD_README,
        "src/app.py": "print(1)\n",
    }
    if where == "README.md":
        files["README.md"] += "\n## Licence\n\nCopyright (C) 2024 The Team\n\n" + re.sub(
            r"(?m)^# ", "", header
        )
        line = GOOD_README.count("\n") + 7
    else:
        files["src/app.py"] = "# Copyright (C) 2024 The Team\n#\n" + header + "print(1)\n"
        line = 4
    write_tree(tmp_path, files)
    result = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert result.status is Status.PASS
    assert result.licence == licence
    if licence.endswith("or-later"):
        assert (where, line) in {(e.path, e.line) for e in result.evidence}
    if licence.endswith("or-later") and where != "README.md":
        said = evidence_text(result.evidence[0], labels("en"), "en")
        assert said == "the GNU notice, which says: GPL-3.0-or-later"


def test_reuse_only_project_passes(tmp_path: Path, rules: Rules) -> None:
    files = {
        "src/main.c": "// SPDX-License-Identifier: GPL-3.0-or-later\nint main(void){return 0;}\n",
        "LICENSES/GPL-3.0-or-later.txt": "GNU GENERAL PUBLIC LICENSE\nVersion 3\n",
        "LICENSES/CC-BY-SA-4.0.txt": "Attribution-ShareAlike 4.0 International\n",
        "REUSE.toml": (
            'version = 1\n[[annotations]]\npath = "img/**"\n'
            'SPDX-License-Identifier = "CC-BY-SA-4.0"\n'
        ),
        "img/logo.png": PNG,
    }
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.PASS
    assert results["code_licence"].licence == "GPL-3.0-or-later"
    assert results["media_licence"].status is Status.PASS


def test_manifest_only_passes(tmp_path: Path, rules: Rules) -> None:
    files = {"index.js": "module.exports = 1\n", "package.json": '{"license": "Apache-2.0"}'}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.PASS
    assert result.licence == "Apache-2.0"


def test_different_osi_declarations_pass_with_a_note(tmp_path: Path, rules: Rules) -> None:
    """The rule is met whichever was meant; the note says how to make them agree."""
    files = {**CODE, "LICENSE": MIT_TEXT, "package.json": '{"license": "GPL-3.0-only"}'}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.PASS, "osi_differ")
    assert "GPL-3.0-only" in str(result.params["found"])
    fix = rules.reason_text("code_licence", "osi_differ").fix
    assert "make every place say the same" in fix["en"]


def test_an_osi_licence_beside_one_that_is_not_warns(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "LICENSE": MIT_TEXT, "package.json": '{"license": "SSPL-1.0"}'}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.WARN, "disagree")


NPM_INIT = '{"name": "app", "version": "1.0.0", "main": "index.js", "license": "ISC"}'


def test_npm_default_isc_does_not_outrank_the_readme(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## License\n\nThe code is licensed under the MIT License.\n"
    files = {**CODE, "package.json": NPM_INIT, "README.md": readme}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT")
    assert "tool_default_licence" in {e.kind for e in result.evidence}


def test_npm_default_isc_alone_still_counts(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "package.json": NPM_INIT, "README.md": GOOD_README}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "ISC")


POINTING = (
    GOOD_README + "\n## License\n\nThis project is licensed under the MIT License - see the"
    " [LICENSE.md](LICENSE.md) file for details\n"
)


def test_a_readme_pointing_to_a_missing_licence_file_declares_nothing(
    tmp_path: Path, rules: Rules
) -> None:
    files = {**CODE, "README.md": POINTING}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none")
    (note,) = [e for e in result.evidence if e.kind == "missing_licence_file"]
    assert note.params["name"] == "LICENSE.md" and note.path == "README.md"
    # The fix works: add the licence file the README points to.
    (tmp_path / "LICENSE.md").write_text(MIT_TEXT, encoding="utf-8")
    fixed = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert (fixed.status, fixed.licence) == (Status.PASS, "MIT")


@pytest.mark.parametrize(
    ("pointer", "present"),
    [("LICENSE.md", "LICENSE.md"), ("LICENSE", "LICENSE"), ("[LICENCE](LICENCE)", "LICENSE")],
)
def test_a_readme_pointing_to_a_licence_file_that_exists_declares(
    tmp_path: Path, rules: Rules, pointer: str, present: str
) -> None:
    """The file named in either spelling (LICENCE, LICENSE) is the one that is there."""
    readme = POINTING.replace("[LICENSE.md](LICENSE.md)", pointer)
    files = {**CODE, "README.md": readme, present: "MIT License\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert "missing_licence_file" not in {e.kind for e in result.evidence}
    assert (result.status, result.licence) == (Status.PASS, "MIT")


def test_unversioned_readme_name_agrees_with_the_licence_text(tmp_path: Path, rules: Rules) -> None:
    """ "Affero GPL" in a README is the AGPL of the LICENSE file, not the GPL, and no "or later"."""
    readme = GOOD_README + "\n## License\n\nLicensed under the Affero GPL. See LICENSE.\n"
    files = {**CODE, "LICENSE": bundled("AGPL-3.0-only"), "README.md": readme}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.PASS
    assert result.licence == "AGPL-3.0-only"


def test_starter_projects_licence_field_is_not_the_teams(tmp_path: Path, rules: Rules) -> None:
    """A Laravel app keeps laravel/laravel's "MIT" in composer.json beside the team's AGPL."""
    composer = json.dumps({"name": "laravel/livewire-starter-kit", "license": "MIT"})
    files = {**CODE, "LICENSE": bundled("AGPL-3.0-only"), "composer.json": composer}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.PASS
    assert result.licence == "AGPL-3.0-only"
    starter = [e for e in result.evidence if e.kind == "starter_licence"]
    assert starter and starter[0].path == "composer.json"
    assert "laravel/livewire-starter-kit" in evidence_text(starter[0], labels("en"), "en")


def test_a_starter_s_licence_field_alone_is_not_a_choice_the_team_made(
    tmp_path: Path, rules: Rules
) -> None:
    """Only laravel/laravel's "MIT", untouched in composer.json: the code may well be MIT,
    but the team has not said so. A warning, and its advice turns it green."""
    composer = json.dumps({"name": "laravel/laravel", "license": "MIT"})
    result = check(tmp_path, rules, {**CODE, "composer.json": composer}, "code_licence")
    assert (result.status, result.reason, result.licence) == (Status.WARN, "starter_only", "MIT")
    assert result.params == {
        "licence": "MIT",
        "package": "laravel/laravel",
        "path": "composer.json",
    }
    fix = rules.reason_text("code_licence", "starter_only").fix["en"]
    assert "cts-audit fix --code-licence {licence}" in fix
    done = CliRunner().invoke(
        main, ["fix", str(tmp_path), "--code-licence", "MIT", "--holder", "Team", "--yes"]
    )
    assert done.exit_code == 0, done.output
    fixed = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert (fixed.status, fixed.licence) == (Status.PASS, "MIT")


@pytest.mark.parametrize(
    "section",
    [
        # A link continuing a sentence that said the licence is the images'.
        "## License\n\nThe code is in the public domain.\n\n"
        "The images are licensed under CC BY-SA 3.0, see the license\n"
        "[here](https://creativecommons.org/licenses/by-sa/3.0/).\n",
        # A tool's code licence under "Credits"; the marker images' licence still counts.
        "## Credits\n\nBuilt with Leaflet, licensed under BSD-2-Clause.\n"
        "Marker images are licensed under CC BY 4.0.\n",
    ],
)
def test_licences_of_media_and_of_tools_are_not_the_codes(
    tmp_path: Path, rules: Rules, section: str
) -> None:
    files = {**CODE, "README.md": GOOD_README + "\n" + section, "img/a.png": PNG}
    results = run_checks(folder_snapshot(write_tree(tmp_path, files)), rules)
    # The team's code has no licence of its own.
    assert (results["code_licence"].status, results["code_licence"].reason) == (
        Status.FAIL,
        "none",
    )
    assert results["media_licence"].status is Status.PASS


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("MIT or Apache-2.0, at your option.", "MIT OR Apache-2.0"),
        ("Dual-licensed: GPL-3.0 / MIT", "GPL-3.0-only OR MIT"),
        ("Koden är licensierad under MIT eller Apache License 2.0.", "MIT OR Apache-2.0"),
    ],
)
def test_licences_named_as_a_choice_are_one_statement(
    tmp_path: Path, rules: Rules, statement: str, expected: str
) -> None:
    readme = GOOD_README + f"\n## License\n\n{statement}\n"
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, expected)


def test_licences_for_different_parts_on_one_line_stay_apart(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## License\n\nCode: MIT, images: CC BY 4.0.\n"
    files = {**CODE, "README.md": readme, "img/a.png": PNG}
    results = run_checks(folder_snapshot(write_tree(tmp_path, files)), rules)
    assert results["code_licence"].licence == "MIT"
    assert results["media_licence"].status is Status.PASS


@pytest.mark.parametrize(("text", "expected"), [("MIT\n", "MIT"), ("Apache-2.0 OR MIT", None)])
def test_a_licence_file_that_only_names_the_licence(
    tmp_path: Path, rules: Rules, text: str, expected: str | None
) -> None:
    result = check(tmp_path, rules, {**CODE, "LICENSE": text}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, expected or "Apache-2.0 OR MIT")
    assert result.evidence[0].kind == "licence_file_names"


def test_unidentified_licence_file_warns(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "LICENSE": "You may use this if you buy us a coffee first.\n" * 3}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.WARN
    assert result.reason == "unidentified"
    assert result.params["path"] == "LICENSE"


def test_build_files_alone_are_not_code(tmp_path: Path, rules: Rules) -> None:
    files = {"README.md": WORKING, "Makefile": "run:\n\tpython script.py\n", "data/a.csv": "x\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.NOT_APPLICABLE
    with_code = check(tmp_path, rules, {**files, "script.py": "print(1)\n"}, "code_licence")
    assert with_code.status is Status.FAIL
    assert with_code.evidence[0].params["count"] == 2  # the Makefile counts beside the script


def test_configuration_written_as_code_alone_is_not_code(tmp_path: Path, rules: Rules) -> None:
    """A handbook built with Sphinx: its docs/conf.py configures the build."""
    conf = "from recommonmark.parser import CommonMarkParser\nsource_suffix = ['.md']\n"
    files = {"docs/index.md": "# Handbook\n", "docs/conf.py": conf, "gulpfile.js": "1\n"}
    result = check(tmp_path / "handbook", rules, files, "code_licence")
    assert result.status is Status.NOT_APPLICABLE
    with_code = check(tmp_path / "app", rules, {**files, "app.py": "print(1)\n"}, "code_licence")
    assert with_code.status is Status.FAIL
    assert with_code.evidence[0].params["count"] == 3  # the configuration counts beside it


def test_no_licence_fails(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": GOOD_README}, "code_licence")
    assert result.status is Status.FAIL
    assert result.reason == "none"


def test_creative_commons_on_code_fails(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "README.md": GOOD_README + "\n## License\n\nCC BY-NC-SA 4.0\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.FAIL
    assert result.reason == "not_osi"
    assert result.licence == "CC-BY-NC-SA-4.0"


def test_npm_unlicensed_fails(tmp_path: Path, rules: Rules) -> None:
    files = {"index.js": "1\n", "package.json": '{"license": "UNLICENSED"}'}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.FAIL
    assert result.reason == "closed"


def test_all_rights_reserved_fails(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "LICENSE": "Copyright 2026 Example AB. All rights reserved.\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.FAIL


def test_an_unknown_permissive_text_reserving_rights_is_unidentified_not_closed(
    tmp_path: Path, rules: Rules
) -> None:
    """A copyright line's "All rights reserved." above terms that grant rights: a licence."""
    text = (
        "Copyright (c) 2026 Example AB. All rights reserved.\n\n"
        "Permission is granted to anyone to use this software for any purpose, and to "
        "change and share it, as long as this notice stays with every copy.\n"
    )
    result = check(tmp_path, rules, {**CODE, "LICENSE": text}, "code_licence")
    assert (result.status, result.reason) == (Status.WARN, "unidentified")


def test_no_code_is_not_applicable(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": GOOD_README}, "code_licence")
    assert result.status is Status.NOT_APPLICABLE


def test_vendored_code_does_not_count(tmp_path: Path, rules: Rules) -> None:
    files = {"README.md": GOOD_README, "node_modules/x/index.js": "1\n", "dist/app.min.js": "1"}
    assert check(tmp_path, rules, files, "code_licence").status is Status.NOT_APPLICABLE


def test_symlink_out_of_the_tree_is_not_read(tmp_path: Path, rules: Rules) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"LICENSE": MIT_TEXT})
    repo = tmp_path / "repo"
    write_tree(repo, CODE)
    os.symlink(outside / "LICENSE", repo / "LICENSE")
    os.symlink("../outside/LICENSE", repo / "COPYING")
    os.symlink("loop-b", repo / "LICENCE")
    os.symlink("LICENCE", repo / "loop-b")
    snapshot = folder_snapshot(repo)
    assert snapshot.get("LICENSE") is not None and snapshot.get("LICENSE").resolved is None
    result = run_checks(snapshot, rules)["code_licence"]
    assert result.status is Status.FAIL
    assert result.reason == "none"


# -- media_licence --------------------------------------------------------------------------


def test_no_media_is_not_applicable(tmp_path: Path, rules: Rules) -> None:
    assert check(tmp_path, rules, CODE, "media_licence").status is Status.NOT_APPLICABLE


def test_media_without_licence_fails(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "a.png": PNG, "b.jpg": PNG, "talk.pdf": b"%PDF-1.4"}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL
    assert result.reason == "none_covered"
    assert set(result.files) == {"a.png", "b.jpg", "talk.pdf"}


def test_code_licence_for_everything_is_not_creative_commons(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "LICENSE": MIT_TEXT, "a.png": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.FAIL


def test_reuse_toml_covers_media(tmp_path: Path, rules: Rules) -> None:
    files = {
        "a/x.png": PNG,
        "b/y.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "REUSE.toml": 'version = 1\n[[annotations]]\npath = ["**/*.png", "**/*.svg"]\n'
        'SPDX-License-Identifier = "CC-BY-4.0"\n',
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert result.evidence[0].path == "REUSE.toml"


def test_dep5_covers_media(tmp_path: Path, rules: Rules) -> None:
    files = {
        "img/x.png": PNG,
        ".reuse/dep5": "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        "Files: img/*\nCopyright: 2026 Team\nLicense: CC0-1.0\n",
    }
    assert check(tmp_path, rules, files, "media_licence").status is Status.PASS


def test_partial_coverage_warns_and_names_uncovered(tmp_path: Path, rules: Rules) -> None:
    files = {
        "img/a.png": PNG,
        "img/a.png.license": "SPDX-License-Identifier: CC-BY-SA-4.0\n",
        "img/b.png": PNG,
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.WARN
    assert result.files == ("img/b.png",)
    assert result.params["covered"] == 1


def test_separate_content_licence_file_covers_media(tmp_path: Path, rules: Rules) -> None:
    files = {
        **CODE,
        "LICENSE": MIT_TEXT,
        "LICENSE-docs": "This documentation is licensed under CC BY-SA 4.0.\n",
        "docs/diagram.svg": "<svg/>",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert result.licence == "CC-BY-SA-4.0"


def test_swedish_readme_statement_covers_media(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + (
        "\n## Licens\n\nKoden är licensierad under MIT. Texter och bilder är licensierade "
        "under Creative Commons Erkännande-DelaLika 4.0.\n"
    )
    files = {**CODE, "README.md": readme, "bild.jpg": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["media_licence"].status is Status.PASS
    assert results["media_licence"].licence == "CC-BY-SA-4.0"
    assert results["code_licence"].licence == "MIT"


def test_badge_link_covers_media(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + (
        "\n[![License: CC BY 4.0](https://img.shields.io/badge/License-CC%20BY%204.0-lightgrey.svg)]"
        "(https://creativecommons.org/licenses/by/4.0/)\n"
    )
    files = {"README.md": readme, "photo.jpg": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.PASS


def test_svg_with_spdx_header_is_covered(tmp_path: Path, rules: Rules) -> None:
    svg = "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert check(tmp_path, rules, {"logo.svg": svg}, "media_licence").status is Status.PASS


def test_xmp_licence_metadata_is_covered(tmp_path: Path, rules: Rules) -> None:
    xmp = (
        b"\xff\xd8\xff\xe1<x:xmpmeta><rdf:RDF><rdf:Description "
        b'xmpRights:WebStatement="https://creativecommons.org/licenses/by-sa/4.0/"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    assert check(tmp_path, rules, {"photo.jpg": xmp}, "media_licence").status is Status.PASS


def test_a_raw_converter_s_look_names_its_own_maker_not_the_photo_s(
    tmp_path: Path, rules: Rules
) -> None:
    """Lightroom's looks write "crs:Copyright="© 2018 Adobe Systems, Inc."" into every photo
    edited with one: the team's own photo is no one else's for that."""
    photo = (
        b'\xff\xd8\xff\xe1<x:xmpmeta><rdf:Description crs:Look="Adobe Color"'
        b' crs:Copyright="\xc2\xa9 2018 Adobe Systems, Inc."/></x:xmpmeta>\xff\xd9'
    )
    files = {**CODE, "README.md": GOOD_README, "img/event.jpg": photo}
    result = check(tmp_path, rules, files, "media_licence")
    # The team's to license: listed for the REUSE.toml the fix offers, not set aside.
    assert (result.status, result.reason) == (Status.FAIL, "none_covered"), result.evidence
    assert result.annotate == ("img/event.jpg",)


def test_an_xmp_rights_statement_that_names_its_licence_in_words_is_read(
    tmp_path: Path, rules: Rules
) -> None:
    """A museum's photo: "Public Domain (CC0)" in dc:rights, its web statement on the
    museum's own site."""
    xmp = (
        b"\xff\xd8\xff\xe1<x:xmpmeta><rdf:RDF><rdf:Description"
        b' xmpRights:WebStatement="https://www.smk.dk/en/copyright/"><dc:rights><rdf:Alt>'
        b'<rdf:li xml:lang="x-default">Public Domain (CC0)</rdf:li></rdf:Alt></dc:rights>'
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    result = check(tmp_path, rules, {"img/7.jpg": xmp}, "media_licence")
    assert (result.status, result.licence) == (Status.PASS, "CC0-1.0"), result.evidence


def test_non_commercial_passes_for_cts_and_is_named(tmp_path: Path, rules: Rules) -> None:
    files = {"README.md": GOOD_README + "\n## License\n\nCC BY-NC 4.0\n", "a.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert "NonCommercial" in str(result.params["licence"])


def test_cc_without_version_is_named_as_written_and_the_note_goes_once_it_is_given(
    tmp_path: Path, rules: Rules
) -> None:
    files = {"README.md": GOOD_README + "\n## License\n\nImages: CC BY-SA\n", "a.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert result.params["licence"] == "CC BY-SA (ShareAlike)"  # never a version not written
    (note,) = [e for e in result.evidence if e.kind == "cc_version_unstated"]
    line = files["README.md"].splitlines().index("Images: CC BY-SA") + 1
    assert (note.path, note.line, note.params["version"]) == ("README.md", line, "4.0")
    assert "“CC BY-SA 4.0”" in evidence_text(note, labels("en"), "en")
    # The note's advice, followed: the version written, the note gone, the check still green.
    files["README.md"] = files["README.md"].replace("CC BY-SA", "CC BY-SA 4.0")
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert result.params["licence"] == "CC BY-SA 4.0 (ShareAlike)"
    assert not [e for e in result.evidence if e.kind == "cc_version_unstated"]


def _media_rule(rules: Rules, **changes: bool) -> Rules:
    """``rules`` with the media licence rule changed as given."""
    media = replace(rules.checks.media_licence, **changes)
    return replace(rules, checks=replace(rules.checks, media_licence=media))


def test_stricter_network_rejects_non_commercial(tmp_path: Path, rules: Rules) -> None:
    strict = _media_rule(rules, accept_non_commercial=False)
    files = {"README.md": GOOD_README + "\n## License\n\nCC BY-NC 4.0\n", "a.png": PNG}
    result = check(tmp_path, strict, files, "media_licence")
    assert result.status is Status.FAIL
    assert result.reason == "variant_not_accepted"
    assert result.params["missing"] == "commercial use"


def test_vendored_media_do_not_count(tmp_path: Path, rules: Rules) -> None:
    files = {"node_modules/pkg/logo.png": PNG, "build/static/a.png": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.NOT_APPLICABLE


# -- working_method -------------------------------------------------------------------------


def test_no_readme_fails(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, CODE, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "no_readme")


def test_one_line_readme_fails(tmp_path: Path, rules: Rules) -> None:
    readme = "# bike-counter\n\nCounts bikes.\n"
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "too_short")
    assert result.params == {"words": 2}


@pytest.mark.parametrize("readme", ["", "\n\n", "# bike-counter\n", "<!-- TODO -->\n"])
def test_a_readme_without_a_sentence_is_said_to_have_none(
    tmp_path: Path, rules: Rules, readme: str
) -> None:
    """Not "only 0 words": the README has no sentence of its own yet."""
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "empty_readme")
    summary = rules.reason_text("working_method", "empty_readme").summary["en"]
    assert "no sentences" in summary and "{words}" not in summary


def test_chinese_readme_words_are_counted_by_character(tmp_path: Path, rules: Rules) -> None:
    """Chinese has no spaces between words: a real README must not read as "one line"."""
    readme = (
        "# 投票指南\n\n這個專案整理候選人的政見與投票紀錄，讓選民在投票前可以快速比較，"
        "資料來自中央選舉委員會的公開資料。\n"
    )
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.reason == "readme_only"
    assert result.evidence[0].params["words"] > 25
    short = check(tmp_path, rules, {"README.md": "# 投票指南\n\n投票指南。\n"}, "working_method")
    assert short.reason == "too_short"


VUE_CLI_README = (
    "# proposal-frontend\n\n## Project setup\n```\nnpm install\n```\n\n"
    "### Compiles and hot-reloads for development\n```\nnpm run serve\n```\n\n"
    "### Customize configuration\nSee [Configuration Reference](https://cli.vuejs.org/config/).\n"
)


def test_generator_readme_with_the_teams_own_sections_is_not_default(
    tmp_path: Path, rules: Rules
) -> None:
    bare = check(tmp_path / "bare", rules, {"README.md": VUE_CLI_README}, "working_method")
    assert (bare.reason, bare.params["generator"]) == ("default_readme", "Vue CLI")
    own = (
        VUE_CLI_README + "\n這是 g0v Summit 2020 投稿系統的前端。\n\n## 更新討論區資料步驟\n\n"
        "```\nnpm run cache:comment\n```\n\n## 編譯步驟\n\n"
        "1. dev 分支部署到測試站\n2. master 分支部署到正式站\n\n## 相關文件與資訊\n\n"
        "1. [技術規格](https://example.org/spec)\n2. [徵件辦法](https://example.org/rules)\n"
    )
    result = check(tmp_path / "own", rules, {"README.md": own}, "working_method")
    assert result.reason != "default_readme"


@pytest.mark.parametrize(
    ("heading", "lang_text"),
    [
        ("## Mitmachen", "Wir zeigen offene Daten zu Fahrradwegen in der Stadt, damit alle"),
        ("## Cómo contribuir", "Mostramos datos abiertos sobre carriles bici en la ciudad para"),
        ("## 如何參與專案", "這個專案整理城市自行車道的開放資料，讓大家"),
        ("## 開発の流れ", "この プロジェクト は 市内 の 自転車 道路 の オープン データ を"),
        ("## Come contribuire", "Mostriamo dati aperti sulle piste ciclabili della città per"),
        ("## Vols participar?", "Mostrem dades obertes sobre els carrils bici de la ciutat per"),
        ("## のとノットアローン開発のこれまで", "この プロジェクト は 市内 の 子育て 情報 を"),
    ],
)
def test_working_method_headings_in_other_languages(
    tmp_path: Path, rules: Rules, heading: str, lang_text: str
) -> None:
    readme = f"# Cykel\n\n{lang_text} {' '.join(['ord'] * 30)}.\n\n{heading}\n\nText.\n"
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.status is Status.PASS, result.evidence


@pytest.mark.parametrize(
    ("heading", "steps"),
    [
        ("## Ayuda", "Crea una rama y abre un issue con tu propuesta, según la plantilla."),
        ("## Aider", "Créez une branche et ouvrez une issue pour en parler avec nous."),
        ("## Aiutaci", "Apri una issue con la tua proposta e compila il modello."),
    ],
)
def test_a_section_on_how_to_take_part_is_read_in_other_languages(
    tmp_path: Path, rules: Rules, heading: str, steps: str
) -> None:
    readme = GOOD_README + f"\n{heading}\n\n{steps}\n"
    assert check(tmp_path, rules, {"README.md": readme}, "working_method").status is Status.PASS


@pytest.mark.parametrize(
    "heading",
    [
        "## How we built it",
        "## Challenges we ran into",
        "## What's next for Cykelkartan",
        "## About the hackathon",
        "## Så byggde vi",
    ],
)
def test_hackathon_teams_headings_document_the_working_method(
    tmp_path: Path, rules: Rules, heading: str
) -> None:
    readme = GOOD_README + f"\n{heading}\n\nWe paired, tested with cyclists, kept notes.\n"
    assert check(tmp_path, rules, {"README.md": readme}, "working_method").status is Status.PASS


@pytest.mark.parametrize("heading", ["## Known issues", "## Team", "## Development"])
def test_other_headings_are_not_the_working_method(
    tmp_path: Path, rules: Rules, heading: str
) -> None:
    readme = GOOD_README + f"\n{heading}\n\nSome lines.\n"
    assert check(tmp_path, rules, {"README.md": readme}, "working_method").status is Status.WARN


def test_licence_section_in_german_names_the_code_licence(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## Lizenz\n\nMIT\n"
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT")


_EDITING = (
    "# Editing pages\n\nEvery page of the site is a Markdown file in `pages/`. Fork the"
    " repository, edit the page on GitHub or on your own computer, and open a pull request"
    " that says what you changed and why. One of us reviews it within a week; we talk about"
    " larger changes at the monthly meetup first, and write down what we decided in"
    " `decisions.md` so that the next team knows why the site looks the way it does.\n"
)


def test_contribute_folder_documents_the_working_method(tmp_path: Path, rules: Rules) -> None:
    files = {"README.md": GOOD_README, "contribute/editing.md": _EDITING}
    result = check(tmp_path, rules, files, "working_method")
    assert result.status is Status.PASS
    assert any(e.kind == "docs_folder" for e in result.evidence)


def test_a_web_root_named_docs_serves_downloads_not_documentation(
    tmp_path: Path, rules: Rules
) -> None:
    """A PHP site kept in docs/: its leaflet PDF is a download, not a document on the work."""
    files: dict[str, str | bytes] = {
        "README.md": GOOD_README,
        "docs/index.php": "<?php echo 'Leaflets'; ?>\n",
        "docs/about.php": "<?php include 'header.php'; ?>\n",
        "docs/files/leaflet_design.pdf": b"%PDF-1.4\n" + b"x" * 4000,
    }
    result = check(tmp_path / "site", rules, files, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only"), result.evidence
    # Without the site around it, the same PDF is a document of its own.
    del files["docs/index.php"], files["docs/about.php"]
    result = check(tmp_path / "docs", rules, {**files, "app.py": "1\n"}, "working_method")
    assert result.status is Status.PASS


@pytest.mark.parametrize(
    "stub",
    [
        # sphinx-quickstart's index.rst
        "Welcome to bike-counter's documentation!\n========================================\n\n"
        ".. toctree::\n   :maxdepth: 2\n   :caption: Contents:\n\n\n\nIndices and tables\n"
        "==================\n\n* :ref:`genindex`\n* :ref:`modindex`\n* :ref:`search`\n" + " " * 200,
        # a cookiecutter's page left as it came
        "Deployment\n==========\n\nDescribe how to deploy your project here. This is where"
        " you describe how to get set up on a clean install, including the commands necessary"
        " to get the raw data and then how to make the cleaned, final data sets.\n" + " " * 200,
    ],
)
def test_a_generator_s_stub_in_docs_is_no_documentation(
    tmp_path: Path, rules: Rules, stub: str
) -> None:
    files = {"README.md": GOOD_README, "docs/index.rst": stub}
    result = check(tmp_path, rules, files, "working_method")
    assert result.status is Status.WARN, result.evidence
    # ... and what the team writes there does count.
    (tmp_path / "docs" / "editing.md").write_text(_EDITING, encoding="utf-8")
    assert run_checks(folder_snapshot(tmp_path), rules)["working_method"].status is Status.PASS


def test_create_react_app_readme_is_default(tmp_path: Path, rules: Rules) -> None:
    readme = (
        Path(__file__).parents[1] / "examples/hackathon/projects/kollektivkarta/README.md"
    ).read_text()
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    assert result.params["generator"] == "Create React App"


def test_rails_readme_is_default(tmp_path: Path, rules: Rules) -> None:
    readme = (
        "# README\n\nThis README would normally document whatever steps are necessary to get the\n"
        "application up and running.\n\nThings you may want to cover:\n\n* Ruby version\n\n"
        "* System dependencies\n\n* Configuration\n\n* Database creation\n\n"
        "* Database initialization\n\n* How to run the test suite\n\n"
        "* Services (job queues, cache servers, search engines, etc.)\n\n"
        "* Deployment instructions\n\n* ...\n"
    )
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.reason == "default_readme"


def test_readme_without_working_method_warns(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": GOOD_README}, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only")


def test_readme_with_how_we_worked_passes(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": WORKING}, "working_method")
    assert result.status is Status.PASS
    assert any(ev.line for ev in result.evidence)


def test_swedish_readme_with_larodomar_passes(tmp_path: Path, rules: Rules) -> None:
    readme = (
        Path(__file__).parents[1] / "examples/hackathon/projects/bibliotek-api/README.md"
    ).read_text()
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.status is Status.PASS
    assert "Så här jobbade vi" in str(result.params["sections"])


def test_contributing_file_counts(tmp_path: Path, rules: Rules) -> None:
    files = {"README.md": GOOD_README, "CONTRIBUTING.md": "Open an issue first, then a PR.\n"}
    assert check(tmp_path, rules, files, "working_method").status is Status.PASS


def test_non_utf8_readme_is_read(tmp_path: Path, rules: Rules) -> None:
    latin1 = "# Cykelräknare\n\n" + "Vi räknar cyklar på gatorna i Malmö varje vecka. " * 6
    result = check(tmp_path, rules, {"README.md": latin1.encode("latin-1")}, "working_method")
    assert result.status is Status.WARN


def test_binary_readme_is_an_error_not_a_crash(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": b"\x00\x01\x02" * 100}, "working_method")
    assert result.status is Status.ERROR


# -- several licences in one licence file ----------------------------------------------------


def test_mit_and_cc_texts_in_one_licence_file_are_split(tmp_path: Path, rules: Rules) -> None:
    licence = bundled("MIT") + "\n----\n\n" + bundled("CC-BY-4.0")
    files = {**CODE, "LICENSE": licence, "README.md": GOOD_README, "img/a.png": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert (results["code_licence"].status, results["code_licence"].licence) == (
        Status.PASS,
        "MIT",
    )
    assert (results["media_licence"].status, results["media_licence"].licence) == (
        Status.PASS,
        "CC-BY-4.0",
    )


def test_cc_statement_inside_a_licence_file_covers_media(tmp_path: Path, rules: Rules) -> None:
    licence = (
        "The source code is licensed under the MIT License:\n\n"
        + bundled("MIT")
        + "\nThe images and texts are licensed under CC BY 4.0: "
        "https://creativecommons.org/licenses/by/4.0/\n"
    )
    files = {**CODE, "LICENSE.md": licence, "README.md": GOOD_README, "img/a.png": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert (results["code_licence"].status, results["code_licence"].licence) == (
        Status.PASS,
        "MIT",
    )
    assert (results["media_licence"].status, results["media_licence"].licence) == (
        Status.PASS,
        "CC-BY-4.0",
    )


def test_a_licence_text_with_a_changed_word_is_not_identified(tmp_path: Path, rules: Rules) -> None:
    """Changed wording is another licence: a warning to look, never the nearest guess."""
    files = {**CODE, "LICENSE": bundled("MIT").replace("charge", "cost")}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.status is Status.WARN and result.licence is None
    assert result.reason == "unidentified"


# -- short Creative Commons statements in the README -----------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Images: CC BY-SA 4.0",
        "Photos in this repo: CC BY-SA 4.0.",
        "Content is CC BY-SA 4.0, code is MIT.",
        "Code under MIT, everything else under CC BY 4.0.",
        "[![CC BY 4.0][cc-by-shield]][cc-by]\n\n"
        "[cc-by]: http://creativecommons.org/licenses/by/4.0/\n"
        "[cc-by-shield]: https://img.shields.io/badge/License-CC%20BY%204.0-lightgrey.svg",
    ],
)
def test_short_cc_statements_cover_media(tmp_path: Path, rules: Rules, statement: str) -> None:
    files = {**CODE, "LICENSE": MIT_TEXT, "README.md": f"# P\n\n{statement}\n", "a.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS, result
    assert result.licence in ("CC-BY-SA-4.0", "CC-BY-4.0")


@pytest.mark.parametrize(
    "statement",
    [
        "Everything in this repository is MIT.",
        "Everything here is licensed under the MIT License.",
        "Code: CC BY 4.0",
        "The source code is CC BY 4.0.",
    ],
)
def test_mit_for_everything_or_cc_for_code_covers_no_media(
    tmp_path: Path, rules: Rules, statement: str
) -> None:
    files = {**CODE, "LICENSE": MIT_TEXT, "README.md": f"# P\n\n{statement}\n", "a.png": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.FAIL


# -- manifests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "licence"),
    [
        ("GPL (>= 2)", "GPL-2.0-or-later"),
        ("GPL (>= 3)", "GPL-3.0-or-later"),
        ("GPL-3", "GPL-3.0-only"),
        ("MIT + file LICENSE", "MIT"),
        ("GPL-2 | GPL-3", "GPL-2.0-only OR GPL-3.0-only"),
        ("BSD_3_clause + file LICENSE", "BSD-3-Clause"),
        ("LGPL (>= 2.1)", "LGPL-2.1-or-later"),
    ],
)
def test_r_description_licences(tmp_path: Path, rules: Rules, field: str, licence: str) -> None:
    files = {"R/a.R": "f <- function() 1\n", "DESCRIPTION": f"Package: x\nLicense: {field}\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, licence)


@pytest.mark.parametrize(
    ("cff", "licence"),
    [
        ('cff-version: 1.2.0\ntitle: "Budget tools"\nlicense: MIT\n', "MIT"),
        ("cff-version: 1.2.0\nlicense:\n  - Apache-2.0\n  - MIT\n", "Apache-2.0 OR MIT"),
        # A dataset's citation file speaks of the data.
        ("cff-version: 1.2.0\ntype: dataset\nlicense: CC-BY-4.0\n", None),
    ],
)
def test_a_citation_file_names_the_software_s_licence(
    tmp_path: Path, rules: Rules, cff: str, licence: str | None
) -> None:
    files = {**CODE, "README.md": GOOD_README, "CITATION.cff": cff}
    result = check(tmp_path, rules, files, "code_licence")
    assert result.licence == licence
    assert result.status is (Status.PASS if licence else Status.FAIL)


@pytest.mark.parametrize(
    ("value", "licence"),
    [("GPL2", "GPL-2.0-only"), ("GPLv3+", "GPL-3.0-or-later"), ("MIT License", "MIT")],
)
def test_a_package_manifest_s_licence_as_people_write_it(
    tmp_path: Path, rules: Rules, value: str, licence: str
) -> None:
    files = {"index.php": "<?php\n", "composer.json": json.dumps({"name": "x", "license": value})}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, licence), result


def test_an_invalid_manifest_licence_is_evidence(tmp_path: Path, rules: Rules) -> None:
    files = {"a.js": "1\n", "package.json": json.dumps({"name": "x", "license": "MIT OR OR ("})}
    result = check(tmp_path, rules, files, "code_licence")
    # The declaration needs fixing, not a licence text: its own reason, still a warning.
    assert (result.status, result.reason) == (Status.WARN, "invalid_declaration")
    assert result.params["path"] == "package.json"
    assert any(e.path == "package.json" and "MIT OR OR (" in e.detail for e in result.evidence)
    for lang, wrong in (("en", "licence file"), ("sv", "licensfil")):
        words = explain(result, rules, lang)
        assert "MIT OR OR (" in words.summary and "package.json" in words.fix
        assert wrong not in words.summary + words.fix


def test_an_unknown_licence_text_beside_an_invalid_declaration_stays_unidentified(
    tmp_path: Path, rules: Rules
) -> None:
    files = {
        "a.js": "1\n",
        "LICENSE": "You may do some things with this, ask us first.\n",
        "package.json": json.dumps({"license": "MIT OR OR ("}),
    }
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason, result.params["path"]) == (
        Status.WARN,
        "unidentified",
        "LICENSE",
    )


def test_a_manifest_larger_than_the_read_cap_is_said_so(tmp_path: Path, rules: Rules) -> None:
    filler = "a" * (MANIFEST_BYTES + 10)
    files = {"a.js": "1\n", "a.png": PNG, "package.json": f'{{"license": "MIT", "x": "{filler}"}}'}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    notes = [e for e in results["code_licence"].evidence if e.path == "package.json"]
    assert [e.kind for e in notes] == ["too_large"]
    assert notes[0].detail == "package.json is larger than 1 MB; not read"
    every = [e.detail for r in results.values() for e in r.evidence]
    assert not any("Expecting" in d or "parsed" in d for d in every)
    assert evidence_text(notes[0], labels("sv"), "sv") == (
        "package.json är större än 1 MB och lästes inte"
    )


EVERYTHING = {
    "app.py": "# SPDX-License-Identifier: MIT\nprint(1)\n",
    "LICENSE": MIT_TEXT,
    "LICENSES/CC-BY-4.0.txt": "Creative Commons Attribution 4.0 International\n",
    "package.json": json.dumps({"license": "MIT OR OR ("}),
    "pyproject.toml": "[project\nlicense = ",
    "README.md": WORKING
    + "\nSee the [wiki](https://github.com/team/app/wiki).\n\n## License\n\nCode: MIT.\n",
    "CONTRIBUTING.md": "Open an issue first.\n",
    "docs/decisions.md": "We chose Flask.\n",
    "REUSE.toml": 'version = 1\n[[annotations]]\npath = "img/**"\n'
    'SPDX-License-Identifier = "CC-BY-4.0"\n',
    "img/a.png": PNG,
    "photos/b.png": PNG,
    "photos/b.png.license": "SPDX-License-Identifier: GPL-3.0-only\n",
    "art/c.png": PNG,
    "art/LICENSE": bundled("CC-BY-SA-4.0"),
}


@pytest.mark.parametrize(
    "files",
    [
        EVERYTHING,
        {"app.py": "1\n", "a.png": PNG, "README.md": "x\n"},
        {"README.md": b"\x00\x01binary"},
        {
            "README.md": GOOD_README,
            "a.svg": "<svg><!-- https://creativecommons.org/licenses/by/4.0/ --></svg>",
            "REUSE.toml": "[[annotations]\nbroken",
        },
        {"b.png": PNG, "b.png.license": "SPDX-License-Identifier: CC-BY-NC-4.0\n"},
        {
            "app.py": "# SPDX-License-Identifier: MIT\nprint(1)\n",
            "LICENSE": MIT_TEXT + "\n\n---\n\n## Third-party software\n\nThis project "
            "includes Leaflet, Copyright (c) 2010 Volodymyr Agafonkin.\n",
            "package.json": NPM_INIT,
            "README.md": GOOD_README + "\n## License\n\nThe code is licensed under the MIT "
            "License.\n\nThe images are CC BY 4.0, see [LICENSE-images.md](LICENSE-images.md).\n",
            "LICENSES/Apache-2.0.txt": "Apache License\n",
        },
    ],
    ids=["everything", "nothing", "binary-readme", "embedded", "sidecar", "weighed"],
)
def test_every_evidence_note_is_worded_in_both_languages(
    tmp_path: Path, rules: Rules, files: dict[str, str | bytes]
) -> None:
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    notes = [e for r in results.values() for e in r.evidence]
    assert notes
    for note in notes:
        assert note.kind, note
        for lang in ("sv", "en"):
            words = labels(lang)
            assert f"evidence_{note.kind}" in words, note
            text = evidence_text(note, words, lang)
            assert text and "{" not in text, (note, text)
            if lang == "sv":
                assert not re.search(r"\b(words|section|licence|file|files|text)\b", text), (
                    note,
                    text,
                )
        assert Evidence(**note.to_dict()) == note  # as the store rebuilds it


def test_evidence_records_without_kind_still_load() -> None:
    old = {"detail": "README (46 words)", "path": "README.md"}
    note = Evidence(**old)
    assert (note.kind, note.params, note.to_dict()) == (None, None, old)
    new = Evidence("x", kind="section", params={"title": "a\u202eb", "n": 2})
    assert new.to_dict()["params"] == {"title": "a\\u202eb", "n": 2}  # shown safely
    assert new.to_dict()["kind"] == "section"


def test_strict_rules_name_every_freedom_in_the_readers_language(tmp_path: Path) -> None:
    strict = load_rules(Path(__file__).parents[1] / "rules/strict-example.yml")
    files = {"README.md": GOOD_README + "\n## License\n\nCC BY-NC-ND 4.0\n", "a.png": PNG}
    result = check(tmp_path, strict, files, "media_licence")
    assert (result.status, result.reason) == (Status.FAIL, "variant_not_accepted")
    assert result.params["missing"] == "commercial use, adaptations"
    sv = explain(result, strict, "sv").summary
    assert "tillåter kommersiell användning och bearbetningar" in sv
    assert "commercial" not in sv and "adaptations" not in sv
    en = explain(result, strict, "en").summary
    assert "allows commercial use and adaptations" in en
    # One freedom, and a record stored before the freedoms had labels.
    nc = CheckResult(
        "media_licence", Status.FAIL, "variant_not_accepted", {"missing": "commercial use"}
    )
    assert "tillåter kommersiell användning." in explain(nc, strict, "sv").summary


def test_npm_see_license_in_is_a_pointer_not_a_declaration(tmp_path: Path, rules: Rules) -> None:
    files = {
        "a.js": "1\n",
        "LICENSE": MIT_TEXT,
        "package.json": '{"license": "SEE LICENSE IN LICENSE"}',
    }
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT")
    assert all("not a valid" not in e.detail for e in result.evidence)


@pytest.mark.parametrize(
    ("files", "name"),
    [
        ({"package.json": '{"license": "UNLICENSED"}'}, "proprietary (UNLICENSED)"),
        ({"LICENSE": "Copyright 2024 Team. All rights reserved.\n"}, "all rights reserved"),
    ],
)
def test_closed_licences_are_named_in_words(
    tmp_path: Path, rules: Rules, files: dict[str, str | bytes], name: str
) -> None:
    result = check(tmp_path, rules, {"a.js": "1\n", **files}, "code_licence")
    assert (result.status, result.reason) == (Status.FAIL, "closed")
    assert result.params["licence"] == name
    # The way forward is a licence for the code, not "keep it for texts and images".
    assert "texts and images" not in explain(result, rules, "en").fix
    assert "LicenseRef" not in json.dumps(dict(result.params))


# -- default READMEs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("readme", "generator"),
    [
        (CRA_README, "Create React App"),
        (
            CRA_README.replace("# Getting Started with Create React App", "# Cykelkartan\n"),
            "Create React App",
        ),
        (NEXT_README, "Next.js"),
    ],
    ids=["create-react-app", "create-react-app-retitled", "create-next-app"],
)
def test_todays_generator_readmes_are_default(
    tmp_path: Path, rules: Rules, readme: str, generator: str
) -> None:
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    assert result.params["generator"] == generator


VITE_TS_2023_README = (DATA / "readmes" / "vite-react-ts-2023.md").read_text()
ANGULAR_16_README = (DATA / "readmes" / "angular-cli-16.md").read_text()
NUXT_3_README = (DATA / "readmes" / "nuxt-3-minimal-starter.md").read_text()


JHIPSTER_README = (DATA / "readmes" / "jhipster-7.md").read_text()


@pytest.mark.parametrize(
    ("readme", "generator"),
    [
        (VITE_TS_2023_README, "Vite"),
        (ANGULAR_16_README, "Angular CLI"),
        (NUXT_3_README, "Nuxt"),
        (JHIPSTER_README, "JHipster"),
    ],
    ids=["vite react-ts 2023", "angular cli 16", "nuxt 3 minimal starter", "jhipster 7"],
)
def test_recent_generators_readmes_are_default(
    tmp_path: Path, rules: Rules, readme: str, generator: str
) -> None:
    result = check(tmp_path, rules, {"README.md": readme, "app.ts": "1\n"}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    assert result.params["generator"] == generator


def test_the_team_s_introduction_above_a_generator_s_text_explains_the_project(
    tmp_path: Path, rules: Rules
) -> None:
    intro = (
        "A small web application for understanding who best represents your interests in the"
        " Swedish Riksdag.\n\nBased on some ideas explored in an older project of ours. This"
        " was developed as part of a university course.\n\n"
    )
    readme = ANGULAR_16_README.replace("## Development server", intro + "## Development server")
    result = check(tmp_path, rules, {"README.md": readme, "app.ts": "1\n"}, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only")


def test_a_second_readme_that_a_generator_wrote_explains_nothing(
    tmp_path: Path, rules: Rules
) -> None:
    """README.md holds only the title; README.adoc beside it is start.vertx.io's."""
    adoc = (
        "= Clima-api\n\nThis application was generated using http://start.vertx.io\n\n"
        "== Building\n\nTo launch your tests:\n```\n./gradlew clean test\n```\n\n"
        "To package your application:\n```\n./gradlew clean assemble\n```\n\n"
        "To run your application:\n```\n./gradlew clean run\n```\n\n== Help\n\n"
        "* https://vertx.io/docs/[Vert.x Documentation]\n"
        "* https://stackoverflow.com/questions/tagged/vert.x[Vert.x Stack Overflow]\n"
        "* https://groups.google.com/forum/#!forum/vertx[Vert.x User Group]\n"
        "* https://discord.gg/6ry7aqPWXy[Vert.x Discord]\n"
        "* https://gitter.im/eclipse-vertx/vertx-users[Vert.x Gitter]\n"
    )
    files = {"README.md": "# climathon-2023\n", "README.adoc": adoc, "App.java": "class App {}\n"}
    result = check(tmp_path, rules, files, "working_method")
    assert result.status is Status.FAIL and result.reason in ("empty_readme", "too_short")


def test_own_readme_that_mentions_a_generator_is_not_default(tmp_path: Path, rules: Rules) -> None:
    readme = (
        GOOD_README
        + "\nThis project was bootstrapped with [Create React App](https://example.org); "
        "we later moved the map code into its own module. Learn more in the sections below.\n"
        + "\nWe chose React because most of the team knew it, and OpenStreetMap tiles because "
        "they are free to use. The counting data comes from the city's open data portal.\n"
    )
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.reason != "default_readme"


SEED_README = (
    "# angular-seed — the seed for AngularJS apps\n\n"
    "This project is an application skeleton for a typical AngularJS web app. You can use it"
    " to quickly bootstrap your angular webapp projects and dev environment for these"
    " projects.\n\n## Getting Started\n\n```\ngit clone https://github.com/angular/angular-seed.git"
    "\ncd angular-seed\nnpm install\n```\n\nThen run `npm start` and browse to the app.\n"
)
TEMPLATE_README = (
    "sicksense-web\n=============\n\nWeb page for SickSense application\n\n"
    "## Requirements\n\nYou'll need to have the following items installed before continuing."
    "\n\n  * Node.js: Use the installer provided on the NodeJS website.\n"
    "  * Grunt: Run `npm install -g grunt-cli`\n\n## Quickstart\n\n```bash\n"
    "git clone git@github.com:zurb/foundation-libsass-template.git\nnpm install\n```\n\n"
    "While you're working on your project, run `grunt` and you're set!\n"
)
FRAMEWORK_README = (
    "###################\nWhat is CodeIgniter\n###################\n\n"
    "CodeIgniter is an Application Development Framework - a toolkit - for people who build"
    " web sites using PHP. Its goal is to enable you to develop projects much faster than you"
    " could if you were writing code from scratch.\n"
)


@pytest.mark.parametrize(
    ("files", "starter"),
    [
        ({"README.md": SEED_README, "package.json": '{"name": "angular-seed"}'}, "angular-seed"),
        (
            {
                "README.md": TEMPLATE_README,
                "package.json": '{"name": "foundation-libsass-template"}',
            },
            "foundation-libsass-template",
        ),
        (
            {"readme.rst": FRAMEWORK_README, "composer.json": '{"name": "codeigniter/framework"}'},
            "codeigniter/framework",
        ),
    ],
    ids=["titled after the seed", "clones the template", "the framework's own"],
)
def test_a_starter_s_own_readme_is_a_default_readme(
    tmp_path: Path, rules: Rules, files: dict[str, str], starter: str
) -> None:
    """The README of the starter the project was made from, which the manifest is still
    named after, says nothing of the team's project."""
    result = check(tmp_path / "fire-map", rules, {**files, "app.js": "1\n"}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    assert result.params["generator"] == starter


def test_a_starter_s_readme_names_the_starter_s_licence_not_the_team_s(
    tmp_path: Path, rules: Rules
) -> None:
    readme = (
        "# Laravel PHP Framework\n\nLaravel is a web application framework with expressive,"
        " elegant syntax. We believe development must be an enjoyable, creative experience to"
        " be truly fulfilling.\n\n## License\n\nThe Laravel framework is open-sourced software"
        " licensed under the [MIT license](https://opensource.org/licenses/MIT).\n"
    )
    files = {
        "README.md": readme,
        "composer.json": json.dumps({"name": "laravel/laravel", "license": "MIT"}),
        "app/Http/Kernel.php": "<?php\n",
    }
    result = check(tmp_path / "ews1294", rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.WARN, "starter_only"), result
    # The team's own README saying the same is the team's word.
    own = readme.replace("Laravel PHP Framework", "Early warning for floods")
    own = own.replace("The Laravel framework is", "This app is")
    result = check(tmp_path / "ews1294", rules, {**files, "README.md": own}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT"), result


def test_a_readme_titled_as_a_starter_that_never_names_the_project_is_the_starter_s(
    tmp_path: Path, rules: Rules
) -> None:
    body = (
        "\n\nThe boilerplate is a WordPress setup with the municipality's theme, its plugins and"
        " a deploy script. Run setup.sh to create the database and install the plugins, then"
        " open the site on localhost and log in with the default account.\n"
    )
    readme = "# Municipio Boilerplate" + body
    files = {"README.md": readme, "index.php": "<?php\n"}
    result = check(tmp_path / "fredriksdal-site", rules, files, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    assert result.params["generator"] == "Municipio Boilerplate"
    # An organiser's template for the teams' repositories, its instructions unfollowed.
    template = (
        "# Hackathon-Template-Repository\n\nThis is the official template repository for the"
        " seminar hackathon. All teams must use this template. In the README.md file cover the"
        " following points: the title of the project, the team members, how to run it.\n"
    )
    result = check(
        tmp_path / "HelpOS_frontend", rules, {**files, "README.md": template}, "working_method"
    )
    assert (result.status, result.reason) == (Status.FAIL, "default_readme")
    # Naming the project, the README is the team's own.
    own = {**files, "README.md": readme + "\nThis is the site of Fredriksdal Site, the museum.\n"}
    assert check(tmp_path / "fredriksdal-site", rules, own, "working_method").reason != (
        "default_readme"
    )


def test_a_readme_of_the_team_s_own_beside_a_starter_s_manifest_is_the_team_s(
    tmp_path: Path, rules: Rules
) -> None:
    intro = (
        "Web page for SickSense, where volunteers report flu symptoms each week so that the"
        " health office sees outbreaks early. We built it at a weekend hackathon with the"
        " city's epidemiologists.\n"
    )
    files = {
        "README.md": TEMPLATE_README.replace("Web page for SickSense application\n", intro),
        "package.json": '{"name": "foundation-libsass-template"}',
    }
    result = check(tmp_path / "fire-map", rules, files, "working_method")
    assert result.reason != "default_readme"
    # The starter's own repository is no starter's copy.
    write_tree(
        tmp_path / "seed", {"README.md": SEED_README, "package.json": '{"name": "angular-seed"}'}
    )
    own = run_checks(folder_snapshot(tmp_path / "seed", name="angular/angular-seed"), rules)
    assert own["working_method"].reason != "default_readme"


# -- what git ignores -----------------------------------------------------------------------


def test_git_ignored_files_are_left_out(tmp_path: Path, rules: Rules) -> None:
    git_repo(tmp_path, {**CODE, "LICENSE": MIT_TEXT, ".gitignore": "secret/\n*.log\n"})
    write_tree(
        tmp_path,
        {"secret/photo.jpg": PNG, "debug.log": "x\n", "new/drawing.png": PNG},
    )
    paths = {e.path for e in folder_snapshot(tmp_path).files()}
    assert "secret/photo.jpg" not in paths and "debug.log" not in paths
    assert "new/drawing.png" in paths  # untracked, not ignored: the team's work in progress
    result = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
    assert result.files == ("new/drawing.png",)


# -- working_method: what a section or file is about ------------------------------------------

COVENANT = (
    "# Contributor Covenant Code of Conduct\n\n## Our Pledge\n\nWe as members, contributors, and "
    "leaders pledge to make participation in our community a harassment-free experience for "
    "everyone.\n\n## Our Standards\n\nExamples of behavior that contributes to a positive "
    "environment for our community include:\n\n* Demonstrating empathy and kindness toward "
    "other people\n* Being respectful of differing opinions, viewpoints, and experiences\n\n"
    "## Enforcement Responsibilities\n\nCommunity leaders have the right and responsibility "
    "to remove, edit, or reject comments, commits, code, wiki edits, issues, and other "
    "contributions that are not aligned to this Code of Conduct.\n"
)
CLA_ONLY = (
    "# Contributing\n\nBy submitting a contribution you agree that it is licensed under the "
    "project's licence, and you confirm you have the right to grant it.\n\n"
    "Before we can accept it, you must sign our Contributor License Agreement (CLA).\n"
)


@pytest.mark.parametrize("text", [COVENANT, CLA_ONLY], ids=["code of conduct", "legal terms"])
def test_contributing_file_of_terms_only_is_not_the_working_method(
    tmp_path: Path, rules: Rules, text: str
) -> None:
    files = {"README.md": GOOD_README, "CONTRIBUTING.md": text}
    result = check(tmp_path, rules, files, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only")


def test_contributing_file_with_terms_and_steps_counts(tmp_path: Path, rules: Rules) -> None:
    text = CLA_ONLY + "\n## How we work\n\nPick an issue, make a branch, open a pull request.\n"
    files = {"README.md": GOOD_README, "CONTRIBUTING.md": text}
    assert check(tmp_path, rules, files, "working_method").status is Status.PASS


def test_a_contributing_file_that_says_whom_to_contact_says_how_to_take_part(
    tmp_path: Path, rules: Rules
) -> None:
    text = (
        "# Contributing\n\n## Development team\n\nsyv.ai\n\n## Design & project management\n\n"
        "Syddjurs Kommune\n\n## How to contribute\n\nThis project is developed by syv.ai and"
        " Syddjurs Kommune together. If you want to contribute, reach out to the team.\n"
    )
    files = {"README.md": GOOD_README, "CONTRIBUTING.md": text}
    assert check(tmp_path, rules, files, "working_method").status is Status.PASS


def test_swedish_contributing_file_counts(tmp_path: Path, rules: Rules) -> None:
    text = "# Bidra\n\nSkapa ett ärende eller skicka förslag till oss på mötet på torsdagar.\n"
    files = {"README.md": GOOD_README, "BIDRA.md": text}
    assert check(tmp_path, rules, files, "working_method").status is Status.PASS


@pytest.mark.parametrize(
    "body",
    [
        "",
        "- [Intro to open data](https://example.org/a)\n- <https://example.org/b>\n",
        "* [Design thinking](https://example.org/dt) by IDEO\n* https://example.org/lean\n",
    ],
    ids=["empty", "reading links", "links with authors"],
)
def test_section_of_only_links_or_nothing_is_not_the_working_method(
    tmp_path: Path, rules: Rules, body: str
) -> None:
    readme = GOOD_README + f"\n## Lessons learned\n\n{body}\n## Running\n\nSee above.\n"
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.reason == "readme_only", result.evidence


def test_section_with_subsections_and_links_in_prose_counts(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + (
        "\n## Roadmap\n\n### Next\n\nWe want to add the [counting stations]"
        "(https://example.org/stations) of Lund and ask cyclists what they miss.\n"
    )
    assert check(tmp_path, rules, {"README.md": readme}, "working_method").status is Status.PASS


@pytest.mark.parametrize(
    ("link", "counts"),
    [
        ("[wiki](https://en.wikipedia.org/wiki/Bicycle_counter)", False),
        ("[wiki](https://github.com/someone/else/wiki)", False),
        ("[wiki](https://github.com/team/bike-counter/wiki)", True),
        ("[wiki](../../wiki)", True),
    ],
)
def test_only_the_repository_s_own_wiki_counts(
    tmp_path: Path, rules: Rules, link: str, counts: bool
) -> None:
    readme = GOOD_README + f"\nMore in the {link}.\n"
    write_tree(tmp_path, {"README.md": readme})
    snapshot = folder_snapshot(
        tmp_path,
        name="team/bike-counter",
        info=RepoInfo(url="https://github.com/team/bike-counter"),
    )
    result = run_checks(snapshot, rules)["working_method"]
    assert (result.status is Status.PASS) is counts, result.evidence


GENERATED_README = (
    "# my-app\n\nThis project was bootstrapped with [Create Vite](https://example.org/vite).\n\n"
    "## Setup\n\n```\nnpm install\nnpm run dev\n```\n\n"
    "## Recommended IDE Setup\n\nVS Code with the extension for the framework.\n"
)


def test_readme_that_names_its_generator_is_default(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": GENERATED_README}, "working_method")
    assert (result.reason, result.params["generator"]) == ("default_readme", "Create Vite")


def test_readme_naming_its_generator_with_the_team_s_own_text_is_not_default(
    tmp_path: Path, rules: Rules
) -> None:
    readme = GENERATED_README + (
        "\n## About\n\nBike counter shows how many people cycle past each counting station in "
        "the city, week by week, so residents and planners can look at the same numbers "
        "together. We built it at the spring hackathon with data from the municipality.\n"
    )
    result = check(tmp_path, rules, {"README.md": readme}, "working_method")
    assert result.reason != "default_readme"


def test_a_key_file_is_media_only_when_it_is_a_keynote_deck(tmp_path: Path, rules: Rules) -> None:
    files: dict[str, str | bytes] = {
        **CODE,
        "config/master.key": "8f1b2c3d4e5f60718293a4b5c6d7e8f9\n" * 3,
        "talks/pitch.key": b"PK\x03\x04" + b"\x00" * 200,
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL
    listed = json.dumps(result.files)
    assert "pitch.key" in listed and "master.key" not in listed


def test_images_without_an_extension_or_with_a_query_string_are_media(
    tmp_path: Path, rules: Rules
) -> None:
    files: dict[str, str | bytes] = {
        **CODE,
        "assets/hero": PNG,
        "assets/logo.png?raw=true": PNG,
        "bin/run": "#!/bin/sh\n" + "echo hello from the bike counter\n" * 4,
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL
    listed = json.dumps(result.files)
    assert "assets/hero" in listed and "logo.png?raw=true" in listed and "bin/run" not in listed


STARTER_README = (
    "barebones setup for JavaScript / Node projects replace this with a one-liner phrase "
    "describing this project or app\n\n## About\n\nWhat is this project about. Ok to enrich "
    "here or the section above it with an image.\n\nThis is a simple JavaScript starter repo "
    "template for setting up your project. The setup contains Jest and Eslint.\n\n## Why\n\n"
    "Talk about what problem this solves, what SDG(s) it addresses and why these are "
    "important\n\n## Contributing\n\nOpen an issue, make a branch and send a pull request.\n"
)


def test_readme_template_with_its_prompts_unfilled_fails(tmp_path: Path, rules: Rules) -> None:
    result = check(tmp_path, rules, {"README.md": STARTER_README}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "unfilled_template")
    assert result.evidence[1].line == 1 and "one-liner" in str(result.params["example"])
    assert result.evidence[1].kind == "template_prompt"
    assert "not filled in" in evidence_text(result.evidence[1], labels("en"), "en")
    summary = explain(result, rules, "sv").summary
    assert summary.startswith("README är en mall") and "one-liner" in summary


def test_a_filled_in_template_keeping_its_prompts_in_comments_is_not_a_template(
    tmp_path: Path, rules: Rules
) -> None:
    """The hackathon's template asks in HTML comments; the team answered under each one.
    Readers of the rendered README never see the prompts: the team's words are what count."""
    readme = (
        "# Cycle.ly\n\n## About\n\n<!-- What is this project about. Ok to enrich here or the"
        " section above it with an image. -->\n\nCycle.ly helps commuters in Lagos find safe"
        " bicycle routes and secure parking near their offices.\n\n## Why\n\n<!-- Talk about"
        " what problem this solves, what SDG(s) and SGD targets it addresses -->\n\nShort"
        " trips by car clog the city; safer routes make cycling a real choice (SDG 11).\n\n"
        "## Usage\n\n<!-- How would someone use what you have built, include URLs to the"
        " deployed app -->\n\nOpen the app, pick a destination and follow the suggested"
        " route.\n\n## Setup\n\nRun `yarn install`, then `yarn start`.\n\n## Contributing\n\n"
        "Mail the team with the areas you can help in: route data and testing on phones.\n"
    )
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "working_method")
    assert result.status is Status.PASS, result.reason
    # The same prompts left with nothing under them: still a template waiting for its words.
    unfilled = re.sub(r"-->\n\n[^#]*?\n\n(?=## )", "-->\n\n", readme)
    assert unfilled.count("<!--") == 3 and "Lagos" not in unfilled
    result = check(tmp_path, rules, {**CODE, "README.md": unfilled}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "unfilled_template")


def test_one_filler_under_every_heading_is_a_template(tmp_path: Path, rules: Rules) -> None:
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    readme = "# Space apps\n\n" + "".join(
        f"## {title}\n\n{lorem}\n\n" for title in ("Getting started", "Issues", "Credits")
    )
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "unfilled_template")
    # One filler paragraph in a README the team wrote is no template.
    own = WORKING + f"\n## Screenshots\n\n{lorem}\n\n{lorem}\n"
    assert check(tmp_path, rules, {**CODE, "README.md": own}, "working_method").status is (
        Status.PASS
    )


def test_one_prompt_in_a_real_readme_is_not_a_template(tmp_path: Path, rules: Rules) -> None:
    readme = WORKING + "\n## Setup\n\nCopy .env.example and replace this with your API key.\n"
    assert check(tmp_path, rules, {"README.md": readme}, "working_method").status is Status.PASS


@pytest.mark.parametrize(
    "sentence",
    [
        "The data comes from a number of sources but they are all licensed as CC0, so reuse it.",
        "Maybe we should use CC BY 4.0 for the pictures?",
        "We think CC BY 4.0 would fit the photos, but we have not decided.",
        "The design was forked from Stadskartan, which uses CC BY-SA 4.0 for its content.",
        "The datasets come from the region's open data portal. They are all CC BY 4.0.",
        "The booking times are scraped, so I am not certain. I suggest CC-BY Vaccinkollen!",
    ],
    ids=[
        "data named earlier",
        "question",
        "hedged",
        "another project's",
        "data named a sentence earlier",
        "a suggestion",
    ],
)
def test_a_statement_not_about_this_repository_s_media_does_not_cover_them(
    tmp_path: Path, rules: Rules, sentence: str
) -> None:
    readme = GOOD_README + f"\n## Licence\n\nThe code is MIT.\n\n{sentence}\n"
    files = {**CODE, "README.md": readme, "img/owl.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL, result.evidence


def test_a_ported_licence_is_named_with_its_jurisdiction(tmp_path: Path, rules: Rules) -> None:
    footer = "<footer>Inhalte dieser Seite: CC BY 3.0 DE</footer>\n"
    files = {**CODE, "README.md": GOOD_README, "img/map.png": PNG, "index.html": footer}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.licence) == (Status.PASS, "CC-BY-3.0-DE")
    assert result.params["licence"] == "CC BY 3.0 DE"


def test_a_map_s_credit_for_its_tiles_in_a_page_covers_no_media(
    tmp_path: Path, rules: Rules
) -> None:
    page = (
        "<div id='map'></div>\n<script>\nL.tileLayer(url, {\n  attribution: 'Map data ©"
        ' OpenStreetMap contributors, <a href="https://creativecommons.org/licenses/by-sa/2.0/">'
        "CC-BY-SA</a>'\n});\n</script>\n"
    )
    files = {**CODE, "README.md": GOOD_README, "img/owl.png": PNG, "app/views/map/index.ejs": page}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL, result.evidence


def test_the_subject_of_the_sentence_before_a_licence_is_its_scope(
    tmp_path: Path, rules: Rules
) -> None:
    readme = GOOD_README + (
        "\n## Licence\n\nThe code is MIT. The photos in img/ were taken by the team at the"
        " hackathon. They are licensed CC BY 4.0.\n"
    )
    files = {**CODE, "README.md": readme, "img/owl.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.licence) == (Status.PASS, "CC-BY-4.0"), result.evidence


@pytest.mark.parametrize(
    ("section", "status"),
    [
        (
            "## Vorgehensweise\n\nDer Service geht folgendermaßen vor: 1. Download der ZIP-Datei"
            " 2. Entpacken 3. Umwandeln der Projektion 4. Umwandeln in GeoJSON.\n",
            Status.WARN,
        ),
        (
            "## Process\n\nThe script downloads the shapefile, converts the projection and"
            " writes GeoJSON for the map.\n",
            Status.WARN,
        ),
        (
            "## Process\n\nWe met every Tuesday evening, split the work into issues and"
            " reviewed each other's pull requests before merging.\n",
            Status.PASS,
        ),
        (
            "## Vorgehen\n\nWir haben uns jede Woche getroffen und gemeinsam entschieden, was"
            " als Nächstes kommt.\n",
            Status.PASS,
        ),
        (
            "## Maintenance\n\nTo add an article, you copy one of the files in _articles/, fill"
            " in its front matter and open a pull request; we review it within a week.\n",
            Status.PASS,
        ),
        (
            "## Maintenance\n\nThis project is no longer maintained since the election.\n",
            Status.WARN,
        ),
        (
            "## Push changes to Github\n\n1. It is not possible to push straight to the `master`"
            " branch, instead a branch should be created and merged into `master` via Github.\n",
            Status.PASS,
        ),
    ],
    ids=[
        "the software's steps (de)",
        "the software's steps",
        "the team's",
        "the team's (de)",
        "how the site is kept",
        "no longer maintained",
        "a branch merged",
    ],
)
def test_a_process_section_counts_when_it_is_the_team_s(
    tmp_path: Path, rules: Rules, section: str, status: Status
) -> None:
    readme = GOOD_README + "\n" + section
    assert check(tmp_path, rules, {**CODE, "README.md": readme}, "working_method").status is status


def test_a_sub_project_s_own_readme_may_say_how_its_part_was_done(
    tmp_path: Path, rules: Rules
) -> None:
    steps = (
        "\n## Next steps\n\nWe want to add the bus stops next, then ask the city for feedback.\n"
    )
    files = {
        **CODE,
        "README.md": GOOD_README,
        "demo/README.md": "# Demo\n\nThe prototype.\n" + steps,
    }
    result = check(tmp_path / "team", rules, files, "working_method")
    assert result.status is Status.PASS
    assert [(e.path, e.kind) for e in result.evidence][1:] == [("demo/README.md", "section")]
    # A copied library's README, or one a generator wrote, says nothing of the team's work.
    others = {
        **CODE,
        "README.md": GOOD_README,
        "static/js/leaflet/LICENSE": MIT_TEXT,
        "static/js/leaflet/package.json": '{"name": "leaflet"}\n',
        "static/js/leaflet/README.md": "# Leaflet\n" + steps.replace("Next steps", "Contributing"),
        "app/README.md": "This project was bootstrapped with [Create React App](https://x.org).\n"
        + steps,
        "server/readme.md": "## Laravel PHP Framework\n\nLaravel is a web application framework."
        "\n\n## Contributing\n\nThank you for considering contributing to the Laravel"
        " framework! The contribution guide can be found in the Laravel documentation.\n",
    }
    result = check(tmp_path / "others", rules, others, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only"), result.evidence


def test_a_handbook_of_documents_at_the_top_documents_the_work(
    tmp_path: Path, rules: Rules
) -> None:
    step = "We describe here, step by step, how the team does this part of the work. "
    page = "# {}\n\n" + step * 8
    files = {
        "README.md": GOOD_README,
        "feature_development.md": page.format("Feature development"),
        "testing.md": page.format("Testing"),
        "translations.md": page.format("Translations"),
        "SECURITY.md": page.format("Security"),
    }
    result = check(tmp_path, rules, files, "working_method")
    assert result.status is Status.PASS
    (note,) = [e for e in result.evidence if e.kind == "top_level_docs"]
    assert note.params["count"] == 3 and "SECURITY" not in str(note.params["example"])
    assert "3 documents" in evidence_text(note, labels("en"), "en")
    del files["translations.md"]
    write_tree(tmp_path / "two", files)
    assert run_checks(folder_snapshot(tmp_path / "two"), rules)["working_method"].reason == (
        "readme_only"
    )


@pytest.mark.parametrize(
    "line",
    [
        "The background photo bg.jpg was found online.",
        "Icons in img/icons/star.png are from some site, licence unknown.",
        "![](img/bg.jpg) © Anna Fotograf",
        "The logo (img/logo.png) is free for non-commercial use.",
    ],
)
def test_a_file_named_as_someone_else_s_is_not_covered_by_the_blanket_statement(
    tmp_path: Path, rules: Rules, line: str
) -> None:
    readme = GOOD_README + f"\n{line}\n\n## Licence\n\nImages and texts: CC BY 4.0.\n"
    named = next(p for p in ("img/icons/star.png", "img/logo.png", "img/bg.jpg") if p[4:] in line)
    files = {**CODE, "README.md": readme, named: PNG, "img/team.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.WARN, "some_covered")
    (note,) = [e for e in result.evidence if e.kind == "media_exception"]
    assert note.params["file"] == named and note.path == "README.md"
    assert (
        named in result.files and named not in result.annotate
    )  # never put under CC BY by the advice


def test_a_line_giving_the_named_file_a_cc_licence_covers_it(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\nPhoto by Anna: img/bg.jpg, CC BY 4.0.\n"
    files = {**CODE, "README.md": readme, "img/bg.jpg": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.PASS


@pytest.mark.parametrize(
    ("path", "text", "note"),
    [
        (
            "CONTRIBUTING.md",
            "# Contributing\n\nCode is published under MIT. Other content (texts, images) shall"
            " be published under CC BY-SA 4.0.\n",
            "contributing_statement",
        ),
        (
            "_includes/footer.html",
            '<footer><p>Content is licensed <a href="https://creativecommons.org/licenses/'
            'by-nc-sa/4.0/">CC BY-NC-SA 4.0</a>.</p></footer>\n',
            "footer_statement",
        ),
        (
            "index.html",
            "<html><body><main>Bike map</main><footer>Texts and photos: CC BY 4.0"
            "</footer></body></html>\n",
            "footer_statement",
        ),
        (
            "components/SiteFooter.vue",
            '<template lang="pug">\n  footer.site-footer\n    .license\n      a(href="https'
            '://creativecommons.org/licenses/by/4.0/") CC BY 4.0\n      | &nbsp;- Bike Summit'
            "\n</template>\n",
            "footer_statement",
        ),
        (
            "config/_default/params.toml",
            'title = "Call your MEP"\n\n# Footer\nfooter = "Copyright (c) Bike Summit <a href='
            '\\"https://creativecommons.org/licenses/by/4.0/\\">CC-by 4.0</a><br>Photos: the'
            ' team"\n',
            "footer_statement",
        ),
        (
            "_config.yml",
            "title: Bike Summit\nfooter: Texts and photos are licensed CC BY-SA 4.0\n",
            "footer_statement",
        ),
        (
            "_config.yml",
            "title: Bike Summit\nlicense: Texts and photos are licensed CC BY-SA 4.0\n",
            "config_statement",
        ),
        (
            "impressum/index.html",
            "<h1>Impressum</h1>\n<p>Sofern nicht anders angegeben, stehen die Inhalte dieser"
            ' Seite unter der <a href="https://creativecommons.org/licenses/by/4.0/">Creative'
            " Commons CC by 4.0</a> Lizenz.</p>\n<footer>Kontakt</footer>\n",
            "page_statement",
        ),
        (
            "about.html",
            "<h1>About</h1>\n<p>All photos and texts on this site are CC BY 4.0.</p>\n",
            "page_statement",
        ),
        (
            # A site generator's page templates kept in _views/.
            "src/_views/index.html",
            '<footer><a rel="license" href="http://creativecommons.org/licenses/by/4.0/">'
            "sakura360 は クリエイティブ・コモンズ 表示 4.0 国際 ライセンスの下で提供されています。"
            "</a></footer>\n",
            "footer_statement",
        ),
        (
            # A Jekyll theme's site texts, printed by its footer.
            "_data/sitetext.yml",
            'footer:\n  license: "This work is licensed under a Creative Commons Attribution -'
            ' ShareAlike 3.0 License!"\n',
            "config_statement",
        ),
        (
            # An Express site's page template, its footer in Korean.
            "app/views/app/index.ejs",
            "<main><%- include('nav') %></main>\n<footer>\n<p>이 사이트는 크리에이티브 커먼즈"
            " 저작자표시 2.0 대한민국 라이선스에 따라 이용할 수 있습니다.</p>\n</footer>\n",
            "footer_statement",
        ),
    ],
)
def test_statements_in_contributor_terms_and_site_footers_cover_the_media(
    tmp_path: Path, rules: Rules, path: str, text: str, note: str
) -> None:
    files = {**CODE, "README.md": GOOD_README, "img/map.png": PNG, path: text}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS, result.evidence
    (cited,) = [e for e in result.evidence if e.kind == note]
    assert cited.path == path and cited.line
    said = evidence_text(cited, labels("en"), "en")
    assert "weaker source" in said or note == "contributing_statement"
    assert ("footer" in said) == (note == "footer_statement")


def test_a_library_copied_into_the_site_s_scripts_is_someone_else_s(
    tmp_path: Path, rules: Rules
) -> None:
    """admin/js/select2/ with its own LICENSE and manifest is Select2, not the team's code:
    its licence speaks for no code of the team's, and its images are Select2's."""
    apache = bundled("Apache-2.0")
    files: dict[str, str | bytes] = {
        **CODE,
        "README.md": GOOD_README + "\nAll images in this repository are licensed CC BY 4.0.\n",
        "img/map.png": PNG,
        "admin/js/select2/LICENSE": apache,
        "admin/js/select2/package.json": '{"name": "select2", "license": "Apache-2.0"}\n',
        "admin/js/select2/select2.js": "(function () {})();\n",
        "admin/js/select2/select2.png": PNG,
    }
    results = run_checks(folder_snapshot(write_tree(tmp_path / "site", files)), rules)
    code = results["code_licence"]
    assert (code.status, code.reason) == (Status.FAIL, "none"), code.evidence
    media = results["media_licence"]
    assert media.status is Status.PASS
    theirs = {e.path: e.kind for e in media.evidence if e.kind and "third_party" in e.kind}
    assert theirs == {"admin/js/select2/select2.png": "third_party_library"}
    # A package of the team's own monorepo keeps its licence.
    files = {
        **CODE,
        "packages/web/LICENSE": MIT_TEXT,
        "packages/web/package.json": '{"name": "@team/web", "license": "MIT"}\n',
        "packages/web/index.js": "export default 1;\n",
    }
    code = run_checks(folder_snapshot(write_tree(tmp_path / "mono", files)), rules)["code_licence"]
    assert "MIT" in (code.licence or code.params.get("licence", "")), code


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("lib/leaflet/images/marker.png", "library"),
        ("public/lib/leaflet/images/layers.png", "library"),
        ("lib/logo.png", None),
        # An app's own source tree: SvelteKit's $lib, a Rails app's lib/.
        ("src/lib/assets/img/crosshair.svg", None),
        ("app/lib/images/map.png", None),
    ],
)
def test_a_copied_library_s_folder_is_not_an_app_s_own_lib(path: str, reason: str | None) -> None:
    assert third_party_reason(path) == reason


def test_a_footer_background_image_is_not_read_as_a_footer(tmp_path: Path, rules: Rules) -> None:
    files = {
        **CODE,
        "README.md": GOOD_README,
        "src/assets/footer-bg.png": PNG,
        "src/components/Footer.jsx": "export default () => <footer>Photos: CC BY 4.0</footer>\n",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS, result.evidence
    assert {e.path for e in result.evidence if e.kind == "footer_statement"} == {
        "src/components/Footer.jsx"
    }


def test_a_g0v_json_licence_is_the_whole_project_s(tmp_path: Path, rules: Rules) -> None:
    """g0v.json names the project's licence: a Creative Commons one covers the media, and
    steps aside for the code when package.json names an OSI licence."""
    manifest = (
        '{\n  "name": "g0vsite",\n  "licenses": [\n    {\n      "type": "CC-BY"\n    }\n  ],'
        '\n  "audience": ["public"]\n}\n'
    )
    files = {
        "index.js": "module.exports = 1\n",
        "package.json": '{"name": "g0vsite", "license": "BSD-2-Clause"}\n',
        "g0v.json": manifest,
        "app/assets/imgs/banner.png": PNG,
    }
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert (results["code_licence"].status, results["code_licence"].licence) == (
        Status.PASS,
        "BSD-2-Clause",
    )
    media = results["media_licence"]
    assert (media.status, media.licence) == (Status.PASS, "CC-BY-4.0"), media
    assert media.evidence[0].path == "g0v.json" and media.evidence[0].line == 5


def test_a_cc0_project_manifest_is_no_code_licence(tmp_path: Path, rules: Rules) -> None:
    files = {
        **CODE,
        "g0v.json": '{"name": "voter-guide", "license": "CC0-1.0"}\n',
        "static/img/taiwan.png": PNG,
    }
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert (results["code_licence"].reason, results["code_licence"].licence) == (
        "not_osi",
        "CC0-1.0",
    )
    assert results["media_licence"].status is Status.PASS


def test_a_publiccode_yml_licence_is_the_project_s(tmp_path: Path, rules: Rules) -> None:
    publiccode = (
        "publiccodeYmlVersion: '0.4'\nname: Bokningstjänst\nlegal:\n"
        "  license: AGPL-3.0-or-later\n  mainCopyrightOwner: Region Exempel\n"
    )
    result = check(tmp_path, rules, {**CODE, "publiccode.yml": publiccode}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "AGPL-3.0-or-later")
    assert (result.evidence[0].path, result.evidence[0].line) == ("publiccode.yml", 4)


def test_a_package_manifest_in_a_folder_speaks_for_its_folder(tmp_path: Path, rules: Rules) -> None:
    """An API's repository whose generated client is a package with its own licence."""
    client = '[tool.poetry]\nname = "de-nina"\nversion = "1.1.0"\nlicense = "Apache-2.0"\n'
    files = {
        "openapi.yaml": "openapi: 3.0.0\n",
        "examples/warnings.py": "print('warnings')\n",
        "python-client/pyproject.toml": client,
        "python-client/deutschland/nina/api.py": "class Api: ...\n",
        "python-client/deutschland/nina/models.py": "class Warning: ...\n",
    }
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "Apache-2.0"), result
    assert result.evidence[0].path == "python-client/pyproject.toml"
    files["LICENSE"] = MIT_TEXT
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT"), result


def test_a_starter_s_licence_in_its_folder_leaves_the_team_s_app_beside_it_without_one(
    tmp_path: Path, rules: Rules
) -> None:
    """A hackathon app at the top, with a smart-contract starter copied into a folder with its
    LICENSE: the starter's licence speaks for its folder, not for the team's app."""
    files: dict[str, str | bytes] = {
        "README.md": "This repo has the web app and a starter for the contracts.\n",
        "package.json": '{"name": "discover", "private": true}\n',
        "starter/LICENSE": MIT_TEXT,
        "starter/package.json": '{"name": "starter", "license": "MIT"}\n',
        **{
            f"starter/packages/app/src/view{i}.jsx": "export default () => null;\n"
            for i in range(30)
        },
        **{f"src/routes/page{i}.tsx": "export const page = 1;\n" for i in range(4)},
        "src/App.tsx": "export const App = () => null;\n",
        ".netlify/functions/redeem.js": "exports.handler = async () => ({});\n",
    }
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason, result.licence) == (Status.WARN, "partly", None)
    assert result.params["path"] == "starter/" and result.params["count"] == 6
    assert result.evidence[1].kind == "code_outside_licence"
    summary = explain(result, rules, "en").summary
    assert summary.startswith("Only part of the code has a licence: MIT covers starter/")
    # The README's statement speaks for the whole repository, the app at the top included.
    stated = {**files, "README.md": files["README.md"] + "\n## License\n\nThe code is MIT.\n"}
    result = check(tmp_path / "stated", rules, stated, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT"), result
    # A stray script beside a licensed package is not a part of the project without a licence.
    for i in range(4):
        del files[f"src/routes/page{i}.tsx"]
    del files["src/App.tsx"]
    result = check(tmp_path / "one", rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT"), result
    # With a licence of its own at the top, the whole project is licensed.
    files["LICENSE"] = MIT_TEXT
    assert check(tmp_path / "top", rules, files, "code_licence").status is Status.PASS


def test_a_licence_file_named_after_its_licence_is_read(tmp_path: Path, rules: Rules) -> None:
    """Rails plugins and Ruby gems call theirs MIT-LICENSE."""
    files = {"init.rb": "require 'theme'\n", "MIT-LICENSE": MIT_TEXT}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "MIT")
    assert result.evidence[0].path == "MIT-LICENSE"


def test_a_footer_that_names_the_code_s_licence_does_not_cover_media(
    tmp_path: Path, rules: Rules
) -> None:
    footer = "<footer>Source code under MIT. Maybe CC BY 4.0 for the pictures later?</footer>\n"
    files = {**CODE, "README.md": GOOD_README, "img/map.png": PNG, "_includes/footer.html": footer}
    assert check(tmp_path, rules, files, "media_licence").status is Status.FAIL


FONT_SVG = (
    '<?xml version="1.0" standalone="no"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n'
    "<metadata>\nCopyright (c) Font Awesome\n</metadata>\n<!-- Font Awesome Free by "
    "@fontawesome - https://fontawesome.com License - https://fontawesome.com/license/free "
    "(Icons: CC BY 4.0, Fonts: SIL OFL 1.1, Code: MIT License) -->\n"
    '<defs><font id="fa"></font></defs></svg>\n'
)


def test_an_svg_font_keeps_the_licence_its_notice_gives_fonts(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## Licence\n\nImages and texts: CC BY 4.0.\n"
    files = {**CODE, "README.md": readme, "fonts/fa.svg": FONT_SVG, "img/map.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    # A font is someone else's work: the warning says so ("third_party").
    assert (result.status, result.reason) == (Status.WARN, "third_party")
    (note,) = [e for e in result.evidence if e.kind == "media_not_cc"]
    assert note.path == "fonts/fa.svg" and note.licence == "OFL-1.1"
    # Listed for the team to sort out, never offered to its REUSE.toml.
    assert result.reason not in ANNOTATE_REASONS
    icon = FONT_SVG.replace('<defs><font id="fa"></font></defs>', "<path d='M0 0'/>")
    write_tree(tmp_path / "icon", {**files, "fonts/fa.svg": icon})
    as_icon = run_checks(folder_snapshot(tmp_path / "icon"), rules)["media_licence"]
    assert as_icon.status is Status.PASS
    # Without any statement of the team's, the font is still under the licence it names.
    write_tree(tmp_path / "alone", {**CODE, "README.md": GOOD_README, "fonts/fa.svg": FONT_SVG})
    alone = run_checks(folder_snapshot(tmp_path / "alone"), rules)["media_licence"]
    assert [e.licence for e in alone.evidence if e.kind == "media_not_cc"] == ["OFL-1.1"]


PD_README = GOOD_README + (
    "\n## Licence\n\nThe code is MIT. The photos are marked with the [Public Domain Mark 1.0]"
    "(https://creativecommons.org/publicdomain/mark/1.0/).\n"
)
BELOW_THRESHOLD = (
    "The icons in this folder are simple geometric shapes below the threshold of originality."
    " They are in the public domain.\n"
)


@pytest.mark.parametrize(
    "files",
    [
        {"README.md": PD_README},
        {
            "README.md": GOOD_README,
            "REUSE.toml": 'version = 1\n[[annotations]]\npath = "img/**"\n'
            'SPDX-License-Identifier = "LicenseRef-BelowThreshold"\n',
            "LICENSES/LicenseRef-BelowThreshold.txt": BELOW_THRESHOLD,
        },
        {"README.md": GOOD_README + "\nThe photos carry the Public Domain Mark 1.0.\n"},
    ],
    ids=["public domain mark", "licence reference saying public domain", "mark named for photos"],
)
def test_public_domain_media_count_as_the_policy_says(
    tmp_path: Path, rules: Rules, files: dict[str, str | bytes]
) -> None:
    tree = {**CODE, "img/a.png": PNG, **files}
    result = check(tmp_path, rules, tree, "media_licence")
    assert result.status is Status.PASS, result.evidence
    strict = _media_rule(rules, accept_public_domain=False)
    refused = run_checks(folder_snapshot(tmp_path), strict)["media_licence"]
    assert refused.status is Status.FAIL
    kinds = {e.kind for e in refused.evidence}
    assert "media_public_domain" in kinds and "media_not_cc" not in kinds


# -- licences named for other work, and names without a version ----------------------------


def test_a_third_party_licence_section_declares_nothing_for_the_project(
    tmp_path: Path, rules: Rules
) -> None:
    readme = (
        GOOD_README + "\n## Licensing\n\nDistributed under the MIT License.\n\n"
        "### Third Party License\n\n| Name | License |\n| --- | --- |\n"
        "| adapt.min.js | Licensed under GPL and MIT |\n"
    )
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "code_licence")
    assert (result.status, result.reason, result.licence) == (Status.PASS, "osi", "MIT")
    assert all(
        e.line != readme.split("\n").index("| adapt.min.js | Licensed under GPL and MIT |") + 1
        for e in result.evidence
    )


@pytest.mark.parametrize(
    ("section", "licence"),
    [
        # A licence-and-credits section still declares the project's licence.
        ("## License and credits\n\nThe code is under the MIT License.\n", "MIT"),
        # A licence named as compatible with the project's is not its licence.
        (
            "## Licencia\n\nEl código está publicado bajo la licencia EUPL 1.1, compatible con"
            " otras licencias libres, como la GNU General Public License (GNU/GPL).\n",
            "EUPL-1.1",
        ),
        # A licence named without its version is the version named beside it.
        (
            "## License\n\nThe app is released under the European Union Public Licence.\n\n"
            "That is the [EUPL 1.1](https://joinup.ec.europa.eu/page/eupl), which public bodies"
            " share their software under.\n",
            "EUPL-1.1",
        ),
    ],
)
def test_a_readme_licence_section_is_read_for_the_project_s_own_licence(
    tmp_path: Path, rules: Rules, section: str, licence: str
) -> None:
    readme = GOOD_README + "\n" + section
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "code_licence")
    assert (result.status, result.reason, result.licence) == (Status.PASS, "osi", licence)


# -- a statement that leaves out other people's material --------------------------------------


CARVE_OUT = (
    "\n## License\n\nThe code is MIT. The data files and all the journalistic content produced "
    "by the project (i.e. not including photographs provided by third parties) are Creative "
    "Commons ([CC-BY 3.0](https://creativecommons.org/licenses/by/3.0/)).\n"
)


def test_a_statement_that_leaves_out_others_material_without_naming_it_is_a_warning(
    tmp_path: Path, rules: Rules
) -> None:
    files = {**CODE, "README.md": GOOD_README + CARVE_OUT, "img/a.jpg": PNG, "img/b.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.WARN, "third_party_excluded")
    note = next(e for e in result.evidence if e.kind == "statement_excludes_others")
    assert note.path == "README.md" and "third parties" in str(note.params["text"])

    # The advice works: the team names the photographs that are someone else's.
    declared = {
        **files,
        ".cts-audit.yml": "third_party:\n  - path: img/b.png\n    licence: LicenseRef-press"
        "-photo\n    source: https://example.org/press\n",
    }
    result = check(tmp_path / "named", rules, declared, "media_licence")
    assert result.status is Status.PASS, result.evidence
    # ... or gives one under a Creative Commons licence of its own that licence.
    annotated = {
        **files,
        "REUSE.toml": 'version = 1\n[[annotations]]\npath = "img/b.png"\n'
        'SPDX-FileCopyrightText = "A photographer"\nSPDX-License-Identifier = "CC-BY-SA-4.0"\n',
    }
    result = check(tmp_path / "annotated", rules, annotated, "media_licence")
    assert result.status is Status.PASS, result.evidence
    # ... or, with none left, takes the exception out.
    plain = GOOD_README + CARVE_OUT.replace(
        " (i.e. not including photographs provided by third parties)", ""
    )
    result = check(tmp_path / "plain", rules, {**files, "README.md": plain}, "media_licence")
    assert result.status is Status.PASS


@pytest.mark.parametrize(
    "sentence",
    [
        # Statements about this repository's media still cover them...
        "The code is MIT, and the images are CC BY 4.0.",
        "Our photos come from the team, and they are all licensed as CC BY 4.0.",
        # ... and so do those that leave out no one else's material.
        "The code is MIT. Images are CC BY 4.0 unless otherwise noted.",
        "The code is MIT. All content is CC BY 4.0, except the logo, which is ours and also"
        " CC BY 4.0.",
        "The code is MIT. Texts and images are CC BY 4.0; third parties may reuse them freely.",
    ],
)
def test_a_statement_about_this_repository_s_media_covers_them(
    tmp_path: Path, rules: Rules, sentence: str
) -> None:
    readme = GOOD_README + f"\n## License\n\n{sentence}\n"
    files = {**CODE, "README.md": readme, "img/owl.png": PNG, "img/a.jpg": PNG}
    assert check(tmp_path, rules, files, "media_licence").status is Status.PASS


def test_a_licence_file_of_one_line_names_each_part_s_licence(tmp_path: Path, rules: Rules) -> None:
    """In a licence file every line speaks of licences: a bare "MIT" there is the licence."""
    files = {
        **CODE,
        "README.md": GOOD_README,
        "img/a.png": PNG,
        "LICENSE": "Source code is MIT unless a sub-folder states otherwise. Documentation and "
        "creative assets are CC-BY 4.0. Dataset samples are CC0 unless noted.",
    }
    code = check(tmp_path, rules, files, "code_licence")
    assert (code.status, code.licence) == (Status.PASS, "MIT")
    assert (code.evidence[0].path, code.evidence[0].line) == ("LICENSE", 1)
    media = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
    assert (media.status, media.licence) == (Status.PASS, "CC-BY-4.0")


_TERMS = (
    "# Contributing\n\nCode is published under the licence in LICENSE. Other content (texts,"
    " images) shall be published under CC BY-SA 4.0.\n"
)


@pytest.mark.parametrize(
    ("statement", "status"),
    [
        # Its words say it covers everything: the media are EUPL, not CC, whatever
        # CONTRIBUTING's default says.
        ("All materials in this repository are licensed under the EUPL-1.2.", Status.FAIL),
        ("Alle Materialien in diesem Repository stehen unter der EUPL-1.2.", Status.FAIL),
        ("The code and the texts are licensed under the EUPL-1.2.", Status.FAIL),
        # No scope in its words: a licence for the code by default, silent on the media,
        # so the contributor terms speak for them.
        ("Licensed under the EUPL-1.2.", Status.PASS),
    ],
)
def test_a_statement_that_says_it_covers_everything_is_the_media_s_licence(
    tmp_path: Path, rules: Rules, statement: str, status: Status
) -> None:
    readme = GOOD_README + f"\n## License\n\n{statement}\n"
    files = {**CODE, "README.md": readme, "CONTRIBUTING.md": _TERMS, "docs/flow.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is status, result.evidence
    if status is Status.FAIL:
        (named,) = [e for e in result.evidence if e.kind == "media_not_cc"]
        assert named.path == "README.md" and named.licence == "EUPL-1.2"
        # The advice works: a sentence for the media, beside the one for everything.
        fixed = (
            readme + "\nTexts, images and video in this repository are licensed under CC BY 4.0.\n"
        )
        (tmp_path / "README.md").write_text(fixed, encoding="utf-8")
        again = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
        assert again.status is Status.PASS


_GRANT = (
    "THIS NOTICE APPLIES TO ALL FILES CONTAINED IN THIS AND UNDERLYING FOLDERS\n\n"
    "    Bathing Lakes\n    Copyright (C) 2014 A. Person\n\n"
    "This program is free software: you can redistribute it and/or modify\n"
    "it under the terms of the GNU Affero General Public License as\n"
    "published by the Free Software Foundation, either version 3 of the\n"
    "License, or (at your option) any later version.\n\n"
    "This code contains code derived from other projects, under these licenses:\n\n"
    "Leaflet\n-------\nCopyright (c) 2010-2013, Vladimir Agafonkin\n"
    "Redistribution and use in source and binary forms, with or without modification, are"
    " permitted (BSD-2-Clause).\n"
)


@pytest.mark.parametrize(
    ("files", "licence"),
    [
        # The bare AGPL text says nothing of "or later"; the NOTICE's grant does.
        ({"NOTICE": _GRANT, "LICENSE": bundled("AGPL-3.0-only")}, "AGPL-3.0-or-later"),
        ({"COPYRIGHT.txt": _GRANT}, "AGPL-3.0-or-later"),
        # An Apache-style NOTICE credits what the product includes: no grant of the project's.
        (
            {
                "NOTICE": "This product includes software developed by The Apache Software"
                " Foundation (http://www.apache.org/), under the Apache License 2.0.\n",
                "LICENSE": MIT_TEXT,
            },
            "MIT",
        ),
        # A NOTICE deeper down is a copied library's.
        (
            {"lib/leaflet/NOTICE": _GRANT, "LICENSE": bundled("AGPL-3.0-only")},
            "AGPL-3.0-only",
        ),
    ],
)
def test_a_notice_s_gnu_grant_is_the_project_s_licence(
    tmp_path: Path, rules: Rules, files: dict[str, str], licence: str
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": GOOD_README, **files}, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, licence), result.evidence


_RESERVED_FONT = (
    '<svg xmlns="http://www.w3.org/2000/svg"><metadata>Created by FontForge. Copyright Dave'
    ' Gandy 2016. All rights reserved.</metadata><defs><font id="fa"></font></defs></svg>\n'
)


def test_a_colour_profile_s_copyright_is_not_the_photo_s(tmp_path: Path, rules: Rules) -> None:
    """Every sRGB photo carries "Copyright (c) 1998 Hewlett-Packard Company" in its ICC
    profile: that names the profile's maker, not the photo's."""
    profile = (
        b"\x0cbTRC\x00\x00\x04<\x00\x00\x08\x0ctext\x00\x00\x00\x00"
        b"Copyright (c) 1998 Hewlett-Packard Company\x00"
    )
    photo = b"\xff\xd8\xff\xe2\x0c\x58ICC_PROFILE\x00\x01\x01" + profile + b"\xff\xd9"
    files = {**CODE, "README.md": GOOD_README, "img/team.jpg": photo}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none_covered")
    assert result.annotate == ("img/team.jpg",)


_RELEASE_TOOL_LOG = "".join(
    f"# [1.{n}.0](https://github.com/team/app/compare/1.{n - 1}.0...1.{n}.0) (2020-08-16)\n\n"
    f"### Features\n\n* **page{n}:** add page {n} ([#{n}](https://github.com/team/app/issues/{n}))"
    f" ([15e4a7{n}](https://github.com/team/app/commit/15e4a7{n}06e43e78d2f5b6298e3f16e51a1595))\n\n"
    for n in range(4, 0, -1)
)
_STARTER_LOG = "# Release Notes\n\n" + "".join(
    f"## [v12.{n}.0](https://github.com/laravel/laravel/compare/v12.{n - 1}.0...v12.{n}.0)\n\n"
    f"* Tidy the {n}th default by [@someone](https://github.com/someone) in"
    f" https://github.com/laravel/laravel/pull/67{n}0\n\n"
    for n in range(4, 0, -1)
)
_KEPT_LOG = (
    "# Changelog\nAll notable changes to this project will be documented in this file.\n\n"
    "## [0.2] - 2026-04-02\n### Changed\n- Moved the map to MapLibre after the user tests"
    " showed the old one was too slow on phones. #12\n- Counting stations now load from the"
    " city's open data portal. #9\n"
)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"CHANGELOG.md": _RELEASE_TOOL_LOG}, Status.WARN),  # a release tool's, from the commits
        ({"CHANGELOG.md": _KEPT_LOG}, Status.PASS),  # kept by people: the project's history
        # A pointer to another project's change log.
        ({"CHANGELOG.md": "View the changelog on the OctoberCMS website.\n"}, Status.WARN),
        # The starter's own release notes, kept from the project it was made from.
        ({"CHANGELOG.md": _STARTER_LOG}, Status.WARN),
        # Translations of the README are the README, not a handbook beside it.
        (
            {
                f"README.{lang}.md": GOOD_README.replace("Bike", f"Bike ({lang})") * 3
                for lang in ("es", "ja", "zh-TW")
            },
            Status.WARN,
        ),
        # ... and documents of their own are.
        (
            {
                f"{name}.md": GOOD_README.replace("Bike", name) * 3
                for name in ("SETUP", "DEPLOY", "README.docker")
            },
            Status.PASS,
        ),
        # Instructions for AI agents are not the team's documentation.
        (
            {
                f"{name}.md": GOOD_README.replace("Bike", name) * 3
                for name in ("CLAUDE", "AGENTS", "GEMINI")
            },
            Status.WARN,
        ),
    ],
)
def test_working_method_material_is_what_people_wrote_about_the_work(
    tmp_path: Path, rules: Rules, files: dict[str, str], status: Status
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": GOOD_README, **files}, "working_method")
    assert result.status is status, result.evidence


def test_a_finding_without_licences_names_the_files_that_are_not_the_team_s_to_license(
    tmp_path: Path, rules: Rules
) -> None:
    files = {
        **CODE,
        "README.md": GOOD_README,
        "img/map.png": PNG,
        "img/cards/visa.png": PNG,
        "assets/organizations/city.png": PNG,
        # The site's own icon, as favicon generators name it for each platform.
        "public/favicons/android-icon-192x192.png": PNG,
        "public/favicons/apple-touch-icon-precomposed.png": PNG,
        # Screenshots of the team's app on a phone, a photo from a mapping party.
        "pic/android1.jpg": PNG,
        "img/openstreetmap.jpg": PNG,
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none_covered")
    # Every photograph is the team's to license: one glob for them.
    assert result.annotate == ("**.jpg", "img/map.png", "public/**.png"), result.annotate
    named = {e.path: e.kind for e in result.evidence if e.kind and "third_party" in e.kind}
    assert named == {
        "img/cards/visa.png": "third_party_brand_icon",
        "assets/organizations/city.png": "third_party_partner_logo",
    }


@pytest.mark.parametrize(
    "files",
    [
        {
            "README.md": GOOD_README + "\n## License\n\nLicensed under the Apache License, Version"
            ' 2.0 (the "License"). Images are CC BY 4.0.\n'
        },
        {
            "README.md": GOOD_README,
            "LICENSE": "Copyright 2024 Team\n\nLicensed under the Apache License, Version 2.0"
            ' (the "License");\nyou may not use this file except in compliance with the'
            " License.\n",
        },
    ],
)
def test_a_licence_name_with_a_comma_in_it_is_read(
    tmp_path: Path, rules: Rules, files: dict[str, str]
) -> None:
    """ "Apache License, Version 2.0": the name spans two clauses by its comma."""
    results = run_checks(
        folder_snapshot(write_tree(tmp_path, {**CODE, "img/a.png": PNG, **files})), rules
    )
    code = results["code_licence"]
    assert (code.status, code.licence) == (Status.PASS, "Apache-2.0"), code.evidence
    assert results["media_licence"].status is not Status.ERROR


def test_a_readme_under_a_team_s_prefix_is_the_readme(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## How we worked\n\nWe met every evening and split the work.\n"
    result = check(tmp_path, rules, {**CODE, "GROUP_1README.md": readme}, "working_method")
    assert result.status is Status.PASS, result.evidence
    (note,) = [e for e in result.evidence if e.kind == "readme_misnamed"]
    assert note.path == "GROUP_1README.md"
    said = evidence_text(note, labels("en"), "en")
    assert said.startswith("GitHub shows a README") and "rename it" in said


def _jpeg_with_xmp(xmp: str) -> bytes:
    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>{xmp}</rdf:RDF></x:xmpmeta>'
    return (
        b"\xff\xd8\xff\xe1\x10\x00http://ns.adobe.com/xap/1.0/\x00" + packet.encode() + b"\xff\xd9"
    )


_STOCK_PHOTO = _jpeg_with_xmp(
    '<rdf:Description photoshop:Credit="wirakorn - stock.adobe.com" photoshop:Source="2334">'
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">\u00a9wirakorn - stock.adobe.com'
    "</rdf:li></rdf:Alt></dc:rights></rdf:Description>"
)
_PHOTOSHOP_DEFAULTS = _jpeg_with_xmp(
    "<rdf:Description><xmpRights:Marked>False</xmpRights:Marked><dc:rights><rdf:Alt>"
    '<rdf:li xml:lang="x-default"></rdf:li></rdf:Alt></dc:rights>'
    "<photoshop:Credit></photoshop:Credit></rdf:Description>"
)


@pytest.mark.parametrize(
    ("path", "content"),
    [("fonts/fa-webfont.svg", _RESERVED_FONT), ("img/sky.jpg", _STOCK_PHOTO)],
)
def test_a_file_that_reserves_its_rights_is_not_covered_by_a_blanket_statement(
    tmp_path: Path, rules: Rules, path: str, content: str | bytes
) -> None:
    """A font whose maker reserved all rights, a stock agency's photo: not the team's."""
    readme = GOOD_README + "\n## Licence\n\nAll texts and images on this site are CC BY 4.0.\n"
    files = {**CODE, "README.md": readme, "img/a.png": PNG, path: content}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.WARN, "third_party"), result.evidence
    assert result.files == (path,)
    # The advice works: the team lists the file as someone else's, with its licence.
    (tmp_path / ".cts-audit.yml").write_text(
        f"third_party:\n  - {{path: {path}, licence: LicenseRef-Theirs,"
        " source: https://example.org}\n",
        encoding="utf-8",
    )
    fix = rules.reason_text("media_licence", "third_party").fix["en"]
    assert "`third_party:` in a `.cts-audit.yml`" in fix
    fixed = run_checks(folder_snapshot(tmp_path), rules)["media_licence"]
    assert fixed.status is Status.PASS


_PHONE_EDITOR = _jpeg_with_xmp(
    '<rdf:Description photoshop:Credit="Edited with Google AI"></rdf:Description>'
)
_PHONE_EDITOR_ELEMENT = _jpeg_with_xmp(
    "<rdf:Description><photoshop:Credit>Made with Google AI</photoshop:Credit></rdf:Description>"
)


@pytest.mark.parametrize("photo", [_PHOTOSHOP_DEFAULTS, _PHONE_EDITOR, _PHONE_EDITOR_ELEMENT])
def test_empty_rights_fields_say_nothing_of_a_maker(
    tmp_path: Path, rules: Rules, photo: bytes
) -> None:
    """Photoshop writes "Marked: False" and empty rights fields into every file it saves; a
    phone's editor writes the tool it used as the credit line."""
    files = {**CODE, "README.md": GOOD_README, "img/blur.jpg": photo}
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none_covered")
    assert result.annotate == ("img/blur.jpg",)
    assert not [e for e in result.evidence if e.kind and e.kind.startswith("third_party")]


@pytest.mark.parametrize(
    ("path", "text", "status"),
    [
        # A Slim layout's footer, in Chinese with CC's own name for the licence.
        (
            "views/layout/_layout.slim",
            "footer\n  p 本服務圖文內容採用 創用 CC 姓名標示 4.0 國際授權條款 授權\n",
            Status.PASS,
        ),
        # A React footer in Japanese.
        (
            "src/components/footer.tsx",
            "export const Footer = () => <footer>このサイトの内容物は クリエイティブ・コモンズ"
            " 表示 4.0 ライセンス の下に提供されています</footer>\n",
            Status.PASS,
        ),
        # A statement its maintainers commented out states nothing.
        (
            "_includes/footer.html",
            "<footer>\n<!-- Hide until we agree on licences\n<p>Content licensed <a href="
            '"https://creativecommons.org/licenses/by-sa/4.0/">CC BY SA 4.0</a></p>\n-->\n'
            "</footer>\n",
            Status.FAIL,
        ),
        (
            "_includes/footer.html",
            "<footer>{% comment %}\nContent: CC BY 4.0\n{% endcomment %}</footer>\n",
            Status.FAIL,
        ),
        # A Rails app's about page.
        (
            "app/views/pages/about.html.erb",
            "<h1>About</h1>\n<p>Texts and images on this site: CC BY 4.0.</p>\n",
            Status.PASS,
        ),
        # A single-page app keeps its footer in its root component, and its page in public/.
        (
            "web/src/App.vue",
            '<template><main><router-view/></main><footer class="site-footer">CIVIO 2020 |'
            ' <a href="https://creativecommons.org/licenses/by-sa/3.0/deed.es">Licencia CC BY-SA'
            " 3.0</a></footer></template>\n",
            Status.PASS,
        ),
        (
            "web/public/index.html",
            "<body><div id=app></div><footer>Content: CC BY 4.0</footer></body>\n",
            Status.PASS,
        ),
        # A Django app's base template, in a folder of its own.
        (
            "web/templates/contenidos/base.html",
            '<footer><a rel="license" href="http://creativecommons.org/licenses/by/4.0/">'
            "<img alt='Creative Commons License' src='cc.png'></a></footer>\n",
            Status.PASS,
        ),
        # A photo's caption on a page credits that photo: no statement for the project.
        (
            "docs/index.html",
            "<p><img src='car.jpg'><i>Quelle: Von DaimlerChrysler AG by de:User:Cete,"
            " CC BY-SA 3.0, https://commons.wikimedia.org/w/index.php?curid=3586141</i></p>\n",
            Status.FAIL,
        ),
    ],
)
def test_a_site_s_statement_is_read_where_its_stack_keeps_it_and_a_caption_is_not_one(
    tmp_path: Path, rules: Rules, path: str, text: str, status: Status
) -> None:
    files = {**CODE, "README.md": GOOD_README, "img/map.png": PNG, path: text}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is status, result.evidence


@pytest.mark.parametrize(
    ("line", "status", "covered"),
    [
        # A credit for named files gives those files their licence, and no others.
        (
            "- mining.svg: by Yu Luck from the Noun Project (CC-BY 4.0)\n"
            "- technology.svg: by Keris from the Noun Project (CC-BY 4.0)",
            Status.WARN,
            2,
        ),
        # A line that says what it covers speaks for all of it, the file it names too.
        ("All images, the logo mining.svg too, are licensed under CC BY 4.0.", Status.PASS, 4),
        # A credit that names no file of the project licenses nothing of it.
        ("Header photo by A. Person on Unsplash, CC BY 4.0.", Status.FAIL, 0),
    ],
)
def test_a_readme_line_that_credits_named_files_licenses_those_files(
    tmp_path: Path, rules: Rules, line: str, status: Status, covered: int
) -> None:
    readme = GOOD_README + f"\n## License Notes\n\nSource code is released under MIT.\n\n{line}\n"
    icons = {f"src/assets/icons/{n}.svg": "<svg/>" for n in ("mining", "technology", "energy")}
    files = {**CODE, "README.md": readme, "src/assets/map.png": PNG, **icons}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is status, result.evidence
    assert result.files_total == 4 - covered or status is Status.PASS


@pytest.mark.parametrize(
    "readme",
    [
        "# New Seizeland\n\nGame created as part of GovHack NZ 2017.\n\n## License Notes\n\n"
        "Source code is released under GPL-v3.0. Files in `/src/assets/icons` are from the"
        " MaterialDesign icons (SIL Open Font License and Apache 2.0); mining.svg is by Yu Luck"
        " from the Noun Project.\n",
        # Licence sentences count for nothing wherever they stand, heading or none.
        "# Hams\n\nA GovHack 2017 entry by team Feloniously Receiving Hams.\n\n"
        "All code available under the MIT License and created by the contributors, who hold"
        " the copyright to every line of it and licence it to anyone who wants it.\n",
    ],
    ids=["under a heading", "anywhere"],
)
def test_a_readme_s_licence_notes_do_not_explain_the_project(
    tmp_path: Path, rules: Rules, readme: str
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "too_short")


def test_a_starter_s_default_logo_is_not_the_team_s_to_license(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """create-react-app's React logo, unchanged, in an app without a licence: listed as its
    makers', never put into the REUSE.toml the team is offered."""
    import hashlib

    from cts_audit.checks import third_party

    logo = b'<svg xmlns="http://www.w3.org/2000/svg"><g fill="#61DAFB"/></svg>\n'
    known = third_party._STARTER_ASSETS | {hashlib.sha256(logo).hexdigest()}
    monkeypatch.setattr(third_party, "_STARTER_ASSETS", known)
    files = {
        **CODE,
        "README.md": GOOD_README,
        "src/logo.svg": logo,
        "img/team.png": PNG,
        "src/icons/logo.svg": b"<svg>our own</svg>\n",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none_covered")
    assert set(result.annotate) == {"img/team.png", "src/icons/logo.svg"}
    named = [e for e in result.evidence if e.kind == "third_party_starter_asset"]
    assert [e.path for e in named] == ["src/logo.svg"]


@pytest.mark.parametrize(
    ("folder", "link", "counts"),
    [
        ("bike-counter", "https://github.com/team/bike-counter/wiki", True),
        ("team-bike-counter", "https://github.com/team/bike-counter/wiki", True),
        ("bike-counter", "https://github.com/jupyter/jupyter/wiki/Gallery", False),
    ],
)
def test_a_folder_without_a_known_address_counts_the_wiki_of_its_own_name(
    tmp_path: Path, rules: Rules, folder: str, link: str, counts: bool
) -> None:
    """`check PATH` on a clone: the repository's address is not known, its name is."""
    root = tmp_path / folder
    root.mkdir()
    write_tree(root, {"README.md": GOOD_README + f"\nMore in the [wiki]({link}).\n"})
    result = run_checks(folder_snapshot(root), rules)["working_method"]
    assert (result.status is Status.PASS) is counts, result.evidence


@pytest.mark.parametrize(
    ("section", "status"),
    [
        # What a statement leaves out is not what it covers.
        ("Everything except the images is released under CC0 1.0.", Status.FAIL),
        ("All content except the code is CC BY 4.0.", Status.PASS),
        # "Certain parts ... the following files": those files alone.
        (
            "The code is under the MIT licence. However, the copyright to certain parts of this"
            " repo is waived under CC0 1.0. Specifically, the following files are public domain:"
            "\n\n- [Code of Conduct](docs/codeofconduct.md)\n",
            Status.FAIL,
        ),
        (
            "The code is under the MIT licence. The following files are in the public domain"
            " (CC0 1.0):\n\n- img/map.png\n- img/team.png\n",
            Status.PASS,
        ),
    ],
)
def test_a_statement_covers_what_it_says_and_not_what_it_leaves_out(
    tmp_path: Path, rules: Rules, section: str, status: Status
) -> None:
    readme = GOOD_README + f"\n## License\n\n{section}\n"
    files = {
        **CODE,
        "README.md": readme,
        "img/map.png": PNG,
        "img/team.png": PNG,
        "docs/codeofconduct.md": "# Code of conduct\n\nBe kind.\n",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is status, result.evidence


@pytest.mark.parametrize(
    ("files", "status", "licence"),
    [
        # A data licence's text is no licence for the code...
        ({"LICENSE.md": bundled("ODbL-1.0")}, Status.FAIL, None),
        # ... and beside the code's licence, it does not disagree with it.
        ({"LICENSE.md": bundled("ODbL-1.0"), "LICENSE": MIT_TEXT}, Status.PASS, "MIT"),
        (
            {"README.md": GOOD_README + "\n## License\n\nThe data package is under the PDDL.\n"},
            Status.FAIL,
            None,
        ),
    ],
)
def test_a_licence_made_for_data_speaks_for_the_data(
    tmp_path: Path, rules: Rules, files: dict[str, str], status: Status, licence: str | None
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": GOOD_README, **files}, "code_licence")
    assert (result.status, result.licence) == (status, licence), result.evidence


_PAGE_TEXT = " ".join(["The meetup is on Tuesdays at the library, everyone is welcome."] * 8)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        # Three pages of a Jekyll site are its content, not a handbook on the work.
        (
            {
                f"{n}.md": f"---\nlayout: page\ntitle: {n}\n---\n\n{_PAGE_TEXT}\n"
                for n in ("about", "events", "donate")
            },
            Status.WARN,
        ),
        # code-of-conduct.md is the code_of_conduct the rules leave out, however it is written.
        (
            {
                f"{n}.md": f"# {n}\n\n{_PAGE_TEXT}\n"
                for n in ("code-of-conduct", "privacy-policy", "terms-of-use")
            },
            Status.WARN,
        ),
        # A README section that names the steps of taking part counts, whatever its heading.
        (
            {
                "README.md": GOOD_README + "\n## I want to update the website. How?\n\nFork the"
                " repository, add the upstream remote, create a branch for your change and open a"
                " pull request.\n"
            },
            Status.PASS,
        ),
        # "Hacking": how to work on the project, a contributor's guide by another name.
        (
            {
                "README.md": GOOD_README + "\n## Hacking\n\nBump the version and the date,"
                " tag the commit and push it: the build uploads the new release.\n"
            },
            Status.PASS,
        ),
        # A plan of what comes next, under any of its names.
        (
            {
                "README.md": GOOD_README + "\n## Action Plan\n\n1. Finish the missing"
                " counters.\n2. Set up a production server.\n3. Polish the map filters.\n"
            },
            Status.PASS,
        ),
        (
            {"PLANNING.md": "# Planning\n\nWishlist, doing and done: we moved cards daily.\n"},
            Status.PASS,
        ),
        (
            {
                "README.md": GOOD_README + "\n## Join the project\n\nEach season we look for"
                " a designer, two developers and someone who knows the city's data.\n"
            },
            Status.PASS,
        ),
        (
            {
                "README.md": GOOD_README + "\n## Veröffentlichungen (Releases)\n\nFür eine neue"
                " Version den Tag setzen und pushen: die Pipeline baut das PDF.\n"
            },
            Status.PASS,
        ),
        # A task list is the team's plan of the work, under whatever heading.
        (
            {
                "README.md": GOOD_README + "\n## Data sources\n\n- [x] Counting stations\n"
                "- [x] Weather\n- [ ] Lifts and escalators\n"
            },
            Status.PASS,
        ),
        # The board where the team plans its work.
        (
            {
                "README.md": GOOD_README + "\nOur [project board](https://github.com/users/liv"
                "/projects/2) is where work in progress and work to do are kept.\n"
            },
            Status.PASS,
        ),
        # A branching workflow: the steps of taking part, in the team's words.
        (
            {
                "README.md": GOOD_README + "\n## Environments\n\nBranch off `dev`, rebase"
                " often, then open a PR into `dev`.\n"
            },
            Status.PASS,
        ),
        ({"README.md": GOOD_README + "\n## How can I contribute? 🙌\n\nTell us!\n"}, Status.PASS),
        (
            {"DEVELOPING.md": "# Developing\n\nWe pair on every change and demo on Fridays.\n"},
            Status.PASS,
        ),
        # A log a tool wrote, even one with no entries yet.
        (
            {
                "CHANGELOG.md": "### Changelog\n\nAll notable changes to this project will be"
                " documented in this file. Dates are displayed in UTC.\n\nGenerated by"
                " [`auto-changelog`](https://github.com/CookPete/auto-changelog).\n\n#### v0.1.0\n"
            },
            Status.WARN,
        ),
        # A heading that joins two topics counts by either of them.
        (
            {
                "README.md": GOOD_README + "\n## Editing / contributing\n\nWe keep the"
                " stations list in data/stations.csv; tell us what is missing and we add it.\n"
            },
            Status.PASS,
        ),
        # Where the project comes from explains it; it is not how the team worked.
        (
            {
                "README.md": GOOD_README + "\n## Description & History\n\nInspired by"
                " Boston's Adopt-a-Hydrant, the county asked for the same for its bike racks.\n"
            },
            Status.WARN,
        ),
        # A question heading that asks how to take part.
        (
            {
                "README.md": GOOD_README + "\n### How can I help add to it?\n\nEdit the"
                " stations list and send it to us, by mail or as a change on GitHub.\n"
            },
            Status.PASS,
        ),
        # What inspired the project explains it, like its background.
        (
            {
                "README.md": GOOD_README + "\n## Inspiration\n\nCounting stations publish"
                " hourly numbers that nobody reads; the city asked for a simpler view.\n"
            },
            Status.WARN,
        ),
        # Why the project exists explains the project; it is not how the team worked.
        (
            {
                "README.md": GOOD_README + "\n## Background\n\nCounting stations publish"
                " hourly numbers that nobody reads; the city asked for a simpler view.\n"
            },
            Status.WARN,
        ),
        # The README's title is the project's name, even a name like "Decisions" or "Roadmap".
        (
            {"README.md": GOOD_README.replace("# Bike counter", "Decisions\n=========")},
            Status.WARN,
        ),
        (
            {"README.md": GOOD_README.replace("# Bike counter", "# Roadmap")},
            Status.WARN,
        ),
        # Steps named anywhere under the title (to deploy a fork of it) are no section on
        # how to take part: a section names them in its own text.
        (
            {
                "README.md": GOOD_README + "\n## Deploying\n\nFork this repository.\n\n"
                "### Where it lives\n\nEverything is on the gh-pages branch.\n"
            },
            Status.WARN,
        ),
    ],
)
def test_what_documents_the_work_is_read_for_what_it_is(
    tmp_path: Path, rules: Rules, files: dict[str, str], status: Status
) -> None:
    result = check(tmp_path, rules, {"README.md": GOOD_README, **files}, "working_method")
    assert result.status is status, result.evidence


def test_a_pass_on_a_blanket_statement_names_the_files_that_look_like_someone_else_s(
    tmp_path: Path, rules: Rules
) -> None:
    readme = GOOD_README + "\n## Licence\n\nTexts, images and video: CC BY 4.0.\n"
    files = {
        **CODE,
        "README.md": readme,
        "img/a.png": PNG,
        "fonts/glyphicons-halflings-regular.svg": "<svg><defs><font/></defs></svg>\n",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert (result.status, result.reason) == (Status.PASS, "all_covered")
    (note,) = [e for e in result.evidence if e.kind == "third_party_font"]
    assert note.path == "fonts/glyphicons-halflings-regular.svg"


@pytest.mark.parametrize(
    ("sentence", "covered"),
    [
        # The documentation's media: its folder, and what the README shows.
        ("The documentation is released under CC BY 4.0.", {"docs/flow.png", "shot.png"}),
        ("Dokumentationen har licensen CC BY 4.0.", {"docs/flow.png", "shot.png"}),
        # More than the documentation: every medium.
        ("The documentation and the images are CC BY 4.0.", None),
    ],
)
def test_a_statement_for_the_documentation_covers_its_media_alone(
    tmp_path: Path, rules: Rules, sentence: str, covered: set[str] | None
) -> None:
    readme = GOOD_README + f"\n![The map](shot.png)\n\n## Licence\n\n{sentence}\n"
    media = {"docs/flow.png", "shot.png", "static/logo.png"}
    files = {**CODE, "README.md": readme, **{path: PNG for path in media}}
    result = check(tmp_path, rules, files, "media_licence")
    if covered is None:
        assert result.status is Status.PASS
        return
    assert (result.status, result.reason) == (Status.WARN, "some_covered"), result
    assert set(result.files) == media - covered
    # The advice works: the logo, annotated as the fix says, is covered too.
    (tmp_path / "REUSE.toml").write_text(
        'version = 1\n\n[[annotations]]\npath = "static/logo.png"\n'
        'SPDX-FileCopyrightText = "The team"\nSPDX-License-Identifier = "CC-BY-4.0"\n',
        encoding="utf-8",
    )
    assert run_checks(folder_snapshot(tmp_path), rules)["media_licence"].status is Status.PASS


def test_a_statement_for_documentation_without_media_says_so(tmp_path: Path, rules: Rules) -> None:
    readme = GOOD_README + "\n## Licence\n\nThe documentation is released under CC BY 4.0.\n"
    files = {**CODE, "README.md": readme, "static/logo.png": PNG}
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.FAIL
    (note,) = [e for e in result.evidence if e.kind == "docs_statement"]
    assert note.path == "README.md" and "for the documentation" in note.detail


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("GNU-AGPL-3.0.txt", "AGPL-3.0-only"),
        ("MIT.md", "MIT"),
        ("Apache-2.0.txt", "Apache-2.0"),
        ("Artistic-2.0.txt", "Artistic-2.0"),
        # The family alone: the text says which version.
        ("AGPL.txt", "AGPL-3.0-only"),
        ("GPL.md", "GPL-2.0-only"),
    ],
)
def test_a_licence_text_named_after_its_licence_is_read(
    tmp_path: Path, rules: Rules, name: str, licence: str
) -> None:
    files = {**CODE, "README.md": GOOD_README, name: bundled(licence.removesuffix("-only"))}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, licence), result
    assert result.evidence[0].path == name


@pytest.mark.parametrize(
    "text",
    [
        "This is not a license, but the GPLv3 is very good:\n\nhttps://example.org/LICENSE.md\n",
        "No licence yet. Maybe MIT?\n",
        "We recommend the MIT License for projects like this one.\n",
    ],
    ids=["denied", "suggested", "recommended"],
)
def test_a_licence_file_that_names_a_licence_without_giving_it_gives_none(
    tmp_path: Path, rules: Rules, text: str
) -> None:
    files = {**CODE, "README.md": GOOD_README, "LICENSE": text}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.WARN, "unidentified"), result


def test_notes_named_like_an_unversioned_id_are_no_licence(tmp_path: Path, rules: Rules) -> None:
    files = {**CODE, "README.md": GOOD_README, "json.md": "How we shape the JSON we serve.\n"}
    result = check(tmp_path, rules, files, "code_licence")
    assert (result.status, result.reason) == (Status.FAIL, "none")


@pytest.mark.parametrize(
    "intro",
    [
        "Some examples of licences we have used in our projects:",
        "Estos son algunos ejemplos de licencias que hemos usado en nuestros proyectos:",
        "Licences to choose from:",
    ],
)
def test_a_list_of_licences_offered_as_examples_declares_nothing(
    tmp_path: Path, rules: Rules, intro: str
) -> None:
    readme = (
        GOOD_README + f"\n## Licence\n\n{intro}\n\n- MIT\n- AGPL v3.0\n"
        "- Creative Commons Attribution Share Alike 4.0 International\n"
    )
    files = {**CODE, "README.md": readme, "img/map.png": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.FAIL, results["code_licence"]
    assert results["media_licence"].status is Status.FAIL, results["media_licence"]
    # The same list, introduced as what the repository uses, declares both.
    (tmp_path / "README.md").write_text(
        readme.replace(intro, "This repository uses these licences:"), encoding="utf-8"
    )
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is not Status.FAIL
    assert results["media_licence"].status is Status.PASS


SNIPS = (
    "# Snips\n\n> Educational web app that teaches history based on human stories\n\n"
    "## Local development\n\n```shell\nnpm install\nnpm start\n```\n"
)


def test_a_short_readme_that_says_what_it_is_and_how_to_run_it_explains_the_project(
    tmp_path: Path, rules: Rules
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": SNIPS}, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only"), result
    # A title, two words and commands say too little of what the project is.
    bare = SNIPS.replace("Educational web app that teaches history based on human stories", "Hi!")
    result = check(tmp_path, rules, {**CODE, "README.md": bare}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "too_short")
    # Commands written as lines of their own, outside a code block, show how to run it too.
    unfenced = SNIPS.replace("```shell\n", "").replace("```\n", "")
    result = check(tmp_path, rules, {**CODE, "README.md": unfenced}, "working_method")
    assert (result.status, result.reason) == (Status.WARN, "readme_only"), result


def test_a_build_s_copy_of_the_top_licence_says_nothing_of_its_folder(
    tmp_path: Path, rules: Rules
) -> None:
    """Jekyll copies LICENSE into the site it builds (docs/): that copy is the top's licence,
    not a licence of its own for the site's images."""
    footer = "<footer>All content on this site is licensed CC BY 4.0.</footer>\n"
    files = {
        **CODE,
        "README.md": GOOD_README,
        "LICENSE": MIT_TEXT,
        "docs/LICENSE": MIT_TEXT,
        "docs/index.html": f"<html><body><img src='map.png'>{footer}</body></html>\n",
        "docs/map.png": PNG,
    }
    results = run_checks(folder_snapshot(write_tree(tmp_path, files)), rules)
    assert results["media_licence"].status is Status.PASS, results["media_licence"]
    assert results["code_licence"].licence == "MIT"
    # A licence of the folder's own still speaks for its files.
    (tmp_path / "docs" / "LICENSE").write_text(bundled("Apache-2.0"), encoding="utf-8")
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["media_licence"].status is not Status.PASS


SVELTE_README = """# Data canvas app

*Note that you will need to have [Node.js](https://nodejs.org) installed.*

## Get started

Install the dependencies...

```bash
npm install
```

...then start [Rollup](https://rollupjs.org):

```bash
npm run dev
```

Navigate to [localhost:5000](http://localhost:5000). You should see your app running. Edit a
component file in `src`, save it, and reload the page to see your changes.

## Building and running in production mode

To create an optimised version of the app:

```bash
npm run build
```

You can run the newly built app with `npm run start`. This uses [sirv](https://github.com/lukeed/sirv).

## Single-page app mode

By default, sirv will only respond to requests that match files in `public`. This is to
maximise compatibility with static fileservers, allowing you to deploy your app anywhere.
"""

CRA_YARN_README = """## Used Libraries

- [Create React App](https://github.com/facebook/create-react-app)
- [redux](https://redux.js.org/)

## Available Scripts

In the project directory, you can run:

### `yarn start`

Runs the app in the development mode.<br />
Open [http://localhost:3000](http://localhost:3000) to view it in the browser.

The page will reload if you make edits.<br />
You will also see any lint errors in the console.

### `yarn build`

Builds the app for production to the `build` folder.<br />
It correctly bundles React in production mode and optimizes the build for the best performance.

### `yarn eject`

**Note: this is a one-way operation. Once you `eject`, you can’t go back!**

Instead, it will copy all the configuration files and the transitive dependencies (webpack,
Babel, ESLint, etc) right into your project so you have full control over them.
"""


#: create-nuxt-app's README: the package's description as a quote, then "Build Setup".
NUXT_README = (
    "# summit2019\n\n> Code for Japan Summit 2019 in Chiba\n\n## Build Setup\n\n``` bash\n"
    "# install dependencies\n$ yarn install\n\n# serve with hot reload at localhost:3000\n"
    "$ yarn dev\n\n# build for production and launch server\n$ yarn build\n$ yarn start\n\n"
    "# generate static project\n$ yarn generate\n```\n\nFor detailed explanation on how"
    " things work, checkout [Nuxt.js docs](https://nuxtjs.org).\n"
)
#: Create React App's README cut down below its marker line.
CRA_CUT_README = (
    "# ekbtrees-frontend\n\n## Available Scripts\n\nIn the project directory, you can run:\n\n"
    "### `npm start`\n\nRuns the app in the development mode.\\\nOpen"
    " [http://localhost:3000](http://localhost:3000) to view it in the browser.\n\n"
    "For VS Code, install the ESLint extension.\n"
)


@pytest.mark.parametrize(
    "readme",
    [SVELTE_README, CRA_YARN_README, CRA_CUT_README, NUXT_README],
    ids=["svelte", "cra-yarn", "cra-cut-down", "nuxt"],
)
def test_more_generators_default_readmes_are_theirs(
    tmp_path: Path, rules: Rules, readme: str
) -> None:
    result = check(tmp_path, rules, {**CODE, "README.md": readme}, "working_method")
    assert (result.status, result.reason) == (Status.FAIL, "default_readme"), result
    # The team's own words on what the app is, above the template: no longer the default.
    own = (
        "# Canvas\n\nCanvas walks a team through the ethics of a data project, question by"
        " question, and saves their answers as a PDF they can share with their organisation."
        " We built it for workshops where nobody has time to read a forty-page guide, and"
        " tested it with two councils and a charity before the launch.\n\n"
    )
    result = check(tmp_path, rules, {**CODE, "README.md": own + readme}, "working_method")
    assert result.reason != "default_readme", result


def test_a_licence_the_readme_keeps_in_a_comment_declares_nothing(
    tmp_path: Path, rules: Rules
) -> None:
    readme = GOOD_README + "\n<!--\n## License\n\nMIT. Images: CC BY 4.0.\n-->\n"
    files = {**CODE, "README.md": readme, "a.png": PNG}
    write_tree(tmp_path, files)
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].status is Status.FAIL
    assert results["media_licence"].status is Status.FAIL
    # Out of the comment, the same words declare both.
    (tmp_path / "README.md").write_text(
        readme.replace("<!--", "").replace("-->", ""), encoding="utf-8"
    )
    results = run_checks(folder_snapshot(tmp_path), rules)
    assert results["code_licence"].licence == "MIT"
    assert results["media_licence"].status is Status.PASS


@pytest.mark.parametrize(
    ("files", "licence"),
    [
        ({"footer.php": "<p>Source code available under the MIT license.</p>\n"}, "MIT"),
        (
            {
                "impressum.md": "# Impressum\n\nErstellter Quellcode ist freie Software: du kannst"
                " es teilen und anpassen nach den Bedingungen der MIT Lizenz.\n"
            },
            "MIT",
        ),
        # A sentence spread over the lines of a component's markup.
        (
            {
                "src/components/Footer.jsx": "export const Footer = () => (\n  <footer>\n"
                '    <Link href="https://github.com/team/site">Source code</Link> available'
                " under the{' '}\n    <Link\n      href=\"https://opensource.org/licenses/MIT\"\n"
                '      target="_blank"\n    >\n      MIT license\n    </Link>\n  </footer>\n)\n'
            },
            "MIT",
        ),
        # A tool named in the footer is the tool's licence, not the code's.
        ({"footer.php": "<p>Maps by Leaflet, BSD-2-Clause.</p>\n"}, None),
        # A WordPress theme's header names the theme's licence.
        (
            {
                "style.css": "/*\nTheme Name: Open Knowledge\nAuthor: OK Brasil\n"
                "License: GPL-2.0-or-later\n*/\nbody { margin: 0 }\n"
            },
            "GPL-2.0-or-later",
        ),
        # A site's own theme where WordPress keeps it, its licence in words.
        (
            {
                "wp-content/themes/fredriksdal/style.css": "/*\n Theme Name:   Fredriksdal\n"
                " License:      GNU General Public License v2 or later\n*/\n"
            },
            "GPL-2.0-or-later",
        ),
    ],
)
def test_the_code_s_licence_named_by_a_site_s_footer_imprint_or_theme_header(
    tmp_path: Path, rules: Rules, files: dict[str, str], licence: str | None
) -> None:
    site = {"index.php": "<?php get_header(); ?>\n", "README.md": GOOD_README, **files}
    result = check(tmp_path, rules, site, "code_licence")
    assert result.licence == licence, result
    # A licence file says it more strongly, and wins.
    (tmp_path / "LICENSE").write_text(bundled("Apache-2.0"), encoding="utf-8")
    assert run_checks(folder_snapshot(tmp_path), rules)["code_licence"].licence == "Apache-2.0"


def test_a_theme_header_left_as_its_template_wrote_it_does_not_outrank_the_team(
    tmp_path: Path, rules: Rules
) -> None:
    """The starter theme's header, author and description still empty: its GPL line is the
    template's, and the team's own LICENSE (CC0 for everything) is what it chose."""
    header = (
        "/*\nTheme Name: Smarta Kartan\nTheme URI:\nAuthor:\nDescription:\nVersion: 1.0\n"
        "License: GNU General Public License v2 or later\n*/\n"
    )
    files = {
        "index.php": "<?php get_header(); ?>\n",
        "README.md": GOOD_README,
        "style.css": header,
        "LICENSE": bundled("CC0-1.0"),
    }
    result = check(tmp_path / "template", rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.FAIL, "CC0-1.0"), result
    # Filled in, the header is the team's word for its theme's code.
    files["style.css"] = header.replace("Author:", "Author: Göteborgs Stad").replace(
        "Description:", "Description: The map of the sharing city"
    )
    result = check(tmp_path / "filled", rules, files, "code_licence")
    assert (result.status, result.licence) == (Status.PASS, "GPL-2.0-or-later"), result


def test_a_footer_s_creative_commons_without_version_is_named_as_written(
    tmp_path: Path, rules: Rules
) -> None:
    files = {**CODE, "README.md": GOOD_README, "img/a.png": PNG}
    files["_includes/footer.html"] = "<footer>Content on this site: CC BY-SA.</footer>\n"
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is Status.PASS
    assert result.params["licence"] == "CC BY-SA (ShareAlike)"
    assert [e.path for e in result.evidence if e.kind == "cc_version_unstated"] == [
        "_includes/footer.html"
    ]


def test_a_font_folder_s_licence_by_sil_s_address_keeps_the_fonts_out_of_a_blanket(
    tmp_path: Path, rules: Rules
) -> None:
    """Fontello's licence list names SIL's address for each font: the fonts are under the
    OFL, not under the site's Creative Commons statement ("scripts" in the address names no
    code)."""
    fonts = "client/fonts/icons"
    files = {
        **CODE,
        "README.md": GOOD_README + "\n## Licence\n\nAll texts and images: CC BY 4.0.\n",
        "img/map.png": PNG,
        f"{fonts}/LICENSE.txt": "Font license info\n\n## Entypo\n\n   Copyright (C) 2012 by"
        " Daniel Bruce\n\n   License:   SIL (http://scripts.sil.org/OFL)\n",
        f"{fonts}/icons.svg": "<svg><defs><font id='icons'/></defs></svg>\n",
    }
    result = check(tmp_path, rules, files, "media_licence")
    assert result.status is not Status.PASS and f"{fonts}/icons.svg" in result.files, result
