"""Words the reports build from data: notices, evidence notes and the REUSE.toml example."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..explain import fill

#: Why `cts-audit issues` skipped a repository, as it records it, and the label that says so
#: in the page's language. A reason not listed here is shown as recorded.
SKIP_REASONS = {
    "the registry says issues: false": "notice_reason_registry",
    "the repository opts out by topic": "notice_reason_topic",
    "archived repository": "notice_reason_archived",
    "not audited yet: run cts-audit audit first": "notice_reason_not_audited",
    "the last audit could not read the repository": "notice_reason_unreadable",
    "the team opted out with a label": "notice_reason_label",
    "the team closed the issue: it stays closed": "notice_reason_team_closed",
    "not on GitHub": "notice_reason_not_github",
}


def _reason(reason: str, words: Mapping[str, str]) -> str:
    key = SKIP_REASONS.get(reason)
    if key is None and reason.startswith("the cap of "):
        key = "notice_reason_cap"
    return words.get(key, reason) if key else reason


def notice_text(notice: Mapping[str, Any], words: Mapping[str, str]) -> str:
    """What `cts-audit issues --apply` last did for a repository, in words (no full stop).

    The notice is the store's row: ``action`` (open, update, reopen, nothing, close, skip,
    could_not_notify), ``reason`` and ``issue_number``.
    """
    action = str(notice.get("action") or "")
    reason = str(notice.get("reason") or "")
    number = notice.get("issue_number")
    ref = f" (#{number})" if number else ""
    if action in ("open", "update", "reopen"):
        return words["notice_has_issue"] + ref
    if action == "nothing":
        if reason != "compliant":  # the findings did not change: the open issue stays
            return words["notice_has_issue"] + ref
        if number:  # compliant, and the team's earlier issue is closed
            return words["notice_not_needed_closed"].replace("{number}", str(number))
        return words["notice_not_needed"]
    if action == "close":
        return words["notice_close"] + ref
    if action == "skip":
        return f"{words['notice_skip']}{ref}: {_reason(reason, words)}"
    if action == "could_not_notify":
        return f"{words['notice_could_not_notify']}: {reason}"
    return f"{action}: {reason}" if reason else action


def evidence_text(evidence: Any, words: Mapping[str, str], lang: str) -> str:
    """An evidence note in the page's language when it says what kind of note it is
    (``kind`` and ``params``, worded by the label ``evidence_<kind>``), else as recorded."""

    def get(key: str) -> Any:
        if isinstance(evidence, Mapping):
            return evidence.get(key)
        return getattr(evidence, key, None)

    kind = get("kind")
    text = words.get(f"evidence_{kind}") if kind else None
    if text is None:
        return str(get("detail") or "")
    return fill(text, lang, dict(get("params") or {}))


#: Reasons of the media check whose files have no licence at all: a REUSE.toml annotation fixes
#: them. (Files under another licence are fixed where that licence is declared.)
ANNOTATE_REASONS = frozenset({"none_covered", "some_covered"})


def reuse_example(
    files: Sequence[str], files_total: int, project: str, words: Mapping[str, str]
) -> str:
    """A REUSE.toml that puts exactly the finding's files under CC BY 4.0.

    ``files`` are the paths and patterns the media check chose to name exactly the files
    without a licence; who made them is left for the team to write.
    """
    paths = ",\n".join(f"  {json.dumps(path, ensure_ascii=False)}" for path in files)
    holder = words["reuse_copyright"]
    return (
        "version = 1\n\n[[annotations]]\n"
        f"path = [\n{paths},\n]\n"
        f"SPDX-FileCopyrightText = {json.dumps(holder, ensure_ascii=False)}\n"
        'SPDX-License-Identifier = "CC-BY-4.0"\n'
    )
