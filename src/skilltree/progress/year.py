"""A year of activity as a calendar heatmap: one cell a day, a column a week (Monday first)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

YEAR_DAYS = 365
SHADES = 4  # besides 0 for a day without activity


@dataclass(frozen=True, slots=True)
class DayCell:
    day: date
    count: int
    shade: int  # 0 (nothing) to SHADES (the busiest days)


@dataclass(frozen=True, slots=True)
class MonthTotal:
    month: date  # its first day
    active_days: int
    changes: int


@dataclass(frozen=True, slots=True)
class ActivityYear:
    weeks: tuple[tuple[DayCell | None, ...], ...]  # seven cells a week; None before the first or after today
    months: tuple[MonthTotal, ...]  # oldest first, each month the year touches
    month_starts: tuple[tuple[int, date], ...]  # (week index, month) where a month's first Monday-week begins
    changes: int
    active_days: int
    busiest: DayCell | None


def activity_year(days: Mapping[date, int], today: date) -> ActivityYear:
    """The YEAR_DAYS days up to today. A day's shade is its count against the busiest day's, in
    SHADES steps, so a quiet learner's best day is as dark as a busy one's."""
    first = today - timedelta(days=YEAR_DAYS - 1)
    counts = {day: n for day, n in days.items() if first <= day <= today and n > 0}
    busiest_count = max(counts.values(), default=0)
    start = first - timedelta(days=first.weekday())  # back to a Monday
    weeks, month_starts = [], []
    day = start
    while day <= today:
        week = []
        for _ in range(7):
            if first <= day <= today:
                count = counts.get(day, 0)
                shade = -(-count * SHADES // busiest_count) if count else 0  # rounded up: any activity shows
                week.append(DayCell(day, count, shade))
            else:
                week.append(None)
            day += timedelta(days=1)
        month = (day - timedelta(days=7)).replace(day=1)
        if not month_starts or month_starts[-1][1] != month:
            month_starts.append((len(weeks), month))
        weeks.append(tuple(week))
    totals: dict[date, list[int]] = {}
    for cell in (c for week in weeks for c in week if c is not None):
        total = totals.setdefault(cell.day.replace(day=1), [0, 0])
        total[0] += cell.count > 0
        total[1] += cell.count
    busiest = max((c for week in weeks for c in week if c and c.count), key=lambda c: (c.count, c.day), default=None)
    return ActivityYear(
        weeks=tuple(weeks),
        months=tuple(MonthTotal(month, active, changes) for month, (active, changes) in sorted(totals.items())),
        month_starts=tuple(month_starts),
        changes=sum(counts.values()),
        active_days=len(counts),
        busiest=busiest,
    )
