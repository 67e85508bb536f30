"""Growth conversation pages: /teams/{id}/ladder (sharing one's self-ratings with the team; for
mentors and owners, whom to rate), a mentor's rating sheet of a member at
/teams/{id}/members/{username}/ladder/{ladder_id}, and the member's /ladders/{id}/received (their own
ratings beside their mentors', the agenda of the next one-to-one, the history). Forms work without
JavaScript; who may do what is services/teams.team_access's, through the service each route calls."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH
from skilltree.progress.models import Source
from skilltree.services import assessment, mentor_ratings
from skilltree.services import teams as teams_service
from skilltree.store.uow import UnitOfWork
from skilltree.teams.model import Permission
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, UnitsDep, ViewerDep, now
from skilltree.web.team_pages import TeamId
from skilltree.web.templating import render

router = APIRouter()

# Where the sharing form sends its learner back to: the pages that show it.
SHARING_RETURNS = {"team": "/teams/{team_id}/ladder?done=sharing", "settings": "/settings?done=sharing#team-sharing"}


def _rated_ladders(catalog) -> list:
    """The ladders that have a scale to rate on, by title."""
    return sorted((ladder for ladder in catalog.ladders.values() if ladder.ratings), key=lambda ladder: ladder.title)


@router.get("/teams/{team_id}/ladder", include_in_schema=False)
def team_ladder_page(team_id: TeamId, request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep,
                     engine: EngineDep):
    with UnitOfWork(engine) as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=learner)
        shared = mentor_ratings.sharing(uow, team_id=team_id, viewer=learner)
    others = [member for member in view.members if member.username != learner.username]
    return render(
        request, "team_ladder.html", viewer, title=f"Growth conversations: {view.team.name}", view=view, sharing=shared,
        members=others if view.may(Permission.RATE_MEMBERS) else [], ladders=_rated_ladders(catalog),
        done=request.query_params.get("done", "") == "sharing",
    )


@router.post("/teams/{team_id}/sharing", include_in_schema=False)
def set_sharing(
    team_id: TeamId, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep,
    shares_ratings: Annotated[Literal["on", "off"], Form()] = "off",
    back: Annotated[Literal["team", "settings"], Form()] = "team",
):
    mentor_ratings.set_sharing(units, team_id=team_id, viewer=learner, shares=shares_ratings == "on")
    return RedirectResponse(SHARING_RETURNS[back].format(team_id=team_id), status_code=303)


@router.get("/teams/{team_id}/members/{username}/ladder/{ladder_id}", include_in_schema=False)
def member_sheet_page(team_id: TeamId, username: str, ladder_id: str, request: Request, learner: CurrentLearner,
                      viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        sheet = mentor_ratings.member_sheet(uow, catalog, team_id=team_id, viewer=learner, username=username, ladder_id=ladder_id)
    return render(
        request, "member_sheet.html", viewer, title=f"{sheet.member.display_name} on {sheet.ladder.title}", sheet=sheet,
        saved=request.query_params.get("saved", ""), note_max=EVIDENCE_MAX_LENGTH,
    )


@router.post("/teams/{team_id}/members/{username}/ladder/{ladder_id}/{responsibility_id}", include_in_schema=False)
def rate_member(
    team_id: TeamId, username: str, ladder_id: str, responsibility_id: str, learner: CurrentLearner, _: CsrfChecked,
    catalog: CatalogDep, units: UnitsDep,
    rating: Annotated[str, Form(max_length=32)],
    note: Annotated[str, Form(max_length=EVIDENCE_MAX_LENGTH)] = "",
):
    mentor_ratings.rate_member(
        units, catalog, team_id=team_id, viewer=learner, username=username, ladder_id=ladder_id,
        responsibility_id=responsibility_id, rating=assessment.parse_rating(rating), note=note, source=Source.WEB, now=now(),
    )
    return RedirectResponse(
        f"/teams/{team_id}/members/{username}/ladder/{ladder_id}?saved={responsibility_id}#duty-{responsibility_id}",
        status_code=303,
    )


@router.get("/ladders/{ladder_id}/received", include_in_schema=False)
def ratings_received_page(ladder_id: str, request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep,
                          engine: EngineDep):
    with UnitOfWork(engine) as uow:
        received = mentor_ratings.ratings_received(uow, catalog, learner=learner, ladder_id=ladder_id)
    return render(request, "ratings_received.html", viewer, title=f"Ratings received: {received.ladder.title}", received=received)
