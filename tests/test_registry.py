"""Registry readers on the fixtures in tests/data/registry: every format, good and malformed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cts_audit.errors import RegistryError
from cts_audit.sources.registry import (
    ColumnMapping,
    Event,
    Registry,
    RepoRef,
    load_registry,
    parse_repo_url,
    read_form_csv,
    read_jekyll_site,
    read_registry_yaml,
)

DATA = Path(__file__).parent / "data" / "registry"
SITE = DATA / "site"


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle``: tests name text, not numbers."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems_by_line(registry: Registry) -> dict[int | None, str]:
    return {p.location.line: p.text() for p in registry.problems}


# --- repository URLs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/A/B", "github.com/a/b"),
        ("https://github.com/a/b.git", "github.com/a/b"),
        ("http://www.github.com/a/b/tree/main/", "github.com/a/b"),
        ("https://github.com/a/b/blob/main/README.md", "github.com/a/b"),
        ("https://github.com/a/b/issues", "github.com/a/b"),
        ("https://github.com/a/b#readme", "github.com/a/b"),
        ("<https://github.com/a/b>", "github.com/a/b"),
        ("github.com/a/b", "github.com/a/b"),
        ("git@github.com:a/b.git", "github.com/a/b"),
        ("ssh://git@github.com/a/b.git", "github.com/a/b"),
        ("https://gitlab.com/group/sub/project", "gitlab.com/group/sub/project"),
        ("https://gitlab.com/group/sub/project/-/tree/main", "gitlab.com/group/sub/project"),
        ("https://gitlab.com/group/project/tree/main", "gitlab.com/group/project"),
        ("https://codeberg.org/a/b/src/branch/main", "codeberg.org/a/b"),
        ("https://bitbucket.org/a/b/src/main/", "bitbucket.org/a/b"),
    ],
)
def test_repository_urls_in_every_spelling(url: str, key: str) -> None:
    ref = parse_repo_url(url)
    assert ref is not None and ref.key == key
    assert ref.url == f"https://{ref.host}/{ref.full_name}"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/orgs/civictechsweden",
        "https://github.com/civictechsweden",
        "https://github.com/features",
        "https://github.com/features/actions",
        "https://github.com/topics/civic-tech",
        "https://gist.github.com/a/123",
        "https://civictechsweden.github.io/site",
        "https://gitlab.com/explore/projects",
        "https://example.org/a/b",
        "mailto:a@github.com",
        "not a url",
        "",
    ],
)
def test_non_repository_urls(url: str) -> None:
    assert parse_repo_url(url) is None


def test_github_enterprise_hosts_are_extra_hosts() -> None:
    ref = parse_repo_url("https://git.example.se/team/app/tree/main", ["git.example.se"])
    assert ref is not None and ref.key == "git.example.se/team/app" and ref.is_github
    assert parse_repo_url("https://git.example.se/team/app") is None
    gitlab = parse_repo_url("https://gitlab.com/a/b")
    assert gitlab is not None and not gitlab.is_github


def test_same_repository_in_three_spellings_is_audited_once(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "events: [{slug: a}, {slug: b}]\nprojects:\n"
        "  - {name: One, event: a, repositories: ['https://github.com/A/B']}\n"
        "  - {name: Two, event: b, repositories: ['https://github.com/a/b.git']}\n"
        "  - {name: Three, event: b, repositories: ['http://www.github.com/a/b/tree/main/']}\n"
    )
    registry = read_registry_yaml(path)
    ((ref, projects),) = registry.repositories()
    assert ref.url == "https://github.com/A/B"  # the first spelling seen
    assert [p.name for p in projects] == ["One", "Two", "Three"]
    assert [p.name for p in registry.for_event("b").projects] == ["Two", "Three"]


# --- the YAML registry file -------------------------------------------------------------


def test_yaml_registry() -> None:
    registry = load_registry(DATA / "registry.yml")
    assert registry.network == "CivicTechSweden"
    spring, autumn = registry.events
    assert spring == Event(
        "stockholm-2026-spring",
        "Hackathon Stockholm, spring 2026",
        "stockholm",
        dt.date(2026, 3, 14),
        dt.date(2026, 3, 15),
    )
    assert autumn.ends == dt.date(2026, 10, 3)  # a one-day event ends when it starts
    bikes, again, sharing = registry.projects
    assert bikes.key == "oppna-cykeldata"
    assert bikes.source.line == line_of(DATA / "registry.yml", "name: Öppna cykeldata")
    assert [r.url for r in bikes.repositories] == [
        "https://github.com/example-team/oppna-cykeldata",
        "https://gitlab.com/example/cykel-app",
    ]
    assert bikes.page_url == "https://civictech.se/cykeldata"
    assert bikes.contacts[0].email == "anna@example.org"
    assert again.events == ("stockholm-2026-spring", "goteborg-2026-autumn")
    assert again.language == "en" and again.issues_allowed is False
    assert bikes.group == "stockholm"  # from its event: the project names no group
    assert not registry.problems
    # Two projects registered one repository (two spellings): one audit, both projects.
    assert [(r.key, [p.name for p in ps]) for r, ps in registry.repositories()] == [
        ("github.com/example-team/oppna-cykeldata", ["Öppna cykeldata", "Cykeldata igen"]),
        ("gitlab.com/example/cykel-app", ["Öppna cykeldata"]),
    ]
    assert registry.projects_without_repositories() == [sharing]
    assert [p.name for p in registry.for_event("goteborg-2026-autumn").projects] == [
        "Cykeldata igen",
        "Delningskartan",
    ]


def test_contacts_are_never_public() -> None:
    registry = load_registry(DATA / "registry.yml")
    public = registry.projects[0].public_dict()
    assert "contacts" not in public
    assert "anna" not in repr(public) and "anna" not in repr(registry.projects[0])


def test_malformed_yaml_entries_are_problems_on_their_lines() -> None:
    path = DATA / "registry-bad.yml"
    registry = read_registry_yaml(path)
    assert [p.name for p in registry.projects] == [
        "Good one",
        "Öppna cykeldata",
        "Unknown event",
        "Wrong type",
        "Bad flag",
    ]
    assert [e.slug for e in registry.events] == ["spring", "autumn", "winter"]
    problems = problems_by_line(registry)
    assert "event #2 needs a 'slug'" in problems[line_of(path, "name: No slug here")]
    assert "'starts' is a date" in problems[line_of(path, "2026-02-30")]
    assert '"14 December 2026"' in problems[line_of(path, "14 December 2026")]
    assert problems[line_of(path, "https://example.org/x")] == (
        f'{path}:{line_of(path, "https://example.org/x")}: project "Öppna cykeldata": '
        'repository "https://example.org/x" is not a code-host repository URL; '
        "write the URL of the repository, e.g. https://github.com/OWNER/REPO"
    )
    assert "needs a 'name'" in problems[line_of(path, "a/nameless")]
    assert "no event with slug 'summer'" in problems[line_of(path, "event: summer")]
    assert "'theme' is text; found a list" in problems[line_of(path, "theme: [one, two]")]
    assert "'repositories' is a list of URLs" in problems[line_of(path, "url: https://github")]
    assert "'issues' is true or false" in problems[line_of(path, "issues: maybe")]
    assert 'found the text "just a string"' in problems[line_of(path, "- just a string")]
    assert all(p.text().startswith(f"{path}:") for p in registry.problems)
    lines = [p.location.line or 0 for p in registry.problems]
    assert lines == sorted(lines)
    flag = next(p for p in registry.projects if p.name == "Bad flag")
    assert flag.issues_allowed is False  # when unsure, never write to a team's repository
    unknown = next(p for p in registry.projects if p.name == "Unknown event")
    assert unknown.events == ("summer",)


def test_unknown_keys_are_reported_with_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "project:\n  - name: X\nprojects:\n  - name: Y\n    repo: https://github.com/a/b\n"
    )
    registry = read_registry_yaml(path)
    assert [p.name for p in registry.projects] == ["Y"]
    first, second = registry.problems
    assert first.location.line == 1 and 'unknown key "project"' in first.message
    assert second.location.line == 5 and "repositories" in (second.hint or "")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("projects:\n  - name: [unclosed\n", 3),
        ("network: x\n  bad: indentation\n", 2),
        ("network: x\n\tevents: []\n", 2),
    ],
)
def test_not_yaml_at_all_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "reg.yml"
    path.write_text(text)
    with pytest.raises(RegistryError, match=rf"reg\.yml:{line}: not valid YAML"):
        read_registry_yaml(path)


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", ""])
def test_yaml_that_is_not_a_mapping_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "reg.yml"
    path.write_text(text)
    with pytest.raises(RegistryError, match=r"reg\.yml(:1)?: a registry is a mapping") as info:
        read_registry_yaml(path)
    assert info.value.hint


# --- the Jekyll site ------------------------------------------------------------------


def test_jekyll_site() -> None:
    registry = load_registry(SITE)
    assert registry.network == "Civic Tech Sweden"
    assert [(e.slug, e.name, e.group, e.starts) for e in registry.events] == [
        ("hackathon-3", "Hackathon 3 i Göteborg", "goteborg", dt.date(2019, 1, 26)),
        ("hackathon-4", "Hackathon 4 in Stockholm", "stockholm", dt.date(2019, 5, 4)),
    ]
    by_key = {p.key: p for p in registry.projects}
    assert list(by_key) == ["cykeldata", "delning", "organisation", "valkompass"]
    vote = by_key["valkompass"]  # a .markdown post in a subfolder
    assert vote.events == ("hackathon-4",) and vote.theme == "Power to the people"
    assert vote.group == "stockholm"  # from its event, as no category names a group
    assert [r.key for r in vote.repositories] == ["github.com/civic/valkompass"]
    assert vote.page_url == "https://civictech.se/2019/05/05/valkompass.html"
    assert "utkast" not in by_key  # published: false
    sharing = by_key["delning"]
    assert sharing.repositories == () and sharing.theme == "Sharing is caring"
    assert sharing in registry.projects_without_repositories()


def test_jekyll_swedish_and_english_pages_are_one_project() -> None:
    bikes = next(p for p in read_jekyll_site(SITE).projects if p.key == "cykeldata")
    assert bikes.name == "Öppna cykeldata" and bikes.language == "sv"
    assert bikes.source.file.endswith("2019-01-27-cykeldata.md")
    assert [r.key for r in bikes.repositories] == [
        "github.com/example-team/oppna-cykeldata",
        "gitlab.com/example/mobile/cykel-app",
    ]
    # The commented-out link is not a repository of the project.
    assert all("old-bikes" not in r.url for r in bikes.repositories)
    assert (bikes.events, bikes.theme, bikes.group) == (
        ("hackathon-3",),
        "I like to move it",
        "goteborg",
    )
    assert [c.email for c in bikes.contacts] == ["anna@example.org"]
    assert "contacts" not in bikes.public_dict()


def test_jekyll_problems_name_file_and_front_matter_line() -> None:
    registry = read_jekyll_site(SITE)
    broken = SITE / "_posts" / "2019-01-28-trasig.md"
    organisation = SITE / "_posts" / "2019-01-29-organisation.md"
    assert {p.location.file for p in registry.problems} == {str(broken), str(organisation)}
    (syntax,) = [p for p in registry.problems if p.location.file == str(broken)]
    assert syntax.location.line == line_of(broken, "links: []")  # where PyYAML noticed
    assert "front matter is not valid YAML" in syntax.message
    (link,) = [p for p in registry.problems if p.location.file == str(organisation)]
    assert link.location.line == line_of(organisation, "orgs/example-team")
    assert "not a repository" in link.message


def test_jekyll_page_url_only_when_the_site_says_how(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2020-02-02-x.md").write_text("---\ntitle: X\n---\n")
    assert read_jekyll_site(site, site_url="https://a.se").projects[0].page_url is None
    (site / "_config.yml").write_text("permalink: /:categories/:year/:title.html\n")
    assert read_jekyll_site(site, site_url="https://a.se").projects[0].page_url is None
    (site / "_config.yml").write_text("permalink: /:year/:month/:day/:slug/\n")
    registry = read_jekyll_site(site, site_url="https://a.se/")
    assert registry.projects[0].page_url == "https://a.se/2020/02/02/x/"


def test_jekyll_page_without_front_matter_is_a_problem(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2020-02-02-x.md").write_text("# Just prose\n")
    (site / "_posts" / "2020-02-03-y.md").write_text("---\ntitle: Y\n")
    (site / "_posts" / "2020-02-04-z.md").write_text("---\n\n\ntitle: Z\nissues: perhaps\n---\n")
    registry = read_jekyll_site(site)
    assert [p.name for p in registry.projects] == ["Z"]
    assert registry.projects[0].issues_allowed is False
    messages = [(Path(p.location.file).name, p.location.line, p.message) for p in registry.problems]
    assert messages[0][:2] == ("2020-02-02-x.md", 1) and "no front matter" in messages[0][2]
    assert messages[1][:2] == ("2020-02-03-y.md", 1) and "not closed" in messages[1][2]
    assert messages[2][:2] == ("2020-02-04-z.md", 5) and "'issues'" in messages[2][2]


def test_jekyll_event_ref_that_names_a_language_falls_back_to_the_file_name(
    tmp_path: Path,
) -> None:
    """The network's site has events with "ref: sv": each is still its own event."""
    site = tmp_path / "site"
    (site / "_events").mkdir(parents=True)
    (site / "_posts").mkdir()
    for stem, lang in [("demodag", "sv"), ("demodag-en", "en"), ("forum", "sv"), ("labb", "sv")]:
        ref = "" if stem == "labb" else f"ref: {lang}\n"
        (site / "_events" / f"{stem}.md").write_text(
            f"---\ntitle: {stem}\nlang: {lang}\n{ref}event-date: 2021-10-05\n---\n"
        )
    (site / "_events" / "vlabb.md").write_text("---\ntitle: V\nlang: sv\nref: labb\n---\n")
    (site / "_posts" / "2021-10-06-app.md").write_text(
        "---\ntitle: App\ncategories: [forum]\nlinks:\n- url: https://github.com/a/app\n---\n"
    )
    registry = read_jekyll_site(site)
    assert sorted(e.slug for e in registry.events) == ["demodag", "forum", "labb", "vlabb"]
    assert registry.projects[0].events == ("forum",)
    messages = [(Path(p.location.file).name, p.message) for p in registry.problems]
    assert (
        "forum.md",
        '\'ref\' "sv" names a language, not an event; the file name "forum" is used instead',
    ) in messages
    assert any(name == "vlabb.md" and "read as the event" in text for name, text in messages)


# --- form exports (CSV) -----------------------------------------------------------------


def test_swedish_form_with_bom_semicolons_and_multi_url_cells() -> None:
    path = DATA / "form-sv.csv"
    registry = read_form_csv(path, event="stockholm-2026-spring")
    assert [p.name for p in registry.projects] == ["Cykelappen", "Trasig rad", "Utan repo"]
    bikes, broken, without = registry.projects
    # One quoted cell over two lines, four URLs (one a second spelling of the first).
    assert [r.full_name for r in bikes.repositories] == ["a/cykel", "a/cykel-api", "b/karta"]
    assert bikes.events == ("stockholm-2026-spring",)
    assert [e.slug for e in registry.events] == ["stockholm-2026-spring"]
    assert bikes.contacts[0].name == "Anna Andersson"
    assert (bikes.language, broken.language) == ("sv", "en")
    assert without.repositories == () and without in registry.projects_without_repositories()
    (problem,) = registry.problems
    assert problem.location.line == line_of(path, "Trasig rad")
    assert problem.location.line == 4  # the multi-line cell above takes lines 2 and 3
    assert '"https://example.org/inte-kod" in column "Länk till kod"' in problem.message


def test_english_form_with_event_column_dedupes_spellings() -> None:
    registry = read_form_csv(DATA / "form-en.csv")
    assert [e.slug for e in registry.events] == ["spring-hackathon"]
    assert [p.events for p in registry.projects] == [("spring-hackathon",)] * 2
    assert [r.key for r, _ in registry.repositories()] == [
        "github.com/x/bikes",
        "gitlab.com/x/bikes",
    ]
    assert registry.projects[0].contacts[0].email == "dan@example.org"


def test_form_missing_column_lists_found_and_expected() -> None:
    path = DATA / "form-missing.csv"
    with pytest.raises(RegistryError) as info:
        read_form_csv(path)
    message = str(info.value)
    assert message.startswith(f"{path}:1: no column for the project name")
    assert '"Titel"' in message and '"Projektnamn"' in message and '"Project name"' in message


def test_form_column_mapping_from_configuration(tmp_path: Path) -> None:
    mapping = ColumnMapping.from_dict({"project": "Titel", "repositories": ["Kod"]}, "cfg")
    registry = read_form_csv(DATA / "form-missing.csv", mapping)
    assert [r.full_name for p in registry.projects for r in p.repositories] == ["a/cykel"]
    with pytest.raises(RegistryError, match="unknown column field"):
        ColumnMapping.from_dict({"titel": "X"}, "cfg")


def test_form_in_windows_1252_and_titles_in_other_case(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("  PROJEKTNAMN ;länk till KOD\nÅka;https://github.com/a/b\n".encode("cp1252"))
    (project,) = read_form_csv(path).projects
    assert project.name == "Åka" and project.repositories[0].key == "github.com/a/b"


@pytest.mark.parametrize("content", ["", "\n\n", ";;\n"])
def test_form_without_a_header_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "f.csv"
    path.write_text(content)
    with pytest.raises(RegistryError, match=str(path)):
        read_form_csv(path)


# --- picking the reader, and discovery --------------------------------------------------


def test_load_picks_the_reader(tmp_path: Path) -> None:
    assert load_registry(DATA / "form-en.csv").source == str(DATA / "form-en.csv")
    (tmp_path / "empty").mkdir()
    for path, expected in [
        (tmp_path / "empty", "no _posts/"),
        (tmp_path / "missing.yml", "no such file"),
        (DATA / "site" / "_events" / "hackathon-3.md", "cannot tell the registry format"),
    ]:
        with pytest.raises(RegistryError, match=expected) as info:
            load_registry(path)
        assert str(path) in str(info.value) and info.value.hint


def test_from_discovered_makes_one_project_per_repository() -> None:
    refs = [
        RepoRef("github.com", "org", "a", "https://github.com/org/a"),
        RepoRef("github.com", "org", "b", "https://github.com/org/b"),
        RepoRef("github.com", "Org", "A", "https://github.com/Org/A"),
    ]
    event = Event("ev", "Event")
    registry = Registry.from_discovered("CTS", event, refs, "org:org")
    assert [p.name for p in registry.projects] == ["a", "b"]
    assert registry.events == (event,) and registry.projects[0].events == ("ev",)
    assert [len(ps) for _, ps in registry.repositories()] == [1, 1]


# --- input that used to crash or vanish -------------------------------------------------


def test_deeply_nested_registry_is_an_error_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.yml"
    path.write_text("network: x\nprojects:" + " [" * 1000 + "]" * 1000 + "\n")
    with pytest.raises(RegistryError, match=r"d\.yml:2: nested too deeply") as info:
        read_registry_yaml(path)
    assert "100 levels" in str(info.value) and info.value.hint


def test_deeply_nested_jekyll_post_is_that_page_s_problem(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    deep = site / "_posts" / "2020-01-01-deep.md"
    deep.write_text("---\ntitle: Deep\nlinks:" + " [" * 3000 + "]" * 3000 + "\n---\n")
    (site / "_posts" / "2020-01-02-fine.md").write_text(
        "---\ntitle: Fine\nlinks: [{url: 'https://github.com/a/b'}]\n---\n"
    )
    registry = read_jekyll_site(site)
    assert [p.name for p in registry.projects] == ["Fine"]
    (problem,) = registry.problems
    assert problem.location.file == str(deep) and problem.location.line == 3
    assert "nested too deeply" in problem.message


def test_a_key_written_twice_is_a_problem_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "projects:\n"
        "  - {name: First, repositories: [https://github.com/a/first]}\n"
        "network: x\n"
        "projects:\n"
        "  - name: Second\n"
        "    issues: maybe\n"
        "    issues: false\n"
    )
    registry = read_registry_yaml(path)
    assert [p.name for p in registry.projects] == ["Second"]  # what YAML keeps: the last
    top, inner = registry.problems
    assert top.text().startswith(f"{path}:4: ")
    assert '"projects" is written twice' in top.message and "lines 1 and 4" in top.message
    assert inner.location.line == 7 and "lines 6 and 7" in inner.message
    # Not also a problem for "maybe": the value used is the one on line 7.
    assert registry.projects[0].issues_allowed is False


def test_a_key_written_twice_in_front_matter_is_a_problem(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    post = site / "_posts" / "2020-01-01-x.md"
    post.write_text("---\ntitle: One\nlang: sv\ntitle: Two\n---\n")
    registry = read_jekyll_site(site)
    assert [p.name for p in registry.projects] == ["Two"]
    (problem,) = registry.problems
    assert (problem.location.file, problem.location.line) == (str(post), 4)
    assert "lines 2 and 4" in problem.message


def test_yaml_merge_keys_are_not_keys_written_twice(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "events:\n  - &spring {slug: spring, name: Spring}\n  - {<<: *spring, slug: autumn}\n"
    )
    registry = read_registry_yaml(path)
    assert [e.slug for e in registry.events] == ["spring", "autumn"]
    assert not registry.problems


def test_form_unclosed_quote_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "Project name,Repository\n"
        "Alpha,https://github.com/a/alpha\n"
        '"Beta\nover two lines",https://github.com/a/beta\n'
        '4,"Gamma,https://github.com/a/gamma\n'
        "Delta,https://github.com/a/delta\n"
        "Epsilon,https://github.com/a/epsilon\n"
    )
    registry = read_form_csv(path)
    assert [(p.name, p.source.line) for p in registry.projects] == [
        ("Alpha", 2),
        ("Beta\nover two lines", 3),
        ("Delta", 6),
        ("Epsilon", 7),
    ]
    (problem,) = registry.problems
    assert problem.location.line == 5
    assert 'a quote (") opened on this line is never closed' in problem.message
    assert "the lines after it are read as rows" in problem.message


def test_form_quote_closed_rows_later_is_reported_and_the_rows_between_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "Project name;Repository\n"
        'Alpha;"https://github.com/a/alpha\n'
        "Beta;https://github.com/a/beta\n"
        'Gamma;"x"y\n'
        "Delta;https://github.com/a/delta\n"
    )
    registry = read_form_csv(path)
    assert [p.name for p in registry.projects] == ["Beta", "Delta"]
    first, second = registry.problems
    assert first.location.line == 2 and "runs on to line 4" in first.message
    assert second.location.line == 4 and "it is skipped" in second.message


def test_form_event_filters_rows_of_other_events(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "Project name,Repository,Event\n"
        "Spring one,https://github.com/a/one,Vår 2026\n"
        "Autumn one,https://github.com/a/two,Höst 2026\n"
        "No event,https://github.com/a/three,\n"
        "Spring two,https://github.com/a/four,var-2026\n"
    )
    registry = read_form_csv(path, event="var-2026")
    assert [(p.name, p.events) for p in registry.projects] == [
        ("Spring one", ("var-2026",)),
        ("No event", ("var-2026",)),
        ("Spring two", ("var-2026",)),
    ]
    # The event keeps its name as written; the other events are listed, without rows.
    assert [(e.slug, e.name) for e in registry.events] == [
        ("var-2026", "Vår 2026"),
        ("host-2026", "Höst 2026"),
    ]
    assert not registry.problems
    assert [p.name for p in registry.for_event("var-2026").projects] == [
        "Spring one",
        "No event",
        "Spring two",
    ]


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Team,Repo URL", "Cykel,https://github.com/a/b"),
        ("Projektnamn;Länk till GitHub-repo", "Cykel;https://github.com/a/b"),
        ("Tidstämpel,Team,Länk till ert repo (GitHub eller GitLab)", "1,Cykel,github.com/a/b"),
    ],
)
def test_form_common_column_titles_are_recognised(tmp_path: Path, header: str, row: str) -> None:
    path = tmp_path / "f.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    registry = read_form_csv(path)
    assert [(p.name, [r.full_name for r in p.repositories]) for p in registry.projects] == [
        ("Cykel", ["a/b"])
    ]


def test_form_missing_column_names_the_option_that_maps_it(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("Titel,Adress\nCykel,https://github.com/a/b\n", encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        read_form_csv(path)
    assert "--csv-columns" in (info.value.hint or "")


def test_a_mistyped_key_gets_a_did_you_mean_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "events: [{slug: ev, name: Ev}]\n"
        "projects:\n"
        "  - name: A\n"
        "    event: ev\n"
        "    repositries: [https://github.com/a/b]\n"
        "  - name: B\n"
        "    event: ev\n"
        "    repositories: [https://github.com/civictechsweden/]\n",
        encoding="utf-8",
    )
    problems = [p.text() for p in read_registry_yaml(path).problems]
    assert problems[0].startswith(f'{path}:5: project "A": unknown key "repositries"')
    assert 'did you mean "repositories"?' in problems[0]
    assert problems[1].startswith(f'{path}:8: project "B": link')
    assert 'is the organisation or account "civictechsweden"' in problems[1]
    assert all(p.event == "ev" for p in read_registry_yaml(path).problems)


def test_an_organisation_linked_in_a_jekyll_post_s_text_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    post = tmp_path / "_posts/2020-01-01-p.md"
    post.write_text(
        "---\ntitle: P\n---\nVi finns på\nhttps://github.com/civictechsweden.\n", encoding="utf-8"
    )
    registry = read_jekyll_site(tmp_path)
    assert registry.projects[0].repositories == ()
    assert [p.text().split(": ", 2)[:2] for p in registry.problems] == [
        [f"{post}:5", 'project "P"']
    ]
    assert "organisation or account" in registry.problems[0].message


def test_events_found_by_title_in_either_language_and_suggested_when_mistyped() -> None:
    event = Event(
        "hackathon-3", "Hackathon 3 i Göteborg", names=(("en", "Hackathon 3 in Gothenburg"),)
    )
    registry = Registry("N", (event,))
    assert registry.find_event("hackathon 3 in  gothenburg") == "hackathon-3"
    assert registry.find_event("HACKATHON-3") == "hackathon-3"
    assert registry.find_event("hackathon-4") is None
    assert registry.suggest_events("hackaton-3") == ["hackathon-3"]


def test_yaml_events_have_a_place_and_a_title_per_language(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "events:\n"
        "  - slug: ev\n"
        "    name: Hackathon i Göteborg\n"
        "    names: {sv: Hackathon i Göteborg, en: Hackathon in Gothenburg}\n"
        "    place: Göteborg\n"
        "  - {slug: other, name: Other, names: [x]}\n",
        encoding="utf-8",
    )
    registry = read_registry_yaml(path)
    event = registry.events[0].public_dict()
    assert event["names"] == {"sv": "Hackathon i Göteborg", "en": "Hackathon in Gothenburg"}
    assert event["place"] == "Göteborg"
    assert registry.find_event("hackathon in gothenburg") == "ev"
    assert [p.location.line for p in registry.problems] == [6]
    assert "'names' is a mapping of language to title" in registry.problems[0].message
