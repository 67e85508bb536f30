"""Ladder pages: the ladder with the learner's rating forms, rating a responsibility, and
/ladders/{id}/me (chart, readiness, history and the growth plan)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH
from skilltree.progress.models import Source
from skilltree.services import assessment
from skilltree.services import progress as progress_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, UnitsDep, ViewerDep, now
from skilltree.web.radar import radar
from skilltree.web.templating import render

router = APIRouter()


@router.get("/ladders/{ladder_id}", include_in_schema=False)
def ladder_page(ladder_id: str, request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        ladder = progress_service.ladder_report(uow, catalog, learner=viewer.learner, ladder_id=ladder_id)
        # Rating forms only for a signed-in learner, on a ladder that has a scale to rate on.
        rated = viewer.signed_in and bool(catalog.ladders[ladder_id].ratings)
        standing = assessment.standing(uow, catalog, learner=viewer.learner, ladder_id=ladder_id) if rated else None
    saved = request.query_params.get("saved", "")  # the responsibility whose rating was just saved
    return render(request, "ladder.html", viewer, title=ladder.title, ladder=ladder, standing=standing, saved=saved)


@router.post("/ladders/{ladder_id}/ratings/{responsibility_id}", include_in_schema=False)
def rate_responsibility(
    ladder_id: str,
    responsibility_id: str,
    learner: CurrentLearner,
    _: CsrfChecked,
    catalog: CatalogDep,
    units: UnitsDep,
    rating: Annotated[str, Form()],
    evidence: Annotated[str, Form(max_length=EVIDENCE_MAX_LENGTH)] = "",
):
    assessment.rate(
        units, catalog, learner=learner, ladder_id=ladder_id, responsibility_id=responsibility_id,
        rating=assessment.parse_rating(rating), evidence=evidence, source=Source.WEB, now=now(),
    )
    return RedirectResponse(f"/ladders/{ladder_id}?saved={responsibility_id}#duty-{responsibility_id}", status_code=303)


@router.get("/ladders/{ladder_id}/me", include_in_schema=False)
def my_standing_page(
    ladder_id: str, request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep,
    target: str = "",
):
    with UnitOfWork(engine) as uow:
        standing = assessment.standing(uow, catalog, learner=learner, ladder_id=ladder_id)
        plan = assessment.growth(uow, catalog, learner=learner, ladder_id=ladder_id, target=target[:100] or None)
        entries = assessment.timeline(uow, catalog, learner=learner, ladder_id=ladder_id)
    return render(
        request, "ladder_me.html", viewer, title=f"Where I stand: {standing.ladder.title}",
        standing=standing, plan=plan, timeline=entries, chart=radar(standing, plan.target),
    )
