"""yamlpos on hostile YAML: deep nesting, aliases that nest or loop, keys written twice."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import yaml

from cts_audit import yamlpos
from cts_audit.errors import InputError
from cts_audit.yamlpos import MAX_DEPTH, YamlError, load_positioned, load_yaml


def nested(levels: int, inner: str = "1") -> str:
    return "[" * levels + inner + "]" * levels


def test_nesting_up_to_the_limit_loads() -> None:
    doc = load_positioned(nested(MAX_DEPTH))
    assert doc.line_of(*([0] * MAX_DEPTH)) == 1


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1000, 5000])
def test_deeper_nesting_is_a_yaml_error_with_its_line(levels: int) -> None:
    with pytest.raises(YamlError) as info:
        load_positioned("a: 1\nb:\n  c: " + nested(levels), first_line=10)
    assert info.value.line == 12 and "nested too deeply" in info.value.problem


def test_nesting_that_would_crash_libyaml_s_composer_is_refused_in_time() -> None:
    # 100,000 levels overflow the C stack of PyYAML's libyaml binding: a crash, not an error.
    code = (
        "from cts_audit.yamlpos import YamlError, load_positioned\n"
        "try:\n    load_positioned('[' * 100_000)\n"
        "except YamlError as exc:\n    print(exc.line, exc.problem)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("1 nested too deeply")


class _StricterParser(yamlpos._Loader):  # type: ignore[misc,name-defined]
    """A parser that refuses nesting below MAX_DEPTH in its own words, as a libyaml might."""

    def get_event(self):  # type: ignore[no-untyped-def]
        event = super().get_event()
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.depth = getattr(self, "depth", 0) + 1
            if self.depth > 40:
                raise yaml.scanner.ScannerError(
                    "while nesting", None, "this parser's own limit", event.start_mark
                )
        return event


@pytest.mark.parametrize("levels", [60, MAX_DEPTH - 1])  # inside the mapping "a"
def test_a_parser_with_a_lower_limit_of_its_own_does_not_refuse_a_valid_file(
    monkeypatch: pytest.MonkeyPatch, levels: int
) -> None:
    monkeypatch.setattr(yamlpos, "_LOADERS", (_StricterParser, yamlpos._PyLoader))
    doc = load_positioned("a: " + nested(levels, "x"))
    value = doc.value["a"]
    for _ in range(levels):
        value = value[0]
    assert value == "x"


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5000])
def test_too_deep_is_the_project_s_message_whatever_the_parser_says_first(
    monkeypatch: pytest.MonkeyPatch, levels: int
) -> None:
    monkeypatch.setattr(yamlpos, "_LOADERS", (_StricterParser, yamlpos._PyLoader))
    with pytest.raises(InputError) as info:
        load_yaml("x: 1\ny: " + nested(levels), "registry.yml")
    assert str(info.value).startswith("registry.yml:2: nested too deeply")
    assert "own limit" not in str(info.value)


def test_aliases_cannot_nest_deeper_than_brackets() -> None:
    half = MAX_DEPTH // 2 + 1
    text = f"a: &a {nested(half)}\nb: &b {nested(half, '*a')}\n"
    with pytest.raises(YamlError) as info:
        load_positioned(text)
    assert info.value.line == 2 and "nested too deeply" in info.value.problem


def test_billion_laughs_stays_cheap() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    start = time.monotonic()
    lines_of = load_positioned("\n".join(lines) + "\n").lines  # never compare the value
    assert time.monotonic() - start < 5
    assert len(lines_of) < 200 and ("a8", 9) in lines_of


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        load_positioned("a: 1\nb: &b\n  - 1\n  - *b\n")
    assert info.value.line == 2 and "inside itself" in info.value.problem


def test_keys_written_twice_are_listed_and_the_used_one_has_the_line() -> None:
    doc = load_positioned("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", first_line=5)
    assert doc.value == {"a": 3, "b": {"c": 2}}
    found = sorted((d.first, d.again, d.path) for d in doc.duplicates)
    assert found == [(5, 9, ("a",)), (7, 8, ("b", "c"))]
    assert doc.line_of("a") == 9 and doc.line_of("b", "c") == 8
    assert '"a" is written twice' in next(d for d in doc.duplicates if d.path == ("a",)).message


def test_merge_keys_are_not_duplicates_and_own_keys_keep_their_lines() -> None:
    doc = load_positioned("base: &base {x: 1, y: 2}\nuse:\n  <<: *base\n  y: 3\n")
    assert doc.value["use"] == {"x": 1, "y": 3}
    assert not doc.duplicates
    assert doc.line_of("use", "y") == 4 and doc.line_of("use", "x") == 1


def test_load_yaml_names_the_file_line_and_what_to_do() -> None:
    with pytest.raises(InputError) as info:
        load_yaml("x:\n  y: " + nested(500), "rules.yml")
    assert str(info.value).startswith("rules.yml:2: nested too deeply")
    assert info.value.hint and "[" in info.value.hint
