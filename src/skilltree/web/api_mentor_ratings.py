"""The API of growth conversations: a mentor rates a member of their team on the ladder
(/api/v1/teams/{id}/members/{username}/ratings/...), a member shares their self-ratings with a team
(/api/v1/teams/{id}/sharing), and reads every rating they received (/api/v1/me/ladders/{id}/received).
Who may do what is services/teams.team_access's, through services/mentor_ratings."""

from __future__ import annotations

from fastapi import APIRouter

from skilltree.catalog.models import Ladder
from skilltree.ladder.ratings import Rating
from skilltree.progress.models import Source
from skilltree.services import mentor_ratings
from skilltree.store.uow import UnitOfWork
from skilltree.web.api import ERRORS
from skilltree.web.api_teams import NOT_YOURS, YOUR_ROLE, TeamId
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, UnitsDep, now
from skilltree.web.schemas import (
    GivenRatingPublic,
    MemberRatingUpdate,
    MemberSheetPublic,
    RatingsReceivedPublic,
    SharingPublic,
    SharingUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["teams"], responses={401: ERRORS[401], 422: ERRORS[422]})


def _scale(ladder: Ladder) -> list[dict]:
    return [{"id": step.id, "label": step.label, "meaning": step.meaning} for step in ladder.ratings]


@router.put(
    "/teams/{team_id}/members/{username}/ratings/{ladder_id}/{responsibility_id}", response_model=GivenRatingPublic,
    responses={**YOUR_ROLE, 400: ERRORS[400]},
    summary="Rate a member of your team on a ladder responsibility, with a note for them (owners and mentors)",
)
def rate_member(team_id: TeamId, username: str, ladder_id: str, responsibility_id: str, body: MemberRatingUpdate,
                learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    return mentor_ratings.rate_member(
        units, catalog, team_id=team_id, viewer=learner, username=username, ladder_id=ladder_id,
        responsibility_id=responsibility_id, rating=Rating(body.rating), note=body.note, source=Source.API, now=now(),
    )


@router.get(
    "/teams/{team_id}/members/{username}/ratings/{ladder_id}", response_model=MemberSheetPublic,
    responses={**YOUR_ROLE, 400: ERRORS[400]},
    summary="A member's rating sheet: their shared self-ratings beside your latest ratings in this team (owners and mentors)",
)
def member_sheet(team_id: TeamId, username: str, ladder_id: str, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        sheet = mentor_ratings.member_sheet(uow, catalog, team_id=team_id, viewer=learner, username=username, ladder_id=ladder_id)
    return {
        "team": sheet.team.id, "member": sheet.member.username, "ladder": sheet.ladder.id, "shared": sheet.shared,
        "ratings": _scale(sheet.ladder), "responsibilities": sheet.duties,
    }


@router.get("/teams/{team_id}/sharing", response_model=SharingPublic, responses=NOT_YOURS,
            summary="Whether you share your ladder self-ratings and evidence with this team's mentors")
def get_sharing(team_id: TeamId, learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return mentor_ratings.sharing(uow, team_id=team_id, viewer=learner)


@router.put("/teams/{team_id}/sharing", response_model=SharingPublic, responses=NOT_YOURS,
            summary="Share your ladder self-ratings and evidence with this team's mentors and owners, or stop")
def set_sharing(team_id: TeamId, body: SharingUpdate, learner: ApiLearner, units: UnitsDep):
    return mentor_ratings.set_sharing(units, team_id=team_id, viewer=learner, shares=body.shares_ratings)


@router.get("/me/ladders/{ladder_id}/received", response_model=RatingsReceivedPublic, tags=["me"],
            responses={400: ERRORS[400], 404: ERRORS[404]},
            summary="The ratings your mentors gave you beside your own, the gaps of two steps or more marked as the agenda")
def ratings_received(ladder_id: str, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        received = mentor_ratings.ratings_received(uow, catalog, learner=learner, ladder_id=ladder_id)
    return {
        "ladder": received.ladder.id, "ratings": _scale(received.ladder), "responsibilities": received.duties,
        "history": received.history,
    }
