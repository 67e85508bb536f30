"""The API of teams: /api/v1/teams and /api/v1/invites. Every route asks services/teams.team_access
(through the service it calls) what the token's owner may do; outsiders get 404 for everything."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from skilltree.ids import MAX_ID
from skilltree.services import progress as progress_service
from skilltree.services import team_dashboard as dashboard_service
from skilltree.services import teams as teams_service
from skilltree.services.team_documents import assignment_document, dashboard_document, member_document, team_document
from skilltree.store.uow import UnitOfWork
from skilltree.teams.model import Role
from skilltree.web.api import ERRORS
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, SettingsDep, UnitsDep, now
from skilltree.web.schemas import (
    AssignmentCreate,
    AssignmentPublic,
    MyAssignmentListPublic,
    InviteCreate,
    InvitePublic,
    MemberUpdate,
    TeamCreate,
    TeamDashboardPublic,
    TeamListPublic,
    TeamMemberPublic,
    TeamPublic,
    TeamUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["teams"], responses={401: ERRORS[401], 422: ERRORS[422]})
TeamId = Annotated[int, Path(ge=1, le=MAX_ID)]
NOT_YOURS = {404: ERRORS[404]}
YOUR_ROLE = {404: ERRORS[404], 403: ERRORS[403]}


@router.post("/teams", response_model=TeamPublic, status_code=201, responses={400: ERRORS[400]},
             summary="Create a team; you are its owner")
def create_team(body: TeamCreate, learner: ApiLearner, units: UnitsDep):
    return team_document(teams_service.create_team(units, learner=learner, name=body.name, description=body.description, now=now()))


@router.get("/teams", response_model=TeamListPublic, summary="The teams you belong to, with your role in each")
def list_teams(learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        mine = teams_service.my_teams(uow, learner=learner)
    return TeamListPublic.model_validate({"teams": mine})


@router.get("/teams/{team_id}", response_model=TeamPublic, responses=NOT_YOURS, summary="A team you belong to and its members")
def get_team(team_id: TeamId, learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return team_document(teams_service.team_view(uow, team_id=team_id, viewer=learner))


@router.patch("/teams/{team_id}", response_model=TeamPublic, responses={**YOUR_ROLE, 400: ERRORS[400]},
              summary="Rename a team, change its description or its stuck threshold (owners)")
def update_team(team_id: TeamId, body: TeamUpdate, learner: ApiLearner, units: UnitsDep):
    return team_document(teams_service.update_team(
        units, team_id=team_id, viewer=learner, name=body.name, description=body.description, stuck_days=body.stuck_days
    ))


@router.delete("/teams/{team_id}", status_code=204, responses=YOUR_ROLE,
               summary="Delete a team (owners); every member keeps their own progress")
def delete_team(team_id: TeamId, learner: ApiLearner, units: UnitsDep):
    teams_service.delete_team(units, team_id=team_id, viewer=learner)
    return Response(status_code=204)


@router.post("/teams/{team_id}/invites", response_model=InvitePublic, status_code=201, responses={**YOUR_ROLE, 400: ERRORS[400]},
             summary="An invite link for one or more people, valid 7 days unless told otherwise (owners and mentors)")
def create_invite(team_id: TeamId, body: InviteCreate, request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    issued = teams_service.create_invite(
        units, team_id=team_id, viewer=learner, uses=body.uses, days=body.expires_in_days, now=now(), secret=settings.secret_key
    )
    return {
        "id": issued.invite.id, "code": issued.code, "url": str(request.base_url).rstrip("/") + issued.path,
        "expires_at": issued.invite.expires_at, "uses_left": issued.invite.uses_left,
    }


@router.delete("/teams/{team_id}/invites/{invite_id}", status_code=204, responses=YOUR_ROLE,
               summary="Revoke an invite link (owners and mentors)")
def revoke_invite(team_id: TeamId, invite_id: Annotated[int, Path(ge=1, le=MAX_ID)], learner: ApiLearner, units: UnitsDep):
    teams_service.revoke_invite(units, team_id=team_id, viewer=learner, invite_id=invite_id, now=now())
    return Response(status_code=204)


@router.post("/invites/{code}/accept", response_model=TeamPublic, responses={404: ERRORS[404], 409: ERRORS[409], 429: ERRORS[429]},
             summary="Join a team through its invite link")
def accept_invite(code: str, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    return team_document(teams_service.accept_invite(units, code=code, learner=learner, now=now(), secret=settings.secret_key))


@router.patch("/teams/{team_id}/members/{username}", response_model=TeamMemberPublic, responses={**YOUR_ROLE, 409: ERRORS[409]},
              summary="Change a member's role (owners); the team always keeps an owner")
def change_role(team_id: TeamId, username: str, body: MemberUpdate, learner: ApiLearner, units: UnitsDep):
    return member_document(teams_service.change_role(units, team_id=team_id, viewer=learner, username=username, role=Role(body.role)))


@router.delete("/teams/{team_id}/members/{username}", status_code=204, responses={**YOUR_ROLE, 409: ERRORS[409]},
               summary="Remove a member (owners) or leave (yourself); their progress stays theirs")
def remove_member(team_id: TeamId, username: str, learner: ApiLearner, units: UnitsDep):
    teams_service.remove_member(units, team_id=team_id, viewer=learner, username=username)
    return Response(status_code=204)


@router.post("/teams/{team_id}/assignments", response_model=AssignmentPublic, status_code=201, responses={**YOUR_ROLE, 400: ERRORS[400]},
             summary="Assign a path to the whole team or to members, with an optional due date (owners and mentors)")
def assign_path(team_id: TeamId, body: AssignmentCreate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    moment = now()
    assignment = teams_service.assign_path(
        units, catalog, team_id=team_id, viewer=learner, path_id=body.path, due=body.due, usernames=body.members,
        today=progress_service.learner_today(learner, moment), now=moment,
    )
    return assignment_document(assignment)


@router.get("/me/assignments", response_model=MyAssignmentListPublic, tags=["me"],
            summary="The paths your teams assigned you, soonest due first, with your progress")
def my_assignments(learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        mine = teams_service.my_assignments(uow, catalog, learner=learner, today=progress_service.learner_today(learner, now()))
    return MyAssignmentListPublic.model_validate({"assignments": mine})


@router.get("/teams/{team_id}/dashboard", response_model=TeamDashboardPublic, responses=YOUR_ROLE,
            summary="The team's dashboard (owners and mentors): progress per member and assignment, who is stuck and why, "
                    "activity per day, the team per section")
def team_dashboard(team_id: TeamId, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return dashboard_document(dashboard_service.team_dashboard(uow, catalog, team_id=team_id, viewer=learner, now=now()))
