"""Put a check result into words, in the team's language, using the rules' texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .checks.interface import CheckResult
from .rules import Rules


@dataclass(frozen=True)
class Explained:
    title: str
    rule: str
    summary: str
    fix: str


class _Params(dict[str, str]):
    """Placeholders the result did not fill render as an empty string, never an exception."""

    def __missing__(self, key: str) -> str:
        return ""


def _pick(texts: Mapping[str, str], lang: str, fallback: str) -> str:
    return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")


def explain(result: CheckResult, rules: Rules, lang: str) -> Explained:
    lang = rules.language(lang)
    fallback = rules.default_language
    params = _Params({k: str(v) for k, v in result.params.items()})
    params["network"] = rules.network
    texts = rules.check_texts(result.check)
    reason = rules.reason_text(result.check, result.reason)
    return Explained(
        title=_pick(texts.title, lang, fallback),
        rule=_pick(texts.rule, lang, fallback),
        summary=_pick(reason.summary, lang, fallback).format_map(params),
        fix=_pick(reason.fix, lang, fallback).format_map(params),
    )


def why(rules: Rules, lang: str) -> str:
    """Why the network asks this of its teams."""
    text = _pick(rules.texts.why, rules.language(lang), rules.default_language)
    return text.format_map(_Params({"network": rules.network}))
