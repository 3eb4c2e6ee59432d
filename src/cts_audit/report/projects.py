"""Projects of a run with their repositories' results, as public report data (no contacts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..audit import AuditRun
from ..checks import unavailable
from ..rules import Rules
from ..sources.registry.model import Project, RepoRef
from .event import public_url, repository_entry


def public_key(ref: RepoRef, renamed_to: str | None = None) -> str:
    """A repository's identity as published: ``host/owner/name`` (its new name once renamed),
    or ``local:`` and the folder's name, never the folder's path."""
    if ref.host == "local":
        return f"local:{ref.full_name}"
    return f"{ref.host}/{renamed_to}".lower() if renamed_to else ref.key


def public_location(ref: RepoRef, renamed_to: str | None = None) -> str | None:
    """Where the repository is on the web (at its new name once renamed); None for a folder."""
    if ref.host == "local":
        return None
    return f"https://{ref.host}/{renamed_to}" if renamed_to else public_url(ref.url)


def _public_project(project: Project) -> dict[str, Any]:
    data = project.public_dict()
    refs = project.repositories
    data["repositories_registered"] = [public_location(r) or r.full_name for r in refs]
    data["repository_keys"] = [public_key(r) for r in refs]
    return data


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
                        public_location(ref),
                        "not_available",
                        "not audited in this run",
                        unavailable(rules, "not audited in this run"),
                        rules,
                        lang,
                        key=public_key(ref),
                    )
                )
                continue
            renamed = audit.info.get("renamed_to") or None
            entry = repository_entry(
                renamed or ref.full_name,
                public_location(ref, renamed),
                audit.outcome,
                audit.detail,
                audit.results,
                rules,
                lang,
                commit=audit.commit,
                info=audit.info,
                key=public_key(ref, renamed),
                renamed_from=ref.full_name if renamed else None,
            )
            entry["notice"] = dict(notices[ref.key]) if ref.key in notices else None
            repos.append(entry)
        out.append({**_public_project(project), "repositories": repos})
    return out
