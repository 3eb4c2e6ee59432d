"""YAML with the line of every entry, for messages that send the user to the right line.

Used for rule files and registries alike. Dates stay text, so a bad date is one entry's
problem; libyaml does the parsing when PyYAML was built with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError

KeyPath = tuple[str | int, ...]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading, except that timestamps stay text.

    PyYAML turns ``2026-02-30`` into an exception that fails the whole document; as text,
    a bad date is one entry's problem and every other entry still loads.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: _Loader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a timestamp must be a single value", node.start_mark
        )
    return str(node.value)


_Loader.add_constructor(_TIMESTAMP, _timestamp_as_text)


@dataclass(frozen=True)
class Positioned:
    """A YAML document's value and the 1-based line of every key path in it."""

    value: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key)


class YamlError(Exception):
    """Text that is not YAML: ``line`` (1-based, in the file) when PyYAML knows it."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def load_positioned(text: str, *, first_line: int = 1) -> Positioned:
    """Parse one YAML document that starts on line ``first_line`` of its file.

    Raises YamlError: the reader decides whether that fails the file or one entry.
    """
    offset = first_line - 1
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # control characters are refused before parsing
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
        raise YamlError(f"not valid YAML: {exc.reason}", line) from None
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(
            f"not valid YAML: {exc.problem or exc.context or 'cannot be parsed'}",
            mark.line + 1 + offset if mark is not None else None,
        ) from None
    # Explicit tags reach PyYAML's converters with text they do not expect
    # (``!!int x`` is a ValueError, ``!!bool x`` a KeyError); nesting deep enough overflows.
    except RecursionError:
        raise YamlError("not valid YAML: nested too deeply", None) from None
    except yaml.reader.ReaderError as exc:  # libyaml refuses control characters here
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
        raise YamlError(f"not valid YAML: {exc.reason}", line) from None
    except (yaml.YAMLError, ValueError, TypeError, KeyError):
        raise YamlError(
            "not valid YAML: a value does not fit its tag (such as !!int)", None
        ) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record(node, (), lines, offset, set())
    return Positioned(value, lines)


def _record(
    node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], offset: int, seen: set[int]
) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    # An alias repeats a node: walking it again could take exponential time ("billion laughs").
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_path = (*path, str(key_node.value))
                lines.setdefault(key_path, key_node.start_mark.line + 1 + offset)
                _record(value_node, key_path, lines, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), lines, offset, seen)


def load_yaml(text: str, where: str) -> Positioned:
    """A whole file that must be YAML: InputError naming ``where`` and the line otherwise."""
    try:
        return load_positioned(text)
    except YamlError as exc:
        raise InputError(f"{where}:{exc.line}" if exc.line else where, exc.problem) from None
