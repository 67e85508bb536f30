"""Review cards, their records and a learner's study settings, in SQL."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import (
    Connection,
    Integer,
    String,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
    union_all,
    update,
)

from skilltree.review.cards import CARD_STATE_NAMES, Card, CardState, Memory, Rating, ReviewRecord
from skilltree.review.queue import Day
from skilltree.store.repositories import dialect_insert
from skilltree.store.tables import UTCDateTime, review_cards, review_records, study_settings

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
# The due queue runs on every page view of a signed-in learner (the header's count): it is read
# with a few queries on ranges of one index (tables.py: ix_review_cards_queue), whose cost does not
# grow with the learner's cards or records.
_ACTIVE = (review_cards.c.learner_id == bindparam("learner_id"), review_cards.c.suspended.is_(False))


def _state_in(*names: str):
    """The state is one of `names`, written into the SQL: a list given as a parameter (in_() of
    values) would be expanded again at every execution, which costs more than the query."""
    return review_cards.c.state.in_([literal_column(f"'{name}'") for name in names])


_IN_REVIEW = review_cards.c.state == CardState.REVIEW.value
_IN_STEPS = _state_in(CardState.LEARNING.value, CardState.RELEARNING.value)
_GRADED = _state_in(CardState.REVIEW.value, CardState.LEARNING.value, CardState.RELEARNING.value)
# A card in review is due for the whole of the learner's day it falls due; a card in its
# (re)learning steps only once its step of minutes is over.
_REVIEW_DUE = (_IN_REVIEW, review_cards.c.due < bindparam("day_end"))
_STEP_DUE = (_IN_STEPS, review_cards.c.due <= bindparam("now"))


def _elapsed_days(dialect: str):
    """Whole days from the card's last review to `now`, as Python's timedelta.days counts them
    (and fsrs with them): floor, exact to the microsecond."""
    if dialect == "postgresql":
        since = bindparam("now", type_=UTCDateTime) - review_cards.c.last_review
        return func.floor(func.extract("epoch", since) / 86400)
    # SQLite keeps moments as UTC text "YYYY-MM-DD HH:MM:SS.ffffff": calendar days apart, less one
    # when the clock time of `now` is earlier than the review's. Comparing the text is exact, where
    # julianday()'s doubles are not at a day's boundary.
    moment = type_coerce(review_cards.c.last_review, String)
    days = cast(func.julianday(bindparam("today")) - func.julianday(func.substr(moment, 1, 10)), Integer)
    return days - (func.substr(moment, 12) > bindparam("clock"))


def _forgetting(dialect: str):
    """Whole days since the last review over stability: FSRS's retrievability falls as it grows
    (scheduling.retrievability), so ordering by it, highest first, is lowest retrievability first.
    No key stored on the card could give this order: two cards' ratios grow at different rates, so
    their order changes with `now`. It is computed for the due cards only, which the index finds."""
    greatest = func.greatest if dialect == "postgresql" else func.max
    unknown = or_(review_cards.c.last_review.is_(None), review_cards.c.stability.is_(None), review_cards.c.stability == 0)
    return case((unknown, literal(0.0)), else_=greatest(0, _elapsed_days(dialect)) / review_cards.c.stability)


def _not_retired(retired: frozenset[int]):
    return review_cards.c.id.not_in(sorted(retired)) if retired else true()


@lru_cache(maxsize=64)  # built once per engine and set of retired cards (usually none)
def _due_cards(dialect: str, retired: frozenset[int]):
    # The first cards are chosen from the index alone (it holds what the order needs), from one
    # range for the cards in review and one for those in their steps; only the rows shown are read.
    forgetting = _forgetting(dialect).label("forgetting")

    def due(*conditions):
        return select(review_cards.c.id, forgetting, review_cards.c.due).where(*_ACTIVE, *conditions, _not_retired(retired))

    both = union_all(due(*_REVIEW_DUE), due(*_STEP_DUE))
    chosen = both.selected_columns
    first = both.order_by(chosen.forgetting.desc(), chosen.due, chosen.id).limit(bindparam("limit")).subquery("first")
    return (
        _SELECT_CARDS.select_from(review_cards.join(first, first.c.id == review_cards.c.id))
        .order_by(first.c.forgetting.desc(), first.c.due, first.c.id)
    )


def _count(*conditions):
    return select(func.count()).where(*_ACTIVE, *conditions).scalar_subquery()


# How many new cards the learner has met since the start of the day (the daily limit counts them).
_NEW_MET = (
    select(func.count())
    .where(
        review_records.c.learner_id == bindparam("learner_id"),
        review_records.c.reviewed_at >= bindparam("day_start"),
        review_records.c.state_before == CardState.NEW.value,
    )
    .scalar_subquery()
)


@lru_cache(maxsize=64)  # built once per set of retired cards (usually none)
def _today_counts(retired: frozenset[int]):
    live = _not_retired(retired)
    return select(
        _count(*_REVIEW_DUE, live) + _count(*_STEP_DUE, live),
        # The rest of today's steps, and tomorrow's cards: a forecast, in which a retired card still counts.
        _count(_IN_STEPS, review_cards.c.due > bindparam("now"), review_cards.c.due < bindparam("day_end"), live)
        + _count(_GRADED, review_cards.c.due >= bindparam("day_end"), review_cards.c.due < bindparam("tomorrow_end")),
        _NEW_MET,
        _count(review_cards.c.state == CardState.NEW.value, live),
        select(study_settings.c.new_cards_per_day).where(study_settings.c.learner_id == bindparam("learner_id")).scalar_subquery(),
    )


def _count_due_in(lower: str | None, upper: str):
    # Every state is named, new ones too: the index holds the state before the moment due.
    every_state = _state_in(*CARD_STATE_NAMES)
    return _count(every_state, *((review_cards.c.due >= bindparam(lower),) if lower else ()), review_cards.c.due < bindparam(upper))


@lru_cache(maxsize=8)
def _count_due_by(days: int):
    """Active cards due before the first moment, and between each moment and the next: one range
    of the index per day, so each card is counted once."""
    return select(*(_count_due_in(f"before_{n - 1}" if n else None, f"before_{n}") for n in range(days)))


# Marking a topic done or not done runs one of these: built once.
_SET_SUSPENDED = (
    update(review_cards)
    .where(review_cards.c.learner_id == bindparam("of_learner"), review_cards.c.topic_id == bindparam("of_topic"))
    .values(suspended=bindparam("suspended"))
)


@lru_cache(maxsize=2)
def _add_cards(dialect_name: str):
    return dialect_insert(dialect_name)(review_cards).on_conflict_do_nothing(
        index_elements=[review_cards.c.learner_id, review_cards.c.topic_id, review_cards.c.question_id]
    )


_CARDS_AFTER = (
    select(review_cards.c.id, review_cards.c.topic_id, review_cards.c.question_id)
    .where(review_cards.c.learner_id == bindparam("learner_id"), review_cards.c.id > bindparam("after_id"))
    .order_by(review_cards.c.id)
)


@lru_cache(maxsize=64)  # built once per engine and set of retired cards (usually none)
def _new_cards(retired: frozenset[int]):
    return (
        _SELECT_CARDS.where(
            review_cards.c.learner_id == bindparam("learner_id"),
            review_cards.c.state == CardState.NEW.value,
            review_cards.c.suspended.is_(False),
            _not_retired(retired),
        )
        .order_by(review_cards.c.id)
        .limit(bindparam("limit"))
    )


# Built once: building a statement costs more than running it on a page view (the roadmap's memory).
_LEARNER_CARDS = _SELECT_CARDS.where(review_cards.c.learner_id == bindparam("learner_id")).order_by(review_cards.c.id)
_TOPIC_CARDS = _LEARNER_CARDS.where(review_cards.c.topic_id.in_(bindparam("topic_ids", expanding=True)))
_CARD = _SELECT_CARDS.where(review_cards.c.id == bindparam("card_id"), review_cards.c.learner_id == bindparam("learner_id"))
# Grading reads the card with the learner's desired retention in one round trip, and locks the
# card's row: two grades of one card at once (a double click, two tabs) must not both start from
# its old state. (SQLite has no row locks: its writers queue for the whole transaction already.)
_CARD_TO_GRADE = (
    select(*_CARD_COLUMNS, study_settings.c.desired_retention)
    .select_from(review_cards.outerjoin(study_settings, study_settings.c.learner_id == review_cards.c.learner_id))
    .where(review_cards.c.id == bindparam("card_id"), review_cards.c.learner_id == bindparam("learner_id"))
    .with_for_update(of=review_cards)
)
# The SET clause comes from the columns given: _memory_columns().
_SAVE_MEMORY = update(review_cards).where(review_cards.c.id == bindparam("card_id"))
_SETTINGS = select(study_settings).where(study_settings.c.learner_id == bindparam("learner_id"))


class TodayCounts(NamedTuple):
    due: int  # cards in review or in their steps due now
    later: int  # the rest of today's steps and tomorrow's cards
    new_met: int  # new cards graded since the day began
    new_waiting: int  # active cards never graded
    new_per_day: int | None  # the learner's daily limit of new cards; None: never set


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
            self.connection.execute(_add_cards(self.connection.dialect.name), rows)

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
        self.connection.execute(_SET_SUSPENDED, {"of_learner": learner_id, "of_topic": topic_id, "suspended": suspended})

    def card(self, learner_id: int, card_id: int) -> Card | None:
        row = self.connection.execute(_CARD, {"card_id": card_id, "learner_id": learner_id}).first()
        return _card(row) if row else None

    def card_to_grade(self, learner_id: int, card_id: int) -> tuple[Card, float | None] | None:
        """The card, locked until the transaction ends, and the learner's desired retention (None:
        they never set it)."""
        row = self.connection.execute(_CARD_TO_GRADE, {"card_id": card_id, "learner_id": learner_id}).first()
        return (_card(row), row.desired_retention) if row else None

    def cards(self, learner_id: int, topic_ids: list[str] | None = None) -> list[Card]:
        if topic_ids is None:
            rows = self.connection.execute(_LEARNER_CARDS, {"learner_id": learner_id})
        else:
            rows = self.connection.execute(_TOPIC_CARDS, {"learner_id": learner_id, "topic_ids": topic_ids})
        return [_card(row) for row in rows]

    def due_cards(self, learner_id: int, *, now: datetime, day_end: datetime, retired: frozenset[int], limit: int) -> list[Card]:
        """The first `limit` cards due now (not suspended, not `retired`), lowest retrievability
        first; equal ones earliest due first."""
        dialect = self.connection.dialect.name
        moments = {"now": now} if dialect == "postgresql" else {
            "today": now.astimezone(timezone.utc).date().isoformat(), "clock": now.astimezone(timezone.utc).strftime("%H:%M:%S.%f")
        }
        rows = self.connection.execute(
            _due_cards(dialect, retired), {"learner_id": learner_id, "now": now, "day_end": day_end, "limit": limit, **moments}
        )
        return [_card(row) for row in rows]

    def today_counts(
        self, learner_id: int, *, now: datetime, day: Day, tomorrow_end: datetime, retired: frozenset[int]
    ) -> TodayCounts:
        """Counted, not read, in one round trip: the queue's figures on every page view."""
        return TodayCounts(
            *self.connection.execute(
                _today_counts(retired),
                {"learner_id": learner_id, "now": now, "day_start": day.start, "day_end": day.end, "tomorrow_end": tomorrow_end},
            ).one()
        )

    def new_cards(self, learner_id: int, *, retired: frozenset[int], limit: int) -> list[Card]:
        """Active cards never graded, oldest first."""
        rows = self.connection.execute(_new_cards(retired), {"learner_id": learner_id, "limit": limit})
        return [_card(row) for row in rows]

    def count_due_by(self, learner_id: int, moments: list[datetime]) -> list[int]:
        """Active cards (new ones too) due before moments[0], then in [moments[n - 1], moments[n])."""
        params = {"learner_id": learner_id} | {f"before_{n}": moment for n, moment in enumerate(moments)}
        return list(self.connection.execute(_count_due_by(len(moments)), params).one())

    def cards_after(self, learner_id: int, after_id: int) -> list[tuple[int, str, str]]:
        """(id, topic, question id) of the learner's cards made after card `after_id`, oldest first."""
        return [tuple(row) for row in self.connection.execute(_CARDS_AFTER, {"learner_id": learner_id, "after_id": after_id})]

    def created_at(self, card_id: int) -> datetime:
        return self.connection.execute(select(review_cards.c.created_at).where(review_cards.c.id == card_id)).scalar_one()

    def save_memory(self, card_id: int, memory: Memory) -> None:
        self.connection.execute(_SAVE_MEMORY, {"card_id": card_id, **_memory_columns(memory)})

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
