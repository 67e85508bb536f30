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
from skilltree.progress.models import Status, TopicState
from skilltree.progress.next_up import blockers, next_up, status_of
from skilltree.progress.path_progress import SectionProgress, Tally

# The heatmap's span: four weeks of days, today last.
ACTIVITY_DAYS = 28

# What the dashboard knows of a member's topics: the status of each they touched and when it last changed.
Touched = Mapping[str, tuple[Status, datetime]]


class StuckKind(str, Enum):
    IDLE = "idle"
    OVERDUE = "overdue"
    BLOCKED = "blocked"


STUCK_KIND_NAMES = tuple(kind.value for kind in StuckKind)


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


@dataclass(frozen=True, slots=True)
class PathIndex:
    """A path laid out once per dashboard for counting many members against it: where each topic
    sits (section, optional), each section's size, and whether anything outside it can block it."""

    path: Path
    places: Mapping[str, tuple[tuple[int, bool], ...]]  # topic id -> (section index, optional) per entry
    required_totals: tuple[int, ...]
    optional_totals: tuple[int, ...]
    # Only a prerequisite outside the path can hold back every topic left on it: inside, the
    # graph is acyclic, so some remaining topic always has its prerequisites settled.
    may_block: bool


def path_index(path: Path, catalog: Catalog) -> PathIndex:
    places: dict[str, list[tuple[int, bool]]] = {}
    for number, section in enumerate(path.sections):
        for entry in section.entries:
            places.setdefault(entry.topic_id, []).append((number, entry.optional))
    return PathIndex(
        path=path,
        places={topic_id: tuple(where) for topic_id, where in places.items()},
        required_totals=tuple(sum(not e.optional for e in section.entries) for section in path.sections),
        optional_totals=tuple(sum(e.optional for e in section.entries) for section in path.sections),
        may_block=any(p not in places for t in places if t in catalog.topics for p in catalog.topics[t].prerequisites),
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """A member's progress on a path, counted as path_progress counts it: done and skipped topics
    per section, required and optional apart (plain counts: a dashboard holds hundreds of these)."""

    done: tuple[tuple[int, ...], tuple[int, ...]]  # (required, optional), by section
    skipped: tuple[tuple[int, ...], tuple[int, ...]]
    required: Tally
    last_change: datetime | None  # their latest status change on any topic of the path

    @property
    def percent(self) -> int:
        return self.required.percent

    @property
    def finished(self) -> bool:
        """Every required topic done or skipped."""
        return self.required.done == self.required.counted


def standing(index: PathIndex, touched: Touched) -> Standing:
    """Walks the member's states rather than the path: members have touched a few dozen topics
    each, while a broad path holds hundreds, and a dashboard counts hundreds of members."""
    sections = len(index.required_totals)
    done = ([0] * sections, [0] * sections)
    skipped = ([0] * sections, [0] * sections)
    last = None
    for topic_id in touched.keys() & index.places.keys():
        status, changed_at = touched[topic_id]
        places = index.places[topic_id]
        if last is None or changed_at > last:
            last = changed_at
        counts = done if status is Status.DONE else skipped if status is Status.SKIPPED else None
        if counts is not None:
            for number, optional in places:
                counts[optional][number] += 1
    required = Tally(sum(done[0]), sum(skipped[0]), sum(index.required_totals))
    return Standing((tuple(done[0]), tuple(done[1])), (tuple(skipped[0]), tuple(skipped[1])), required, last)


def team_sections(index: PathIndex, standings: list[Standing]) -> tuple[SectionProgress, ...]:
    """The team's progress per section: every member's topics counted together as one tally, so a
    section reads as the share of its topics the team has done (skipped ones left out)."""
    members, sections = len(standings), len(index.required_totals)

    def totals(counts) -> list[int]:
        return [sum(column) for column in zip(*counts)] if standings else [0] * sections

    done = [totals(s.done[kind] for s in standings) for kind in (0, 1)]
    skipped = [totals(s.skipped[kind] for s in standings) for kind in (0, 1)]
    return tuple(
        SectionProgress(
            section.title,
            Tally(done[0][n], skipped[0][n], index.required_totals[n] * members),
            Tally(done[1][n], skipped[1][n], index.optional_totals[n] * members),
        )
        for n, section in enumerate(index.path.sections)
    )


def idle_days(*, last: datetime | None, joined_at: datetime, assigned_at: datetime, now: datetime) -> int:
    """Whole days since the latest of the last change, joining the team and the assignment."""
    start = max(moment for moment in (last, joined_at, assigned_at) if moment is not None)
    return max((now - start).days, 0)


def waiting_for(index: PathIndex, catalog: Catalog, touched: Touched) -> tuple[str, ...]:
    """When nothing on the path can be read next: the unsettled prerequisites outside it that hold
    the remaining topics back, by title in path order of first need; empty when something can be read."""
    if not index.may_block:
        return ()
    path = index.path
    states = {topic_id: TopicState(topic_id, status, at, at) for topic_id, (status, at) in touched.items()}
    if next_up(path, catalog, states) is not None:
        return ()
    remaining = {topic_id for topic_id in path.topic_ids if not status_of(states, topic_id).settled}
    outside = dict.fromkeys(
        prerequisite
        for topic_id in path.topic_ids if topic_id in remaining
        for prerequisite in blockers(topic_id, catalog, states) if prerequisite not in remaining
    )
    return tuple(catalog.topics[p].title if p in catalog.topics else p for p in outside)


def stuck_reasons(*, index: PathIndex, catalog: Catalog, standing: Standing, touched: Touched,
                  days_left: int | None, idle: int, stuck_days: int) -> tuple[StuckReason, ...]:
    """Why the member is stuck on this assignment; empty when they are not."""
    if standing.finished:
        return ()
    path = index.path
    reasons = []
    if days_left is not None and days_left < 0:
        reasons.append(StuckReason(StuckKind.OVERDUE, path.id, path.title, -days_left))
    if idle >= stuck_days:
        reasons.append(StuckReason(StuckKind.IDLE, path.id, path.title, idle))
    waits = waiting_for(index, catalog, touched)
    if waits:
        reasons.append(StuckReason(StuckKind.BLOCKED, path.id, path.title, 0, waits))
    return tuple(reasons)


def day_span(today: date, days: int = ACTIVITY_DAYS) -> tuple[date, ...]:
    return tuple(date.fromordinal(today.toordinal() - offset) for offset in range(days - 1, -1, -1))
