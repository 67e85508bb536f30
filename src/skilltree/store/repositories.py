"""Repositories: the only code that speaks SQL. They take a connection and return domain objects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, and_, func, or_, select, update

from skilltree.progress.models import Learner, ProgressEvent, Source, Status, TopicState
from skilltree.store.tables import learners, progress_events, topic_status


def _insert_for(connection: Connection):
    """The dialect's INSERT, which knows ON CONFLICT."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _learner(row) -> Learner:
    return Learner(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        created_at=row.created_at,
        is_admin=row.is_admin,
    )


class LearnerRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def get(self, username: str) -> Learner | None:
        row = self.connection.execute(select(learners).where(learners.c.username == username)).first()
        return _learner(row) if row else None

    def get_or_create(self, username: str, display_name: str, now: datetime) -> Learner:
        # ON CONFLICT DO NOTHING: two processes creating the same learner both succeed.
        insert = _insert_for(self.connection)
        self.connection.execute(
            insert(learners)
            .values(username=username, display_name=display_name, created_at=now, is_admin=False)
            .on_conflict_do_nothing(index_elements=[learners.c.username])
        )
        return self.get(username)

    def update_profile(self, learner_id: int, *, display_name: str, created_at: datetime) -> None:
        self.connection.execute(
            update(learners).where(learners.c.id == learner_id).values(display_name=display_name, created_at=created_at)
        )


class ProgressRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def append(self, learner_id: int, event: ProgressEvent) -> None:
        """Append the event and move the derived status forward if the event is the latest."""
        result = self.connection.execute(
            progress_events.insert().values(
                learner_id=learner_id,
                topic_id=event.topic_id,
                status=event.status.value,
                at=event.at,
                source=event.source.value,
            )
        )
        event_id = result.inserted_primary_key[0]
        insert = _insert_for(self.connection)
        statement = insert(topic_status).values(
            learner_id=learner_id,
            topic_id=event.topic_id,
            status=event.status.value,
            changed_at=event.at,
            first_at=event.at,
            event_id=event_id,
        )
        new = statement.excluded
        # Latest by (at, id) wins, whatever order concurrent transactions commit in.
        is_newer = or_(
            topic_status.c.changed_at < new.changed_at,
            and_(topic_status.c.changed_at == new.changed_at, topic_status.c.event_id < new.event_id),
        )
        self.connection.execute(
            statement.on_conflict_do_update(
                index_elements=[topic_status.c.learner_id, topic_status.c.topic_id],
                set_={"status": new.status, "changed_at": new.changed_at, "event_id": new.event_id},
                where=is_newer,
            )
        )
        # An imported event may be older than any seen so far for the topic.
        self.connection.execute(
            update(topic_status)
            .where(
                topic_status.c.learner_id == learner_id,
                topic_status.c.topic_id == event.topic_id,
                topic_status.c.first_at > event.at,
            )
            .values(first_at=event.at)
        )

    def states(self, learner_id: int) -> dict[str, TopicState]:
        rows = self.connection.execute(
            select(topic_status.c.topic_id, topic_status.c.status, topic_status.c.changed_at, topic_status.c.first_at).where(
                topic_status.c.learner_id == learner_id
            )
        )
        return {
            row.topic_id: TopicState(row.topic_id, Status(row.status), row.changed_at, row.first_at) for row in rows
        }

    def events(self, learner_id: int, topic_id: str | None = None) -> list[ProgressEvent]:
        """The learner's history, oldest first."""
        query = select(progress_events).where(progress_events.c.learner_id == learner_id)
        if topic_id is not None:
            query = query.where(progress_events.c.topic_id == topic_id)
        rows = self.connection.execute(query.order_by(progress_events.c.at, progress_events.c.id))
        return [ProgressEvent(row.topic_id, Status(row.status), row.at, Source(row.source)) for row in rows]

    def event_moments(self, learner_id: int, since: datetime | None = None) -> list[datetime]:
        query = select(progress_events.c.at).where(progress_events.c.learner_id == learner_id)
        if since is not None:
            query = query.where(progress_events.c.at >= since)
        return list(self.connection.execute(query).scalars())

    def count_events(self, learner_id: int) -> int:
        return self.connection.execute(
            select(func.count()).select_from(progress_events).where(progress_events.c.learner_id == learner_id)
        ).scalar_one()

