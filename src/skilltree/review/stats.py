"""Memory you can see: reviews per day, true retention, cards by state, the due forecast."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from skilltree.review.cards import CARD_STATE_NAMES, Card, CardState, Rating
from skilltree.review.scheduling import retrievability

STATS_DAYS = 30


@dataclass(frozen=True, slots=True)
class ReviewStats:
    reviews_per_day: dict[str, int]  # ISO day -> reviews, the last STATS_DAYS days, oldest first
    true_retention: float | None  # share of reviews of cards in review that were recalled; None: none yet
    cards_by_state: dict[str, int]
    forecast: dict[str, int]  # ISO day -> cards falling due, the next STATS_DAYS days from today
    suspended: int


def reviews_per_day(moments: Iterable[datetime], *, today: date, zone: tzinfo) -> dict[str, int]:
    counts = Counter(moment.astimezone(zone).date() for moment in moments)
    first = today - timedelta(days=STATS_DAYS - 1)
    return {(first + timedelta(days=n)).isoformat(): counts.get(first + timedelta(days=n), 0) for n in range(STATS_DAYS)}


def true_retention(graded: Iterable[tuple[CardState, Rating]]) -> float | None:
    """Of the reviews of cards that were in review (due, not still in their learning steps), the
    share not answered "again"."""
    recalled = total = 0
    for state_before, rating in graded:
        if state_before is CardState.REVIEW:
            total += 1
            recalled += rating is not Rating.AGAIN
    return recalled / total if total else None


def cards_by_state(cards: Iterable[Card]) -> dict[str, int]:
    counts = Counter(card.memory.state.value for card in cards if not card.suspended)
    return {state: counts.get(state, 0) for state in CARD_STATE_NAMES}


def forecast_days(today: date, zone: tzinfo) -> list[datetime]:
    """The starts of the learner's next STATS_DAYS days after today, and of the day after them: a
    card falls due on forecast day n when it is due before the n-th of them (and, for n > 0, not
    before the one before it); overdue and new cards count today."""
    return [datetime.combine(today + timedelta(days=n), time(), zone) for n in range(1, STATS_DAYS + 1)]


def topic_memory(cards: Iterable[Card], *, now: datetime) -> dict[str, float]:
    """Per topic, the mean retrievability of its graded cards (new and suspended ones left out)."""
    sums: dict[str, list[float]] = {}
    for card in cards:
        if card.suspended or card.memory.state is CardState.NEW:
            continue
        sums.setdefault(card.topic_id, []).append(retrievability(card.memory, at=now))
    return {topic: sum(values) / len(values) for topic, values in sums.items()}
