"""Which cards a learner reviews today, and in what order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from skilltree.review.cards import Card, CardState
from skilltree.review.scheduling import retrievability


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


def is_due(card: Card, *, now: datetime, day: Day) -> bool:
    """A card in review is due for the whole of the day it falls due; a card in its (re)learning
    steps only once its step of minutes is over."""
    if card.memory.state is CardState.REVIEW:
        return card.memory.due < day.end
    return card.memory.due <= now


def order_reviews(cards: Iterable[Card], *, now: datetime) -> list[Card]:
    """Lowest retrievability first: the card most likely forgotten is saved first. Equal ones
    (e.g. several in their learning steps) come earliest due first."""
    return sorted(cards, key=lambda card: (retrievability(card.memory, at=now), card.memory.due, card.id))


def new_cards_left(*, per_day: int, introduced_today: int) -> int:
    return max(0, per_day - introduced_today)
