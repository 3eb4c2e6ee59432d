"""Dates, times and event headings in the reader's language (Babel), for every report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date, format_datetime

from .counting import LOCALES


def day(value: str | None, lang: str) -> str | None:
    """``2026-03-14`` as "14 March 2026" / "14 mars 2026"; None when it is not a date."""
    if not value:
        return None
    try:
        when = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return str(format_date(when, format="long", locale=LOCALES.get(lang, lang)))


def moment(value: str, lang: str) -> str:
    """An ISO timestamp as a date and time in the reader's language, in UTC."""
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return str(format_datetime(when, format="long", tzinfo=dt.UTC, locale=LOCALES.get(lang, lang)))


def event_name(event: Mapping[str, Any], lang: str) -> str:
    """The event's title in ``lang`` when its registry has one, else its name."""
    names = event.get("names") or {}
    return str(names.get(lang) or event["name"])


def event_when(event: Mapping[str, Any], lang: str) -> str:
    """When and where: "14–15 March 2026 · Stockholm" (each part only when known)."""
    starts, ends = day(event.get("starts"), lang), day(event.get("ends"), lang)
    parts = []
    if starts:
        parts.append(f"{starts} – {ends}" if ends and ends != starts else starts)
    if event.get("place"):
        parts.append(str(event["place"]))
    return " · ".join(parts)
