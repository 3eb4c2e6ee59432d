"""One repository's results as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Each check is a rule (its title, and the network's rule text as help). Each check that did
not pass is a result, located at the files its fix is about or, failing those, at the file
and line its evidence names; a finding with neither points at the file the fix creates.
Passing checks are not results: code scanning shows every result as an alert. Every
check's status is kept in the run's properties all the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .wording import evidence_text

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: Statuses that are findings, and the SARIF level of each (a failure of a check whose rule
#: counts failures as warnings is a warning).
_FINDINGS = ("warn", "fail", "error", "waived")

#: Where the fix of a check goes when its result names no file (code scanning needs one).
_FIX_GOES_TO = {"code_licence": "LICENSE", "media_licence": "REUSE.toml"}
_DEFAULT_FILE = "README.md"

#: SARIF keeps a result to a handful of locations; the finding's text names the rest.
_MAX_LOCATIONS = 10


def _level(check: Mapping[str, Any]) -> str:
    status = check["status"]
    if status == "waived":  # the finding as the check gave it, suppressed below
        status = check.get("params", {}).get("waived_status", "fail")
    if status == "warn" or check.get("severity") == "warn":
        return "warning"
    return "error"


def _artifact(path: str) -> dict[str, Any]:
    return {"uri": quote(path, safe="/"), "uriBaseId": "SRCROOT"}


def _location(path: str, line: int | None = None, message: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(path)}
    if line:
        physical["region"] = {"startLine": int(line)}
    out: dict[str, Any] = {"physicalLocation": physical}
    if message:
        out["message"] = {"text": message}
    return out


def _rule(name: str, check: Mapping[str, Any], network_url: str | None, why: str) -> dict[str, Any]:
    rule_text = check.get("rule") or check["title"]
    help_text = f"{rule_text}\n\n{why}" if why else rule_text
    rule: dict[str, Any] = {
        "id": name,
        "name": "".join(part.capitalize() for part in name.split("_")),
        "shortDescription": {"text": check["title"]},
        "fullDescription": {"text": rule_text},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {
            "level": "warning" if check.get("severity") == "warn" else "error"
        },
    }
    if network_url:
        rule["helpUri"] = network_url
    return rule


def _result(
    name: str, index: int, check: Mapping[str, Any], labels: Mapping[str, str], lang: str
) -> dict[str, Any]:
    evidence = [ev for ev in check.get("evidence", []) if ev.get("path")]
    related = [
        _location(ev["path"], ev.get("line"), evidence_text(ev, labels, lang))
        for ev in evidence[:_MAX_LOCATIONS]
    ]
    if check.get("files"):
        locations = [_location(path) for path in check["files"][:_MAX_LOCATIONS]]
    elif evidence:
        locations = [_location(ev["path"], ev.get("line")) for ev in evidence[:_MAX_LOCATIONS]]
        related = []
    else:
        locations = [_location(_FIX_GOES_TO.get(name, _DEFAULT_FILE))]
    for number, location in enumerate(related, start=1):
        location["id"] = number
    result: dict[str, Any] = {
        "ruleId": name,
        "ruleIndex": index,
        "kind": "fail",
        "level": _level(check),
        "message": {"text": f"{check['summary']} {labels['fix']}: {check['fix']}"},
        "locations": locations,
        "properties": {"status": check["status"], "reason": check["reason"]},
    }
    if check.get("licence"):
        result["properties"]["licence"] = check["licence"]
    if related:
        result["relatedLocations"] = related
    if check["status"] == "waived":
        # Set aside by the organisers: code scanning shows it as dismissed, with their reason.
        params = check.get("params", {})
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{params.get('waiver_reason', '')} "
                f"(until {params.get('waiver_until', '')})".strip(),
            }
        ]
    return result


def render_sarif(doc: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """The SARIF log of one check document (see :func:`..document.check_document`)."""
    lang = str(doc.get("language") or "en")
    checks: Mapping[str, Mapping[str, Any]] = doc["checks"]
    network_url = doc["rules"].get("network_url")
    names = list(checks)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": doc["tool"]["name"],
                "version": doc["tool"]["version"],
                "semanticVersion": doc["tool"]["version"],
                "rules": [
                    _rule(name, checks[name], network_url, str(doc.get("why") or ""))
                    for name in names
                ],
            }
        },
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(name, index, checks[name], labels, lang)
            for index, name in enumerate(names)
            if checks[name]["status"] in _FINDINGS
        ],
        "properties": {
            "repository": doc["repository"]["name"],
            "network": doc["rules"]["network"],
            "status": doc["status"],
            "checks": {name: checks[name]["status"] for name in names},
        },
    }
    url = doc["repository"].get("url") or ""
    if url.startswith("file://"):
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": url.rstrip("/") + "/"}}
    if url and doc["repository"].get("commit"):
        run["versionControlProvenance"] = [
            {"repositoryUri": url, "revisionId": doc["repository"]["commit"]}
        ]
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
