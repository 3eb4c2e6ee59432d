"""What a long audit tells a log when no one watches a terminal (cron, CI)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

import click

from ..audit import RepoAudit
from ..report.wording import unread_reason


def _echo(message: str) -> None:
    click.echo(message, err=True)


class RunLog:
    """One progress line about every ``every`` seconds, never one per repository."""

    def __init__(
        self,
        words: Mapping[str, str],
        *,
        every: float = 30.0,
        echo: Callable[[str], None] = _echo,
    ) -> None:
        self.words = words
        self.every = every
        self.echo = echo
        self.total = 0
        self.done = 0
        self.unread = 0
        self._told = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self._told = time.monotonic()

    def advance(self, audit: RepoAudit) -> None:
        self.done += 1
        self.unread += audit.outcome != "ok"
        if time.monotonic() - self._told >= self.every:
            self._told = time.monotonic()
            self.echo(
                self.words["progress_line"].format(
                    time=time.strftime("%H:%M:%S"),
                    done=self.done,
                    total=self.total,
                    unread=self.unread,
                )
            )


def reason(audit: RepoAudit, words: Mapping[str, str], lang: str = "en") -> str:
    """Why a repository could not be read, in the run's language (a cause not worded there
    is given by its general reason, never in English inside another language)."""
    if audit.fault is not None:
        template = words.get(f"fault_{audit.fault.kind}")
        if template is not None:
            try:
                return template.format(**audit.fault.params)
            except (KeyError, IndexError, ValueError):
                pass
    return unread_reason(audit.detail or audit.outcome, words, lang)


def unread_lines(
    audits: Iterable[RepoAudit], words: Mapping[str, str], lang: str = "en"
) -> list[str]:
    """The closing list: every repository that could not be read, with its reason."""
    unread = [a for a in audits if a.outcome != "ok"]
    if not unread:
        return []
    lines = [words["unread_title"].format(count=len(unread))]
    lines += [f"  - {a.ref.full_name}: {reason(a, words, lang)}" for a in unread]
    return lines
