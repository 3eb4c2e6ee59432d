"""Put a check result into words, in the team's language, using the rules' texts.

Texts choose words by a number as :mod:`cts_audit.i18n` describes (``{count:file|files}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .checks.interface import CheckResult, Status
from .i18n import fill, is_singular, labels, plural
from .rules import Rules

__all__ = ["Explained", "explain", "fill", "freedoms", "is_singular", "plural", "why"]


@dataclass(frozen=True)
class Explained:
    title: str
    rule: str
    summary: str
    fix: str


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


#: The elements of a Creative Commons licence a result names after it, in English
#: ("CC BY-SA 4.0 (ShareAlike)"), each worded by its label (``cc_sharealike``).
_CC_ELEMENTS = re.compile(r"\b(NonCommercial|NoDerivatives|ShareAlike)\b")


def _localised(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """Parameters that are names of things rather than text, put into words of ``lang``."""
    out = dict(params)
    if "missing" in out:
        out["missing"] = freedoms(str(out["missing"]), lang)
    if out.get("internal"):
        # The tool's own fault, said in the reader's words; the exception stays in the log.
        out["detail"] = fill(labels(lang)["internal_error"], lang, {"error": out["internal"]})
    if "licence" in out:
        words = labels(lang)
        out["licence"] = _CC_ELEMENTS.sub(
            lambda m: words.get(f"cc_{m.group(1).lower()}", m.group(1)), str(out["licence"])
        )
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
