"""Waivers: an organiser sets one check aside for one project or repository, for a while.

A waived result keeps what the check found (its reason, evidence and files) and says why it
is set aside and until when. After that date the next audit reports the finding again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .checks.interface import CheckResult, Status

#: Statuses a waiver sets aside: a finding. A pass needs no waiver, and "not available"
#: or "error" say nothing about the project.
WAIVABLE = frozenset({Status.FAIL, Status.WARN})
#: The parameters a waived result carries (read by every report through the rules' texts).
PARAM_REASON, PARAM_UNTIL, PARAM_STATUS = "waiver_reason", "waiver_until", "waived_status"


@dataclass(frozen=True)
class Waiver:
    """One check set aside, for the repositories named (all of the project's when empty)."""

    check: str
    reason: str
    until: dt.date
    repositories: tuple[str, ...] = ()  # repository keys
    where: str = ""

    def applies(self, key: str) -> bool:
        return not self.repositories or key in self.repositories

    def in_force(self, today: dt.date) -> bool:
        return today <= self.until


def waive(result: CheckResult, waiver: Waiver) -> CheckResult:
    params = {
        **result.params,
        PARAM_REASON: waiver.reason[:500],
        PARAM_UNTIL: waiver.until.isoformat(),
        PARAM_STATUS: result.status.value,
    }
    return replace(result, status=Status.WAIVED, params=params)


def unwaived(result: CheckResult) -> CheckResult:
    """The result as the check gave it, before any waiver."""
    if result.status is not Status.WAIVED:
        return result
    params = {
        k: v for k, v in result.params.items() if k not in (PARAM_REASON, PARAM_UNTIL, PARAM_STATUS)
    }
    status = Status(str(result.params.get(PARAM_STATUS) or Status.FAIL.value))
    return replace(result, status=status, params=params)


def apply_waivers(
    results: Mapping[str, CheckResult], waivers: Iterable[Waiver], key: str, today: dt.date
) -> dict[str, CheckResult]:
    """``results`` with the waivers in force for repository ``key`` applied."""
    out = {name: unwaived(r) for name, r in results.items()}
    for waiver in waivers:
        result = out.get(waiver.check)
        if (
            result is not None
            and result.status in WAIVABLE
            and waiver.applies(key)
            and waiver.in_force(today)
        ):
            out[waiver.check] = waive(result, waiver)
    return out
