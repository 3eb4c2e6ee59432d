"""Put a check result into words, in the team's language, using the rules' texts.

A text may choose a word by a number: ``{count:file|files}`` reads "file" when ``count`` is
singular in the text's language (Babel's plural rules) and "files" otherwise; ``{count}``
alone still shows the number.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.plural import PluralRule

from . import kept
from .checks.interface import CheckResult, Status
from .i18n import labels
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


@cache
def _plural_rule(lang: str) -> PluralRule | None:
    """CLDR's plural rule for ``lang`` (None for a language Babel does not know).

    Loading a language's Babel data takes longer than a whole ``check`` of a small
    repository, so the rule's few words are kept (see ``kept``) for the next run.
    """
    import babel

    key = f"{lang}\0{babel.__version__}"
    rules = kept.recall("plural", key, "explain.py")
    if not isinstance(rules, dict):
        try:
            locale = babel.Locale.parse(lang.replace("-", "_"))
            rules = {"rules": dict(locale.plural_form.rules)}
        except (babel.UnknownLocaleError, ValueError):
            rules = {"rules": None}
        kept.keep("plural", key, "explain.py", (), rules)
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


def _pick(texts: Mapping[str, str], lang: str, fallback: str) -> tuple[str, str]:
    """The text in ``lang`` (else ``fallback``, else any) and the language it is in."""
    for wanted in (lang, fallback):
        if texts.get(wanted):
            return texts[wanted], wanted
    return next(iter(texts.items()), ("", lang))


def freedoms(missing: str, lang: str) -> str:
    """The ``missing`` parameter of a media result in words of ``lang``.

    It names the freedoms a licence withholds in English, comma-separated ("commercial use,
    adaptations"); each is worded by its label (``freedom_commercial_use``). A name without
    a label stays as it is.
    """
    words = labels(lang)
    names = [part.strip() for part in missing.split(",") if part.strip()]
    said = [words.get("freedom_" + "_".join(name.split()), name) for name in names]
    if len(said) < 2:
        return "".join(said)
    return f"{', '.join(said[:-1])} {words['and']} {said[-1]}"


def _localised(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """Parameters that are names of things rather than text, put into words of ``lang``."""
    out = dict(params)
    if "missing" in out:
        out["missing"] = freedoms(str(out["missing"]), lang)
    return out


def _filled(
    texts: Mapping[str, str], lang: str, fallback: str, params: Mapping[str, object]
) -> str:
    text, text_lang = _pick(texts, lang, fallback)
    return fill(text, text_lang, _localised(params, text_lang))


def explain(result: CheckResult, rules: Rules, lang: str) -> Explained:
    lang = rules.language(lang)
    fallback = rules.default_language
    params: dict[str, object] = {k: str(v) for k, v in result.params.items()}
    params["network"] = rules.network
    texts = rules.check_texts(result.check)
    reason = rules.reason_text(result.check, result.reason)
    summary = _filled(reason.summary, lang, fallback, params)
    fix = _filled(reason.fix, lang, fallback, params)
    if result.status is Status.WAIVED:
        # What the check found stays visible; the organisers' reason and date come with it.
        words = labels(lang)
        waiver = {
            "reason": params.get("waiver_reason", ""),
            "until": params.get("waiver_until", ""),
        }
        summary = f"{summary} {fill(words['waived_summary'], lang, waiver)}"
        fix = fill(words["waived_fix"], lang, {**waiver, "fix": fix})
    return Explained(
        title=_pick(texts.title, lang, fallback)[0],
        rule=_pick(texts.rule, lang, fallback)[0],
        summary=summary,
        fix=fix,
    )


def why(rules: Rules, lang: str) -> str:
    """Why the network asks this of its teams."""
    text, lang = _pick(rules.texts.why, rules.language(lang), rules.default_language)
    return fill(text, lang, {"network": rules.network})
