"""Level readiness: how a learner's ratings stand against what each level holds.

The rule, here and nowhere else: a level is reached when every responsibility it holds is rated
at the top of the scale (consistent); a responsibility never rated counts as the lowest rating.
The current level is the highest level reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skilltree.catalog.models import Ladder, LadderLevel, Responsibility
from skilltree.ladder.ratings import Rating

TOP = Rating.CONSISTENT
LOWEST = Rating.NOT_YET


def rating_of(ratings: Mapping[str, Rating], duty_id: str) -> Rating:
    return ratings.get(duty_id, LOWEST)


@dataclass(frozen=True)
class LevelReadiness:
    level: LadderLevel
    # How many of the responsibilities the level holds are rated at each step, lowest first.
    counts: Mapping[Rating, int]
    # What the level holds that is not yet at the top of the scale, in ladder order.
    missing: tuple[Responsibility, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def reached(self) -> bool:
        return not self.missing


def level_readiness(ladder: Ladder, ratings: Mapping[str, Rating]) -> tuple[LevelReadiness, ...]:
    """Each level of the ladder, lowest first, with the ratings of the responsibilities it holds."""
    readiness = []
    for level in ladder.levels:
        held = [duty for duty in ladder.responsibilities if level.id in ladder.level_ids_holding(duty)]
        counts = {rating: 0 for rating in Rating}
        for duty in held:
            counts[rating_of(ratings, duty.id)] += 1
        missing = tuple(duty for duty in held if rating_of(ratings, duty.id) is not TOP)
        readiness.append(LevelReadiness(level=level, counts=counts, missing=missing))
    return tuple(readiness)


def current_level(readiness: tuple[LevelReadiness, ...]) -> LadderLevel | None:
    """The highest level reached; None before the first."""
    reached = [item.level for item in readiness if item.reached]
    return reached[-1] if reached else None


def next_level(readiness: tuple[LevelReadiness, ...]) -> LevelReadiness | None:
    """The lowest level above the current one, with what stands before it; None at the top."""
    current = current_level(readiness)
    above = readiness if current is None else readiness[[r.level for r in readiness].index(current) + 1:]
    return above[0] if above else None
