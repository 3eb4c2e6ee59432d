"""Projects of a run with their repositories' results, as public report data (no contacts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..audit import AuditRun
from ..checks import unavailable
from ..rules import Rules
from .event import repository_entry


def project_entries(
    run: AuditRun,
    rules: Rules,
    lang: str,
    notices: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One dict per registered project, in registry order, each repository with its results
    and what `cts-audit issues` last did for it (a notice), if anything."""
    notices = notices or {}
    out = []
    for project in run.registry.projects:
        repos = []
        for ref in project.repositories:
            audit = run.audits.get(ref.key)
            if audit is None:
                repos.append(
                    repository_entry(
                        ref.full_name,
                        ref.url,
                        "not_available",
                        "not audited in this run",
                        unavailable(rules, "not audited in this run"),
                        rules,
                        lang,
                    )
                )
                continue
            name = audit.info.get("renamed_to") or ref.full_name
            entry = repository_entry(
                name,
                ref.url,
                audit.outcome,
                audit.detail,
                audit.results,
                rules,
                lang,
                commit=audit.commit,
                info=audit.info,
            )
            entry["notice"] = dict(notices[ref.key]) if ref.key in notices else None
            repos.append(entry)
        out.append({**project.public_dict(), "repositories": repos})
    return out
