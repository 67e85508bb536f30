"""Review cards, their records and a learner's study settings, in SQL."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone

from sqlalchemy import Connection, String, bindparam, func, select, type_coerce, update

from skilltree.review.cards import Card, CardState, Memory, Rating, ReviewRecord
from skilltree.review.queue import DueEntry
from skilltree.store.repositories import dialect_insert
from skilltree.store.tables import review_cards, review_records, study_settings

_CARD_COLUMNS = (
    review_cards.c.id,
    review_cards.c.topic_id,
    review_cards.c.question_id,
    review_cards.c.suspended,
    review_cards.c.state,
    review_cards.c.due,
    review_cards.c.step,
    review_cards.c.stability,
    review_cards.c.difficulty,
    review_cards.c.last_review,
)
_SELECT_CARDS = select(*_CARD_COLUMNS)
# Built once: the due queue runs on every page view of a signed-in learner (the header's count).
# Its two moments come back untyped and are read by _moment(): on SQLite, SQLAlchemy's parsing of
# datetime text costs more than the whole query when a learner has hundreds of cards due.
_RAW_MOMENTS = ("due", "last_review")
_DUE_BEFORE = select(
    *(type_coerce(review_cards.c[name], String) if name in _RAW_MOMENTS else review_cards.c[name] for name in DueEntry._fields)
).where(
    review_cards.c.learner_id == bindparam("learner_id"),
    review_cards.c.due < bindparam("moment"),
    review_cards.c.state != CardState.NEW.value,
    review_cards.c.suspended.is_(False),
)
_COUNT_DUE_BETWEEN = select(func.count()).select_from(review_cards).where(
    review_cards.c.learner_id == bindparam("learner_id"),
    review_cards.c.due >= bindparam("start"),
    review_cards.c.due < bindparam("end"),
    review_cards.c.state != CardState.NEW.value,
    review_cards.c.suspended.is_(False),
)
_NEW_CARDS = (
    _SELECT_CARDS.where(
        review_cards.c.learner_id == bindparam("learner_id"),
        review_cards.c.state == CardState.NEW.value,
        review_cards.c.suspended.is_(False),
        review_cards.c.id > bindparam("after_id"),
    )
    .order_by(review_cards.c.id)
    .limit(bindparam("limit"))
)
_NEW_GRADED_SINCE = select(func.count()).select_from(review_records).where(
    review_records.c.learner_id == bindparam("learner_id"),
    review_records.c.reviewed_at >= bindparam("since"),
    review_records.c.state_before == CardState.NEW.value,
)
_SETTINGS = select(study_settings).where(study_settings.c.learner_id == bindparam("learner_id"))


def _card(row) -> Card:
    memory = Memory(
        state=CardState(row.state),
        due=row.due,
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        last_review=row.last_review,
    )
    return Card(row.id, row.topic_id, row.question_id, memory, row.suspended)


def _moment(value: str | datetime | None) -> datetime | None:
    """A moment as stored: SQLite's text (UTC, as tables.UTCDateTime writes it) or PostgreSQL's datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")
    return value.astimezone(timezone.utc)


def _memory_columns(memory: Memory) -> dict:
    return {
        "state": memory.state.value,
        "due": memory.due,
        "step": memory.step,
        "stability": memory.stability,
        "difficulty": memory.difficulty,
        "last_review": memory.last_review,
    }


class ReviewRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    # Cards

    def add_cards(self, learner_id: int, topic_id: str, question_ids: Iterable[str], now: datetime) -> None:
        """New cards, due now, for the questions that have none yet (an existing card keeps its history)."""
        rows = [
            {"learner_id": learner_id, "topic_id": topic_id, "question_id": question_id, "created_at": now,
             "suspended": False, **_memory_columns(Memory(state=CardState.NEW, due=now))}
            for question_id in question_ids
        ]
        if rows:
            insert = dialect_insert(self.connection.dialect.name)
            self.connection.execute(
                insert(review_cards).on_conflict_do_nothing(
                    index_elements=[review_cards.c.learner_id, review_cards.c.topic_id, review_cards.c.question_id]
                ),
                rows,
            )

    def import_card(self, learner_id: int, topic_id: str, question_id: str, *, created_at: datetime, suspended: bool) -> None:
        """A card from an export, unless the learner has it already."""
        insert = dialect_insert(self.connection.dialect.name)
        self.connection.execute(
            insert(review_cards)
            .values(learner_id=learner_id, topic_id=topic_id, question_id=question_id, created_at=created_at,
                    suspended=suspended, **_memory_columns(Memory(state=CardState.NEW, due=created_at)))
            .on_conflict_do_nothing(index_elements=[review_cards.c.learner_id, review_cards.c.topic_id, review_cards.c.question_id])
        )

    def set_suspended(self, learner_id: int, topic_id: str, suspended: bool) -> None:
        self.connection.execute(
            update(review_cards)
            .where(review_cards.c.learner_id == learner_id, review_cards.c.topic_id == topic_id)
            .values(suspended=suspended)
        )

    def card(self, learner_id: int, card_id: int) -> Card | None:
        row = self.connection.execute(
            _SELECT_CARDS.where(review_cards.c.id == card_id, review_cards.c.learner_id == learner_id)
        ).first()
        return _card(row) if row else None

    def cards(self, learner_id: int, topic_ids: list[str] | None = None) -> list[Card]:
        query = _SELECT_CARDS.where(review_cards.c.learner_id == learner_id)
        if topic_ids is not None:
            query = query.where(review_cards.c.topic_id.in_(topic_ids))
        return [_card(row) for row in self.connection.execute(query.order_by(review_cards.c.id))]

    def due_before(self, learner_id: int, moment: datetime) -> list[DueEntry]:
        """Graded, active cards falling due before `moment`, as plain rows: a learner behind on
        reviews may have thousands, and the queue orders them before it shows any."""
        rows = self.connection.execute(_DUE_BEFORE, {"learner_id": learner_id, "moment": moment}).all()
        return [
            DueEntry(id, topic, question, state, _moment(due), step, stability, difficulty, _moment(last))
            for id, topic, question, state, due, step, stability, difficulty, last in rows
        ]

    def count_due_between(self, learner_id: int, start: datetime, end: datetime) -> int:
        """Graded, active cards falling due in [start, end), counted, not read."""
        return self.connection.execute(_COUNT_DUE_BETWEEN, {"learner_id": learner_id, "start": start, "end": end}).scalar_one()

    def new_cards(self, learner_id: int, *, limit: int, after_id: int = 0) -> list[Card]:
        """Active cards never graded, oldest first."""
        rows = self.connection.execute(_NEW_CARDS, {"learner_id": learner_id, "after_id": after_id, "limit": limit})
        return [_card(row) for row in rows]

    def created_at(self, card_id: int) -> datetime:
        return self.connection.execute(select(review_cards.c.created_at).where(review_cards.c.id == card_id)).scalar_one()

    def save_memory(self, card_id: int, memory: Memory) -> None:
        self.connection.execute(update(review_cards).where(review_cards.c.id == card_id).values(**_memory_columns(memory)))

    # Records

    def append_record(self, learner_id: int, record: ReviewRecord) -> None:
        self.connection.execute(
            review_records.insert(),
            {
                "learner_id": learner_id,
                "card_id": record.card_id,
                "rating": record.rating.value,
                "reviewed_at": record.reviewed_at,
                "duration_ms": record.duration_ms,
                "retention": record.retention,
                "state_before": record.before.state.value,
                "memory_before": json.dumps(record.before.as_dict()),
                "memory_after": json.dumps(record.after.as_dict()),
            },
        )

    def records(self, learner_id: int, card_id: int | None = None) -> list[ReviewRecord]:
        """Oldest first."""
        query = select(review_records).where(review_records.c.learner_id == learner_id)
        if card_id is not None:
            query = query.where(review_records.c.card_id == card_id)
        rows = self.connection.execute(query.order_by(review_records.c.reviewed_at, review_records.c.id))
        return [
            ReviewRecord(
                card_id=row.card_id,
                rating=Rating(row.rating),
                reviewed_at=row.reviewed_at,
                duration_ms=row.duration_ms,
                retention=row.retention,
                before=Memory.from_dict(json.loads(row.memory_before)),
                after=Memory.from_dict(json.loads(row.memory_after)),
            )
            for row in rows
        ]

    def new_cards_graded_since(self, learner_id: int, since: datetime) -> int:
        """How many new cards the learner has met since `since` (the daily limit counts them)."""
        return self.connection.execute(_NEW_GRADED_SINCE, {"learner_id": learner_id, "since": since}).scalar_one()

    def graded_since(self, learner_id: int, since: datetime) -> list[tuple[datetime, CardState, Rating]]:
        rows = self.connection.execute(
            select(review_records.c.reviewed_at, review_records.c.state_before, review_records.c.rating).where(
                review_records.c.learner_id == learner_id, review_records.c.reviewed_at >= since
            )
        )
        return [(row.reviewed_at, CardState(row.state_before), Rating(row.rating)) for row in rows]

    # Settings

    def settings(self, learner_id: int):
        return self.connection.execute(_SETTINGS, {"learner_id": learner_id}).first()

    def save_settings(self, learner_id: int, *, defaults: dict, **values) -> None:
        """Set the given columns; the learner's first save takes the other ones from `defaults`."""
        insert = dialect_insert(self.connection.dialect.name)
        self.connection.execute(
            insert(study_settings)
            .values(learner_id=learner_id, **{**defaults, **values})
            .on_conflict_do_update(index_elements=[study_settings.c.learner_id], set_=values)
        )

    def learner_of_calendar(self, calendar_key: str) -> int | None:
        return self.connection.execute(
            select(study_settings.c.learner_id).where(study_settings.c.calendar_key == calendar_key)
        ).scalar()
