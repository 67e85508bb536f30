"""Pages of the daily loop: /review (one card at a time), /plan, the calendar feed, and "Review this topic"."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from skilltree.errors import InvalidInput, SkilltreeError
from skilltree.ids import MAX_ID
from skilltree.review.cards import RATING_NAMES
from skilltree.review.plan import WEEKDAYS
from skilltree.services import plans as plan_service
from skilltree.services import review as review_service
from skilltree.services.calendar_feed import calendar_feed
from skilltree.store.uow import UnitOfWork
from skilltree.web.api_review import CardId
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, SettingsDep, UnitsDep, ViewerDep, now
from skilltree.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/review")
def review_page(request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, reveal: Annotated[int, Query(ge=0, le=MAX_ID)] = 0):
    with UnitOfWork(engine) as uow:
        queue = review_service.due_queue(uow, catalog, learner=learner, now=now(), limit=1, with_intervals=True)
    card = queue.cards[0] if queue.cards else None
    return render(
        request, "review.html", viewer, title="Review", queue=queue, card=card,
        revealed=bool(card and reveal == card.id), ratings=RATING_NAMES,
    )


@router.post("/review/{card_id}/reveal")
def reveal_answer(card_id: CardId, learner: CurrentLearner, _: CsrfChecked):
    """Without JavaScript, "Show answer" posts here and comes back with the answer shown."""
    return RedirectResponse(f"/review?reveal={card_id}#answer", status_code=303)


@router.post("/review/{card_id}")
def grade(
    card_id: CardId,
    learner: CurrentLearner,
    _: CsrfChecked,
    catalog: CatalogDep,
    units: UnitsDep,
    rating: Annotated[str, Form()],
    shown_at: Annotated[int, Form()] = 0,
):
    moment = now()
    # The page says when it showed the card (ms since the epoch); an implausible figure is dropped.
    duration = int(moment.timestamp() * 1000) - shown_at if shown_at else None
    review_service.grade_card(
        units, catalog, learner=learner, card_id=card_id, rating=review_service.parse_rating(rating), now=moment,
        duration_ms=duration if duration is not None and 0 <= duration <= 86_400_000 else None,
    )
    return RedirectResponse("/review", status_code=303)


@router.post("/topics/{topic_id}/review")
def review_topic(
    topic_id: str,
    learner: CurrentLearner,
    _: CsrfChecked,
    catalog: CatalogDep,
    units: UnitsDep,
):
    """"Review this topic": a topic still being learned gets its cards now."""
    review_service.review_topic(units, catalog, learner=learner, topic_id=topic_id, now=now())
    return RedirectResponse(f"/topics/{topic_id}?reviewing=1", status_code=303)


# Study plans


@router.get("/plan")
def plan_page(request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        plans = plan_service.all_plans(uow, catalog, learner=learner, now=now())
    return _plan_form(request, viewer, catalog, plans)


def _plan_form(request, viewer, catalog, plans, *, error: str = "", form: dict | None = None, status_code: int = 200):
    planned = {plan.path for plan in plans}
    # The form offers the path a newcomer starts with, unless it is planned already.
    start = catalog.start_path.id if catalog.start_path else ""
    first = start if start and start not in planned else next((p for p in catalog.paths if p not in planned), start)
    return render(
        request, "plan.html", viewer, status_code=status_code, title="Study plan", plans=plans,
        paths=[{"id": p.id, "title": p.title} for p in catalog.paths.values()], weekdays=WEEKDAYS,
        error=error, form=form or {"path": first, "minutes_per_week": 180, "days": ["mon", "wed", "fri"], "start_date": "", "target_date": ""},
    )


def _date(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a date (YYYY-MM-DD)") from None


@router.post("/plan")
def save_plan(
    request: Request,
    learner: CurrentLearner,
    viewer: ViewerDep,
    _: CsrfChecked,
    catalog: CatalogDep,
    engine: EngineDep,
    units: UnitsDep,
    path: Annotated[str, Form(max_length=100)],
    minutes_per_week: Annotated[str, Form(max_length=10)] = "",
    days: Annotated[list[str], Form()] = [],  # noqa: B006  (FastAPI copies form defaults)
    start_date: Annotated[str, Form(max_length=20)] = "",
    target_date: Annotated[str, Form(max_length=20)] = "",
):
    form = {"path": path, "minutes_per_week": minutes_per_week, "days": days, "start_date": start_date, "target_date": target_date}
    try:
        if not minutes_per_week.strip().isdigit():
            raise InvalidInput(f"minutes per week: {minutes_per_week!r} is not a whole number")
        plan_service.save_plan(
            units, catalog, learner=learner, path_id=path, minutes_per_week=int(minutes_per_week), weekdays=",".join(days),
            start_date=_date(start_date, "start date"), target_date=_date(target_date, "target date"), now=now(),
        )
    except SkilltreeError as error:  # the form comes back with what was typed
        with UnitOfWork(engine) as uow:
            plans = plan_service.all_plans(uow, catalog, learner=learner, now=now())
        return _plan_form(request, viewer, catalog, plans, error=error.message, form=form, status_code=400)
    return RedirectResponse(f"/plan#plan-{path}", status_code=303)


@router.post("/plan/{path_id}/delete")
def delete_plan(path_id: str, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep):
    plan_service.delete_plan(units, learner=learner, path_id=path_id)
    return RedirectResponse("/plan", status_code=303)


@router.get("/calendar/{secret}.ics")
def calendar(secret: str, request: Request, catalog: CatalogDep, engine: EngineDep):
    """No sign-in: calendar apps fetch it by its secret address alone."""
    moment = now()
    with UnitOfWork(engine) as uow:
        learner = plan_service.calendar_learner(uow, secret=secret)
        plans = plan_service.all_plans(uow, catalog, learner=learner, now=moment)
    body = calendar_feed(plans, learner_id=learner.id, base_url=str(request.base_url), now=moment)
    return Response(body, media_type="text/calendar; charset=utf-8")


@router.post("/settings/calendar")
def regenerate_calendar(learner: CurrentLearner, _: CsrfChecked, units: UnitsDep, settings: SettingsDep):
    plan_service.regenerate_calendar_secret(units, learner=learner, key=settings.secret_key)
    return RedirectResponse("/settings?done=calendar#calendar", status_code=303)


