"""The rating scale a responsibility is rated on, and a rating as it is recorded.

The ids and their order are the vocabulary the rules below depend on (a level is reached when
every responsibility it holds has the top rating); what each is called and what it means is data
in the ladder file (`ratings:`), checked against these ids by `skilltree check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from skilltree.progress.models import Source


class Rating(str, Enum):
    """Lowest first."""

    NOT_YET = "not_yet"
    GROWING = "growing"
    CONSISTENT = "consistent"

    @property
    def rank(self) -> int:
        """1 for the lowest; 0 is left for "not rated"."""
        return RATING_NAMES.index(self.value) + 1


RATING_NAMES = tuple(rating.value for rating in Rating)
# Evidence is a few paragraphs and links, not a document; a longer text is a mistake (a pasted file).
EVIDENCE_MAX_LENGTH = 10_000


@dataclass(frozen=True)
class RatingRecord:
    """One rating of one responsibility, appended, never changed: the latest is the current one.
    Who gave it is kept beside it in the store (a self-assessment's rater is the learner)."""

    ladder_id: str
    responsibility_id: str
    rating: Rating
    evidence: str
    at: datetime
    source: Source
