"""The team dashboard's rules, free of any framework: when a member counts as stuck on an
assignment and why, and how a day of team activity is shaded.

Stuck has three reasons, any of which flags a member:
- idle: no progress change on the assigned path for the team's `stuck_days`. The clock starts at the
  latest of the member's last change on the path, when they joined and when the path was assigned,
  so nobody is called stuck for days before they were in the team or had the path;
- overdue: the due date has passed (in the member's own days, as their home page counts it);
- blocked: every topic left on the path waits for a prerequisite outside it (next_up finds nothing).
A finished path (every required topic done or skipped) is never a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from skilltree.catalog.models import Catalog, Path
from skilltree.progress.models import TopicState
from skilltree.progress.next_up import blockers, next_up, status_of
from skilltree.progress.path_progress import PathProgress

# The heatmap's span: four weeks of days, today last.
ACTIVITY_DAYS = 28


class StuckKind(str, Enum):
    IDLE = "idle"
    OVERDUE = "overdue"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class StuckReason:
    kind: StuckKind
    path_id: str
    path_title: str
    days: int  # idle: days without a change; overdue: days past the due date; blocked: 0
    waiting_for: tuple[str, ...] = ()  # blocked: the titles of the prerequisites outside the path

    @property
    def message(self) -> str:
        if self.kind is StuckKind.IDLE:
            return f"no progress on {self.path_title} for {_days(self.days)}"
        if self.kind is StuckKind.OVERDUE:
            return f"{self.path_title} is {_days(self.days)} overdue"
        return f"every topic left on {self.path_title} waits for {', '.join(self.waiting_for)}"


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def finished(progress: PathProgress) -> bool:
    """Every required topic done or skipped."""
    return progress.required.done == progress.required.counted


def last_change(path: Path, states: Mapping[str, TopicState]) -> datetime | None:
    """The member's latest status change on any topic of the path, optional ones included."""
    moments = [states[topic_id].changed_at for topic_id in path.topic_ids if topic_id in states]
    return max(moments, default=None)


def idle_days(*, last: datetime | None, joined_at: datetime, assigned_at: datetime, now: datetime) -> int:
    """Whole days since the latest of the last change, joining the team and the assignment."""
    start = max(moment for moment in (last, joined_at, assigned_at) if moment is not None)
    return max((now - start).days, 0)


def waiting_for(path: Path, catalog: Catalog, states: Mapping[str, TopicState]) -> tuple[str, ...]:
    """When nothing on the path can be read next: the unsettled prerequisites outside it that hold
    the remaining topics back, by title in path order of first need; empty when something can be read."""
    if next_up(path, catalog, states) is not None:
        return ()
    remaining = {topic_id for topic_id in path.topic_ids if not status_of(states, topic_id).settled}
    outside = dict.fromkeys(
        prerequisite
        for topic_id in path.topic_ids if topic_id in remaining
        for prerequisite in blockers(topic_id, catalog, states) if prerequisite not in remaining
    )
    return tuple(catalog.topics[p].title if p in catalog.topics else p for p in outside)


def stuck_reasons(*, path: Path, catalog: Catalog, progress: PathProgress, states: Mapping[str, TopicState],
                  days_left: int | None, idle: int, stuck_days: int) -> tuple[StuckReason, ...]:
    """Why the member is stuck on this assignment; empty when they are not."""
    if finished(progress):
        return ()
    reasons = []
    if days_left is not None and days_left < 0:
        reasons.append(StuckReason(StuckKind.OVERDUE, path.id, path.title, -days_left))
    if idle >= stuck_days:
        reasons.append(StuckReason(StuckKind.IDLE, path.id, path.title, idle))
    waits = waiting_for(path, catalog, states)
    if waits:
        reasons.append(StuckReason(StuckKind.BLOCKED, path.id, path.title, 0, waits))
    return tuple(reasons)


def average(percents: list[int]) -> int | None:
    """The mean percent, rounded down like a learner's own; None with nobody to average."""
    return sum(percents) // len(percents) if percents else None


def day_span(today: date, days: int = ACTIVITY_DAYS) -> tuple[date, ...]:
    return tuple(date.fromordinal(today.toordinal() - offset) for offset in range(days - 1, -1, -1))
