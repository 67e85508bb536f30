"""Where a learner's rating of a responsibility and their progress on its topics disagree.

A gentle flag, not a rule: someone can be consistent at a thing they learned before Skilltree.
"""

from __future__ import annotations

from enum import Enum

from skilltree.ladder.ratings import Rating
from skilltree.progress.path_progress import Tally


class Disagreement(str, Enum):
    # Rated at the top of the scale while none of the topics behind it is done.
    RATED_AHEAD = "rated_ahead"
    # Every topic done (skipped ones aside) while rated at the bottom.
    RATED_BEHIND = "rated_behind"


def disagreement(rating: Rating | None, topics: Tally) -> Disagreement | None:
    """`rating` None: not rated yet, which is nothing to disagree with."""
    if rating is Rating.CONSISTENT and topics.counted > 0 and topics.done == 0:
        return Disagreement.RATED_AHEAD
    if rating is Rating.NOT_YET and topics.counted > 0 and topics.done == topics.counted:
        return Disagreement.RATED_BEHIND
    return None


def disagreement_note(kind: Disagreement, labels: dict[Rating, str]) -> str:
    """What the flag says, with the scale's own words for its ratings."""
    if kind is Disagreement.RATED_AHEAD:
        return f"Rated {labels[Rating.CONSISTENT]!r} while none of its topics is done: worth a look at them?"
    return f"Every topic done, yet rated {labels[Rating.NOT_YET]!r}: worth another look at the rating?"
