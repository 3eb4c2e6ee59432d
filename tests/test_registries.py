"""Registry readers: the YAML file, the Jekyll site and form exports, good and malformed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cts_audit.cli import main
from cts_audit.errors import InputError, RegistryError
from cts_audit.sources.registry.csv_form import read_form_csv
from cts_audit.sources.registry.load import load_registry
from cts_audit.sources.registry.urls import parse_repo_url
from cts_audit.sources.registry.yaml_file import read_registry_yaml

from .github_fake import FakeGitHub

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parents[1] / "examples/hackathon/registry.yml"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/A/B", "github.com/a/b"),
        ("https://github.com/a/b.git", "github.com/a/b"),
        ("http://www.github.com/a/b/tree/main/", "github.com/a/b"),
        ("github.com/a/b", "github.com/a/b"),
        ("git@github.com:a/b.git", "github.com/a/b"),
        ("https://gitlab.com/group/sub/project/-/tree/main", "gitlab.com/group/sub/project"),
        ("https://codeberg.org/a/b", "codeberg.org/a/b"),
    ],
)
def test_repository_urls_in_every_spelling(url: str, key: str) -> None:
    ref = parse_repo_url(url)
    assert ref is not None and ref.key == key


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/orgs/civictechsweden",
        "https://github.com/civictechsweden",
        "https://civictechsweden.github.io/site",
        "https://gist.github.com/a/123",
        "https://example.org/a/b",
        "not a url",
    ],
)
def test_non_repository_urls(url: str) -> None:
    assert parse_repo_url(url) is None


def test_example_registry_loads() -> None:
    registry = load_registry(EXAMPLE)
    assert registry.network == "CivicTechSweden"
    assert [e.slug for e in registry.events] == ["example-hackathon-2026"]
    assert registry.events[0].ends == dt.date(2026, 3, 15)
    assert len(registry.projects) == 5
    assert [p.name for p in registry.projects_without_repositories()] == ["Delningskartan"]
    assert all(ref.host == "local" for ref, _ in registry.repositories())
    assert not registry.problems


def test_malformed_entries_are_problems_with_lines_and_the_rest_loads() -> None:
    path = DATA / "registry-bad.yml"
    registry = read_registry_yaml(path)
    names = [p.name for p in registry.projects]
    assert names == ["Good one", "Bad URL", "Unknown event", "Bad flag"]
    problems = {p.location.line: p.message for p in registry.problems}
    assert any("needs a 'slug'" in m for m in problems.values())
    assert "not a code-host repository URL" in problems[15]
    assert "needs a 'name'" in problems[16]
    assert "no event with slug 'autumn'" in problems[18]
    assert "'issues' is true or false" in problems[22]
    assert all(str(path) in p.text() for p in registry.problems)
    flag = next(p for p in registry.projects if p.name == "Bad flag")
    assert flag.issues_allowed is False  # when unsure, never write to a team's repository


def test_not_yaml_at_all_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "reg.yml"
    path.write_text("projects:\n  - name: [unclosed\n")
    with pytest.raises(RegistryError, match=r"reg\.yml:\d+: not valid YAML"):
        read_registry_yaml(path)


def test_jekyll_site() -> None:
    registry = load_registry(DATA / "site")
    assert registry.network == "Civic Tech Sweden"
    assert [(e.slug, e.name) for e in registry.events] == [
        ("hackathon-3", "Hackathon 3 i Göteborg")
    ]
    assert registry.events[0].starts == dt.date(2019, 1, 26)
    by_key = {p.key: p for p in registry.projects}
    bikes = by_key["cykeldata"]
    # Swedish and English pages share a ref: one project, repositories merged, one spelling.
    assert bikes.name == "Öppna cykeldata"
    assert [r.key for r in bikes.repositories] == [
        "github.com/example-team/oppna-cykeldata",
        "gitlab.com/example/cykel-app",
    ]
    assert bikes.events == ("hackathon-3",)
    assert bikes.theme == "I like to move it"
    assert bikes.group == "goteborg"
    assert "contacts" not in bikes.public_dict()
    assert by_key["delning"].repositories == ()
    broken = [p for p in registry.problems if "trasig" in p.location.file]
    assert broken and "front matter" in broken[0].message and broken[0].location.line


def test_jekyll_event_filter() -> None:
    registry = load_registry(DATA / "site").for_event("hackathon-3")
    assert {p.key for p in registry.projects} == {"cykeldata", "delning"}


def test_swedish_form_export_with_bom_semicolons_and_multi_url_cells() -> None:
    registry = read_form_csv(DATA / "form-sv.csv", event="vår-2026")
    assert [p.name for p in registry.projects] == ["Cykelappen", "Trasig rad", "Utan repo"]
    bike = registry.projects[0]
    assert [r.full_name for r in bike.repositories] == ["a/cykel", "a/cykel-api", "b/karta"]
    assert bike.contacts[0].email == "anna@example.org"
    assert "contacts" not in bike.public_dict()
    (problem,) = registry.problems
    assert problem.location.line == 4 and "not a repository URL" in problem.message


def test_english_form_export_dedupes_spellings() -> None:
    registry = read_form_csv(DATA / "form-en.csv")
    assert len(registry.repositories()) == 1


def test_form_export_missing_column_lists_the_columns() -> None:
    with pytest.raises(RegistryError) as info:
        read_form_csv(DATA / "form-missing.csv")
    assert "Titel" in str(info.value) and "form-missing.csv:1" in str(info.value)


def test_same_repository_registered_twice_is_audited_once(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "events: [{slug: a}, {slug: b}]\nprojects:\n"
        "  - {name: One, event: a, repositories: [https://github.com/x/y]}\n"
        "  - {name: Two, event: b, repositories: [https://github.com/X/Y.git/]}\n"
    )
    repos = read_registry_yaml(path).repositories()
    assert len(repos) == 1
    assert [p.name for p in repos[0][1]] == ["One", "Two"]


def test_unknown_format_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "reg.txt"
    path.write_text("x")
    with pytest.raises(RegistryError, match="cannot tell the registry format"):
        load_registry(path)


_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(text=st.text(max_size=400))
def test_any_yaml_either_loads_or_names_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.yml"
    path.write_text(text, encoding="utf-8")
    try:
        registry = read_registry_yaml(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert all(str(path) in p.text() for p in registry.problems)


@_SETTINGS
@given(
    front=st.text(max_size=300),
    links=st.lists(st.text(max_size=40), max_size=3),
)
def test_any_front_matter_loads_or_is_a_problem(
    tmp_path: Path, front: str, links: list[str]
) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True, exist_ok=True)
    post = site / "_posts" / "2020-01-01-x.md"
    body = "\n".join(f"  - url: {link!r}" for link in links)
    post.write_text(f"---\n{front}\nlinks:\n{body}\n---\ntext\n", encoding="utf-8")
    registry = load_registry(site)
    for problem in registry.problems:
        assert "2020-01-01-x.md" in problem.location.file


@_SETTINGS
@given(st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=6))
def test_any_csv_loads_or_names_the_file(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv

    path = tmp_path / "any.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Project name", "Repository"])
        writer.writerows(rows)
    registry = read_form_csv(path)
    assert all(str(path) in p.text() for p in registry.problems)


@given(st.text(max_size=200))
def test_parse_repo_url_never_raises(text: str) -> None:
    parse_repo_url(text)


def test_audit_reads_a_form_export_with_its_own_column_titles(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    fake_github.add_repo("team/cykel", {"README.md": "# Cykel\n"})
    export = tmp_path / "signups.csv"
    export.write_text("Tid;Vad heter projektet?;Kodlänk\n2026-03-14;Cykel;github.com/team/cykel\n")
    columns = tmp_path / "columns.yml"
    columns.write_text("project: Vad heter projektet?\nrepositories: [Kodlänk]\n")
    result = CliRunner().invoke(
        main,
        [
            "audit",
            str(export),
            "--csv-columns",
            str(columns),
            "--event",
            "var-2026",
            "--api-url",
            fake_github.base_url,
            "--out",
            str(tmp_path / "out"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    doc = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [p["name"] for p in doc["projects"]] == ["Cykel"]
    assert doc["projects"][0]["repositories"][0]["name"] == "team/cykel"
    bad = tmp_path / "bad.yml"
    bad.write_text("projekt: X\n")
    refused = CliRunner().invoke(main, ["audit", str(export), "--csv-columns", str(bad)])
    assert refused.exit_code == 2 and "bad.yml" in refused.output


def test_jekyll_repository_linked_only_in_the_page_text() -> None:
    registry = load_registry(DATA / "site")
    riksdag = next(p for p in registry.projects if p.key == "riksdag")
    assert [r.full_name for r in riksdag.repositories] == ["DinRiksdag/dinriksdag"]
