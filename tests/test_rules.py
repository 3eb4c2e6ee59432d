"""Rule files: the bundled policy, extending it, and clear messages for malformed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cts_audit.errors import RulesError
from cts_audit.rules import default_rules_path, load_rules

RULES = Path(__file__).parents[1] / "rules"
#: pydantic's own wording, which a user should never see.
_PYDANTIC_WORDS = ("Input should", "Field required", "Extra inputs", "frozenset", "NoneType")


def _error(tmp_path: Path, text: str, name: str = "mine.yml") -> tuple[Path, str]:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(RulesError) as info:
        load_rules(path)
    return path, str(info.value)


def test_bundled_rules_load() -> None:
    rules = load_rules()
    assert rules.network == "CivicTechSweden"
    assert {"sv", "en"} <= set(rules.languages)
    assert len(rules.digest) == 16
    assert default_rules_path().is_file()


def test_a_stricter_network_is_one_small_file_away() -> None:
    rules = load_rules(RULES / "strict-example.yml")
    assert rules.network == "Example Strict Network"
    assert rules.checks.media_licence.accept_non_commercial is False
    assert rules.checks.code_licence.enabled is True  # inherited
    assert rules.digest != load_rules().digest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "extends: cts\nchecks:\n  media_licence:\n    max_listed_files: many\n",
            ":4: checks.media_licence.max_listed_files: expected a whole number from 1 to 1000; "
            "found the text 'many'",
        ),
        ("extends: cts\nchecks:\n  code_licence:\n    severity: loud\n", "'fail' or 'warn'"),
        ("extends: cts\nchecks:\n  code_licence:\n    sevrity: warn\n", "sevrity"),
        ("extends: cts\nnetwork: [a\n", "not valid YAML"),
        ("- just\n- a list\n", "found a list of 2 items"),
        (
            "extends: cts\ntexts:\n  why:\n    en: 'Hi {team}'\n    sv: 'Hej'\n",
            "unknown placeholder {team}",
        ),
        ("extends: nowhere.yml\n", ":1: extends: no bundled rules named 'nowhere.yml'"),
    ],
)
def test_malformed_rules_name_file_line_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(text)
    with pytest.raises(RulesError) as info:
        load_rules(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message


def test_extends_loop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("extends: b.yml\n")
    (tmp_path / "b.yml").write_text("extends: a.yml\n")
    with pytest.raises(RulesError, match="loop"):
        load_rules(tmp_path / "a.yml")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.builds(
            lambda key, value: f"extends: cts\n{key}: {value}\n",
            st.sampled_from(["network", "checks", "files", "texts", "languages", "x"]),
            st.text(max_size=40),
        ),
    )
)
def test_any_rule_file_loads_or_names_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_rules(path)
    except RulesError as exc:
        assert "any.yml" in str(exc)
        assert not any(words in str(exc) for words in _PYDANTIC_WORDS), str(exc)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("extends: cts\nnetwork:" + " [" * 1000 + "]" * 1000 + "\n", 2),
        # Aliases nest no deeper than brackets do: 60 levels inside 60 levels is 120.
        (
            "extends: cts\nx: &a" + " [" * 60 + "]" * 60 + "\ny:" + " [" * 60 + "*a" + "]" * 60,
            3,
        ),
    ],
)
def test_deeply_nested_rule_file_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "deep.yml"
    path.write_text(text)
    with pytest.raises(RulesError) as info:
        load_rules(path)
    assert str(info.value).startswith(f"{path}:{line}: nested too deeply")
    assert info.value.hint


def test_a_text_where_a_list_belongs_says_what_a_list_looks_like(tmp_path: Path) -> None:
    path, message = _error(tmp_path, "extends: cts\nfiles: {media_extensions: png}\n")
    assert message == (
        f"{path}:2: files.media_extensions: expected a list of file extensions such as "
        "[png, jpg]; found the text 'png'"
    )


def test_an_unknown_key_lists_the_keys_and_guesses_the_meant_one(tmp_path: Path) -> None:
    path, message = _error(
        tmp_path, "extends: cts\nchecks:\n  media_licenc: {accept_non_commercial: false}\n"
    )
    assert message == (
        f"{path}:3: checks: unknown key 'media_licenc'; the keys here are: code_licence, "
        "media_licence, working_method; did you mean 'media_licence'?"
    )
    _, top = _error(tmp_path, "extends: cts\nnetwrk: X\n")
    assert "unknown key 'netwrk'; the keys here are: extends, schema, network," in top
    assert "did you mean 'network'?" in top


def test_a_small_file_without_extends_is_told_to_extend_cts(tmp_path: Path) -> None:
    path, message = _error(
        tmp_path, "checks:\n  media_licence:\n    accept_non_commercial: false\n"
    )
    assert message == (
        f"{path}:1: not a complete policy: schema, network, files, keywords and texts are "
        "missing; add the line 'extends: cts' at the top to start from the bundled "
        "CivicTechSweden rules and change only what differs"
    )


def test_an_incomplete_base_is_named_as_the_file_to_fix(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("network: Base\n")
    path, message = _error(tmp_path, "extends: base\n")
    assert message.startswith(f"{tmp_path / 'base.yml'}:1: not a complete policy ({path} ")
    assert "'extends: cts'" in message


def test_extends_an_unknown_name_lists_the_bundled_rules(tmp_path: Path) -> None:
    path, message = _error(tmp_path, "network: X\nextends: nosuch\n")
    assert message == (
        f"{path}:2: extends: no bundled rules named 'nosuch' and no file nosuch(.yml) next to "
        f"{path}; the bundled rules are: cts, strict-example"
    )
    _, listed = _error(tmp_path, "extends: [cts]\n")
    assert listed.endswith(
        ":1: extends: expected the name of one rule file, such as cts; found a list of 1 item"
    )


def test_extends_finds_bundled_rules_by_name_and_files_without_yml(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text("extends: strict-example\nnetwork: Mine\n")
    rules = load_rules(tmp_path / "mine.yml")
    assert rules.checks.media_licence.accept_non_commercial is False
    (tmp_path / "child.yml").write_text("extends: mine\nchecks: {code_licence: {enabled: no}}\n")
    child = load_rules(tmp_path / "child.yml")
    assert child.network == "Mine"
    assert child.checks.code_licence.enabled is False


@pytest.mark.parametrize(
    ("text", "first", "line", "key"),
    [
        ("extends: cts\nnetwork: A\nnetwork: B\n", 2, 3, "network"),
        (
            "extends: cts\nchecks:\n  code_licence:\n    severity: warn\n"
            "    enabled: true\n    severity: fail\n",
            4,
            6,
            "checks.code_licence.severity",
        ),
    ],
)
def test_a_key_written_twice_is_an_error_naming_both_lines(
    tmp_path: Path, text: str, first: int, line: int, key: str
) -> None:
    path, message = _error(tmp_path, text)
    assert message == (
        f"{path}:{line}: {key}: written twice, on lines {first} and {line}; "
        "a policy must say each thing once"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "checks:\n  code_licence:\n    enabled: maybe\n",
            ":4: checks.code_licence.enabled: expected true or false; found the text 'maybe'",
        ),
        (
            "checks:\n  code_licence:\n    max_header_files: -1\n",
            ":4: checks.code_licence.max_header_files: expected a whole number from 0 to 10000; "
            "found the number -1",
        ),
        (
            "checks:\n  code_licence:\n    severity: loud\n",
            ":4: checks.code_licence.severity: expected 'fail' or 'warn'; found the text 'loud'",
        ),
        ("schema: 2\n", ":2: schema: expected 1; found the number 2"),
        (
            "network:\n",
            ":2: network: expected the network's name, as text; found nothing (the key has no "
            "value)",
        ),
        (
            "checks: 5\n",
            ":2: checks: expected a mapping with the keys code_licence, media_licence, "
            "working_method; found the number 5",
        ),
        (
            "languages: [EN, sv]\n",
            ":2: languages[0]: expected a language code such as en, sv or pt-BR; "
            "found the text 'EN'",
        ),
        (
            "texts:\n  why:\n    EN: Hi\n",
            ":4: texts.why: the key 'EN' is not allowed: expected a language code such as en, sv "
            "or pt-BR",
        ),
        (
            "files:\n  ignore: [1]\n",
            ":3: files.ignore[0]: expected text; found the number 1",
        ),
        (
            "keywords:\n  readme_boilerplate:\n    - name: x\n",
            ":4: keywords.readme_boilerplate[0].marker: required, but missing",
        ),
        (
            "texts:\n  why:\n    en: 'Hi {team}'\n",
            ":4: texts.why.en: unknown placeholder {team}",
        ),
    ],
)
def test_each_kind_of_problem_is_said_in_plain_words(
    tmp_path: Path, text: str, expected: str
) -> None:
    path, message = _error(tmp_path, "extends: cts\n" + text)
    assert message.startswith(f"{path}{expected}")
    assert not any(words in message for words in _PYDANTIC_WORDS)


def test_every_problem_is_listed_with_its_line(tmp_path: Path) -> None:
    path, message = _error(
        tmp_path,
        "extends: cts\nfiles:\n  ignore: x\nchecks:\n  code_licence:\n    severity: loud\n",
    )
    first, second = message.splitlines()
    assert first.startswith(f"{path}:3: files.ignore: expected a list of gitignore-style")
    assert second == (
        f"  {path}:6: checks.code_licence.severity: expected 'fail' or 'warn'; "
        "found the text 'loud'"
    )


def test_a_problem_in_an_extended_file_names_that_file(tmp_path: Path) -> None:
    base = tmp_path / "base.yml"
    base.write_text("extends: cts\nchecks:\n  code_licence:\n    severity: loud\n")
    _, message = _error(tmp_path, "extends: base.yml\nnetwork: Mine\n")
    assert message.startswith(f"{base}:4: checks.code_licence.severity: expected 'fail'")


_SEGMENTS = st.sampled_from(
    [
        "src",
        "node_modules",
        "vendor",
        "dist",
        "build",
        "a.min.js",
        "x.py",
        "docs",
        ".git",
        "_site",
        "third_party",
        "Pods",
        "distx",
        "app.min.css",
        "site-packages",
        "é",
        "a b",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SEGMENTS, min_size=1, max_size=5))
def test_joined_ignore_test_agrees_with_pathspec(parts: list[str]) -> None:
    rules = load_rules()
    path = "/".join(parts)
    assert rules.is_ignored(path) == rules.ignore_spec.match_file(path)


def test_negated_ignore_patterns_are_left_to_pathspec(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yml"
    mine.write_text('extends: cts\nfiles:\n  ignore: ["build/", "!build/keep.py"]\n')
    rules = load_rules(mine)
    assert rules.is_ignored("build/x.py")
    assert not rules.is_ignored("build/keep.py")


# A policy read once is kept, and read again as soon as any of its files changes ------------


def test_a_kept_policy_follows_every_change_to_its_files(tmp_path: Path) -> None:
    base = tmp_path / "base.yml"
    base.write_text("extends: cts\nnetwork: First Network\n")
    mine = tmp_path / "mine.yml"
    mine.write_text("extends: base\nchecks:\n  media_licence: {accept_non_commercial: false}\n")
    first = load_rules(mine)
    assert first.network == "First Network"
    assert list((Path(os.environ["CTS_AUDIT_HOME"]) / "cache").glob("rules-*.pickle"))
    assert load_rules(mine) == first  # kept: the same policy, digest and all

    base.write_text("extends: cts\nnetwork: Second Network\n")  # the file it extends
    second = load_rules(mine)
    assert second.network == "Second Network"
    assert second.digest != first.digest
    assert second.checks.media_licence.accept_non_commercial is False

    mine.write_text("extends: base\nchecks:\n  media_licence: {max_listed_files: 0}\n")
    with pytest.raises(RulesError, match=r"mine\.yml:3: checks\.media_licence\.max_listed"):
        load_rules(mine)  # a broken file is never answered from what was kept


def test_a_damaged_kept_policy_is_read_again(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yml"
    mine.write_text("extends: cts\nnetwork: Kept Network\n")
    load_rules(mine)
    for entry in (Path(os.environ["CTS_AUDIT_HOME"]) / "cache").glob("rules-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_rules(mine).network == "Kept Network"


def test_extensions_are_read_in_any_case_with_or_without_their_dot(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yml"
    mine.write_text("extends: cts\nfiles:\n  media_extensions: [PNG, .JPG, svg]\n")
    for _ in range(2):  # validated, then as kept
        assert load_rules(mine).files.media_extensions == frozenset({"png", "jpg", "svg"})
