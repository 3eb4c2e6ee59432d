"""Whatever a registry holds, the readers load it or raise an error naming the file."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cts_audit.errors import InputError
from cts_audit.sources.registry import (
    Registry,
    load_registry,
    parse_repo_url,
    read_form_csv,
    read_jekyll_site,
    read_registry_yaml,
)

SETTINGS = settings(max_examples=200, deadline=None)

#: Values as YAML writes them: scalars of every type, nested a little.
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
urls = st.sampled_from(
    [
        "https://github.com/a/b",
        "git@github.com:a/b.git",
        "https://gitlab.com/g/s/p/-/tree/main",
        "https://github.com/orgs/x",
        "https://example.org/x",
        "./folder",
    ]
)
values = st.recursive(
    scalars | urls,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
events = st.dictionaries(
    st.sampled_from(["slug", "name", "group", "starts", "ends", "url", "other"]),
    values | st.sampled_from(["2026-03-14", "2026-02-30", "ev"]),
)
projects = st.dictionaries(
    st.sampled_from(
        [
            *("name", "key", "event", "events", "theme", "language"),
            *("repositories", "page", "issues", "contacts", "other"),
        ]
    ),
    values | urls | st.lists(urls, max_size=3) | st.just("ev"),
)
registries = st.fixed_dictionaries(
    {},
    optional={
        "network": values,
        "events": st.lists(events | values, max_size=3) | values,
        "projects": st.lists(projects | values, max_size=4) | values,
    },
)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check(read: Any, path: Path) -> None:
    """``read(path)`` loads or raises InputError naming the file; problems name it too."""
    try:
        registry = read(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(registry, Registry)
        assert all(str(path) in p.text() for p in registry.problems)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_a_yaml_registry(text: str) -> None:
    with folder() as tmp:
        path = tmp / "any.yml"
        path.write_text(text, encoding="utf-8")
        check(read_registry_yaml, path)


@SETTINGS
@given(registries)
def test_any_yaml_data_as_a_registry(data: dict[str, Any]) -> None:
    with folder() as tmp:
        path = tmp / "any.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        registry = read_registry_yaml(path)  # a mapping: never an error, at most problems
        assert all(p.location.line for p in registry.problems)
        assert all(str(path) in p.text() for p in registry.problems)
        keys = [p.key for p in registry.projects]
        assert len(keys) == len(set(keys))


@SETTINGS
@given(front=st.text(max_size=300), links=st.lists(st.text(max_size=40), max_size=3))
def test_any_text_as_front_matter(front: str, links: list[str]) -> None:
    with folder() as site:
        (site / "_posts").mkdir()
        (site / "_events").mkdir()
        body = "\n".join(f"  - url: {link!r}" for link in links)
        post = site / "_posts" / "2020-01-01-x.md"
        post.write_text(f"---\n{front}\nlinks:\n{body}\n---\ntext\n", encoding="utf-8")
        (site / "_events" / "e.md").write_text(f"---\n{front}\n---\n", encoding="utf-8")
        registry = read_jekyll_site(site)  # a broken page is a problem, never an error
        for problem in registry.problems:
            assert problem.location.file in (str(post), str(site / "_events" / "e.md"))


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), values | urls, max_size=6))
def test_any_yaml_data_as_front_matter(meta: dict[str, Any]) -> None:
    with folder() as site:
        (site / "_posts").mkdir()
        post = site / "_posts" / "2020-01-01-x.markdown"
        post.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n", encoding="utf-8")
        registry = load_registry(site)
        assert all(p.location.file == str(post) for p in registry.problems)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_form_export(raw: bytes) -> None:
    with folder() as tmp:
        path = tmp / "any.csv"
        path.write_bytes(b"Projektnamn;L\xc3\xa4nk till kod\n" + raw)
        check(read_form_csv, path)
        path.write_bytes(raw)
        check(read_form_csv, path)


@SETTINGS
@given(st.lists(st.lists(st.text(max_size=30) | urls, max_size=6), max_size=6))
def test_any_rows_in_a_form_export(rows: list[list[str]]) -> None:
    with folder() as tmp:
        path = tmp / "any.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["Project name", "Repository", "Event"])
            writer.writerows(rows)
        registry = read_form_csv(path)  # the columns are there: never an error
        assert all(str(path) in p.text() and p.location.line for p in registry.problems)


@given(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=2))
def test_parse_repo_url_never_raises(text: str, extra_hosts: list[str]) -> None:
    ref = parse_repo_url(text, extra_hosts)
    if ref is not None:
        # The normalised URL reads back as the same repository.
        again = parse_repo_url(ref.url, extra_hosts)
        assert again is not None and again.key == ref.key


@given(
    st.sampled_from(["https://", "http://www.", "", "git@"]),
    st.sampled_from(["github.com", "gitlab.com", "codeberg.org"]),
    # Owners start with "x": GitHub reserves some names (features, topics) for its own pages.
    st.from_regex(r"x[A-Za-z0-9-]{0,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True),
    st.sampled_from(["", "/", ".git", "/tree/main", "/issues"]),
)
def test_every_spelling_of_a_repository_has_one_key(
    prefix: str, host: str, owner: str, name: str, suffix: str
) -> None:
    if name.endswith(".git") or name in (".", ".."):
        return
    separator = ":" if prefix == "git@" else "/"
    if prefix == "git@" and suffix not in ("", ".git"):
        return
    ref = parse_repo_url(f"{prefix}{host}{separator}{owner}/{name}{suffix}")
    assert ref is not None and ref.key == f"{host}/{owner}/{name}".lower()
