"""The daily loop's part of an export (format version 2): review cards, review records and study
plans. Cards are named by (topic, question id), not by database id, so that a file moves between
databases; the cards' scheduling state is not exported: it is derived again from the records."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, Field, field_validator

from skilltree.progress.models import Learner
from skilltree.review.cards import MAX_RETENTION, MIN_RETENTION, RATING_NAMES, Memory, Rating, ReviewRecord, new_memory
from skilltree.review.plan import MAX_MINUTES_PER_WEEK, MIN_MINUTES_PER_WEEK, WEEKDAYS, Session
from skilltree.review.scheduling import grade
from skilltree.services.transfer_rules import CatalogId, Strict, plausible

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork


class CardDocument(Strict):
    topic: CatalogId
    question: CatalogId
    created_at: AwareDatetime
    suspended: bool

    _plausible_created_at = field_validator("created_at")(plausible)


class ReviewDocument(Strict):
    topic: CatalogId
    question: CatalogId
    rating: Literal[RATING_NAMES]  # type: ignore[valid-type]
    reviewed_at: AwareDatetime
    duration_ms: int | None = Field(ge=0, le=86_400_000)
    retention: float = Field(ge=MIN_RETENTION, le=MAX_RETENTION)

    _plausible_reviewed_at = field_validator("reviewed_at")(plausible)


class SessionDocument(Strict):
    day: date = Field(strict=False)  # JSON has no dates: an ISO date string
    topics: list[str]
    topic_minutes: int = Field(ge=0)
    review_minutes: int = Field(ge=0)


class PlanDocument(Strict):
    path: CatalogId
    minutes_per_week: int = Field(ge=MIN_MINUTES_PER_WEEK, le=MAX_MINUTES_PER_WEEK)
    days: list[Literal[WEEKDAYS]] = Field(min_length=1)  # type: ignore[valid-type]
    start_date: date = Field(strict=False)
    target_date: date | None = Field(strict=False)
    updated_at: AwareDatetime
    sessions: list[SessionDocument]

    _plausible_updated_at = field_validator("updated_at")(plausible)


def export_review(uow: UnitOfWork, *, learner: Learner) -> dict:
    cards = uow.review.cards(learner.id)
    names = {card.id: (card.topic_id, card.question_id) for card in cards}
    return {
        "cards": [
            {"topic": c.topic_id, "question": c.question_id, "created_at": uow.review.created_at(c.id).isoformat(), "suspended": c.suspended}
            for c in cards
        ],
        "reviews": [
            {"topic": names[r.card_id][0], "question": names[r.card_id][1], "rating": r.rating.value,
             "reviewed_at": r.reviewed_at.isoformat(), "duration_ms": r.duration_ms, "retention": r.retention}
            for r in uow.review.records(learner.id)
        ],
        "plans": [
            {
                "path": row.path_id, "minutes_per_week": row.minutes_per_week, "days": row.weekdays.split(","),
                "start_date": row.start_date.isoformat(), "target_date": row.target_date.isoformat() if row.target_date else None,
                "updated_at": row.updated_at.isoformat(),
                "sessions": [
                    {"day": s.day.isoformat(), "topics": list(s.topics), "topic_minutes": s.topic_minutes, "review_minutes": s.review_minutes}
                    for s in uow.plans.sessions(learner.id, row.path_id)
                ],
            }
            for row in uow.plans.all(learner.id)
        ],
    }


def import_review(
    uow: UnitOfWork, *, learner: Learner, cards: list[CardDocument], reviews: list[ReviewDocument], plans: list[PlanDocument]
) -> dict:
    """Add the cards, records and plans the learner does not have, inside the caller's transaction.
    A card that gains records gets its state by replaying all of them, in time order."""
    before = {(c.topic_id, c.question_id): c for c in uow.review.cards(learner.id)}
    for card in cards:
        if (card.topic, card.question) not in before:
            uow.review.import_card(learner.id, card.topic, card.question, created_at=card.created_at, suspended=card.suspended)
    for review in reviews:  # a record whose card the file left out still gets one
        uow.review.import_card(learner.id, review.topic, review.question, created_at=review.reviewed_at, suspended=False)
    by_name = {(c.topic_id, c.question_id): c for c in uow.review.cards(learner.id)}
    existing = uow.review.records(learner.id)
    known = {(r.card_id, r.reviewed_at, r.rating) for r in existing}
    added: dict[int, list[ReviewDocument]] = {}
    for review in reviews:
        card = by_name[(review.topic, review.question)]
        key = (card.id, review.reviewed_at, Rating(review.rating))
        if key not in known:
            known.add(key)
            added.setdefault(card.id, []).append(review)
    for card_id, new in added.items():
        _replay_with(uow, learner, card_id, [r for r in existing if r.card_id == card_id], new)
    plans_added = 0
    for plan in plans:
        if uow.plans.get(learner.id, plan.path) is None:
            uow.plans.save(
                learner.id, plan.path, minutes_per_week=plan.minutes_per_week, weekdays=",".join(plan.days),
                start_date=plan.start_date, target_date=plan.target_date, updated_at=plan.updated_at,
            )
            sessions = [Session(s.day, tuple(s.topics), s.topic_minutes, s.review_minutes) for s in plan.sessions]
            uow.plans.replace_sessions_from(learner.id, plan.path, date.min, sessions)
            plans_added += 1
    return {"reviews_added": sum(len(new) for new in added.values()), "plans_added": plans_added}


def _replay_with(uow: UnitOfWork, learner: Learner, card_id: int, existing: list[ReviewRecord], new: list[ReviewDocument]) -> None:
    grades: list[tuple[datetime, Rating, float, int | None, bool]] = [
        (r.reviewed_at, r.rating, r.retention, r.duration_ms, False) for r in existing
    ] + [(r.reviewed_at, Rating(r.rating), r.retention, r.duration_ms, True) for r in new]
    memory: Memory = new_memory(uow.review.created_at(card_id))
    for at, rating, retention, duration, is_new in sorted(grades, key=lambda g: g[0]):
        after = grade(memory, rating, at=at, retention=retention)
        if is_new:
            uow.review.append_record(learner.id, ReviewRecord(card_id, rating, at, duration, retention, memory, after))
        memory = after
    uow.review.save_memory(card_id, memory)
