"""The tool's interface words per language; a network adds a language by adding a file."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import kept


@cache
def labels(lang: str) -> dict[str, str]:
    """Interface words in ``lang``, English where that language lacks a word.

    Read from the word files once and kept while they are unchanged (see ``kept``).
    """
    files = [_path("en")] + ([_path(lang)] if lang != "en" else [])
    words = kept.recall("labels", lang, "i18n.py")
    if isinstance(words, dict):
        return words
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


def _path(lang: str) -> Path:
    return Path(str(resources.files("cts_audit").joinpath("locale", f"{lang}.yml")))


def _parse(text: str) -> dict[str, str]:
    import yaml

    # libyaml when PyYAML has it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: Any = yaml.load(text, Loader=loader) or {}
    return {str(k): str(v) for k, v in data.items()}
