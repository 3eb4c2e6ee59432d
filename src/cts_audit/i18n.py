"""The tool's interface words per language; a network adds a language by adding a file."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def labels(lang: str) -> dict[str, str]:
    """Interface words in ``lang``, English where that language lacks a word."""
    base = _load("en")
    return {**base, **_load(lang)} if lang != "en" else base


@cache
def _load(lang: str) -> dict[str, str]:
    path = resources.files("cts_audit").joinpath("locale", f"{lang}.yml")
    if not path.is_file():
        return {}
    # libyaml when PyYAML has it: these files are read on every run.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    return {str(k): str(v) for k, v in data.items()}
