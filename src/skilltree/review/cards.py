"""Review cards: the vocabulary (ratings, states, limits) and a card's scheduling state.

A card is (learner, topic, question id). Its state is what the `fsrs` package needs to schedule
the next review; every grade is also kept as an appended record, from which the state can be
derived again (scheduling.replay).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum


class Rating(str, Enum):
    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


RATING_NAMES = tuple(rating.value for rating in Rating)


class CardState(str, Enum):
    NEW = "new"  # never graded
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


CARD_STATE_NAMES = tuple(state.value for state in CardState)

# Desired retention: the share of due cards a learner wants to still recall.
DEFAULT_RETENTION = 0.90
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
DEFAULT_NEW_PER_DAY = 20
MAX_NEW_PER_DAY = 500


@dataclass(frozen=True, slots=True)
class Memory:
    """What the scheduler knows of one card; `step` counts (re)learning steps, None in review."""

    state: CardState
    due: datetime
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None

    def as_dict(self) -> dict:
        return {
            "state": self.state.value,
            "due": self.due.isoformat(),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "last_review": self.last_review.isoformat() if self.last_review else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Memory:
        return cls(
            state=CardState(data["state"]),
            due=datetime.fromisoformat(data["due"]),
            step=data["step"],
            stability=data["stability"],
            difficulty=data["difficulty"],
            last_review=datetime.fromisoformat(data["last_review"]) if data["last_review"] else None,
        )


def new_memory(now: datetime) -> Memory:
    """A card just made from a question: due at once."""
    return Memory(state=CardState.NEW, due=now)


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    topic_id: str
    question_id: str
    memory: Memory
    suspended: bool = False

    def with_memory(self, memory: Memory) -> Card:
        return replace(self, memory=memory)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One grade, appended and never changed: the state before and after, for replay and audit."""

    card_id: int
    rating: Rating
    reviewed_at: datetime
    duration_ms: int | None
    retention: float
    before: Memory
    after: Memory
