"""What every check returns: a status, the evidence behind it and a reason the rules can word."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any


class Status(enum.StrEnum):
    """The outcome of one check on one repository. Never a silent pass."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    #: The source could not answer (API error, repository gone): not a verdict on the project.
    NOT_AVAILABLE = "not_available"
    #: The check could not reach a verdict on what it was given (hostile or broken input).
    ERROR = "error"
    #: A finding the organisers set aside for this project until a date, with a reason.
    WAIVED = "waived"


#: Worst first: the order used to sum up several results.
SEVERITY_ORDER: tuple[Status, ...] = (
    Status.ERROR,
    Status.FAIL,
    Status.NOT_AVAILABLE,
    Status.WARN,
    Status.WAIVED,
    Status.PASS,
    Status.NOT_APPLICABLE,
)


#: Characters a repository's file names may hold that would fool a reader or a terminal:
#: controls (newlines included) and bidirectional overrides such as U+202E.
_TRICKY = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """Text from a repository made safe to store and show: undecodable bytes become U+FFFD,
    controls and direction marks become visible escapes."""
    if text.isprintable() and text.isascii():
        return text
    clean = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _TRICKY.sub(lambda m: f"\\u{ord(m.group(0)):04x}", clean)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observation a result rests on: where it was seen and what it says.

    ``detail`` says it in English, for machines and logs. ``kind`` names the note so that a
    report can word it in its own language (the label ``evidence_<kind>``), with ``params``
    filling that text's placeholders. Values from the repository in ``params`` are plain
    text: every output escapes them.
    """

    detail: str
    path: str | None = None
    line: int | None = None
    licence: str | None = None
    confidence: float | None = None
    kind: str | None = None
    params: Mapping[str, str | int] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", shown(self.detail)[:500])
        if self.path is not None:
            object.__setattr__(self, "path", shown(self.path))
        if self.params is not None:
            object.__setattr__(self, "params", clean_params(self.params))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"detail": self.detail}
        for key in ("path", "line", "licence", "confidence", "kind"):
            value = getattr(self, key)
            if value is not None:
                out[key] = round(value, 3) if isinstance(value, float) else value
        if self.params is not None:
            out["params"] = dict(self.params)
        return out


def clean_params(params: Mapping[str, str | int]) -> dict[str, str | int]:
    """Placeholder values made safe to store and show (see :func:`shown`), each capped."""
    return {
        str(k): shown(v)[:500] if isinstance(v, str) else v
        for k, v in params.items()
        if isinstance(v, (str, int))
    }


@dataclass(frozen=True)
class CheckResult:
    """The result of one check.

    ``reason`` is a key into the rules' texts for this check (e.g. ``"no_licence"``);
    ``params`` fill the placeholders of that text. ``files`` lists paths the fix is about
    (uncovered media, say), already capped by the check.
    """

    check: str
    status: Status
    reason: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    licence: str | None = None
    evidence: tuple[Evidence, ...] = ()
    files: tuple[str, ...] = ()
    files_total: int = 0
    #: REUSE.toml path patterns that name exactly the files a new annotation would fix (the
    #: media without any licence), when the check found such files.
    annotate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", tuple(shown(f) for f in self.files))
        object.__setattr__(self, "annotate", tuple(shown(p) for p in self.annotate))
        object.__setattr__(
            self,
            "params",
            {k: shown(v) if isinstance(v, str) else v for k, v in self.params.items()},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "reason": self.reason,
            "licence": self.licence,
            "evidence": [e.to_dict() for e in self.evidence],
            "files": list(self.files),
            "files_total": self.files_total,
            "annotate": list(self.annotate),
            "params": dict(self.params),
        }


def with_evidence(result: CheckResult, extra: tuple[Evidence, ...]) -> CheckResult:
    """``result`` with ``extra`` notes after its own (what the team declared, say)."""
    return replace(result, evidence=(*result.evidence, *extra)) if extra else result


def worst(statuses: list[Status]) -> Status:
    """The most severe of several statuses (not applicable when empty)."""
    for status in SEVERITY_ORDER:
        if status in statuses:
            return status
    return Status.NOT_APPLICABLE
