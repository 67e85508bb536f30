"""The ladder ratings: appended records, read back as the latest per responsibility or as history."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from skilltree.ladder.ratings import Rating, RatingRecord
from skilltree.progress.models import Source
from skilltree.store.tables import ladder_ratings

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
    """Self-assessments: each method reads or writes the records a learner gave themself
    (rater = learner). A mentor's ratings will be read with the mentor as rater."""

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
