"""One repository's results as a plain, versioned document: the source of every format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import tool_version
from ..checks.interface import CheckResult, worst
from ..explain import explain, why
from ..i18n import labels
from ..rules import Rules
from ..snapshot import Snapshot
from .wording import readable

#: Bump when a key changes meaning or disappears; adding keys keeps the version.
SCHEMA_VERSION = 1


def repository_dict(snapshot: Snapshot) -> dict[str, Any]:
    info = snapshot.info
    return {
        "name": snapshot.name,
        "url": info.url,
        "commit": snapshot.commit,
        "files": len(snapshot),
        "archived": info.archived,
        "renamed_to": info.renamed_to,
    }


def checks_dict(results: Mapping[str, CheckResult], rules: Rules, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    interface = labels(lang)
    for name, result in results.items():
        words = explain(readable(result, interface, lang), rules, lang)
        out[name] = {
            **result.to_dict(),
            "title": words.title,
            "summary": words.summary,
            "fix": words.fix,
        }
    return out


def check_document(
    repository: dict[str, Any], results: Mapping[str, CheckResult], rules: Rules, lang: str
) -> dict[str, Any]:
    lang = rules.language(lang)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cts-audit", "version": tool_version()},
        "rules": {
            "network": rules.network,
            "network_url": rules.network_url,
            "source": rules.source,
            "digest": rules.digest,
        },
        "language": lang,
        "why": why(rules, lang),
        "repository": repository,
        "status": worst([r.status for r in results.values()]).value,
        "checks": {
            name: {**check, **_rule_of(name, rules, lang)}
            for name, check in checks_dict(results, rules, lang).items()
        },
    }


def _rule_of(check: str, rules: Rules, lang: str) -> dict[str, str]:
    """The rule a check applies, in words, and whether its failures count as failures."""
    texts = rules.check_texts(check)
    rule = texts.rule.get(lang) or texts.rule.get(rules.default_language) or ""
    return {"rule": rule, "severity": rules.check_rule(check).severity}
