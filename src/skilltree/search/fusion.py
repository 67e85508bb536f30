"""Reciprocal rank fusion: one ranking from several, each a list of ids best first."""

from __future__ import annotations

from collections.abc import Sequence

# RRF's constant: 60 in Cormack, Clarke and Buettcher (SIGIR 2009); 10 measured better on our
# tuning set (bench/search_relevance.py), where the first few places of each ranking matter most.
RANK_CONSTANT = 10


def fuse(rankings: Sequence[tuple[float, Sequence[str]]]) -> list[str]:
    """Ids ranked by the sum over (weight, ranking) of weight / (RANK_CONSTANT + rank); ties keep first-seen order."""
    scores: dict[str, float] = {}
    for weight, ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + weight / (RANK_CONSTANT + rank)
    return sorted(scores, key=lambda item: -scores[item])
