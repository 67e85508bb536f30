"""`skilltree teams` (the teams you are in), `skilltree assignments` (what they assigned you), and
`skilltree team create|invite|members|assign` (what owners and mentors do with a team)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Annotated, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.database import load_settings
from skilltree.cli.exits import EXIT_PROBLEM, EXIT_USAGE, fail
from skilltree.ids import MAX_ID
from skilltree.cli.learner_session import learner_store
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document
from skilltree.teams.model import INVITE_DAYS_DEFAULT


def teams(as_json: JsonOption = False, learner: LearnerOption = None) -> None:
    """List the teams you are in, with your role in each."""
    from skilltree.services import teams as teams_service

    with learner_store(learner, create=False) as (units, person):
        mine = []
        if person is not None:
            with units() as uow:
                mine = teams_service.my_teams(uow, learner=person)
    print_document({"teams": mine}, as_json, "render_teams", public="TeamListPublic")


def assignments(as_json: JsonOption = False, learner: LearnerOption = None, content: ContentOption = None) -> None:
    """List the paths your teams assigned you, soonest due first, with your progress and days left."""
    from skilltree.services import progress as progress_service
    from skilltree.services import teams as teams_service

    catalog = load_catalog_or_exit(content)
    with learner_store(learner, create=False) as (units, person):
        mine = []
        if person is not None:
            today = progress_service.learner_today(person, datetime.now(timezone.utc))
            with units() as uow:
                mine = teams_service.my_assignments(uow, catalog, learner=person, today=today)
    print_document({"assignments": mine}, as_json, "render_assignments", public="MyAssignmentListPublic")


# `skilltree team ...`: what owners and mentors do with one team, as the named learner, through the
# same services (and team_access) as the web and the API; --json prints the API's document.
team_app = typer.Typer(help="Create a team, invite people, list its members, assign a path.", no_args_is_help=True)
TeamIdArgument = Annotated[int, typer.Argument(metavar="TEAM_ID", min=1, max=MAX_ID, help="The team's id, as `skilltree teams` lists it.")]


@contextmanager
def _acting(learner: str | None, team_id: int | None = None):
    """(factory of units of work, the learner, now). A learner not known yet is in no team: the team
    they name is as unknown to them as to any outsider."""
    with learner_store(learner, create=team_id is None) as (units, person):
        if person is None:
            fail(f"no team {team_id}", EXIT_PROBLEM)
        yield units, person, datetime.now(timezone.utc)


@team_app.command("create")
def create(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The team's name.")],
    description: Annotated[str, typer.Option("--description", help="What the team is for.")] = "",
    as_json: JsonOption = False, learner: LearnerOption = None,
) -> None:
    """Create a team; you are its owner."""
    from skilltree.services import teams as teams_service
    from skilltree.services.team_documents import team_document

    with _acting(learner) as (units, person, now):
        view = teams_service.create_team(units, learner=person, name=name, description=description, now=now)
    print_document(team_document(view), as_json, "render_team", public="TeamPublic")


@team_app.command("invite")
def invite(
    team_id: TeamIdArgument,
    uses: Annotated[int, typer.Option("--uses", help="How many people it lets in.")] = 1,
    days: Annotated[int, typer.Option("--days", help="Days it works.")] = INVITE_DAYS_DEFAULT,
    base_url: Annotated[str, typer.Option("--base-url", help="The address your Skilltree is served at.")] = "http://127.0.0.1:8000",
    as_json: JsonOption = False, learner: LearnerOption = None,
) -> None:
    """An invite link to the team (owners and mentors), shown this once."""
    from skilltree.services import teams as teams_service

    secret = load_settings().secret_key  # the server's key: the code's hash must be the one it computes
    with _acting(learner, team_id) as (units, person, now):
        issued = teams_service.create_invite(units, team_id=team_id, viewer=person, uses=uses, days=days, now=now, secret=secret)
    document = {
        "id": issued.invite.id, "code": issued.code, "url": base_url.rstrip("/") + issued.path,
        "expires_at": issued.invite.expires_at, "uses_left": issued.invite.uses_left,
    }
    print_document(document, as_json, "render_invite", public="InvitePublic")


@team_app.command("members")
def members(team_id: TeamIdArgument, as_json: JsonOption = False, learner: LearnerOption = None) -> None:
    """The team's members and their roles."""
    from skilltree.services import teams as teams_service
    from skilltree.services.team_documents import team_document

    with _acting(learner, team_id) as (units, person, _), units() as uow:
        view = teams_service.team_view(uow, team_id=team_id, viewer=person)
    print_document(team_document(view), as_json, "render_team", public="TeamPublic")


@team_app.command("assign")
def assign(
    team_id: TeamIdArgument,
    path: Annotated[str, typer.Argument(metavar="PATH", help="A path id, as `skilltree paths` lists them.")],
    due: Annotated[Optional[str], typer.Option("--due", metavar="YYYY-MM-DD", help="The due date.", show_default=False)] = None,
    member: Annotated[Optional[list[str]], typer.Option("--member", metavar="USER", help="A member to assign it to (repeat it); none: the whole team.", show_default=False)] = None,
    as_json: JsonOption = False, learner: LearnerOption = None, content: ContentOption = None,
) -> None:
    """Assign a path to the whole team or to members, with an optional due date (owners and mentors)."""
    from skilltree.services import progress as progress_service
    from skilltree.services import teams as teams_service
    from skilltree.services.team_documents import assignment_document

    try:
        due_date = date.fromisoformat(due) if due is not None else None
    except ValueError:
        fail(f"--due {due!r} is not a date such as 2026-12-31", EXIT_USAGE)
    catalog = load_catalog_or_exit(content)
    with _acting(learner, team_id) as (units, person, now):
        assignment = teams_service.assign_path(
            units, catalog, team_id=team_id, viewer=person, path_id=path, due=due_date, usernames=member or None,
            today=progress_service.learner_today(person, now), now=now,
        )
    print_document(assignment_document(assignment), as_json, "render_assignment", public="AssignmentPublic")


@team_app.command("dashboard")
def dashboard(
    team_id: TeamIdArgument,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the grid as CSV, as /teams/{id}/dashboard.csv gives it.")] = False,
    as_json: JsonOption = False, learner: LearnerOption = None, content: ContentOption = None,
) -> None:
    """Who is moving and who is stuck: each member's progress on each assignment (owners and mentors)."""
    from skilltree.services import team_dashboard as dashboard_service
    from skilltree.services.team_documents import dashboard_document

    if as_csv and as_json:
        fail("choose one of --csv and --json", EXIT_USAGE)
    catalog = load_catalog_or_exit(content)
    with _acting(learner, team_id) as (units, person, now), units() as uow:
        board = dashboard_service.team_dashboard(uow, catalog, team_id=team_id, viewer=person, now=now)
    if as_csv:
        typer.echo(dashboard_service.dashboard_csv(board), nl=False)
        return
    print_document(dashboard_document(board), as_json, "render_dashboard", public="TeamDashboardPublic")
