"""YAML with the line of every entry, for messages that send the user to the right line.

Used for rule files and registries alike. Dates stay text, so a bad date is one entry's
problem; libyaml does the parsing when PyYAML was built with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError
from .i18n import Message, say

KeyPath = tuple[str | int, ...]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
#: Lists and mappings nest at most this deep: no file the tool reads needs more than a few
#: levels, and deeper documents overflow the stack of PyYAML's composer (libyaml's crashes).
MAX_DEPTH = 100
TOO_DEEP = Message.of("yaml_too_deep", max=MAX_DEPTH)
_TOO_DEEP_HINT = Message("yaml_too_deep_hint")


class _PyLoader(yaml.SafeLoader):
    """Safe loading, except that timestamps stay text.

    PyYAML turns ``2026-02-30`` into an exception that fails the whole document; as text,
    a bad date is one entry's problem and every other entry still loads.
    """


class _Loader(getattr(yaml, "CSafeLoader", _PyLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml when PyYAML was built with it (several times faster)."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a timestamp must be a single value", node.start_mark
        )
    return str(node.value)


for _cls in {_Loader, _PyLoader}:
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_constructor(_TIMESTAMP, _timestamp_as_text)

#: The parsers to try, fastest first. libyaml has limits of its own (its nesting depth among
#: them, which changed between releases) and refuses some documents with its own words; the
#: pure-Python parser, after this module's own depth check, then has the last word, so what
#: a user reads never depends on how PyYAML was built or which release is installed.
_LOADERS: tuple[type[yaml.SafeLoader], ...] = tuple(dict.fromkeys((_Loader, _PyLoader)))


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one mapping: YAML keeps the value written last."""

    path: KeyPath
    first: int
    again: int

    @property
    def said(self) -> Message:
        """What is wrong and what happens, without the file (the reader adds it)."""
        key = json.dumps(str(self.path[-1])[:60], ensure_ascii=False)
        return Message.of("yaml_duplicate_key", key=key, first=self.first, again=self.again)

    @property
    def message(self) -> str:
        """:attr:`said` in English."""
        return say(self.said, "en")


@dataclass(frozen=True)
class Positioned:
    """A YAML document's value and the 1-based line of every key path in it.

    ``duplicates`` are the keys written twice in one mapping, for the reader to report.
    """

    value: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()

    def line_of(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key)


class YamlError(Exception):
    """Text that is not YAML: ``line`` (1-based, in the file) when PyYAML knows it.

    ``hint`` is what to do, when it is more particular than checking the YAML's syntax.
    ``problem`` and ``hint`` are English; ``said`` and ``said_hint`` what they mean, for
    the run's language.
    """

    def __init__(self, problem: Message, line: int | None, hint: Message | None = None) -> None:
        super().__init__(say(problem, "en"))
        self.problem = say(problem, "en")
        self.line = line
        self.hint = say(hint, "en") if hint is not None else None
        self.said = problem
        self.said_hint = hint


def load_positioned(text: str, *, first_line: int = 1) -> Positioned:
    """Parse one YAML document that starts on line ``first_line`` of its file.

    Raises YamlError: the reader decides whether that fails the file or one entry.
    """
    offset = first_line - 1
    # Before the composer builds nodes recursively: a deep document would overflow it.
    _check_nesting(text, offset)
    for loader_cls in _LOADERS[:-1]:
        try:
            return _load(loader_cls, text, offset)
        except YamlError:
            continue
    return _load(_LOADERS[-1], text, offset)


def _load(loader_cls: type[yaml.SafeLoader], text: str, offset: int) -> Positioned:
    try:
        loader: Any = loader_cls(text)
    except yaml.reader.ReaderError as exc:  # control characters are refused before parsing
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
        raise YamlError(Message.of("yaml_invalid", detail=exc.reason), line) from None
    try:
        node = loader.get_single_node()
        # Before construction, which merges ``<<`` keys into the mapping and so hides them.
        walk = _Walk(offset)
        if node is not None:
            walk.run(node)
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context
        raise YamlError(
            Message.of("yaml_invalid", detail=detail) if detail else Message("yaml_unparsable"),
            mark.line + 1 + offset if mark is not None else None,
        ) from None
    # Explicit tags reach PyYAML's converters with text they do not expect
    # (``!!int x`` is a ValueError, ``!!bool x`` a KeyError); the depth limit should keep
    # nesting from overflowing anything, and this is the last guard if it does not.
    except RecursionError:
        raise YamlError(TOO_DEEP, None, _TOO_DEEP_HINT) from None
    except yaml.reader.ReaderError as exc:  # libyaml refuses control characters here
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + offset
        raise YamlError(Message.of("yaml_invalid", detail=exc.reason), line) from None
    except (yaml.YAMLError, ValueError, TypeError, KeyError):
        raise YamlError(Message("yaml_bad_tag"), None) from None
    finally:
        loader.dispose()
    return Positioned(value, walk.lines, tuple(walk.duplicates))


def _check_nesting(text: str, offset: int) -> None:
    """YamlError on the line where lists and mappings open more than MAX_DEPTH deep.

    Reads the parser's events, which come one at a time without recursion. libyaml may stop
    first, at a depth of its own or looking ahead; the pure-Python parser is then asked.
    A document that no parser reads is left to the real load, which reports it: the
    composer sees the same events and so nests no deeper than this got before the error.
    """
    for loader_cls in _LOADERS:
        if _within_depth(loader_cls, text, offset):
            return


def _within_depth(loader_cls: type[yaml.SafeLoader], text: str, offset: int) -> bool:
    """True when ``loader_cls`` reads every event within MAX_DEPTH, False when it fails."""
    try:
        loader: Any = loader_cls(text)
    except yaml.YAMLError:
        return False
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 + offset if event.start_mark else None
                    raise YamlError(TOO_DEEP, line, _TOO_DEEP_HINT)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentEndEvent):
                depth = 0
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    return True


@dataclass
class _Frame:
    """A list or mapping being walked: its children still to visit, and its height so far."""

    children: Iterator[tuple[KeyPath, int, yaml.Node]]
    line: int
    below: int = 0


class _Walk:
    """Records the line of every key path, and the keys written twice, without recursion.

    An alias repeats a node: it is walked once, else walking could take exponential time
    ("billion laughs"). Its height still counts, so aliases cannot nest a value deeper
    than MAX_DEPTH either, and an alias inside its own anchor (a loop) is refused.
    """

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.lines: dict[KeyPath, int] = {}
        self.duplicates: list[Duplicate] = []
        self.heights: dict[int, int] = {}  # walked nodes: the levels they nest

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def run(self, root: yaml.Node) -> None:
        self.lines[()] = self.line(root)
        if not isinstance(root, yaml.CollectionNode):
            return
        stack = [_Frame(self.children(root, ()), self.line(root))]
        path_ids = [id(root)]
        while stack:
            frame = stack[-1]
            child = next(frame.children, None)
            if child is None:
                stack.pop()
                self.heights[path_ids.pop()] = frame.below + 1
                if stack:
                    stack[-1].below = max(stack[-1].below, frame.below + 1)
                continue
            path, line, node = child
            self.lines.setdefault(path, line)
            if not isinstance(node, yaml.CollectionNode):
                continue
            walked = self.heights.get(id(node))
            if walked is None and id(node) not in path_ids:
                if len(stack) + 1 > MAX_DEPTH:
                    raise YamlError(TOO_DEEP, line, _TOO_DEEP_HINT)
                stack.append(_Frame(self.children(node, path), line))
                path_ids.append(id(node))
                continue
            # An alias: an item's node starts at its anchor, so name the line of its list.
            where = line if isinstance(path[-1], str) else frame.line
            if walked is None:
                raise YamlError(Message("yaml_alias_loop"), where, Message("yaml_alias_loop_hint"))
            if len(stack) + walked > MAX_DEPTH:
                raise YamlError(TOO_DEEP, where, _TOO_DEEP_HINT)
            frame.below = max(frame.below, walked)

    def children(self, node: yaml.Node, path: KeyPath) -> Iterator[tuple[KeyPath, int, yaml.Node]]:
        """Each item's key path, line and node; a mapping's keys once (the last one wins)."""
        if isinstance(node, yaml.SequenceNode):
            return iter([((*path, i), self.line(item), item) for i, item in enumerate(node.value)])
        own: dict[tuple[str, str], tuple[yaml.Node, yaml.Node]] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                items = value_node.value if isinstance(value_node, yaml.SequenceNode) else []
                merged += [value_node] if isinstance(value_node, yaml.MappingNode) else items
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = (key_node.tag, key_node.value)
            if key in own:
                self.duplicates.append(
                    Duplicate(
                        (*path, str(key_node.value)),
                        self.line(own[key][0]),
                        self.line(key_node),
                    )
                )
            own[key] = (key_node, value_node)
        # Merged keys (``<<: *defaults``) come after the mapping's own, which override them.
        for mapping in merged:
            if isinstance(mapping, yaml.MappingNode):
                for key_node, value_node in mapping.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                        own.setdefault((key_node.tag, key_node.value), (key_node, value_node))
        return iter([((*path, str(k.value)), self.line(k), v) for k, v in own.values()])


def load_yaml(text: str, where: str) -> Positioned:
    """A whole file that must be YAML: InputError naming ``where`` and the line otherwise."""
    try:
        return load_positioned(text)
    except YamlError as exc:
        raise InputError(
            f"{where}:{exc.line}" if exc.line else where, exc.said, hint=exc.said_hint
        ) from None
