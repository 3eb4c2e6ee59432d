"""YAML loading that remembers where each value was written, for messages naming a line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError

KeyPath = tuple[str | int, ...]
#: libyaml's loader when PyYAML was built with it: the same results, several times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Positioned:
    """A loaded YAML document and the 1-based line of every key path in it."""

    value: Any
    lines: Mapping[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Line of ``path`` or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)


def load_yaml(text: str, where: str) -> Positioned:
    """Parse one YAML document (safe loader). Raises InputError naming ``where`` and the line."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        raise InputError(where, f"not valid YAML: {exc}") from None
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "not valid YAML"
        raise InputError(f"{where}{line}", f"not valid YAML: {problem}") from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise InputError(where, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines, depth=0)
    return Positioned(value, lines)


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], depth: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if depth > 50:  # aliases can make a document deeper than its text; stop well before recursion
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_path = (*path, str(key_node.value))
                lines.setdefault(key_path, key_node.start_mark.line + 1)
                _walk(value_node, key_path, lines, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, depth + 1)
