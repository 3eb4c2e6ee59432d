"""Issues for project teams on the loopback GitHub: open, update, close, reopen, never twice."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cts_audit.cli import main
from cts_audit.i18n import Message, say
from cts_audit.notify import Notifier, Texts, notify_all
from cts_audit.rules import load_rules
from cts_audit.sources.github import GitHubSource
from cts_audit.sources.registry.load import load_registry
from cts_audit.store import Store

from .github_fake import FakeGitHub
from .repos import GOOD_README, MIT_TEXT, PNG

BAD = {"app.py": "print(1)\n", "README.md": GOOD_README, "logo.png": PNG}
FIXED = {
    **BAD,
    "LICENSE": MIT_TEXT,
    "README.md": GOOD_README
    + "\n## How we worked\n\nTogether.\n\n## Licence\n\nImages: CC BY 4.0\n",
}


class World:
    """A registry on disk, repositories on the fake, and the two commands."""

    def __init__(self, fake: FakeGitHub, tmp_path: Path) -> None:
        self.fake = fake
        self.tmp = tmp_path
        self.db = tmp_path / "history.sqlite"
        self.registry = tmp_path / "registry.yml"
        self.lines = ["network: CivicTechSweden", "events: [{slug: ev, name: Ev}]", "projects:"]

    def project(self, repo: str, *, language: str = "en", issues: bool = True) -> None:
        self.lines.append(
            f"  - {{name: '{repo.split('/')[1]}', event: ev, language: {language},"
            f" issues: {str(issues).lower()}, repositories: [https://github.com/{repo}]}}"
        )
        self.registry.write_text("\n".join(self.lines) + "\n")

    def common(self) -> list[str]:
        return ["--api-url", self.fake.base_url, "--db", str(self.db), "--lang", "en"]

    def audit(self) -> Result:
        result = CliRunner().invoke(
            main,
            [
                "audit",
                str(self.registry),
                *self.common(),
                "--out",
                str(self.tmp / "out"),
                "--format",
                "json",
            ],
            env={"GITHUB_TOKEN": "t0ken"},
        )
        assert result.exit_code in (0, 1), result.output
        return result

    def issues(self, *extra: str, apply: bool = True) -> Result:
        args = ["issues", str(self.registry), *self.common(), "--write-interval", "0", *extra]
        if apply:
            args.append("--apply")
        result = CliRunner().invoke(main, args, env={"GITHUB_TOKEN": "t0ken"})
        assert result.exit_code == 0, result.output
        return result


@pytest.fixture
def world(fake_github: FakeGitHub, tmp_path: Path) -> World:
    return World(fake_github, tmp_path)


def test_full_life_of_an_issue(world: World) -> None:
    repo = world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()

    world.issues()
    (issue,) = world.fake.issues("team/app")
    assert issue["state"] == "open" and issue["labels"] == ["cts-audit"]
    assert "<!-- cts-audit:issue -->" in issue["body"]
    assert "thank you for building" in issue["body"]
    assert "LICENSE" in issue["body"] and "REUSE.toml" in issue["body"]
    assert "cts-audit" in repo.labels

    # Unchanged findings: nothing is written, no comment, no bump.
    writes = world.fake.writes
    world.audit()
    world.issues()
    assert world.fake.writes == writes

    # Findings change (a licence is added, media still uncovered): the body is edited in place.
    repo.commit({"LICENSE": MIT_TEXT})
    world.audit()
    before = issue["body"]
    world.issues()
    assert len(world.fake.issues("team/app")) == 1
    assert issue["body"] != before and issue["comments"] == []

    # Compliant: a thank-you comment and the issue is closed.
    repo.commit(dict(FIXED))
    world.audit()
    world.issues()
    assert issue["state"] == "closed"
    assert "Thank you" in issue["comments"][-1]["body"]

    # Falls short again: reopened with a comment, still one issue.
    repo.commit({"LICENSE": None})
    world.audit()
    world.issues()
    assert len(world.fake.issues("team/app")) == 1
    assert issue["state"] == "open" and len(issue["comments"]) == 2


def test_dry_run_prints_and_writes_nothing(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    writes = world.fake.writes
    result = world.issues(apply=False)
    assert world.fake.writes == writes
    assert "team/app: would open" in result.output
    assert "title: Sharing app openly" in result.output
    assert "Dry run" in result.output


def test_swedish_project_gets_a_swedish_issue(world: World) -> None:
    world.fake.add_repo("team/sv", dict(BAD))
    world.project("team/sv", language="sv")
    world.audit()
    world.issues()
    (issue,) = world.fake.issues("team/sv")
    assert issue["title"].startswith("Dela sv öppet")
    assert "tack för att ni byggde" in issue["body"]


@pytest.mark.parametrize("how", ["registry", "topic", "archived"])
def test_opt_outs_and_archived_get_no_issue(world: World, how: str) -> None:
    world.fake.add_repo(
        "team/app",
        dict(BAD),
        topics=("cts-audit-opt-out",) if how == "topic" else (),
        archived=how == "archived",
    )
    world.project("team/app", issues=how != "registry")
    world.audit()
    result = world.issues()
    assert world.fake.issues("team/app") == []
    assert "skipped" in result.output


def test_issues_disabled_and_no_permission_are_recorded_and_the_run_goes_on(world: World) -> None:
    world.fake.add_repo("team/off", dict(BAD), has_issues=False)
    world.fake.add_repo("team/ro", dict(BAD), writable=False)
    world.fake.add_repo("team/ok", dict(BAD))
    for name in ("team/off", "team/ro", "team/ok"):
        world.project(name)
    world.audit()
    result = world.issues()
    assert "team/off: could not notify" in result.output and "410" in result.output
    assert "team/ro: could not notify" in result.output and "403" in result.output
    assert len(world.fake.issues("team/ok")) == 1
    with Store(world.db) as store:
        notice = store.last_notice("github.com/team/off")
        assert notice is not None and notice["action"] == "could_not_notify"


def test_a_cap_limits_new_issues_per_run(world: World) -> None:
    for index in range(3):
        world.fake.add_repo(f"team/r{index}", dict(BAD))
        world.project(f"team/r{index}")
    world.audit()
    result = world.issues("--max-open", "2")
    opened = sum(len(world.fake.issues(f"team/r{i}")) for i in range(3))
    assert opened == 2
    assert "cap of 2" in result.output


#: Runs the command in a process that is killed (SIGKILL) the moment it would record a notice:
#: after GitHub created the issue, before the history knows.
_KILLED_BEFORE_RECORDING = """
import os, signal, sys
from cts_audit.cli import main
from cts_audit.i18n import Message, say
from cts_audit.store import Store
Store.record_notice = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
main(sys.argv[1:])
"""


def test_a_run_killed_after_creating_finds_its_issue_next_time(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    args = ["issues", str(world.registry), *world.common(), "--write-interval", "0", "--apply"]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_BEFORE_RECORDING, *args],
        env={**os.environ, "GITHUB_TOKEN": "t0ken"},
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(world.fake.issues("team/app")) == 1
    assert sqlite3.connect(world.db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Someone even removed the label: the marker in the body still finds the issue.
    world.fake.issues("team/app")[0]["labels"] = []
    world.issues()
    assert len(world.fake.issues("team/app")) == 1


def test_unchanged_findings_over_many_repositories_cost_no_write(world: World) -> None:
    for index in range(12):
        world.fake.add_repo(f"team/r{index}", dict(BAD))
        world.project(f"team/r{index}")
    world.audit()
    world.issues("--max-open", "50")
    writes = world.fake.writes
    world.issues("--max-open", "50")
    assert world.fake.writes == writes


def test_the_site_shows_what_the_team_was_told(world: World) -> None:
    world.fake.add_repo("team/off", dict(BAD), has_issues=False)
    world.project("team/off")
    world.audit()
    world.issues()
    out = world.tmp / "site"
    built = CliRunner().invoke(main, ["site", "--out", str(out), "--db", str(world.db)])
    assert built.exit_code == 0, built.output
    page = (out / "en/projects/off.html").read_text()
    assert "Could not notify the team" in page and "410" in page
    swedish = (out / "sv/projects/off.html").read_text()
    assert "Kunde inte meddela teamet" in swedish
    assert say(Message("plan_disabled"), "sv") in swedish  # the reason in Swedish too
    assert say(Message("plan_disabled"), "en") not in swedish
    world.audit()  # the next event report says it too
    report = json.loads((world.tmp / "out" / "report.json").read_text())
    assert report["projects"][0]["repositories"][0]["notice"]["action"] == "could_not_notify"


def test_hostile_file_names_stay_inert_in_issue_bodies(world: World) -> None:
    # A licensed PNG beside it: the annotation names the files themselves, not "*.png".
    hostile = {
        **BAD,
        "[x](https:evil) @octocat <img src=x onerror=1>.png": PNG,
        "badge.png": PNG,
        "badge.png.license": "SPDX-License-Identifier: CC-BY-4.0\n",
    }
    world.fake.add_repo("team/app", hostile)
    world.project("team/app")
    world.audit()
    world.issues()
    (issue,) = world.fake.issues("team/app")
    # Outside code spans and blocks (where GitHub renders text as it is) nothing is active.
    prose = re.sub(r"```.*?```", "", issue["body"], flags=re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    assert "@octocat" not in prose and "<img" not in prose and "](https:evil)" not in prose
    assert "@octocat" in issue["body"]  # the file is still named, inside code


def test_an_issue_the_team_closed_stays_closed(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    world.issues()
    (issue,) = world.fake.issues("team/app")
    issue["state"], issue["state_reason"] = "closed", "not_planned"  # the team's choice
    writes = world.fake.writes
    for _ in range(2):
        world.audit()
        result = world.issues()
    assert issue["state"] == "closed" and issue["comments"] == []
    assert world.fake.writes == writes
    assert "the team closed the issue" in result.output


def test_reopening_counts_against_the_cap(world: World) -> None:
    repos = [world.fake.add_repo(f"team/r{i}", dict(BAD)) for i in range(3)]
    for index in range(3):
        world.project(f"team/r{index}")
    world.audit()
    world.issues("--max-open", "3")
    for repo in repos:
        repo.commit(dict(FIXED))
    world.audit()
    world.issues()  # all three compliant: closed by cts-audit
    for repo in repos:
        repo.commit({"LICENSE": None})
    world.audit()
    result = world.issues("--max-open", "1")
    states = [world.fake.issues(f"team/r{i}")[0]["state"] for i in range(3)]
    assert sorted(states) == ["closed", "closed", "open"]
    assert "cap of 1" in result.output


def test_a_replacement_body_without_the_marker_still_finds_its_issue(world: World) -> None:
    templates = world.tmp / "templates"
    templates.mkdir()
    (templates / "body.en.md.j2").write_text("Please add a licence to {{ project }}.\n")
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    for _ in range(3):
        world.issues("--templates", str(templates))
    (issue,) = world.fake.issues("team/app")
    assert "Please add a licence to app." in issue["body"]


def test_a_create_whose_answer_is_lost_is_never_sent_twice(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    # GitHub creates the issue, but its answer arrives after the client gave up waiting.
    world.fake.inject(r"^/repos/team/app/issues$", method="POST", delay=3.0, status=None)
    with (
        Store(world.db) as store,
        GitHubSource(token="t0ken", api_url=world.fake.base_url, timeout=1) as github,
    ):
        last = store.last_result("github.com/team/app")
        assert last is not None
        reg = load_registry(world.registry)
        items = [(ref, projects, last.checks, last.info) for ref, projects in reg.repositories()]
        notifier = Notifier(github, max_open=5, apply=True)
        (plan,) = notify_all(items, notifier, Texts(load_rules()), lambda plan: None)
    assert plan.action == "could_not_notify" and "no answer" in plan.reason
    time.sleep(3)  # let the slow answer finish on the server's side
    assert len(world.fake.issues("team/app")) == 1
    world.issues()  # the next run finds the issue by its marker
    assert len(world.fake.issues("team/app")) == 1


def test_a_secondary_limit_on_a_write_is_waited_out_and_the_issue_opened(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    world.fake.inject(
        r"^/repos/team/app/issues$", method="POST", status=403, headers={"Retry-After": "1"}
    )
    result = world.issues()
    assert len(world.fake.issues("team/app")) == 1, result.output
    assert world.fake.count("POST", r"^/repos/team/app/issues$", status=403) == 1


def test_a_token_without_push_access_still_opens_and_finds_its_issue(world: World) -> None:
    # Anyone may open an issue in a public repository; only collaborators may make labels.
    world.fake.add_repo("team/app", dict(BAD), collaborator=False)
    world.project("team/app")
    world.audit()
    result = world.issues()
    (issue,) = world.fake.issues("team/app")
    assert issue["labels"] == [] and "opened #1" in result.output
    writes = world.fake.writes
    world.issues()  # found again by its marker: no second issue, no write
    assert len(world.fake.issues("team/app")) == 1 and world.fake.writes == writes


# -- the command's reach: Enterprise hosts, organisations, tokens, renames, the cap -------------


def test_repositories_on_github_enterprise_get_their_issues(tmp_path: Path) -> None:
    with FakeGitHub(api_prefix="/api/v3") as fake:
        fake.add_repo("team/app", dict(BAD))
        world = World(fake, tmp_path)
        world.lines.append(f"  - {{name: app, event: ev, repositories: [{fake.web_url}/team/app]}}")
        world.registry.write_text("\n".join(world.lines) + "\n")
        world.audit()
        dry = world.issues(apply=False)
        assert "team/app: would open" in dry.output and "1 would open" in dry.output
        world.issues()
        assert len(fake.issues("team/app")) == 1


def test_issues_for_an_organisation_like_its_audit(world: World) -> None:
    world.fake.add_repo("org/a", dict(BAD))
    world.fake.add_repo("org/b", dict(FIXED))
    env = {"GITHUB_TOKEN": "t0ken"}
    args = [*world.common(), "--format", "json", "--out", str(world.tmp / "o")]
    audited = CliRunner().invoke(main, ["audit", "org:org", *args], env=env)
    assert audited.exit_code == 1, audited.output
    result = CliRunner().invoke(
        main, ["issues", "org:org", *world.common(), "--apply", "--write-interval", "0"], env=env
    )
    assert result.exit_code == 0, result.output
    assert len(world.fake.issues("org/a")) == 1 and world.fake.issues("org/b") == []


def test_a_refused_token_is_a_usage_error_before_anything_is_planned(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    world.fake.tokens = {"the-right-one"}
    result = CliRunner().invoke(
        main, ["issues", str(world.registry), *world.common()], env={"GITHUB_TOKEN": "t0ken"}
    )
    assert result.exit_code == 2, result.output
    assert "refused the token" in result.output and "Traceback" not in result.output
    assert "would open" not in result.output


def test_a_renamed_repository_gets_its_issue_under_its_new_name(world: World) -> None:
    world.fake.add_repo("team/old", dict(BAD)).rename("team/new")
    world.project("team/old")
    world.audit()
    result = world.issues()
    (issue,) = world.fake.issues("team/new")
    assert f"opened #{issue['number']}" in result.output
    assert world.fake.count("POST", r"^/repos/team/old/") == 0


def test_an_opened_issue_is_reported_only_when_github_confirms_it(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    # A redirect where the issue should be: GitHub created nothing.
    world.fake.inject(
        r"^/repos/team/app/issues$", method="POST", status=307, body={"message": "Moved"}
    )
    result = world.issues()
    assert "opened" not in result.output and "could not notify" in result.output
    assert world.fake.issues("team/app") == []


def test_the_dry_run_says_what_the_cap_lets_open(world: World) -> None:
    for index in range(7):
        world.fake.add_repo(f"team/app{index}", dict(BAD))
        world.project(f"team/app{index}")
    world.audit()
    result = world.issues(apply=False)
    assert "7 would open, 5 allowed by --max-open" in result.output


def test_a_secondary_limit_on_a_read_is_waited_out_with_a_clear_line(world: World) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")
    world.audit()
    world.fake.inject(
        r"^/repos/team/app/issues$", method="GET", status=403, headers={"Retry-After": "1"}
    )
    result = world.issues()
    assert len(world.fake.issues("team/app")) == 1, result.output
    assert "secondary rate limit" in result.output and "Traceback" not in result.output


def test_a_swedish_run_prints_swedish_and_the_issue_keeps_the_team_s_language(
    world: World,
) -> None:
    world.fake.add_repo("team/app", dict(BAD))
    world.project("team/app")  # an English-speaking team
    world.audit()
    world.fake.inject(
        r"^/repos/team/app/issues$", method="GET", status=403, headers={"Retry-After": "1"}
    )
    swedish = [arg for arg in world.common() if arg not in ("--lang", "en")] + ["--lang", "sv"]
    result = CliRunner().invoke(
        main, ["issues", str(world.registry), *swedish], env={"GITHUB_TOKEN": "t0ken"}
    )
    assert result.exit_code == 0, result.output
    assert "team/app: skulle öppna (det finns tips att dela)" in result.output
    assert "  titel: Sharing app openly" in result.output  # the issue is the team's
    assert "Provkörning (inget skrevs; lägg till --apply): 1 skulle öppna" in result.output
    assert "GitHub ber oss sakta ner" in result.output
    for english in ("would open", "Dry run", "findings to share", "secondary rate limit"):
        assert english not in result.output, english
    applied = CliRunner().invoke(
        main,
        ["issues", str(world.registry), *swedish, "--apply", "--write-interval", "0"],
        env={"GITHUB_TOKEN": "t0ken"},
    )
    assert "team/app: öppnade #1" in applied.output and "Klart: 1 öppnade" in applied.output
    # The history keeps the reason in English, as the reports expect it.
    with Store(world.db) as store:
        notice = store.last_notice("github.com/team/app")
    assert notice is not None and notice["reason"] == "findings to share"
