"""The review domain without a database: intervals as labels, replay (the queue's order is tested
against fsrs in tests/integration/test_review_queue.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from skilltree.review.cards import CardState, Memory, Rating, new_memory
from skilltree.review.scheduling import grade, replay, short_interval

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


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
