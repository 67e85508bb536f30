"""Team pages: /teams (mine, create), /teams/{id} (the dashboard for owners and mentors, the team for
members), /teams/{id}/members, /teams/{id}/assignments, /teams/{id}/dashboard.csv, and invite links at
/invites/{code}. Every form works without JavaScript; every decision about
who may do what is services/teams.team_access's, through the service each route calls."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from skilltree.errors import InvalidInput
from skilltree.services import catalog as catalog_service
from skilltree.services import progress as progress_service
from skilltree.services import team_dashboard as dashboard_service
from skilltree.services import teams as teams_service
from skilltree.store.uow import UnitOfWork
from skilltree.teams.model import (
    DESCRIPTION_MAX_LENGTH,
    INVITE_DAYS_DEFAULT,
    INVITE_DAYS_RANGE,
    INVITE_USES_RANGE,
    NAME_MAX_LENGTH,
    NOT_SHARED_WITH_TEAM,
    SHARED_WITH_TEAM,
    STUCK_DAYS_RANGE,
    Permission,
    Role,
)
from skilltree.web.api_teams import TeamId
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, SettingsDep, UnitsDep, Viewer, ViewerDep, now
from skilltree.web.templating import render

router = APIRouter()

# What /teams/{id}?done=... and /teams?done=... say after a form succeeded.
DONE_MESSAGES = {
    "created": "The team is created; you are its owner. Invite people from its Members page.",
    "joined": "You joined the team.",
    "saved": "Saved.",
    "role": "The role is changed.",
    "removed": "The member is removed; their progress stays theirs.",
    "left": "You left the team.",
    "assigned": "The path is assigned.",
    "deleted": "The team is deleted; everyone's progress stays theirs.",
}


def _done(request: Request) -> str:
    return DONE_MESSAGES.get(request.query_params.get("done", ""), "")


@router.get("/teams", include_in_schema=False)
def teams_page(request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        mine = teams_service.my_teams(uow, learner=learner)
    return render(
        request, "teams.html", viewer, title="Teams", teams=mine, done=_done(request),
        name_max=NAME_MAX_LENGTH, description_max=DESCRIPTION_MAX_LENGTH,
    )


@router.post("/teams", include_in_schema=False)
def create_team(
    learner: CurrentLearner, _: CsrfChecked, units: UnitsDep,
    name: Annotated[str, Form(max_length=NAME_MAX_LENGTH)],
    description: Annotated[str, Form(max_length=DESCRIPTION_MAX_LENGTH)] = "",
):
    view = teams_service.create_team(units, learner=learner, name=name, description=description, now=now())
    return RedirectResponse(f"/teams/{view.team.id}?done=created", status_code=303)


def _team_context(request: Request, view: teams_service.TeamView) -> dict:
    """What every page of a team shows: its head and links, and what the viewer's role allows."""
    return dict(
        title=view.team.name, view=view, done=_done(request), may_see_progress=view.may(Permission.SEE_PROGRESS),
        may_assign=view.may(Permission.ASSIGN), may_invite=view.may(Permission.INVITE),
        may_manage_team=view.may(Permission.MANAGE_TEAM), may_manage_members=view.may(Permission.MANAGE_MEMBERS),
    )


def _path_titles(catalog) -> dict[str, str]:
    return {path.id: path.title for path in catalog_service.path_summaries(catalog)}


@router.get("/teams/{team_id}", include_in_schema=False)
def team_page(team_id: TeamId, request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep,
              catalog: CatalogDep):
    """Owners and mentors see the dashboard; members, the team's members and their own assignments."""
    with UnitOfWork(engine) as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=learner)
        board = (dashboard_service.team_dashboard(uow, catalog, team_id=team_id, viewer=learner, now=now())
                 if view.may(Permission.SEE_PROGRESS) else None)
        assignments = [] if board else teams_service.team_assignments(uow, team_id=team_id, viewer=learner)
    return render(
        request, "team.html", viewer, **_team_context(request, view), board=board, assignments=assignments,
        path_titles=_path_titles(catalog), roles=[role.value for role in Role],
        stuck_range=STUCK_DAYS_RANGE, name_max=NAME_MAX_LENGTH, description_max=DESCRIPTION_MAX_LENGTH,
    )


def _members_page(request: Request, viewer: Viewer, view: teams_service.TeamView, *, new_invite: str = ""):
    return render(
        request, "team_members.html", viewer, **_team_context(request, view), new_invite=new_invite,
        roles=[role.value for role in Role], uses_range=INVITE_USES_RANGE, days_range=INVITE_DAYS_RANGE,
        days_default=INVITE_DAYS_DEFAULT,
    )


@router.get("/teams/{team_id}/members", include_in_schema=False)
def members_page(team_id: TeamId, request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep):
    """Everyone in the team sees who is in it; owners change roles and remove people here."""
    with UnitOfWork(engine) as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=learner)
    return _members_page(request, viewer, view)


@router.get("/teams/{team_id}/assignments", include_in_schema=False)
def assignments_page(team_id: TeamId, request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep,
                     catalog: CatalogDep):
    """Owners and mentors see every assignment and assign paths; a member sees their own."""
    with UnitOfWork(engine) as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=learner)
        assignments = teams_service.team_assignments(uow, team_id=team_id, viewer=learner)
    return render(
        request, "team_assignments.html", viewer, **_team_context(request, view), assignments=assignments,
        path_titles=_path_titles(catalog),
    )


@router.get("/teams/{team_id}/dashboard.csv", include_in_schema=False)
def dashboard_csv(team_id: TeamId, learner: CurrentLearner, engine: EngineDep, catalog: CatalogDep):
    with UnitOfWork(engine) as uow:
        board = dashboard_service.team_dashboard(uow, catalog, team_id=team_id, viewer=learner, now=now())
    return Response(
        dashboard_service.dashboard_csv(board), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="team-{team_id}-dashboard.csv"'},
    )


@router.post("/teams/{team_id}/settings", include_in_schema=False)
def save_team(
    team_id: TeamId, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep,
    name: Annotated[str, Form(max_length=NAME_MAX_LENGTH)],
    stuck_days: Annotated[int, Form()],
    description: Annotated[str, Form(max_length=DESCRIPTION_MAX_LENGTH)] = "",
):
    teams_service.update_team(units, team_id=team_id, viewer=learner, name=name, description=description, stuck_days=stuck_days)
    return RedirectResponse(f"/teams/{team_id}?done=saved", status_code=303)


@router.post("/teams/{team_id}/invites", include_in_schema=False)
def create_invite(
    team_id: TeamId, request: Request, learner: CurrentLearner, viewer: ViewerDep, _: CsrfChecked, units: UnitsDep,
    engine: EngineDep, settings: SettingsDep, uses: Annotated[int, Form()] = 1, days: Annotated[int, Form()] = INVITE_DAYS_DEFAULT,
):
    issued = teams_service.create_invite(units, team_id=team_id, viewer=learner, uses=uses, days=days, now=now(), secret=settings.secret_key)
    with UnitOfWork(engine) as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=learner)
    # Rendered, not redirected: the link is shown this once and must not sit in a URL or history.
    return _members_page(request, viewer, view, new_invite=str(request.base_url).rstrip("/") + issued.path)


@router.post("/teams/{team_id}/assignments", include_in_schema=False)
def assign_path(
    team_id: TeamId, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep, catalog: CatalogDep,
    path: Annotated[str, Form(max_length=100)],
    due: Annotated[str, Form(max_length=10)] = "",
    members: Annotated[list[str], Form()] = [],  # none ticked: the whole team
):
    try:
        due_date = date.fromisoformat(due) if due else None
    except ValueError:
        raise InvalidInput(f"the due date {due!r} is not a date such as 2026-12-31") from None
    moment = now()
    teams_service.assign_path(
        units, catalog, team_id=team_id, viewer=learner, path_id=path, due=due_date, usernames=members or None,
        today=progress_service.learner_today(learner, moment), now=moment,
    )
    return RedirectResponse(f"/teams/{team_id}/assignments?done=assigned", status_code=303)


@router.post("/teams/{team_id}/members/{username}/role", include_in_schema=False)
def change_role(team_id: TeamId, username: str, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep,
                role: Annotated[Role, Form()]):
    teams_service.change_role(units, team_id=team_id, viewer=learner, username=username, role=role)
    return RedirectResponse(f"/teams/{team_id}/members?done=role", status_code=303)


@router.post("/teams/{team_id}/members/{username}/remove", include_in_schema=False)
def remove_member(team_id: TeamId, username: str, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep):
    teams_service.remove_member(units, team_id=team_id, viewer=learner, username=username)
    if username == learner.username:
        return RedirectResponse("/teams?done=left", status_code=303)
    return RedirectResponse(f"/teams/{team_id}/members?done=removed", status_code=303)


@router.post("/teams/{team_id}/delete", include_in_schema=False)
def delete_team(team_id: TeamId, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep):
    teams_service.delete_team(units, team_id=team_id, viewer=learner)
    return RedirectResponse("/teams?done=deleted", status_code=303)


@router.get("/invites/{code}", include_in_schema=False)
def invite_page(code: str, request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, settings: SettingsDep):
    with UnitOfWork(engine) as uow:
        team = teams_service.invited_team(uow, code=code, secret=settings.secret_key, now=now())
    return render(
        request, "invite.html", viewer, title=f"Join {team.name}", team=team, code=code,
        shared=SHARED_WITH_TEAM, not_shared=NOT_SHARED_WITH_TEAM,
    )


@router.post("/invites/{code}", include_in_schema=False)
def accept_invite(code: str, learner: CurrentLearner, _: CsrfChecked, units: UnitsDep, settings: SettingsDep):
    view = teams_service.accept_invite(units, code=code, learner=learner, now=now(), secret=settings.secret_key)
    return RedirectResponse(f"/teams/{view.team.id}?done=joined", status_code=303)
