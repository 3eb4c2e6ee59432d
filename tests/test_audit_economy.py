"""What an audit costs on GitHub, whatever the repositories hold, and that reading them through
the API gives the verdicts `check` gives on a local clone of the same commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cts_audit.audit import Auditor
from cts_audit.checks import run_checks
from cts_audit.cli.audit_cmd import discover
from cts_audit.rules import load_rules
from cts_audit.sources.github import GitHubSource
from cts_audit.sources.local import folder_snapshot
from cts_audit.store import Store

from .github_fake import FakeGitHub
from .repos import GOOD_README, MIT_TEXT, PNG, git_repo

XMP_JPEG = (
    b"\xff\xd8\xff\xe1<x:xmpmeta><rdf:RDF><rdf:Description "
    b'xmpRights:WebStatement="https://creativecommons.org/licenses/by-sa/4.0/"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
MANY_CODE = {f"src/pkg{i // 100}/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(1500)}

#: Repositories that make the checks read many files: nothing declares a licence, so the
#: media check scans images for metadata and the code check scans code for headers.
CASES: dict[str, tuple[dict[str, str | bytes], dict[str, str]]] = {
    "no-licence-much-code": ({"README.md": "# Tool\n\nIt counts bikes.\n", **MANY_CODE}, {}),
    "hundreds-of-images": (
        {
            "README.md": "# Photos\n\nPictures of the city.\n",
            "index.html": "<p>hi</p>\n",
            **{f"img/p{i:03d}.png": PNG + bytes([i % 256]) for i in range(300)},
            **{f"img/x{i}.jpg": XMP_JPEG + bytes([i]) for i in range(3)},
        },
        {},
    ),
    "headers-and-reuse": (
        {
            "README.md": GOOD_README,
            "src/main.c": "// SPDX-License-Identifier: GPL-3.0-or-later\nint main(void){}\n",
            "src/util.c": "// SPDX-License-Identifier: GPL-3.0-or-later\nint u;\n",
            "REUSE.toml": 'version = 1\n[[annotations]]\npath = "docs/**"\n'
            'SPDX-License-Identifier = "CC-BY-4.0"\n',
            "docs/map.png": PNG,
            "docs/photo.jpg": XMP_JPEG,
        },
        {},
    ),
    "symlinked-licence": (
        {
            "LICENSE.txt": MIT_TEXT,
            "README.md": GOOD_README + "\n## How we worked\n\nIn pairs.\n",
            "app.js": "console.log(1)\n",
            "docs/CONTRIBUTING.md": "# Contributing\n\nOpen an issue first.\n",
        },
        {"LICENSE": "LICENSE.txt", "CONTRIBUTING.md": "docs/CONTRIBUTING.md", "out": "/etc/passwd"},
    ),
    # The archive leaves these out; the files are read one by one instead.
    "export-ignore": (
        {
            ".gitattributes": "/.github export-ignore\n.gitattributes export-ignore\n"
            "LICENSE export-ignore\n",
            ".github/CONTRIBUTING.md": "# How to contribute\n\nWe meet on Tuesdays.\n",
            "LICENSE": MIT_TEXT,
            "README.md": "# Laravel app\n\nA small site.\n",
            "app/Http/Kernel.php": "<?php\n",
        },
        {},
    ),
}


def _git_repo(root: Path, files: dict[str, str | bytes], links: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for path, target in links.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / path)
    return git_repo(root, files)


def _audit(fake: FakeGitHub, tmp_path: Path, org: str) -> dict[str, object]:
    with (
        GitHubSource(
            token="t", api_url=fake.base_url, cache_path=tmp_path / "cache" / "http.sqlite"
        ) as github,
        Store(tmp_path / "h.sqlite") as store,
    ):
        auditor = Auditor(load_rules(), store, github=github, clone_dir=tmp_path, jobs=2)
        registry = discover(f"org:{org}", github, auditor)
        run = auditor.run(registry, registry_id=f"org:{org}", event=None)
    return {a.ref.name: a for a in run.audits.values()}


def test_cold_audit_costs_two_requests_per_repository_and_a_rerun_none(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    for name, (files, links) in CASES.items():
        fake_github.add_repo(f"org/{name}", files, symlinks=links)
    audits = _audit(fake_github, tmp_path, "org")
    assert all(a.outcome == "ok" for a in audits.values())  # type: ignore[attr-defined]
    cold = fake_github.charged
    # One listing page, then the tree and the archive of each: whatever the archive leaves
    # out is read from the raw host, which is not counted either.
    assert cold == 1 + 2 * len(CASES)
    assert fake_github.count("GET", r"^/_codeload/") == len(CASES)  # downloads: not counted
    assert fake_github.count("GET", r"/git/blobs/") == 0
    raw = {p for m, p, s in fake_github.requests if p.startswith("/_raw/") and s == 200}
    assert "LICENSE" in {p.rsplit("/", 1)[-1] for p in raw}
    assert all(p.startswith("/_raw/org/export-ignore/") for p in raw)
    again = _audit(fake_github, tmp_path, "org")
    assert fake_github.charged == cold
    assert all(a.reused for a in again.values())  # type: ignore[attr-defined]
    cache = sum(f.stat().st_size for f in (tmp_path / "cache").iterdir())
    assert cache < 2_000_000  # no archive, no blob read from one, in the HTTP cache


def test_a_private_repository_s_left_out_files_are_read_by_sha_never_raw(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    files, links = CASES["export-ignore"]
    fake_github.add_repo("org/export-ignore", files, symlinks=links, private=True)
    audits = _audit(fake_github, tmp_path, "org")
    assert audits["export-ignore"].outcome == "ok"  # type: ignore[attr-defined]
    assert fake_github.count("GET", r"^/repos/org/export-ignore/git/blobs/") == 1  # the LICENSE
    assert not any("/raw/" in p or p.startswith("/_raw/") for _, p, _ in fake_github.requests)


def test_enterprise_serves_left_out_files_through_its_web_route(tmp_path: Path) -> None:
    files, links = CASES["export-ignore"]
    with FakeGitHub(api_prefix="/api/v3") as enterprise:
        enterprise.add_repo("org/export-ignore", files, symlinks=links)
        audited = _audit(enterprise, tmp_path, "org")["export-ignore"]
        assert audited.outcome == "ok"  # type: ignore[attr-defined]
        assert enterprise.charged == 3  # the listing, the tree, the archive
        assert enterprise.count("GET", r"^/org/export-ignore/raw/[0-9a-f]{40}/LICENSE$") == 1
        assert audited.results["code_licence"].status.value == "pass"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fault",
    [{"status": 500}, {"body": b"MIT License\n\nSomething else entirely.\n"}],
    ids=["raw host fails", "raw answer is not the tree's blob"],
)
def test_a_raw_read_that_fails_or_differs_falls_back_to_the_blob(
    fake_github: FakeGitHub, tmp_path: Path, fault: dict[str, object]
) -> None:
    files, links = CASES["export-ignore"]
    fake_github.add_repo("org/export-ignore", files, symlinks=links)
    fake_github.inject(r"^/_raw/org/export-ignore/[0-9a-f]+/LICENSE$", times=5, **fault)  # type: ignore[arg-type]
    audited = _audit(fake_github, tmp_path, "org")["export-ignore"]
    assert audited.outcome == "ok"  # type: ignore[attr-defined]
    assert fake_github.count("GET", r"^/repos/org/export-ignore/git/blobs/") == 1  # the LICENSE
    assert audited.results["code_licence"].status.value == "pass"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(CASES))
def test_verdicts_equal_check_on_a_local_clone(
    fake_github: FakeGitHub, tmp_path: Path, name: str
) -> None:
    files, links = CASES[name]
    origin = _git_repo(tmp_path / "origin", files, links)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    fake_github.add_repo(f"org/{name}", files, symlinks=links)
    rules = load_rules()
    local = run_checks(folder_snapshot(clone, name=f"org/{name}"), rules)
    audited = _audit(fake_github, tmp_path, "org")[name]
    assert audited.outcome == "ok"  # type: ignore[attr-defined]
    remote = audited.results  # type: ignore[attr-defined]
    assert {k: r.to_dict() for k, r in remote.items()} == {k: r.to_dict() for k, r in local.items()}


def test_a_branch_that_moves_between_tree_and_archive_is_still_judged_by_its_tree(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    repo = fake_github.add_repo("org/moving", {"README.md": "# x\n", "LICENSE": MIT_TEXT})
    tree_commit = repo.head
    original = fake_github.archive

    def newer(fake_repo: object, commit: object) -> bytes:
        # The archive comes from a later commit, whose LICENSE is another text.
        if repo.head == tree_commit:
            repo.commit({"LICENSE": "All rights reserved.\n"})
        return original(repo, repo.commits[0])

    fake_github.archive = newer  # type: ignore[method-assign]
    with GitHubSource(token="t", api_url=fake_github.base_url) as github:
        listed = github.get("org/moving")
        snapshot = github.snapshot(listed)  # type: ignore[arg-type]
        text = snapshot.read_text("LICENSE")  # type: ignore[union-attr]
    assert text is not None and "Permission is hereby granted" in text
    assert fake_github.count("GET", r"/git/blobs/") == 1  # the changed file, by its SHA
