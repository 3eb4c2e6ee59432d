"""Words the reports build from data: notices, evidence notes and the REUSE.toml example."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..checks.interface import CheckResult
from ..checks.reuse import annotation_table
from ..explain import fill
from ..i18n import Message, say, worded_params

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


def notice_text(notice: Mapping[str, Any], words: Mapping[str, str], lang: str = "en") -> str:
    """What `cts-audit issues --apply` last did for a repository, in words (no full stop).

    The notice is the store's row: ``action`` (open, update, reopen, nothing, close, skip,
    could_not_notify), ``reason`` (English words), ``said`` (the reason's message, worded
    here in ``lang``; older rows have none) and ``issue_number``.
    """
    action = str(notice.get("action") or "")
    reason = str(notice.get("reason") or "")
    message = Message.from_json(notice.get("said"))
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
        shown = _reason(reason, words)
        if shown == reason and message is not None:  # a reason the labels above do not name
            shown = say(message, lang)
        return f"{words['notice_skip']}{ref}: {shown}"
    if action == "could_not_notify":
        return f"{words['notice_could_not_notify']}: {say(message, lang) if message else reason}"
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
        said = str(get("detail") or "")
    else:
        said = fill(text, lang, worded_params(dict(get("params") or {}), lang))
    # Every format shows the note's file before it: the note does not say it again.
    path = get("path")
    if path and said.startswith(f"{path}: "):
        said = said[len(path) + 2 :]
    return said


#: Reasons of the media check whose files have no licence at all: a REUSE.toml annotation fixes
#: them. (Files under another licence are fixed where that licence is declared.)
ANNOTATE_REASONS = frozenset({"none_covered", "some_covered"})


def reuse_toml(
    check: str, reason: str, annotate: Sequence[str], words: Mapping[str, str]
) -> str | None:
    """The REUSE.toml that puts exactly the finding's files without a licence under CC BY 4.0,
    for a media finding whose fix it is (else None). Who made the files is left for the team
    to write in place of the placeholder."""
    if check != "media_licence" or reason not in ANNOTATE_REASONS or not annotate:
        return None
    return "version = 1\n\n" + annotation_table(annotate, words["reuse_copyright"], "CC-BY-4.0")


#: Why a repository could not be read, as the sources word it (in English, for the log and
#: the JSON), and the label that says so in the reader's language. Checked in order.
UNREAD_REASONS = (
    ("not found, or private (404)", "unread_not_found"),
    ("the repository is empty (409)", "unread_empty"),
    ("access to the repository is blocked (451)", "unread_blocked"),
    ("access refused (403)", "unread_refused"),
    ("the token was refused", "unread_token"),
    ("network error", "unread_network"),
    ("GitHub kept failing", "unread_server"),
    ("not audited in this run", "unread_not_this_run"),
    ("took longer than", "unread_timeout"),
    ("cannot clone", "unread_clone"),
    (": not a folder", "unread_not_a_folder"),
)


def unread_reason(detail: str | None, words: Mapping[str, str], lang: str) -> str:
    """Why a repository could not be read, in the reader's language. A reason the sources
    word in a way not listed is shown as recorded in English, and in other languages as
    the general reason (never English inside another language)."""
    text = str(detail or "")
    for needle, key in UNREAD_REASONS:
        if needle in text and key in words:
            return words[key]
    if lang == "en" and text:
        return text
    return words["unread_other"]


def readable(result: CheckResult, words: Mapping[str, str], lang: str) -> CheckResult:
    """``result`` with the reason a repository could not be read in the reader's language."""
    if result.reason != "not_available" or "detail" not in result.params:
        return result
    detail = unread_reason(str(result.params["detail"]), words, lang)
    return replace(result, params={**result.params, "detail": detail})
