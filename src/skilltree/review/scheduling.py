"""Scheduling through the `fsrs` package (py-fsrs 6): grading, the interval each rating would
give, retrievability, and replaying a card's records."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache

import fsrs

from skilltree.review.cards import CardState, Memory, Rating

_FSRS_RATING = {
    Rating.AGAIN: fsrs.Rating.Again,
    Rating.HARD: fsrs.Rating.Hard,
    Rating.GOOD: fsrs.Rating.Good,
    Rating.EASY: fsrs.Rating.Easy,
}
_STATE_OF = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}
_FSRS_STATE = {ours: theirs for theirs, ours in _STATE_OF.items()} | {CardState.NEW: fsrs.State.Learning}


@cache
def scheduler(retention: float) -> fsrs.Scheduler:
    # No fuzz: fsrs draws it from the global random generator, and a grade must give the same
    # state again when the records are replayed.
    return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)


def _to_fsrs(memory: Memory) -> fsrs.Card:
    # card_id is given because fsrs.Card() would otherwise sleep a millisecond to make one up.
    return fsrs.Card(
        card_id=1,
        state=_FSRS_STATE[memory.state],
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due.astimezone(timezone.utc),
        last_review=memory.last_review.astimezone(timezone.utc) if memory.last_review else None,
    )


def _from_fsrs(card: fsrs.Card) -> Memory:
    return Memory(
        state=_STATE_OF[card.state],
        due=card.due,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
    )


def grade(memory: Memory, rating: Rating, *, at: datetime, retention: float) -> Memory:
    card, _log = scheduler(retention).review_card(_to_fsrs(memory), _FSRS_RATING[rating], at.astimezone(timezone.utc))
    return _from_fsrs(card)


def intervals(memory: Memory, *, at: datetime, retention: float) -> dict[Rating, timedelta]:
    """How long until the card comes back, for each rating the learner could give now."""
    return {rating: grade(memory, rating, at=at, retention=retention).due - at for rating in Rating}


def retrievability(memory: Memory, *, at: datetime) -> float:
    """The predicted chance of recalling the card at `at` (0 for a card never graded). It does
    not depend on the desired retention, only on the card's stability and the time since its review."""
    return scheduler(0.9).get_card_retrievability(_to_fsrs(memory), at.astimezone(timezone.utc))


def replay(grades: list[tuple[Rating, datetime, float]], *, created_at: datetime) -> Memory:
    """The state a new card reaches through these (rating, when, retention) grades, in order."""
    memory = Memory(state=CardState.NEW, due=created_at)
    for rating, at, retention in grades:
        memory = grade(memory, rating, at=at, retention=retention)
    return memory


_UNITS = (("y", timedelta(days=365)), ("mo", timedelta(days=30)), ("d", timedelta(days=1)), ("h", timedelta(hours=1)))


def short_interval(interval: timedelta) -> str:
    """"10m", "1d", "4d", "3mo", "1.5y": as a button label."""
    for unit, length in _UNITS:
        if interval >= length:
            amount = interval / length
            shown = f"{amount:.1f}".removesuffix(".0") if unit == "y" else str(round(amount))
            return f"{shown}{unit}"
    return f"{max(1, round(interval / timedelta(minutes=1)))}m"
