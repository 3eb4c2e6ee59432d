"""One counting rule for every report: the event report, the site, the terminal, JSON and CSV.

A check's share passing is the repositories that passed among those it *checked* (a verdict:
pass, warn or fail). The others are left out of the share and always said: those that could
not be read (not available, error) and those with nothing to check (not applicable). So
"2 of 4 checked pass; 1 could not be read; 1 has nothing to check" reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_percent

from ..checks.interface import Status
from ..explain import fill

#: Babel locales of the report languages (a language not listed is used as it is).
LOCALES = {"sv": "sv_SE", "en": "en_GB"}

#: Statuses that are a verdict on the repository.
CHECKED = frozenset({Status.PASS, Status.WARN, Status.FAIL})
#: Statuses that say the source or the input gave no answer.
UNREAD = frozenset({Status.NOT_AVAILABLE, Status.ERROR})


@dataclass(frozen=True)
class Tally:
    """How one check went over a set of repositories (each counted once)."""

    passing: int = 0
    checked: int = 0
    unread: int = 0
    nothing_to_check: int = 0

    @property
    def total(self) -> int:
        return self.checked + self.unread + self.nothing_to_check

    @property
    def share(self) -> float | None:
        """Share passing among the checked; None when the check judged none (never 100 %)."""
        return self.passing / self.checked if self.checked else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "passing": self.passing,
            "checked": self.checked,
            "could_not_be_read": self.unread,
            "nothing_to_check": self.nothing_to_check,
            "share": None if self.share is None else round(self.share, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Tally:
        return cls(
            int(data["passing"]),
            int(data["checked"]),
            int(data["could_not_be_read"]),
            int(data["nothing_to_check"]),
        )

    def words(self, labels: Mapping[str, str], lang: str) -> str:
        """ "2 of 4 checked pass; 1 could not be read; 1 has nothing to check"."""
        return tally_words(self, labels, lang)


def tally(statuses: Iterable[Status | str]) -> Tally:
    """Count statuses (one per repository) by the rule above."""
    passing = checked = unread = nothing = 0
    for raw in statuses:
        status = Status(raw)
        if status in CHECKED:
            checked += 1
            passing += status is Status.PASS
        elif status in UNREAD:
            unread += 1
        else:
            nothing += 1
    return Tally(passing, checked, unread, nothing)


def tallies(
    records: Iterable[Mapping[str, Status | str | None]], checks: Sequence[str]
) -> dict[str, Tally]:
    """One tally per check over ``records`` (each a check → status mapping, one per
    repository); a check missing from a record could not be read there."""
    rows = list(records)
    return {check: tally(_status(row.get(check)) for row in rows) for check in checks}


def _status(value: Status | str | None) -> Status:
    return Status.NOT_AVAILABLE if value is None else Status(value)


def tally_words(counts: Tally | Mapping[str, Any], labels: Mapping[str, str], lang: str) -> str:
    """The tally in the reader's language, naming what the share leaves out."""
    if not isinstance(counts, Tally):
        counts = Tally.from_dict(counts)
    params = {
        "passing": counts.passing,
        "checked": counts.checked,
        "unread": counts.unread,
        "nothing": counts.nothing_to_check,
    }
    if counts.checked:
        parts = [fill(labels["tally_checked"], lang, params)]
    else:
        parts = [labels["tally_none_checked"]]
    if counts.unread:
        parts.append(fill(labels["tally_unread"], lang, params))
    if counts.nothing_to_check:
        parts.append(fill(labels["tally_nothing"], lang, params))
    return "; ".join(parts)


def percent(share: float | None, lang: str) -> str:
    """A share in the reader's language ("50 %", "50%"), or "–" when nothing was checked."""
    if share is None:
        return "–"
    return str(format_percent(share, locale=LOCALES.get(lang, lang)))
