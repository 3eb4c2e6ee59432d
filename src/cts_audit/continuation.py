"""Did a project live on after its hackathon? Activity in windows after the event ended.

Research on hackathon projects measures continuation as activity in the repository after
the event; short- and long-term continuation behave differently, and most projects stop
within a month. Commits made by bots (dependabot and the like) do not count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

#: Windows after the event's end, in days.
WINDOWS = {"1w": 7, "1m": 30, "6m": 182, "12m": 365}
#: A project with a commit within this many days of the audit is active.
ACTIVE_DAYS = 90
_BOT = re.compile(
    r"\[bot\]$|^(dependabot|renovate|github-actions|greenkeeper|snyk-bot|pre-commit-ci|"
    r"imgbot|allcontributors|codecov|mergify|web-flow|semantic-release-bot)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Commit:
    """One commit as continuation needs it: when, and who (login or name)."""

    when: dt.datetime
    author: str


@dataclass(frozen=True)
class Continuation:
    event_end: str
    commits: dict[str, int]
    active_days: dict[str, int]
    contributors: int
    last_activity: str | None
    archived: bool
    status: str  # "active" | "dormant" | "archived"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_bot(author: str) -> bool:
    return bool(_BOT.search(author.strip()))


def measure(
    commits: Iterable[Commit],
    event_end: dt.date,
    *,
    archived: bool,
    today: dt.date,
) -> Continuation:
    """Commits and distinct active days in each window after ``event_end``, people excluded bots."""
    end = dt.datetime.combine(event_end, dt.time.max, tzinfo=dt.UTC)
    human = [c for c in commits if not is_bot(c.author) and c.when > end]
    counts: dict[str, int] = {}
    days: dict[str, int] = {}
    for name, length in WINDOWS.items():
        limit = end + dt.timedelta(days=length)
        inside = [c for c in human if c.when <= limit]
        counts[name] = len(inside)
        days[name] = len({c.when.date() for c in inside})
    last = max((c.when for c in human), default=None)
    if archived:
        status = "archived"
    elif last is not None and (today - last.date()).days <= ACTIVE_DAYS:
        status = "active"
    else:
        status = "dormant"
    return Continuation(
        event_end=event_end.isoformat(),
        commits=counts,
        active_days=days,
        contributors=len({c.author.lower() for c in human}),
        last_activity=last.isoformat() if last else None,
        archived=archived,
        status=status,
    )


def parse_when(value: str) -> dt.datetime | None:
    """ISO 8601 timestamps as GitHub and git write them; naive ones are UTC."""
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
