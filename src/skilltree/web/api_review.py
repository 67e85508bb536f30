"""The JSON API of the daily loop: review cards, memory figures, study plans and the calendar address.
Every route reads or writes only the token owner's own cards and plans."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from skilltree.ids import MAX_ID
from skilltree.services import plans as plan_service
from skilltree.services import review as review_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.api import ERRORS
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, SettingsDep, UnitsDep, now
from skilltree.web.schemas import (
    CalendarPublic,
    DueReviewsPublic,
    ErrorPublic,
    PlanPublic,
    PlanUpdate,
    ReviewCardPublic,
    ReviewCreate,
    ReviewStatsPublic,
)

router = APIRouter(prefix="/api/v1", tags=["api"], responses={401: ERRORS[401], 422: ERRORS[422]})
# A card id in an address: a whole number both engines' integer keys can hold.
CardId = Annotated[int, Path(ge=1, le=MAX_ID, description="A review card's id.")]
CONFLICT = {"model": ErrorPublic, "description": "The card is suspended: its topic is not done"}


@router.get("/me/reviews/due", response_model=DueReviewsPublic, summary="Your review cards due today, in the order to review them")
def due_reviews(learner: ApiLearner, catalog: CatalogDep, engine: EngineDep, limit: Annotated[int, Query(ge=1, le=500)] = 20):
    with UnitOfWork(engine) as uow:
        queue = review_service.due_queue(uow, catalog, learner=learner, now=now(), limit=limit)
    return {"cards": [review_service.card_document(card) for card in queue.cards], "due_count": queue.due_count, "new_count": queue.new_count}


@router.post(
    "/me/reviews/{card_id}",
    response_model=ReviewCardPublic,
    responses={404: ERRORS[404], 409: CONFLICT},
    summary="Grade a review card: again, hard, good or easy; answers the card with its next due date",
)
def grade_review(card_id: CardId, review: ReviewCreate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    card = review_service.grade_card(
        units, catalog, learner=learner, card_id=card_id, rating=review_service.parse_rating(review.rating),
        now=now(), duration_ms=review.duration_ms,
    )
    return review_service.card_document(card)


@router.get("/me/reviews/stats", response_model=ReviewStatsPublic, summary="What you remember: reviews per day, true retention, cards by state, forecast")
def review_stats(learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return asdict(review_service.memory_stats(uow, learner=learner, now=now()))


@router.get("/me/plans/{path_id}", response_model=PlanPublic, responses={404: ERRORS[404]}, summary="Your study plan for a path")
def get_plan(path_id: str, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return plan_service.plan_document(plan_service.plan_view(uow, catalog, learner=learner, path_id=path_id, now=now()))


@router.put(
    "/me/plans/{path_id}",
    response_model=PlanPublic,
    responses={400: ERRORS[400], 404: ERRORS[404]},
    summary="Plan a path, or change its plan: sessions are laid out again from today on",
)
def put_plan(path_id: str, update: PlanUpdate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    plan = plan_service.save_plan(
        units, catalog, learner=learner, path_id=path_id, minutes_per_week=update.minutes_per_week,
        weekdays=",".join(update.days), start_date=update.start_date, target_date=update.target_date, now=now(),
    )
    return plan_service.plan_document(plan)


@router.delete("/me/plans/{path_id}", status_code=204, responses={404: ERRORS[404]}, summary="Delete your plan for a path")
def delete_plan(path_id: str, learner: ApiLearner, units: UnitsDep):
    plan_service.delete_plan(units, learner=learner, path_id=path_id)
    return Response(status_code=204)


def calendar_url(request: Request, secret: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/calendar/{secret}.ics"


@router.get("/me/calendar", response_model=CalendarPublic, summary="The address of your study plan's calendar feed")
def get_calendar(request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    return {"url": calendar_url(request, plan_service.calendar_secret(units, learner=learner, key=settings.secret_key))}


@router.post("/me/calendar/regenerate", response_model=CalendarPublic, summary="A new calendar address; the old one stops working")
def regenerate_calendar(request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    return {"url": calendar_url(request, plan_service.regenerate_calendar_secret(units, learner=learner, key=settings.secret_key))}
