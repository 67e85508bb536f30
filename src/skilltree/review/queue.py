"""A learner's day, and how many new cards it still brings. Which cards are due and their order
(lowest retrievability first) are decided in SQL, by store.review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, slots=True)
class Day:
    """A learner's calendar day, as UTC moments: [start, end)."""

    today: date
    start: datetime
    end: datetime


def learner_day(now: datetime, zone: tzinfo) -> Day:
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(), zone)
    end = datetime.combine(today + timedelta(days=1), time(), zone)
    return Day(today, start, end)


def new_cards_left(*, per_day: int, introduced_today: int) -> int:
    return max(0, per_day - introduced_today)
