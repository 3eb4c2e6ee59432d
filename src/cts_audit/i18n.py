"""The tool's interface words per language; a network adds a language by adding a file.

A text may choose a word by a number: ``{count:file|files}`` reads "file" when ``count`` is
singular in the text's language (Babel's plural rules) and "files" otherwise; ``{count}``
alone still shows the number.

Code that must not choose the language itself (a registry reader, an error raised deep in
the tool) says what it means as a :class:`Message`, a label's key and its parameters; the
command renders it with :func:`say` in the run's language.
"""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.plural import PluralRule

from . import kept


@cache
def labels(lang: str) -> dict[str, str]:
    """Interface words in ``lang``, English where that language lacks a word.

    Read from the word files once and kept while they are unchanged (see ``kept``).
    """
    words = kept.recall("labels", lang, "i18n.py")
    if isinstance(words, dict):
        return words
    files = [_path("en")] + ([_path(lang)] if lang != "en" else [])
    words, digests = {}, []
    for path in files:
        if path.is_file():
            raw = path.read_bytes()
            words.update(_parse(raw.decode("utf-8")))
            digests.append((str(path), hashlib.sha256(raw).hexdigest()))
        else:
            digests.append((str(path), ""))
    kept.keep("labels", lang, "i18n.py", digests, words)
    return words


def has_words(lang: str) -> bool:
    """Whether the tool has interface words in ``lang`` (a file in ``locale/``)."""
    return bool(lang) and "/" not in lang and _path(lang).is_file()


def _path(lang: str) -> Path:
    return Path(str(resources.files("cts_audit").joinpath("locale", f"{lang}.yml")))


def _parse(text: str) -> dict[str, str]:
    import yaml

    # libyaml when PyYAML has it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: Any = yaml.load(text, Loader=loader) or {}
    return {str(k): str(v) for k, v in data.items()}


class _Params(dict[str, str]):
    """Placeholders the result did not fill render as an empty string, never an exception."""

    def __missing__(self, key: str) -> str:
        return ""


@cache
def _plural_rule(lang: str) -> PluralRule | None:
    """CLDR's plural rule for ``lang`` (None for a language Babel does not know).

    Loading a language's Babel data takes longer than a whole ``check`` of a small
    repository, so the rule's few words are kept (see ``kept``) for the next run.
    """
    import babel

    key = f"{lang}\0{babel.__version__}"
    rules = kept.recall("plural", key, "i18n.py")
    if not isinstance(rules, dict):
        try:
            locale = babel.Locale.parse(lang.replace("-", "_"))
            rules = {"rules": dict(locale.plural_form.rules)}
        except (babel.UnknownLocaleError, ValueError):
            rules = {"rules": None}
        kept.keep("plural", key, "i18n.py", (), rules)
    return None if rules["rules"] is None else PluralRule(rules["rules"])


def is_singular(lang: str, number: object) -> bool:
    """Whether ``number`` takes the singular ("one") form in ``lang``."""
    try:
        value = int(str(number))
    except ValueError:
        return False
    rule = _plural_rule(lang)
    if rule is None:
        return value == 1
    return rule(value) == "one"


def plural(lang: str, number: object, one: str, other: str) -> str:
    """``one`` or ``other``, whichever ``number`` calls for in ``lang``."""
    return one if is_singular(lang, number) else other


class _Formatter(string.Formatter):
    """``str.format`` with one addition: a spec ``one|other`` picks a word by the number."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return plural(self.lang, value, one, other.rsplit("|", 1)[-1])
        return str(super().format_field(value, format_spec))


def fill(text: str, lang: str, params: Mapping[str, object]) -> str:
    """``text`` with its placeholders filled; unknown ones become empty."""
    values = _Params({k: str(v) for k, v in params.items()})
    return _Formatter(lang).vformat(text, (), values)


@dataclass(frozen=True)
class Message:
    """What to say, not yet in words: the label ``key`` with its parameters.

    A parameter may be a Message itself (worded in the same language), a tuple of them
    (worded one by one, joined with "; "), or a list of them (joined as they are: lines
    that carry their own breaks).
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Message:
        return cls(key, tuple(params.items()))

    def data(self) -> dict[str, Any]:
        """The message as JSON-able data (for a record), which ``from_data`` reads back."""
        return {"key": self.key, "params": {name: _data(value) for name, value in self.params}}

    @classmethod
    def from_json(cls, text: object) -> Message | None:
        """A message recorded as ``json.dumps(message.data())``; None for anything else."""
        if not isinstance(text, str) or not text:
            return None
        try:
            return cls.from_data(json.loads(text))
        except ValueError:
            return None

    @classmethod
    def from_data(cls, data: Any) -> Message | None:
        """A message recorded with ``data``; None for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("key"), str):
            return None
        params = data.get("params")
        if not isinstance(params, dict):
            return None
        return cls(data["key"], tuple((str(k), _from_data(v)) for k, v in params.items()))


def said(name: str, text: Text) -> dict[str, str]:
    """A message as a parameter of a recorded note: ``{name}_said`` holds its data (JSON),
    from which ``worded_params`` words ``{name}`` in any language. Nothing for plain text."""
    if not isinstance(text, Message):
        return {}
    return {f"{name}_said": json.dumps(text.data(), ensure_ascii=False)[:2000]}


def worded_params(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """``params`` with each message recorded by ``said`` worded in ``lang``."""
    out = dict(params)
    for key, value in params.items():
        message = Message.from_json(value) if key.endswith("_said") else None
        if message is not None:
            out[key.removesuffix("_said")] = say(message, lang)
    return out


def _data(value: object) -> object:
    if isinstance(value, Message):
        return value.data()
    if isinstance(value, tuple | list):
        return [_data(v) for v in value]
    return value if isinstance(value, int | float | bool) or value is None else str(value)


def _from_data(value: object) -> object:
    if isinstance(value, dict):
        return Message.from_data(value) or str(value)
    if isinstance(value, list):
        return tuple(_from_data(v) for v in value)
    return value


#: Text that is either already in words (a name, a library's own message) or a Message.
Text = str | Message


def say(text: Text, lang: str) -> str:
    """``text`` in the words of ``lang``."""
    if isinstance(text, str):
        return text
    words = labels(lang)
    values = {name: _said(value, lang) for name, value in text.params}
    return fill(words.get(text.key, text.key), lang, values)


def _said(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return say(value, lang)
    if isinstance(value, tuple) and all(isinstance(v, str | Message) for v in value):
        return "; ".join(say(v, lang) for v in value)
    if isinstance(value, list) and all(isinstance(v, str | Message) for v in value):
        return "".join(say(v, lang) for v in value)
    return value
