"""The ratings a learner received from mentors, in an export (format version 2, "ratings_received").

They travel with the rater's username and the team's name as they were. Importing reads one back
only when an account of that username exists here, other than the importer's (a learner cannot
rate themself as a mentor); the others are counted as skipped. A file cannot put a rating into a
team: what is read back has no team here (its name stays), so it shows to the importer only, never
on any mentor's sheet. Nothing of another learner is read or written: only the importer's rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, Field, field_validator

from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH, RATING_NAMES, Rating, RatingRecord
from skilltree.progress.models import SOURCE_NAMES, Learner, Source
from skilltree.services.transfer_rules import CatalogId, Strict, plausible
from skilltree.teams.model import NAME_MAX_LENGTH

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork


class ReceivedDocument(Strict):
    ladder: CatalogId
    responsibility: CatalogId
    rating: Literal[RATING_NAMES]  # type: ignore[valid-type]
    note: str = Field(max_length=EVIDENCE_MAX_LENGTH)
    at: AwareDatetime
    source: Literal[SOURCE_NAMES]  # type: ignore[valid-type]
    rater: str = Field(min_length=1, max_length=64)
    team: str = Field(max_length=NAME_MAX_LENGTH)

    _plausible_at = field_validator("at")(plausible)


def export_received(uow: UnitOfWork, *, learner: Learner) -> dict:
    return {
        "ratings_received": [
            {
                "ladder": given.ladder, "responsibility": given.responsibility, "rating": given.rating.value,
                "note": given.note, "at": given.at.isoformat(), "source": given.record.source.value,
                "rater": given.mentor, "team": given.team_name,
            }
            for given in uow.assessments.received(learner.id)
        ]
    }


def import_received(uow: UnitOfWork, *, learner: Learner, received: list[ReceivedDocument]) -> dict:
    """In the caller's transaction: add the received ratings the learner does not have yet."""
    existing = {
        (given.ladder, given.responsibility, given.rating, given.note, given.at, given.mentor)
        for given in uow.assessments.received(learner.id)
    }
    raters: dict[str, Learner | None] = {}
    added = skipped = 0
    for item in sorted(received, key=lambda item: item.at):
        if item.rater not in raters:
            raters[item.rater] = uow.learners.get(item.rater)
        rater = raters[item.rater]
        if rater is None or rater.id == learner.id:
            skipped += 1
            continue
        key = (item.ladder, item.responsibility, Rating(item.rating), item.note, item.at, rater.username)
        if key in existing:
            continue
        uow.assessments.give(
            learner.id, rater_id=rater.id, team_id=None, team_name=item.team,
            record=RatingRecord(item.ladder, item.responsibility, Rating(item.rating), item.note, item.at, Source(item.source)),
        )
        existing.add(key)
        added += 1
    return {"ratings_received": len(received), "ratings_received_added": added, "ratings_received_skipped": skipped}
