"""The audit command on input it cannot use: exit 2 and a message naming what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cts_audit.cli import main

from .github_fake import FakeGitHub
from .repos import GOOD_README, MIT_TEXT

GOOD = {"LICENSE": MIT_TEXT, "README.md": GOOD_README, "app.py": "print(1)\n"}
REGISTRY = (
    "network: N\n"
    "events: [{slug: spring-2026, name: Spring}, {slug: autumn-2026, name: Autumn}]\n"
    "projects:\n"
    "  - {name: P, event: spring-2026, repositories: [https://github.com/t/p]}\n"
)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def registry(tmp_path: Path, text: str = REGISTRY) -> Path:
    path = tmp_path / "registry.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_deeply_nested_registry_is_exit_2_naming_file_and_line(tmp_path: Path) -> None:
    path = registry(tmp_path, "projects:" + " [" * 1000 + "]" * 1000 + "\n")
    result = run("audit", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}:1: nested too deeply" in result.output
    swedish = run("audit", str(path))  # the rules' own language
    assert swedish.exit_code == 2
    assert f"Fel: {path}:1: för djupt nästlad" in swedish.output


def test_deeply_nested_rule_file_is_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text("extends: cts\nnetwork:" + " [" * 1000 + "]" * 1000 + "\n")
    result = run("audit", str(registry(tmp_path)), "--rules", str(rules))
    assert result.exit_code == 2
    assert f"{rules}:2: nested too deeply" in result.output


@pytest.mark.parametrize("command", ["audit", "issues"])
@pytest.mark.parametrize("url", ["notaurl", "ftp://x", "https://", "http://[::1", " "])
def test_api_url_must_be_an_http_url_with_a_host(tmp_path: Path, command: str, url: str) -> None:
    result = run(command, str(registry(tmp_path)), "--api-url", url)
    assert result.exit_code == 2
    assert "--api-url" in result.output
    assert "https://api.github.com" in result.output and "/api/v3" in result.output


def test_api_url_from_the_environment_is_checked_too(tmp_path: Path) -> None:
    result = run("audit", str(registry(tmp_path)), env={"GITHUB_API_URL": "api.github.com"})
    assert result.exit_code == 2 and "https://api.github.com" in result.output


def test_token_file_that_is_not_utf8_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    token = tmp_path / "token.txt"
    token.write_bytes(b"ghp_\xff\xfesecret")
    result = run("audit", str(registry(tmp_path)), "--token-file", str(token), "--lang", "en")
    assert result.exit_code == 2
    assert f"{token}: the token file is not UTF-8 text" in result.output
    assert "secret" not in result.output and "0xff" not in result.output
    swedish = run("audit", str(registry(tmp_path)), "--token-file", str(token))
    assert f"Fel: {token}: filen med token är inte UTF-8-text" in swedish.output


def test_unknown_event_is_exit_2_listing_the_events(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--event", "nosuch", "--out", str(out), "--lang", "en"]
    result = run("audit", str(registry(tmp_path)), *args)
    assert result.exit_code == 2
    assert 'no event "nosuch"; the events are: spring-2026, autumn-2026' in result.output
    assert not out.exists()  # no empty report that looks like a clean bill of health


def test_event_without_projects_is_exit_2(tmp_path: Path) -> None:
    result = run("audit", str(registry(tmp_path)), "--event", "AUTUMN-2026", "--lang", "en")
    assert result.exit_code == 2
    assert 'no projects found for the event "autumn-2026"' in result.output
    assert "The events with projects are: spring-2026" in result.output


@pytest.mark.parametrize(
    "text", ["network: N\nprojects: []\n", "network: N\n", "projects:\n  - {nam: typo}\n"]
)
def test_registry_without_projects_is_exit_2(tmp_path: Path, text: str) -> None:
    path = registry(tmp_path, text)
    result = run("audit", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert f"{path}: no projects found" in result.output
    swedish = run("audit", str(path))  # the rules' own language
    assert f"Fel: {path}: inga projekt hittades" in swedish.output


def test_form_export_event_typo_lists_the_events_in_the_file(tmp_path: Path) -> None:
    export = tmp_path / "signups.csv"
    export.write_text(
        "Project name,Repository,Event\n"
        "P,https://github.com/t/p,Vår 2026\n"
        "Q,https://github.com/t/q,Höst 2026\n",
        encoding="utf-8",
    )
    result = run("audit", str(export), "--event", "var-2062", "--lang", "en")
    assert result.exit_code == 2
    assert 'no projects found for the event "var-2062"' in result.output
    assert "Did you mean var-2026?" in result.output


@pytest.mark.parametrize("spec", ["org:org", "topic:cts-2026"])
def test_discovery_with_an_event_audits_the_repositories_under_it(
    fake_github: FakeGitHub, tmp_path: Path, spec: str
) -> None:
    fake_github.add_repo("org/one", GOOD, topics=("cts-2026",))
    fake_github.add_repo("org/two", GOOD, topics=("cts-2026",))
    out = tmp_path / "r"
    result = run(
        "audit",
        spec,
        "--event",
        "spring-2026",
        "--api-url",
        fake_github.base_url,
        "--out",
        str(out),
        "--format",
        "json",
    )
    assert result.exit_code in (0, 1), result.output
    doc = json.loads((out / "report.json").read_text())
    assert doc["summary"]["repositories"] == 2
    assert doc["event"]["slug"] == "spring-2026"
    assert {p["events"][0] for p in doc["projects"]} == {"spring-2026"}


def test_discovery_that_finds_nothing_is_exit_2(fake_github: FakeGitHub) -> None:
    fake_github.add_repo("org/one", GOOD, topics=("other",))
    result = run("audit", "topic:cts-2026", "--api-url", fake_github.base_url, "--lang", "en")
    assert result.exit_code == 2
    assert "topic:cts-2026: GitHub lists no repositories" in result.output
    swedish = run("audit", "topic:cts-2026", "--api-url", fake_github.base_url)
    assert "Fel: topic:cts-2026: GitHub listar inga repositorier" in swedish.output


def test_a_refused_token_is_exit_2_before_any_audit(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/p", GOOD)
    fake_github.tokens = {"the-right-one"}
    args = ["--api-url", fake_github.base_url, "--db", str(tmp_path / "h.sqlite")]
    args += ["--out", str(tmp_path / "o")]
    for command in (["audit", str(registry(tmp_path))], ["audit", "org:t"]):
        result = run(*command, *args, "--lang", "en", env={"GITHUB_TOKEN": "wrong"})
        assert result.exit_code == 2, result.output
        assert "GitHub refused the token" in result.output and "wrong" not in result.output
        swedish = run(*command, *args, env={"GITHUB_TOKEN": "wrong"})
        assert "GitHub godtog inte token (401" in swedish.output
    assert not (tmp_path / "o").exists()


def test_the_quota_shown_is_the_core_one_after_a_topic_search(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/p", GOOD, topics=("hack",))
    result = run(
        "audit",
        "topic:hack",
        "--api-url",
        fake_github.base_url,
        "--db",
        str(tmp_path / "h.sqlite"),
        "--out",
        str(tmp_path / "o"),
        "--lang",
        "en",
        env={"GITHUB_TOKEN": "t"},
    )
    assert result.exit_code in (0, 1), result.output
    assert "of 5000 requests left" in result.output


def test_a_repository_that_could_not_be_read_has_not_passed(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_repo("t/p", GOOD)
    args = ["--api-url", fake_github.base_url, "--db", str(tmp_path / "h.sqlite")]
    args += ["--out", str(tmp_path / "o"), "--format", "json"]
    env = {"GITHUB_TOKEN": "t"}
    assert run("audit", str(registry(tmp_path)), *args, env=env).exit_code == 0
    missing = (
        REGISTRY + "  - {name: Q, event: spring-2026, repositories: [https://github.com/t/q]}\n"
    )
    assert run("audit", str(registry(tmp_path, missing)), *args, env=env).exit_code == 1


def test_audit_lang_is_checked_against_the_rules(tmp_path: Path) -> None:
    local = "projects: [{name: P, repositories: ['" + str(tmp_path) + "']}]\n"
    path = registry(tmp_path, local)
    result = run("audit", str(path), "--lang", "fi", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2, result.output
    assert "sv, en" in result.output or "en, sv" in result.output
    upper = run("audit", str(path), "--lang", "EN", "--out", str(tmp_path / "o"))
    assert upper.exit_code in (0, 1), upper.output
    assert "Report written to" in upper.output
