"""The report of one audit run: a document built once, rendered as HTML, Markdown, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .. import tool_version
from ..checks import enabled_checks
from ..checks.interface import CheckResult, Status, worst
from ..explain import explain, why
from ..i18n import labels
from ..rules import Rules
from .counting import tallies
from .document import SCHEMA_VERSION, checks_dict
from .environment import render
from .formats import Format
from .wording import unread_reason

#: Formats an audit writes, and the file each becomes.
AUDIT_FORMATS = (Format.HTML, Format.MARKDOWN, Format.JSON, Format.CSV)
CSV_COLUMNS = (
    "project",
    "theme",
    "group",
    "repository",
    "url",
    "outcome",
    "commit",
    "check",
    "status",
    "licence",
    "summary",
    "archived",
    "renamed_from",
)


def public_url(url: str | None) -> str | None:
    """``url`` if it is a web address; a local folder's path is never published."""
    if url and urlparse(url).scheme in ("http", "https"):
        return url
    return None


def repository_entry(
    name: str,
    url: str | None,
    outcome: str,
    detail: str | None,
    results: Mapping[str, CheckResult],
    rules: Rules,
    lang: str,
    *,
    commit: str | None = None,
    info: Mapping[str, Any] | None = None,
    key: str | None = None,
    renamed_from: str | None = None,
) -> dict[str, Any]:
    """One repository of a project. ``key`` identifies the repository however projects
    spelled it (the report counts each once); ``url`` is dropped unless it is a web address."""
    checks = checks_dict(results, rules, lang)
    info = dict(info or {})
    return {
        "name": name,
        "key": key or name,
        "url": public_url(url),
        "outcome": outcome,
        "detail": detail,
        # Why it could not be read, in the report's language (``detail`` is the log's words).
        "reason": unread_reason(detail, labels(lang), lang) if outcome != "ok" else None,
        "commit": commit,
        "archived": bool(info.get("archived")),
        "renamed_to": info.get("renamed_to"),
        "renamed_from": renamed_from,
        "status": worst([r.status for r in results.values()]).value,
        "checks": checks,
    }


def event_document(
    *,
    rules: Rules,
    lang: str,
    network: str,
    event: Mapping[str, Any] | None,
    projects: Sequence[Mapping[str, Any]],
    run_id: int | None,
    complete: bool,
    generated_at: str | None = None,
) -> dict[str, Any]:
    """The report document. ``projects`` are public project dicts, each with ``repositories``
    (entries from :func:`repository_entry`); nothing personal is ever passed in."""
    lang = rules.language(lang)
    checks = enabled_checks(rules)
    per_check: dict[str, Counter[str]] = {c: Counter() for c in checks}
    counted: dict[str, dict[str, str]] = {}
    for project in projects:
        for repo in project["repositories"]:
            # Two projects may register one repository (spelled alike or not): count it once.
            identity = str(repo.get("key") or repo["name"]).lower()
            if identity in counted:
                continue
            counted[identity] = {
                check: repo["checks"].get(check, {}).get("status") or "not_available"
                for check in checks
            }
            for check in checks:
                per_check[check][counted[identity][check]] += 1
    repo_count = len(counted)
    counts = tallies(counted.values(), checks)
    titles = {c: explain(CheckResult(c, Status.PASS, "error"), rules, lang).title for c in checks}
    rule_texts = {
        c: explain(CheckResult(c, Status.PASS, "error"), rules, lang).rule for c in checks
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "event-report",
        "tool": {"name": "cts-audit", "version": tool_version()},
        "rules": {
            "network": rules.network,
            # The rule file's name, not where it lies on this computer: the report is shared.
            "source": Path(rules.source).name if rules.source else rules.source,
            "digest": rules.digest,
        },
        "language": lang,
        "generated_at": generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "run_id": run_id,
        "complete": complete,
        "network": network,
        "why": why(rules, lang),
        "event": dict(event) if event else None,
        "checks": [{"name": c, "title": titles[c], "rule": rule_texts[c]} for c in checks],
        "summary": {
            "projects": len(projects),
            "repositories": repo_count,
            "without_repository": sum(1 for p in projects if not p["repositories"]),
            "per_check": {c: dict(per_check[c]) for c in checks},
            "passing": {c: per_check[c].get("pass", 0) for c in checks},
            # The one counting rule of every report (report/counting.py).
            "counts": {c: counts[c].to_dict() for c in checks},
        },
        "projects": [dict(p) for p in projects],
    }


def render_event(doc: Mapping[str, Any], fmt: Format) -> str:
    words = labels(doc["language"])
    if fmt is Format.JSON:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt is Format.CSV:
        return _csv(doc)
    if fmt is Format.HTML:
        return render("event.html.j2", doc=doc, labels=words)
    if fmt is Format.MARKDOWN:
        return render("event.md.j2", doc=doc, labels=words)
    if fmt is Format.TEXT:
        raise ValueError("an event report has no plain-text file; the terminal shows a summary")
    if fmt is Format.SARIF:
        raise ValueError("SARIF is for one repository: `cts-audit check --format sarif`")
    raise AssertionError(fmt)


def _csv(doc: Mapping[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for project in doc["projects"]:
        base = {
            "project": project["name"],
            "theme": project.get("theme") or "",
            "group": project.get("group") or "",
        }
        if not project["repositories"]:
            writer.writerow(csv_row({**base, "outcome": "no_repository"}))
        for repo in project["repositories"]:
            for check, result in repo["checks"].items():
                row = {
                    **base,
                    "repository": repo["name"],
                    "url": repo["url"] or "",
                    "outcome": repo["outcome"],
                    "commit": repo["commit"] or "",
                    "check": check,
                    "status": result["status"],
                    "licence": result["licence"] or "",
                    "summary": result["summary"],
                    "archived": "true" if repo.get("archived") else "false",
                    "renamed_from": repo.get("renamed_from") or "",
                }
                writer.writerow(csv_row(row))
    return out.getvalue()


def csv_row(values: Mapping[str, object]) -> dict[str, str]:
    """A CSV row with every column, each cell safe to open in a spreadsheet."""
    return {column: _cell(str(values.get(column, ""))) for column in CSV_COLUMNS}


def _cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; registry text must not."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_outputs(files: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Write all files or none: each goes to a temporary name first, then is renamed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            # mkstemp makes files only their owner may read; reports are for publishing.
            os.fchmod(fd, 0o666 & ~_UMASK)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            staged.append((tmp, target))
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
