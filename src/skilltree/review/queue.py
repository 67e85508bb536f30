"""Which cards a learner reviews today, and in what order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, datetime, time, timedelta, tzinfo

from skilltree.review.cards import Card, CardState, Memory


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


class DueEntry(NamedTuple):
    """A graded card as a plain row, cheap to read by the thousand; `card()` once it is shown."""

    id: int
    topic_id: str
    question_id: str
    state: str
    due: datetime
    step: int | None
    stability: float | None
    difficulty: float | None
    last_review: datetime | None

    def card(self) -> Card:
        memory = Memory(CardState(self.state), self.due, self.step, self.stability, self.difficulty, self.last_review)
        return Card(self.id, self.topic_id, self.question_id, memory)


def is_due(entry: DueEntry, *, now: datetime, day: Day) -> bool:
    """A card in review is due for the whole of the day it falls due; a card in its (re)learning
    steps only once its step of minutes is over."""
    if entry.state == CardState.REVIEW.value:
        return entry.due < day.end
    return entry.due <= now


def order_reviews(entries: Iterable[DueEntry], *, now: datetime) -> list[DueEntry]:
    """Lowest retrievability first: the card most likely forgotten is saved first. Equal ones
    (e.g. several in their learning steps) come earliest due first.

    FSRS's retrievability falls as the whole days since the last review, divided by the card's
    stability, grow (scheduling.retrievability); sorting by that ratio gives the same order without
    building a scheduler card for each of what may be thousands of overdue cards.
    """

    def forgetting(entry: DueEntry) -> float:
        if entry.last_review is None or not entry.stability:
            return 0.0
        return max(0, (now - entry.last_review).days) / entry.stability

    return sorted(entries, key=lambda entry: (-forgetting(entry), entry.due, entry.id))


def new_cards_left(*, per_day: int, introduced_today: int) -> int:
    return max(0, per_day - introduced_today)
