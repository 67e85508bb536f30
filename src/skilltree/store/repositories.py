"""Repositories: the only code that speaks SQL. They take a connection and return domain objects."""

from __future__ import annotations

from datetime import datetime

from functools import cache

from sqlalchemy import Connection, and_, bindparam, case, func, or_, select, text, update

from skilltree.accounts.models import UserPage, UserSummary
from skilltree.progress.models import Learner, NumberedEvent, ProgressEvent, Source, Status, TopicState
from skilltree.store.rows import learner_from_row, utc_moment
from skilltree.store.tables import api_tokens, learners, progress_events, topic_status, web_sessions


def dialect_insert(dialect_name: str):
    """The dialect's INSERT, which knows ON CONFLICT."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


_EVENT_INSERT = progress_events.insert()
# Built once: nearly every page reads a learner's statuses, and building the query each time cost
# half of what running it does.
_STATES = select(
    topic_status.c.topic_id, topic_status.c.status, topic_status.c.changed_at, topic_status.c.first_at
).where(topic_status.c.learner_id == bindparam("learner_id"))
_STATES_OF_TOPICS = _STATES.where(topic_status.c.topic_id.in_(bindparam("topic_ids", expanding=True)))

# Every API request reads its learner by id, and every write reads it again under its lock.
_LEARNER_BY_ID = select(learners).where(learners.c.id == bindparam("learner_id"))
_LEARNER_NAMED = select(learners).where(learners.c.username == bindparam("username"))

# What a bulk append writes of each event, in this order.
_BULK_COLUMNS = ("learner_id", "topic_id", "status", "at", "source")
# Events per COPY statement of a bulk append: a few tenths of a second of the server's work.
_COPY_CHUNK_ROWS = 10_000
# The first key of PostgreSQL's two-key advisory locks that serialise one learner's progress writes.
_PROGRESS_LOCK_SPACE = 0x5C17


@cache
def _status_upsert(dialect_name: str):
    """INSERT ... ON CONFLICT for the derived status, built once per dialect (it runs on every mark).

    Latest by (at, id) wins, whatever order concurrent transactions commit in; an imported
    older event can still move first_at back.
    """
    statement = dialect_insert(dialect_name)(topic_status).values(
        learner_id=bindparam("learner_id"),
        topic_id=bindparam("topic_id"),
        status=bindparam("status"),
        changed_at=bindparam("at"),
        first_at=bindparam("at"),
        event_id=bindparam("event_id"),
    )
    new, current = statement.excluded, topic_status.c
    is_newer = or_(
        current.changed_at < new.changed_at,
        and_(current.changed_at == new.changed_at, current.event_id < new.event_id),
    )
    return statement.on_conflict_do_update(
        index_elements=[current.learner_id, current.topic_id],
        set_={
            "status": case((is_newer, new.status), else_=current.status),
            "changed_at": case((is_newer, new.changed_at), else_=current.changed_at),
            "event_id": case((is_newer, new.event_id), else_=current.event_id),
            "first_at": case((new.first_at < current.first_at, new.first_at), else_=current.first_at),
        },
    )


class LearnerRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def get(self, username: str) -> Learner | None:
        row = self.connection.execute(_LEARNER_NAMED, {"username": username}).first()
        return learner_from_row(row) if row else None

    def get_by_id(self, learner_id: int) -> Learner | None:
        row = self.connection.execute(_LEARNER_BY_ID, {"learner_id": learner_id}).first()
        return learner_from_row(row) if row else None

    def usernames(self) -> list[str]:
        return list(self.connection.execute(select(learners.c.username).order_by(learners.c.username)).scalars())

    def password_hash(self, username: str) -> str | None:
        return self.connection.execute(
            select(learners.c.password_hash).where(learners.c.username == username)
        ).scalar()

    def set_password_hash(self, learner_id: int, password_hash: str) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(password_hash=password_hash))

    def any_admin(self) -> bool:
        return self.connection.execute(select(learners.c.id).where(learners.c.is_admin).limit(1)).first() is not None

    def set_admin(self, learner_id: int, is_admin: bool) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(is_admin=is_admin))

    def set_hide_minutes(self, learner_id: int, hide: bool) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(hide_minutes=hide))

    def set_time_zone(self, learner_id: int, time_zone: str | None) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(time_zone=time_zone))

    def set_public_profile(self, learner_id: int, *, public: bool, path_ids: tuple[str, ...]) -> None:
        self.connection.execute(
            update(learners).where(learners.c.id == learner_id).values(public_profile=public, public_paths=list(path_ids))
        )

    def get_or_create(self, username: str, display_name: str, now: datetime) -> Learner:
        # ON CONFLICT DO NOTHING: two processes creating the same learner both succeed.
        insert = dialect_insert(self.connection.dialect.name)
        self.connection.execute(
            insert(learners)
            .values(username=username, display_name=display_name, created_at=now, is_admin=False, hide_minutes=False)
            .on_conflict_do_nothing(index_elements=[learners.c.username])
        )
        return self.get(username)

    def set_display_name(self, learner_id: int, display_name: str) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(display_name=display_name))

    def set_disabled(self, learner_id: int, disabled_at: datetime | None) -> None:
        self.connection.execute(update(learners).where(learners.c.id == learner_id).values(disabled_at=disabled_at))

    def admin_count(self) -> int:
        """Administrators who can act: a disabled one cannot."""
        return self.connection.execute(
            select(func.count()).select_from(learners).where(learners.c.is_admin, learners.c.disabled_at.is_(None))
        ).scalar_one()

    def delete(self, learner_id: int) -> None:
        """The learner and, by the foreign keys' ON DELETE CASCADE, everything they own."""
        self.connection.execute(learners.delete().where(learners.c.id == learner_id))

    def users(self, *, search: str, limit: int, offset: int) -> UserPage:
        """Accounts whose username or display name holds `search`, by username, a page at a time."""
        where = []
        if search:
            pattern = "%" + search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                or_(learners.c.username.like(pattern, escape="\\"), func.lower(learners.c.display_name).like(pattern, escape="\\"))
            )
        total = self.connection.execute(select(func.count()).select_from(learners).where(*where)).scalar_one()
        # Last active: the latest progress change, sign-in or use of an API token.
        last_event = select(func.max(progress_events.c.at)).where(progress_events.c.learner_id == learners.c.id)
        last_session = select(func.max(web_sessions.c.created_at)).where(web_sessions.c.learner_id == learners.c.id)
        last_token = select(func.max(api_tokens.c.last_used_at)).where(api_tokens.c.learner_id == learners.c.id)
        rows = self.connection.execute(
            select(
                learners,
                last_event.scalar_subquery().label("last_event"),
                last_session.scalar_subquery().label("last_session"),
                last_token.scalar_subquery().label("last_token"),
            )
            .where(*where)
            .order_by(learners.c.username)
            .limit(limit)
            .offset(offset)
        )
        users = []
        for row in rows:
            # Subquery results skip the column type, so SQLite hands back naive datetimes or text.
            moments = [utc_moment(moment) for moment in (row.last_event, row.last_session, row.last_token) if moment is not None]
            users.append(
                UserSummary(
                    row.username, row.display_name, row.created_at, max(moments, default=None), row.is_admin, row.disabled_at is not None
                )
            )
        return UserPage(tuple(users), total, offset, limit)

    def update_profile(self, learner_id: int, *, display_name: str, created_at: datetime) -> None:
        self.connection.execute(
            update(learners).where(learners.c.id == learner_id).values(display_name=display_name, created_at=created_at)
        )


class ProgressRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def lock_learner(self, learner_id: int) -> None:
        """Hold off the learner's other progress writers until this transaction ends.

        Marking reads the current statuses and then appends; two such writers at once must not
        both see the old status. SQLite writers already queue for the whole transaction.
        """
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(
                text("SELECT pg_advisory_xact_lock(:space, :learner)"),
                {"space": _PROGRESS_LOCK_SPACE, "learner": learner_id},
            )

    def append(self, learner_id: int, event: ProgressEvent) -> None:
        """Append the event and move the derived status forward if the event is the latest."""
        result = self.connection.execute(
            _EVENT_INSERT,
            {
                "learner_id": learner_id,
                "topic_id": event.topic_id,
                "status": event.status.value,
                "at": event.at,
                "source": event.source.value,
            },
        )
        self.connection.execute(
            _status_upsert(self.connection.dialect.name),
            {
                "learner_id": learner_id,
                "topic_id": event.topic_id,
                "status": event.status.value,
                "at": event.at,
                "event_id": result.inserted_primary_key[0],
            },
        )

    def states(self, learner_id: int, topic_ids: list[str] | None = None) -> dict[str, TopicState]:
        """Current statuses of the learner's topics (of only `topic_ids`, when given)."""
        if topic_ids is None:
            rows = self.connection.execute(_STATES, {"learner_id": learner_id})
        else:
            rows = self.connection.execute(_STATES_OF_TOPICS, {"learner_id": learner_id, "topic_ids": topic_ids})
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

    def events_page(self, learner_id: int, *, topic_id: str | None, before: int | None, limit: int) -> list[NumberedEvent]:
        """Up to `limit` of the learner's events, newest first, older than the event `before` when given."""
        columns = progress_events.c
        query = select(progress_events).where(columns.learner_id == learner_id)
        if topic_id is not None:
            query = query.where(columns.topic_id == topic_id)
        if before is not None:
            anchor = select(columns.at).where(columns.id == before, columns.learner_id == learner_id).scalar_subquery()
            query = query.where(or_(columns.at < anchor, and_(columns.at == anchor, columns.id < before)))
        rows = self.connection.execute(query.order_by(columns.at.desc(), columns.id.desc()).limit(limit))
        return [NumberedEvent(row.id, row.topic_id, Status(row.status), row.at, Source(row.source)) for row in rows]

    def event_moments(self, learner_id: int, since: datetime | None = None) -> list[datetime]:
        query = select(progress_events.c.at).where(progress_events.c.learner_id == learner_id)
        if since is not None:
            query = query.where(progress_events.c.at >= since)
        return list(self.connection.execute(query).scalars())

    def append_bulk(self, rows: list[dict]) -> None:
        """Append many events at once ({learner_id, topic_id, status, at, source} each), for loading
        large histories; call rebuild_status() afterwards to derive the statuses in one pass."""
        self._append_rows([tuple(row[column] for column in _BULK_COLUMNS) for row in rows])

    def append_many(self, learner_id: int, events: list[ProgressEvent]) -> None:
        """Append the learner's events in the order given, then derive that learner's statuses from
        the whole log in one pass: what append() one by one gives, without a round trip per event."""
        if not events:
            return
        self._append_rows([(learner_id, e.topic_id, e.status.value, e.at, e.source.value) for e in events])
        self.rebuild_status(learner_id)

    def _append_rows(self, rows: list[tuple]) -> None:
        """Rows of _BULK_COLUMNS' values, in the order given (so their ids follow it). Tuples, not
        dictionaries: an import of 100,000 events spent a second of Python building and reading them."""
        if self.connection.dialect.name != "postgresql":
            self.connection.execute(progress_events.insert(), [dict(zip(_BULK_COLUMNS, row)) for row in rows])
            return
        # psycopg sends an executemany as one statement per row (100,000 events took 86 s); COPY
        # streams them, in this transaction. One COPY per chunk, so that each statement stays well
        # within SKILLTREE_DATABASE_TIMEOUT: the server checks the foreign key row by row, and one
        # COPY of 100,000 events took over 5 s on a loaded machine, which the statement timeout cancelled.
        statement = f"COPY {progress_events.name} ({', '.join(_BULK_COLUMNS)}) FROM STDIN"
        with self.connection.connection.dbapi_connection.cursor() as cursor:
            for start in range(0, len(rows), _COPY_CHUNK_ROWS):
                with cursor.copy(statement) as copy:
                    for row in rows[start:start + _COPY_CHUNK_ROWS]:
                        copy.write_row(row)

    def rebuild_status(self, learner_id: int | None = None) -> None:
        """Derive current statuses afresh from the event log, set-based: every learner's, or one's."""
        ranked = select(
            progress_events.c.learner_id,
            progress_events.c.topic_id,
            progress_events.c.status,
            progress_events.c.at.label("changed_at"),
            func.min(progress_events.c.at)
            .over(partition_by=(progress_events.c.learner_id, progress_events.c.topic_id))
            .label("first_at"),
            progress_events.c.id.label("event_id"),
            func.row_number()
            .over(
                partition_by=(progress_events.c.learner_id, progress_events.c.topic_id),
                order_by=(progress_events.c.at.desc(), progress_events.c.id.desc()),
            )
            .label("rank"),
        )
        stale = topic_status.delete()
        if learner_id is not None:
            ranked = ranked.where(progress_events.c.learner_id == learner_id)
            stale = stale.where(topic_status.c.learner_id == learner_id)
        ranked = ranked.subquery()
        latest = select(
            ranked.c.learner_id, ranked.c.topic_id, ranked.c.status, ranked.c.changed_at, ranked.c.first_at, ranked.c.event_id
        ).where(ranked.c.rank == 1)
        self.connection.execute(stale)
        self.connection.execute(
            topic_status.insert().from_select(
                ["learner_id", "topic_id", "status", "changed_at", "first_at", "event_id"], latest
            )
        )

    def count_events(self, learner_id: int) -> int:
        return self.connection.execute(
            select(func.count()).select_from(progress_events).where(progress_events.c.learner_id == learner_id)
        ).scalar_one()

