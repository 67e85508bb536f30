"""A study plan: a path's remaining required topics laid into sessions on the learner's weekdays.

Topics keep path order, except that a topic never comes before a prerequisite the path holds.
Each session's time goes first to the reviews that will be due by then (from the due forecast),
then to topics; a topic longer than what is left of a session starts there and its remainder is
taken from the next sessions.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
# What one review takes, on average, when planning time for it.
REVIEW_MINUTES_PER_CARD = 0.5
# Reviews never take more than this share of a session, so that the path still moves on.
MAX_REVIEW_SHARE = 0.5
# A plan that would run longer than this is cut there; the rest is reported as not fitting.
HORIZON = timedelta(days=3 * 365)
MIN_MINUTES_PER_WEEK = 10
MAX_MINUTES_PER_WEEK = 7 * 24 * 60


@dataclass(frozen=True, slots=True)
class PlanTopic:
    id: str
    minutes: int
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Session:
    day: date
    topics: tuple[str, ...]
    topic_minutes: int
    review_minutes: int

    @property
    def minutes(self) -> int:
        return self.topic_minutes + self.review_minutes


@dataclass(frozen=True, slots=True)
class Layout:
    sessions: tuple[Session, ...]
    unplanned: tuple[str, ...]  # topics beyond the horizon


def study_order(topics: Sequence[PlanTopic]) -> list[PlanTopic]:
    """Path order, moved only as far as needed so that prerequisites within the list come first."""
    position = {topic.id: index for index, topic in enumerate(topics)}
    waiting = [0] * len(topics)  # how many of its prerequisites in the list each topic still waits on
    unlocks: list[list[int]] = [[] for _ in topics]
    for index, topic in enumerate(topics):
        for prerequisite in set(topic.prerequisites):
            before = position.get(prerequisite, index)
            if before != index:
                waiting[index] += 1
                unlocks[before].append(index)
    ready = [index for index, count in enumerate(waiting) if not count]  # ascending: a heap already
    ordered: list[PlanTopic] = []
    while ready:
        index = heapq.heappop(ready)
        ordered.append(topics[index])
        for follower in unlocks[index]:
            waiting[follower] -= 1
            if not waiting[follower]:
                heapq.heappush(ready, follower)
    # A prerequisite cycle (which `skilltree check` refuses) must not lose topics: they go last.
    if len(ordered) < len(topics):
        placed = {topic.id for topic in ordered}
        ordered += [topic for topic in topics if topic.id not in placed]
    return ordered


def study_days(start: date, weekdays: Sequence[int], until: date):
    day = start
    while day <= until:
        if day.weekday() in weekdays:
            yield day
        day += timedelta(days=1)


def count_study_days(start: date, weekdays: Sequence[int], until: date) -> int:
    """len(list(study_days(...))), by whole weeks rather than day by day: a target may be years away."""
    weeks, rest = divmod(max(0, (until - start).days + 1), 7)
    return weeks * len(set(weekdays)) + sum(1 for n in range(rest) if (start.weekday() + n) % 7 in weekdays)


def minutes_per_session(minutes_per_week: int, weekdays: Sequence[int]) -> int:
    return max(1, minutes_per_week // len(weekdays))


def review_minutes(forecast: Mapping[date, int], since: date, day: date) -> int:
    """Time for the cards falling due after `since` up to and including `day`."""
    cards = sum(count for due, count in forecast.items() if since < due <= day)
    return math.ceil(cards * REVIEW_MINUTES_PER_CARD)


def lay_out(
    topics: Sequence[PlanTopic],
    *,
    minutes_per_week: int,
    weekdays: Sequence[int],
    start: date,
    forecast: Mapping[date, int],
) -> Layout:
    """Sessions from `start` on; `forecast` gives the cards falling due each day (overdue ones on `start`)."""
    budget = minutes_per_session(minutes_per_week, weekdays)
    queue = study_order(topics)
    sessions: list[Session] = []
    carried, carried_topic = 0, ""  # a topic begun in an earlier session, and its minutes still to read
    reviewed_until = start - timedelta(days=1)
    index = 0
    for day in study_days(start, weekdays, start + HORIZON):
        if index >= len(queue) and carried <= 0:
            break
        reviews = min(review_minutes(forecast, reviewed_until, day), int(budget * MAX_REVIEW_SHARE))
        reviewed_until = day
        available = budget - reviews
        continued = min(carried, available)
        carried -= continued
        available -= continued
        placed = [carried_topic] if continued else []
        while index < len(queue) and available > 0:
            topic = queue[index]
            placed.append(topic.id)
            index += 1
            if topic.minutes > available:
                carried, carried_topic = topic.minutes - available, topic.id
                available = 0
            else:
                available -= topic.minutes
        sessions.append(Session(day, tuple(placed), budget - reviews - available, reviews))
    return Layout(tuple(sessions), tuple(topic.id for topic in queue[index:]))


def minutes_per_week_needed(
    topics: Sequence[PlanTopic], *, weekdays: Sequence[int], start: date, target: date, forecast: Mapping[date, int]
) -> int | None:
    """The weekly time that finishes every topic by `target` (reviews included); None when no
    study day is left before it."""
    days = count_study_days(start, weekdays, target)
    if not days:
        return None
    reading = sum(topic.minutes for topic in topics)
    reviews = review_minutes(forecast, start - timedelta(days=1), target)
    per_session = math.ceil((reading + reviews) / days)
    return per_session * len(weekdays)


@dataclass(frozen=True, slots=True)
class Standing:
    on_track: bool
    days_behind: int
    late_topics: tuple[str, ...]


def standing(past_sessions: Sequence[Session], settled: set[str], *, today: date) -> Standing:
    """Against the sessions before today: what should be done and is not, and since when."""
    late = [(session.day, topic) for session in past_sessions if session.day < today for topic in session.topics if topic not in settled]
    if not late:
        return Standing(True, 0, ())
    return Standing(False, (today - min(day for day, _ in late)).days, tuple(dict.fromkeys(topic for _, topic in late)))
