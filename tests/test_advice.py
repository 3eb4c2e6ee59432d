"""Advice that works: the REUSE.toml an issue suggests, added as it stands, turns media green."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cts_audit.checks import run_checks
from cts_audit.checks.interface import CheckResult, Status
from cts_audit.i18n import labels
from cts_audit.notify import Texts
from cts_audit.report.wording import ANNOTATE_REASONS, reuse_toml
from cts_audit.rules import Rules, load_rules
from cts_audit.sources.local import folder_snapshot
from cts_audit.sources.registry.model import RepoRef

from .repos import GOOD_README, PNG, write_tree

RULES = load_rules()
FOLDERS = ["", "img", "img/icons", "docs", "docs/talks", "static/media", "vendor", "node_modules/x"]
NAMES = ["logo.png", "photo.JPG", "map.svg", "intro.mp4", "jingle.mp3", "talk.pdf", "anim.gif"]
CC_SIDECAR = "SPDX-FileCopyrightText: 2026 Team\nSPDX-License-Identifier: CC-BY-SA-4.0\n"


def issue_for(root: Path, rules: Rules, lang: str) -> tuple[str, CheckResult]:
    results = run_checks(folder_snapshot(root), rules)
    ref = RepoRef("github.com", "team", "app", "https://github.com/team/app")
    body = Texts(rules).render("body", lang, ref, None, results, "0")
    return body, results["media_licence"]


def suggested_reuse_toml(body: str) -> str:
    (block,) = re.findall(r"```toml\n(.*?)```", body, flags=re.S)
    return textwrap.dedent(block)


media_file = st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES), st.integers(0, 3))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(media_file, min_size=1, max_size=14, unique=True),
    licensed=st.sets(st.integers(0, 13), max_size=4),
    lang=st.sampled_from(["en", "sv"]),
)
def test_the_suggested_reuse_toml_turns_the_media_check_green(
    tmp_path_factory: pytest.TempPathFactory, files: list, licensed: set[int], lang: str
) -> None:
    root = tmp_path_factory.mktemp("repo")
    tree: dict[str, str | bytes] = {"app.py": "print(1)\n", "README.md": GOOD_README}
    for index, (folder, name, copy) in enumerate(files):
        stem, _, ext = name.rpartition(".")
        path = f"{folder}/{stem}{copy or ''}.{ext}".lstrip("/")
        tree[path] = PNG if ext.lower() == "png" else b"%PDF-1.4 media " + path.encode()
        if index in licensed:  # some files already carry a Creative Commons sidecar
            tree[path + ".license"] = CC_SIDECAR
    write_tree(root, tree)
    body, before = issue_for(root, RULES, lang)
    if before.status is Status.PASS or before.status is Status.NOT_APPLICABLE:
        return
    assert before.reason in ANNOTATE_REASONS
    snippet = suggested_reuse_toml(body)
    # The team writes who made the files in place of the placeholder, as the issue asks.
    holder = 'SPDX-FileCopyrightText = "2026 Team"'
    snippet = re.sub(r'SPDX-FileCopyrightText = ".*"', holder, snippet)
    (root / "REUSE.toml").write_text(snippet, encoding="utf-8")
    after = run_checks(folder_snapshot(root), RULES)["media_licence"]
    assert after.status is Status.PASS, (snippet, after.files)
    shutil.rmtree(root)


#: Code, a README and two images of the team's, without any licence.
TWO_IMAGES: dict[str, str | bytes] = {
    "app.py": "print(1)\n",
    "README.md": GOOD_README,
    "img/a.png": PNG,
    "img/b.png": PNG,
}


def test_the_snippet_never_names_vendored_files_and_leaves_authorship_to_the_team(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {**TWO_IMAGES, "vendor/lib/logo.png": PNG})
    body, _ = issue_for(tmp_path, RULES, "en")
    snippet = suggested_reuse_toml(body)
    assert '"img/**.png"' in snippet and "vendor" not in snippet
    assert "**/*.png" not in snippet and '"**.png"' not in snippet
    assert "<the names of the people who made these files>" in snippet
    assert "team" not in snippet.split("SPDX-FileCopyrightText")[1].split("\n")[0].lower()
    assert "keeps its own licence" in body


def test_media_under_another_licence_are_not_said_to_have_none(tmp_path: Path) -> None:
    gpl = "SPDX-License-Identifier: GPL-3.0-or-later\n"
    write_tree(tmp_path, {**TWO_IMAGES, "img/b.png.license": gpl})
    body, result = issue_for(tmp_path, RULES, "en")
    snippet = suggested_reuse_toml(body)
    assert '"img/a.png"' in snippet and "img/b.png" not in snippet
    assert any(e.kind == "media_not_cc" and e.path == "img/b.png.license" for e in result.evidence)


@pytest.mark.parametrize(
    ("reason", "offered"),
    [
        ("none_covered", True),
        ("some_covered", True),
        ("third_party", False),  # files that look like someone else's: never put under CC BY
        ("variant_not_accepted", False),  # under another licence: changed where it is declared
    ],
)
def test_reports_offer_the_reuse_toml_only_where_it_is_the_fix(reason: str, offered: bool) -> None:
    snippet = reuse_toml("media_licence", reason, ("img/**.png",), labels("en"))
    assert (snippet is not None) is offered
    if snippet is not None:
        assert '"img/**.png"' in snippet and 'SPDX-License-Identifier = "CC-BY-4.0"' in snippet
    assert reuse_toml("code_licence", reason, ("img/**.png",), labels("en")) is None
