"""Activity per day and the current streak (consecutive days with at least one change)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_named(name: str | None) -> tzinfo:
    """A learner's time zone, in which their days are counted; UTC if unset."""
    try:
        return ZoneInfo(name) if name else timezone.utc
    except (ZoneInfoNotFoundError, ValueError):  # a zone this machine's database no longer has
        return timezone.utc


def activity_by_day(moments: Iterable[datetime], tz: tzinfo | None = timezone.utc) -> dict[date, int]:
    """How many progress changes happened on each day in time zone `tz` (None: the machine's local
    time, with its daylight-saving rules for each moment), oldest day first."""
    counts = Counter(moment.astimezone(tz).date() for moment in moments)
    return dict(sorted(counts.items()))


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive active days ending today, or yesterday (today may still come)."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    streak = 0
    while day in active:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: Iterable[date]) -> int:
    longest = run = 0
    previous = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest
