"""Review cards: made from done topics, suspended and resumed with the topic, graded through FSRS,
queued by the learner's day, and the figures of what they remember."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog
from skilltree.catalog.suggest import parse_choice
from skilltree.errors import InvalidInput, NotFound, SkilltreeError
from skilltree.progress.activity import zone_named
from skilltree.progress.models import Learner, Status
from skilltree.review import stats as review_stats
from skilltree.review.cards import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    MAX_NEW_PER_DAY,
    MAX_RETENTION,
    MIN_RETENTION,
    Card,
    Rating,
    ReviewRecord,
)
from skilltree.review.queue import learner_day, new_cards_left
from skilltree.review.scheduling import grade, intervals, short_interval
from skilltree.services.catalog import find_topic
from skilltree.services.retired_cards import retired_card_ids

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory


class CardSuspended(SkilltreeError):
    code = "conflict"


@dataclass(frozen=True, slots=True)
class StudySettings:
    desired_retention: float = DEFAULT_RETENTION
    new_cards_per_day: int = DEFAULT_NEW_PER_DAY


@dataclass(frozen=True, slots=True)
class ShownCard:
    """A card as the learner sees it: its question and answer, and for each rating the interval it would give."""

    id: int
    topic: str
    topic_title: str
    question: str
    answer: str
    state: str
    due: datetime
    intervals: dict[str, str]


@dataclass(frozen=True, slots=True)
class DueQueue:
    cards: list[ShownCard]  # the first `limit` of today's queue
    due_count: int  # cards in review or learning due today
    new_count: int  # new cards still to meet today, within the daily limit
    tomorrow_count: int  # what tomorrow holds, as far as known today

    @property
    def left(self) -> int:
        return self.due_count + self.new_count


def card_document(card: ShownCard) -> dict:
    """A card as the API and `--json` give it."""
    return {"id": card.id, "topic": card.topic, "question": card.question, "answer": card.answer, "state": card.state,
            "due": card.due.isoformat()}


def parse_rating(text: str) -> Rating:
    return parse_choice(Rating, text, what="rating")


def study_settings(uow: UnitOfWork, *, learner: Learner) -> StudySettings:
    row = uow.review.settings(learner.id)
    return StudySettings(row.desired_retention, row.new_cards_per_day) if row else StudySettings()


def check_study_settings(*, desired_retention: float, new_cards_per_day: int) -> StudySettings:
    if not MIN_RETENTION <= desired_retention <= MAX_RETENTION:
        raise InvalidInput(
            f"desired retention {desired_retention:g} is out of range: choose between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}"
        )
    if not 0 <= new_cards_per_day <= MAX_NEW_PER_DAY:
        raise InvalidInput(f"new cards per day {new_cards_per_day} is out of range: choose between 0 and {MAX_NEW_PER_DAY}")
    return StudySettings(desired_retention, new_cards_per_day)


def save_study_settings(uow: UnitOfWork, *, learner: Learner, settings: StudySettings) -> None:
    """Inside the caller's unit of work: the settings page saves its whole form in one transaction."""
    uow.review.save_settings(
        learner.id, defaults={}, desired_retention=settings.desired_retention, new_cards_per_day=settings.new_cards_per_day
    )


def default_settings_columns() -> dict:
    """What a learner's first row of settings holds for the columns a save does not give."""
    defaults = StudySettings()
    return {"desired_retention": defaults.desired_retention, "new_cards_per_day": defaults.new_cards_per_day}


def follow_status(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str, status: Status, now: datetime) -> None:
    """A done topic's questions become cards (resumed, with their history, if it was done before);
    skipping or resetting it suspends them; learning leaves them as they are."""
    if status is Status.DONE:
        _enrol(uow, catalog, learner=learner, topic_id=topic_id, now=now)
    elif status in (Status.SKIPPED, Status.NOT_STARTED):
        uow.review.set_suspended(learner.id, topic_id, True)


def _enrol(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str, now: datetime) -> None:
    topic = catalog.topics.get(topic_id)
    if topic is not None:
        uow.review.add_cards(learner.id, topic_id, [question.id for question in topic.review], now)
    uow.review.set_suspended(learner.id, topic_id, False)


def review_topic(uows: UnitOfWorkFactory, catalog: Catalog, *, learner: Learner, topic_id: str, now: datetime) -> int:
    """"Review this topic" for a topic still being learned: its questions become cards now.
    Returns how many cards the topic has."""
    topic = find_topic(catalog, topic_id=topic_id)
    with uows(write=True) as uow:
        _enrol(uow, catalog, learner=learner, topic_id=topic.id, now=now)
        uow.commit()
    return len(topic.review)


def _question(catalog: Catalog, card: Card):
    """The question a card asks; None once it has left the content (the card is retired)."""
    topic = catalog.topics.get(card.topic_id)
    if topic is None:
        return None
    return next((question for question in topic.review if question.id == card.question_id), None)


def _shown(catalog: Catalog, card: Card, *, now: datetime, retention: float, with_intervals: bool) -> ShownCard:
    question = _question(catalog, card)
    shown_intervals = (
        {rating.value: short_interval(span) for rating, span in intervals(card.memory, at=now, retention=retention).items()}
        if with_intervals
        else {}
    )
    return ShownCard(
        id=card.id,
        topic=card.topic_id,
        topic_title=catalog.topics[card.topic_id].title,
        question=question.question,
        answer=question.answer,
        state=card.memory.state.value,
        due=card.memory.due,
        intervals=shown_intervals,
    )


def due_queue(
    uow: UnitOfWork, catalog: Catalog, *, learner: Learner, now: datetime, limit: int = 1, with_intervals: bool = False
) -> DueQueue:
    """Today's queue: due cards lowest retrievability first, then new cards up to the daily limit.
    `with_intervals`: each shown card also says what each rating would give (the web's buttons)."""
    day = learner_day(now, zone_named(learner.time_zone))
    retired = retired_card_ids(uow, catalog, learner_id=learner.id)
    counts = uow.review.today_counts(learner.id, now=now, day=day, tomorrow_end=day.end + (day.end - day.start), retired=retired)
    per_day = StudySettings().new_cards_per_day if counts.new_per_day is None else counts.new_per_day
    new_today = new_cards_left(per_day=per_day, introduced_today=counts.new_met)
    # No card is read when none is shown (the header's count on every page): they are counted.
    due = uow.review.due_cards(learner.id, now=now, day_end=day.end, retired=retired, limit=limit) if limit else []
    room = min(new_today, limit - len(due))
    shown = due + (uow.review.new_cards(learner.id, retired=retired, limit=room) if room > 0 else [])
    retention = study_settings(uow, learner=learner).desired_retention if shown else None
    return DueQueue(
        cards=[_shown(catalog, card, now=now, retention=retention, with_intervals=with_intervals) for card in shown],
        due_count=counts.due,
        new_count=min(new_today, counts.new_waiting),
        # Tomorrow's share of the new cards not met today.
        tomorrow_count=counts.later + min(per_day, max(0, counts.new_waiting - new_today)),
    )


def due_count(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, now: datetime) -> int:
    """How many cards are left today (the header shows it on every page)."""
    return due_queue(uow, catalog, learner=learner, now=now, limit=0).left


def grade_card(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    card_id: int,
    rating: Rating,
    now: datetime,
    duration_ms: int | None = None,
) -> ShownCard:
    """Grade one card in one durable transaction: its new state, and the record of the grade."""
    with uows(write=True) as uow:
        found = uow.review.card_to_grade(learner.id, card_id)
        if found is None or _question(catalog, found[0]) is None:
            raise NotFound(f"no review card {card_id}")
        card, stored_retention = found
        retention = StudySettings().desired_retention if stored_retention is None else stored_retention
        if card.suspended:
            raise CardSuspended(
                f"review card {card_id} is suspended because its topic {card.topic_id!r} is not done; mark it done to review it again"
            )
        # A clock behind the card's last review (another app server's) must not grade it in the past.
        at = max(now, card.memory.last_review) if card.memory.last_review else now
        after = grade(card.memory, rating, at=at, retention=retention)
        uow.review.save_memory(card.id, after)
        uow.review.append_record(
            learner.id,
            ReviewRecord(card.id, rating, at, duration_ms, retention, card.memory, after),
        )
        uow.commit()
    return _shown(catalog, card.with_memory(after), now=at, retention=retention, with_intervals=False)


def memory_stats(uow: UnitOfWork, *, learner: Learner, now: datetime) -> review_stats.ReviewStats:
    zone = zone_named(learner.time_zone)
    day = learner_day(now, zone)
    since = day.start - timedelta(days=review_stats.STATS_DAYS - 1)
    graded = uow.review.graded_since(learner.id, since)
    cards = uow.review.cards(learner.id)
    return review_stats.ReviewStats(
        reviews_per_day=review_stats.reviews_per_day((at for at, _, _ in graded), today=day.today, zone=zone),
        true_retention=review_stats.true_retention((state, rating) for _, state, rating in graded),
        cards_by_state=review_stats.cards_by_state(cards),
        forecast={when.isoformat(): count for when, count in due_forecast(uow, learner=learner, now=now).items()},
        suspended=sum(1 for card in cards if card.suspended),
    )


def topic_memory(uow: UnitOfWork, *, learner: Learner, now: datetime, topic_ids: list[str] | None = None) -> dict[str, float]:
    """{topic: mean retrievability of its graded cards}, for the topics that have any."""
    return review_stats.topic_memory(uow.review.cards(learner.id, topic_ids), now=now)


def due_forecast(uow: UnitOfWork, *, learner: Learner, now: datetime) -> dict[date, int]:
    """Cards falling due on each of the learner's next days (the study plan reserves time for them)."""
    zone = zone_named(learner.time_zone)
    today = learner_day(now, zone).today
    counts = uow.review.count_due_by(learner.id, review_stats.forecast_days(today, zone))
    return {today + timedelta(days=n): count for n, count in enumerate(counts)}


@dataclass(frozen=True, slots=True)
class TopicReview:
    cards: int  # cards of the topic's questions that are active (not suspended)
    memory: float | None  # mean retrievability of its graded cards; None before any grade


def topic_review(uow: UnitOfWork, *, learner: Learner, topic_id: str, now: datetime) -> TopicReview:
    cards = uow.review.cards(learner.id, [topic_id])
    memory = review_stats.topic_memory(cards, now=now).get(topic_id)
    return TopicReview(cards=sum(1 for card in cards if not card.suspended), memory=memory)
