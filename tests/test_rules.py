"""Rule files: the bundled policy, extending it, and clear messages for malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cts_audit.errors import RulesError
from cts_audit.rules import default_rules_path, load_rules

RULES = Path(__file__).parents[1] / "rules"


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
            ":4: key 'checks.media_licence.max_listed_files'",
        ),
        ("extends: cts\nchecks:\n  code_licence:\n    severity: loud\n", "'fail' or 'warn'"),
        ("extends: cts\nchecks:\n  code_licence:\n    sevrity: warn\n", "sevrity"),
        ("extends: cts\nnetwork: [a\n", "not valid YAML"),
        ("- just\n- a list\n", "found list"),
        (
            "extends: cts\ntexts:\n  why:\n    en: 'Hi {team}'\n    sv: 'Hej'\n",
            "unknown placeholder {team}",
        ),
        ("extends: nowhere.yml\n", "cannot read the rule file"),
    ],
)
def test_malformed_rules_name_file_line_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(text)
    with pytest.raises(RulesError) as info:
        load_rules(path)
    message = str(info.value)
    assert "mine.yml" in message or "nowhere.yml" in message
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
