"""The ladder ratings: appended records, read back as the latest per responsibility or as history."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from skilltree.ladder.conversation import MentorRating
from skilltree.ladder.ratings import Rating, RatingRecord
from skilltree.progress.models import Source
from skilltree.store.tables import ladder_ratings, learners

# Built once: a page shows a learner's ratings on every view, and building the query costs more
# than running it (bench/ladder_speed.py).
_SELF_RATINGS = select(ladder_ratings).where(
    ladder_ratings.c.learner_id == bindparam("learner"), ladder_ratings.c.rater_id == bindparam("learner")
)
_ORDER = (ladder_ratings.c.at, ladder_ratings.c.id)
_ALL_LADDERS = _SELF_RATINGS.order_by(*_ORDER)
_ONE_LADDER = _SELF_RATINGS.where(ladder_ratings.c.ladder_id == bindparam("ladder")).order_by(*_ORDER)


def _record(row) -> RatingRecord:
    return RatingRecord(row.ladder_id, row.responsibility_id, Rating(row.rating), row.evidence, row.at, Source(row.source))


class AssessmentRepository:
    """Self-assessments: the records a learner gave themself (rater = learner); then, below, the
    ratings mentors gave them (rater = the mentor), which the self-assessment reads never see."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def append(self, learner_id: int, record: RatingRecord) -> None:
        self.connection.execute(
            ladder_ratings.insert(),
            {
                "learner_id": learner_id,
                "rater_id": learner_id,
                "ladder_id": record.ladder_id,
                "responsibility_id": record.responsibility_id,
                "rating": record.rating.value,
                "evidence": record.evidence,
                "at": record.at,
                "source": record.source.value,
            },
        )

    def history(self, learner_id: int, ladder_id: str | None = None) -> list[RatingRecord]:
        """Every self-rating of the learner (on one ladder, when given), oldest first."""
        if ladder_id is None:
            rows = self.connection.execute(_ALL_LADDERS, {"learner": learner_id})
        else:
            rows = self.connection.execute(_ONE_LADDER, {"learner": learner_id, "ladder": ladder_id})
        return [_record(row) for row in rows]

    def latest(self, learner_id: int, ladder_id: str) -> dict[str, RatingRecord]:
        """{responsibility id: its latest self-rating} on the ladder, retired responsibilities included.
        A ladder holds a few dozen responsibilities rated a few times each: read them all, keep the last."""
        return {record.responsibility_id: record for record in self.history(learner_id, ladder_id)}

    # Ratings mentors give: rows whose rater is not the learner, each with the team it was given in.
    def give(self, learner_id: int, *, rater_id: int, team_id: int | None, team_name: str, record: RatingRecord) -> None:
        self.connection.execute(
            ladder_ratings.insert(),
            {
                "learner_id": learner_id, "rater_id": rater_id, "team_id": team_id, "team_name": team_name,
                "ladder_id": record.ladder_id, "responsibility_id": record.responsibility_id,
                "rating": record.rating.value, "evidence": record.evidence, "at": record.at, "source": record.source.value,
            },
        )

    def given_in_team(self, learner_id: int, ladder_id: str, *, rater_id: int, team_id: int) -> dict[str, RatingRecord]:
        """{responsibility id: the latest rating this rater gave the learner in this team} on the ladder."""
        rows = self.connection.execute(
            select(ladder_ratings)
            .where(
                ladder_ratings.c.learner_id == learner_id, ladder_ratings.c.rater_id == rater_id,
                ladder_ratings.c.team_id == team_id, ladder_ratings.c.ladder_id == ladder_id,
            )
            .order_by(*_ORDER)
        )
        return {record.responsibility_id: record for record in map(_record, rows)}

    def received(self, learner_id: int, ladder_id: str | None = None) -> list[MentorRating]:
        """Every rating others gave the learner (on one ladder, when given), oldest first."""
        query = (
            select(ladder_ratings, learners.c.username, learners.c.display_name)
            .join(learners, learners.c.id == ladder_ratings.c.rater_id)
            .where(ladder_ratings.c.learner_id == learner_id, ladder_ratings.c.rater_id != learner_id)
            .order_by(*_ORDER)
        )
        if ladder_id is not None:
            query = query.where(ladder_ratings.c.ladder_id == ladder_id)
        return [
            MentorRating(_record(row), row.username, row.display_name, row.team_id, row.team_name or "")
            for row in self.connection.execute(query)
        ]

