"""The review domain without a database: ordering by retrievability, intervals as labels, replay."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from skilltree.review.cards import CardState, Memory, Rating, new_memory
from skilltree.review.queue import DueEntry, order_reviews
from skilltree.review.scheduling import grade, replay, retrievability, short_interval

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def test_the_queue_order_is_fsrs_retrievability_lowest_first():
    rng = random.Random(3)
    entries = []
    for card_id in range(1, 200):
        memory = new_memory(NOW - timedelta(days=400))
        at = memory.due
        for _ in range(rng.randint(1, 6)):
            memory = grade(memory, rng.choice(list(Rating)), at=at, retention=0.9)
            at = memory.due + timedelta(hours=rng.randint(0, 200))
        entries.append(DueEntry(card_id, "t", f"q{card_id}", memory.state.value, memory.due, memory.step,
                                memory.stability, memory.difficulty, memory.last_review))
    ordered = order_reviews(entries, now=NOW)
    chances = [retrievability(entry.card().memory, at=NOW) for entry in ordered]
    assert chances == sorted(chances)


def test_intervals_read_as_button_labels():
    assert [short_interval(timedelta(seconds=s)) for s in (20, 600, 3600 * 5, 86400, 86400 * 4)] == ["1m", "10m", "5h", "1d", "4d"]
    assert short_interval(timedelta(days=75)) == "2mo" and short_interval(timedelta(days=548)) == "1.5y"


def test_replay_gives_what_grading_gave():
    created = NOW - timedelta(days=30)
    grades = [(Rating.GOOD, created, 0.9), (Rating.GOOD, created + timedelta(minutes=10), 0.9),
              (Rating.AGAIN, created + timedelta(days=5), 0.85), (Rating.EASY, created + timedelta(days=6), 0.95)]
    memory = new_memory(created)
    for rating, at, retention in grades:
        memory = grade(memory, rating, at=at, retention=retention)
    assert replay(grades, created_at=created) == memory
    assert memory.state is CardState.REVIEW and Memory.from_dict(memory.as_dict()) == memory
