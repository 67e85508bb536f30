"""Study plans and the sessions they laid out, in SQL."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import Connection, bindparam, delete, select

from skilltree.review.plan import Session
from skilltree.store.repositories import dialect_insert
from skilltree.store.tables import plan_sessions, study_plans

# Built once: a plan is saved and shown again on each change of the plan form, and building a
# statement costs more than running it on a plan's few rows.
_OF_PLAN = (study_plans.c.learner_id == bindparam("learner_id"), study_plans.c.path_id == bindparam("path_id"))
_GET = select(study_plans).where(*_OF_PLAN)
_OF_SESSIONS = (plan_sessions.c.learner_id == bindparam("learner_id"), plan_sessions.c.path_id == bindparam("path_id"))
_SESSIONS = select(plan_sessions).where(*_OF_SESSIONS).order_by(plan_sessions.c.day)
_SESSIONS_BEFORE = select(plan_sessions).where(*_OF_SESSIONS, plan_sessions.c.day < bindparam("before")).order_by(plan_sessions.c.day)
_DELETE_SESSIONS_FROM = delete(plan_sessions).where(*_OF_SESSIONS, plan_sessions.c.day >= bindparam("day"))
_PLAN_COLUMNS = ("minutes_per_week", "weekdays", "start_date", "target_date", "updated_at")


@lru_cache(maxsize=4)
def _save(dialect: str):
    insert = dialect_insert(dialect)(study_plans)
    return insert.on_conflict_do_update(
        index_elements=[study_plans.c.learner_id, study_plans.c.path_id],
        set_={name: insert.excluded[name] for name in _PLAN_COLUMNS},
    )


class PlanRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def get(self, learner_id: int, path_id: str):
        return self.connection.execute(_GET, {"learner_id": learner_id, "path_id": path_id}).first()

    def all(self, learner_id: int) -> list:
        return list(self.connection.execute(select(study_plans).where(study_plans.c.learner_id == learner_id).order_by(study_plans.c.path_id)))

    def save(self, learner_id: int, path_id: str, *, minutes_per_week: int, weekdays: str, start_date: date,
             target_date: date | None, updated_at: datetime) -> None:
        self.connection.execute(
            _save(self.connection.dialect.name),
            {"learner_id": learner_id, "path_id": path_id, "minutes_per_week": minutes_per_week, "weekdays": weekdays,
             "start_date": start_date, "target_date": target_date, "updated_at": updated_at},
        )

    def delete(self, learner_id: int, path_id: str) -> bool:
        self.connection.execute(
            delete(plan_sessions).where(plan_sessions.c.learner_id == learner_id, plan_sessions.c.path_id == path_id)
        )
        result = self.connection.execute(
            delete(study_plans).where(study_plans.c.learner_id == learner_id, study_plans.c.path_id == path_id)
        )
        return result.rowcount > 0

    def sessions(self, learner_id: int, path_id: str, *, before: date | None = None) -> list[Session]:
        query, params = (_SESSIONS, {}) if before is None else (_SESSIONS_BEFORE, {"before": before})
        rows = self.connection.execute(query, {"learner_id": learner_id, "path_id": path_id, **params})
        return [Session(row.day, tuple(row.topic_ids.split()), row.topic_minutes, row.review_minutes) for row in rows]

    def replace_sessions_from(self, learner_id: int, path_id: str, day: date, sessions: list[Session]) -> None:
        """Sessions from `day` on are replaced; earlier ones stay as they were planned."""
        self.connection.execute(_DELETE_SESSIONS_FROM, {"learner_id": learner_id, "path_id": path_id, "day": day})
        rows = [
            {"learner_id": learner_id, "path_id": path_id, "day": s.day, "topic_ids": " ".join(s.topics),
             "topic_minutes": s.topic_minutes, "review_minutes": s.review_minutes}
            for s in sessions
            if s.day >= day
        ]
        if rows:
            self.connection.execute(plan_sessions.insert(), rows)
