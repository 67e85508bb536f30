"""Teams: creating and changing them, invites, members and roles.

`team_access` is the one place that decides who may do what with a team: every face asks it, with
the permission the action needs. Someone outside the team (a site administrator included: teams
hold their members' progress, which is not the site's to read) learns nothing, not even that the
team exists: the same NotFound as for a team that does not exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from skilltree.accounts.names import name_problem
from skilltree.catalog.models import Catalog
from skilltree.errors import InvalidInput, NotFound
from skilltree.progress.models import Learner
from skilltree.services.accounts import Conflict, Forbidden, Throttled, digest
from skilltree.services.catalog import find_path
from skilltree.services.catalog import path_report as catalog_path_report
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory
from skilltree.teams.model import (
    DESCRIPTION_MAX_LENGTH,
    INVITE_CODE_BYTES,
    INVITE_DAYS_RANGE,
    INVITE_FAILURE_WINDOW,
    INVITE_FAILURES_ALLOWED,
    INVITE_USES_RANGE,
    NAME_MAX_LENGTH,
    STUCK_DAYS_DEFAULT,
    STUCK_DAYS_RANGE,
    Assignment,
    Invite,
    Member,
    Permission,
    Role,
    Team,
    days_left,
    leaves_no_owner,
    may,
)


class TeamNotFound(NotFound):
    pass


INVALID_INVITE = "this invite link is unknown, expired, revoked or used up; ask the team for a new one"
NO_OWNER_LEFT = "the team must keep an owner: make another member an owner first"


@dataclass(frozen=True, slots=True)
class Access:
    """A viewer's standing in a team: what `team_access` found, handed to whatever comes next."""

    team: Team
    role: Role
    viewer: Learner

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


@dataclass(frozen=True, slots=True)
class TeamView:
    """A team as one of its members sees it."""

    team: Team
    role: Role
    members: tuple[Member, ...]

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


@dataclass(frozen=True, slots=True)
class MyTeam:
    """One of the learner's teams, named as the API and `skilltree teams` show it."""

    team: Team
    role: Role
    members: int

    @property
    def id(self) -> int:
        return self.team.id

    @property
    def name(self) -> str:
        return self.team.name

    @property
    def description(self) -> str:
        return self.team.description


@dataclass(frozen=True, slots=True)
class IssuedInvite:
    """The code is shown once; the database keeps its keyed hash. The face makes the address."""

    invite: Invite
    code: str

    @property
    def path(self) -> str:
        return f"/invites/{self.code}"


def team_access(uow: UnitOfWork, *, team_id: int, viewer: Learner, needs: Permission = Permission.SEE_TEAM,
                lock: bool = False) -> Access:
    """The viewer's role in the team if it allows `needs`. Outsiders: TeamNotFound; members whose
    role does not allow it: Forbidden. `lock` holds the team's row until the transaction ends."""
    team = uow.teams.lock(team_id) if lock else uow.teams.get(team_id)
    role = uow.teams.role_of(team_id, viewer.id) if team else None
    if team is None or role is None:
        raise TeamNotFound(f"no team {team_id}")
    if not may(role, needs):
        raise Forbidden(f"as a {role.value} of this team you cannot {needs.value}; ask an owner")
    return Access(team, role, viewer)


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a team needs a name")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidInput(f"a team's name is at most {NAME_MAX_LENGTH} characters, not {len(name)}")
    if problem := name_problem(name):  # members see it in lists beside other teams'
        raise InvalidInput(f"a team's name: {problem}")
    return name


def _description(description: str) -> str:
    description = description.strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise InvalidInput(f"a team's description is at most {DESCRIPTION_MAX_LENGTH} characters, not {len(description)}")
    return description


def _in_range(what: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}, not {value}")
    return value


def create_team(uows: UnitOfWorkFactory, *, learner: Learner, name: str, description: str = "", now: datetime) -> TeamView:
    name, description = _name(name), _description(description)
    with uows(write=True) as uow:
        team = uow.teams.add(name=name, description=description, now=now, stuck_days=STUCK_DAYS_DEFAULT)
        uow.teams.add_member(team_id=team.id, learner_id=learner.id, role=Role.OWNER, now=now)
        view = _view(uow, Access(team, Role.OWNER, learner))
        uow.commit()
    return view


def my_teams(uow: UnitOfWork, *, learner: Learner) -> list[MyTeam]:
    return [MyTeam(team, role, size) for team, role, size in uow.teams.teams_of(learner.id)]


def _view(uow: UnitOfWork, access: Access) -> TeamView:
    return TeamView(access.team, access.role, tuple(uow.teams.members(access.team.id)))


def team_view(uow: UnitOfWork, *, team_id: int, viewer: Learner) -> TeamView:
    return _view(uow, team_access(uow, team_id=team_id, viewer=viewer))


def update_team(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, name: str | None = None,
                description: str | None = None, stuck_days: int | None = None) -> TeamView:
    with uows(write=True) as uow:
        access = team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.MANAGE_TEAM, lock=True)
        team = access.team
        changed = Team(
            team.id,
            _name(name) if name is not None else team.name,
            _description(description) if description is not None else team.description,
            team.created_at,
            _in_range("the days before a member counts as stuck", stuck_days, STUCK_DAYS_RANGE) if stuck_days is not None else team.stuck_days,
        )
        uow.teams.update(changed)
        view = _view(uow, Access(changed, access.role, viewer))
        uow.commit()
    return view


def delete_team(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner) -> Team:
    """The team, its memberships and invites go; every member's progress and ratings stay theirs."""
    with uows(write=True) as uow:
        access = team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.MANAGE_TEAM, lock=True)
        uow.teams.delete(team_id)
        uow.commit()
    return access.team


def create_invite(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, uses: int, days: int, now: datetime,
                  secret: str) -> IssuedInvite:
    uses = _in_range("an invite's uses", uses, INVITE_USES_RANGE)
    days = _in_range("the days an invite is valid", days, INVITE_DAYS_RANGE)
    code = secrets.token_urlsafe(INVITE_CODE_BYTES)
    with uows(write=True) as uow:
        team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.INVITE)
        invite = uow.teams.add_invite(
            team_id=team_id, code_hash=digest(code, secret=secret), now=now, expires_at=now + timedelta(days=days), uses=uses
        )
        uow.commit()
    return IssuedInvite(invite, code)


def revoke_invite(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, invite_id: int, now: datetime) -> None:
    with uows(write=True) as uow:
        team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.INVITE)
        if not uow.teams.revoke_invite(team_id=team_id, invite_id=invite_id, now=now):
            raise NotFound(f"this team has no invite {invite_id} that is not revoked already")
        uow.commit()


def invited_team(uow: UnitOfWork, *, code: str, secret: str, now: datetime) -> Team:
    """The team a usable invite leads to, for the page that asks before joining."""
    invite = uow.teams.usable_invite(digest(code, secret=secret), now)
    team = uow.teams.get(invite.team_id) if invite else None
    if team is None:
        raise NotFound(INVALID_INVITE)
    return team


def accept_invite(uows: UnitOfWorkFactory, *, code: str, learner: Learner, now: datetime, secret: str) -> TeamView:
    """Join the invite's team as a member. Unknown codes count against the learner: after
    INVITE_FAILURES_ALLOWED within the window, every accept is refused until it passes."""
    with uows(write=True) as uow:
        failures = uow.teams.invite_failures_since(learner_id=learner.id, since=now - INVITE_FAILURE_WINDOW)
        if failures >= INVITE_FAILURES_ALLOWED:
            raise Throttled("too many invite links that did not work; try again in 15 minutes",
                            int(INVITE_FAILURE_WINDOW.total_seconds()))
        invite = uow.teams.usable_invite(digest(code, secret=secret), now)
        if invite is None:
            uow.teams.add_invite_failure(learner_id=learner.id, now=now)
            uow.commit()
            raise NotFound(INVALID_INVITE)
        team = uow.teams.lock(invite.team_id)
        if uow.teams.role_of(team.id, learner.id) is not None:
            raise Conflict(f"you are a member of {team.name!r} already")
        if not uow.teams.use_invite(invite.id, now):
            raise NotFound(INVALID_INVITE)
        uow.teams.add_member(team_id=team.id, learner_id=learner.id, role=Role.MEMBER, now=now)
        view = _view(uow, Access(team, Role.MEMBER, learner))
        uow.commit()
    return view


def _member_named(uow: UnitOfWork, team_id: int, username: str) -> Member:
    for member in uow.teams.members(team_id):
        if member.username == username:
            return member
    raise NotFound(f"{username!r} is not a member of this team")


def release_teams_of(uow: UnitOfWork, *, learner: Learner) -> None:
    """In the caller's transaction, before an account is erased: a team the learner alone is in goes
    with it; one they are the last owner of, with others in it, refuses (a team keeps an owner)."""
    for team, role, size in uow.teams.teams_of(learner.id):
        if size == 1:
            uow.teams.delete(team.id)
        elif role is Role.OWNER and leaves_no_owner(uow.teams.members(team.id), username=learner.username, new_role=None):
            raise Conflict(
                f"{learner.username} is the last owner of the team {team.name!r}: make another member an owner, "
                "or delete the team, first"
            )


def change_role(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, username: str, role: Role) -> Member:
    with uows(write=True) as uow:
        team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.MANAGE_MEMBERS, lock=True)
        member = _member_named(uow, team_id, username)
        if leaves_no_owner(uow.teams.members(team_id), username=username, new_role=role):
            raise Conflict(NO_OWNER_LEFT)
        uow.teams.set_role(team_id=team_id, learner_id=member.learner_id, role=role)
        uow.commit()
    return Member(member.learner_id, member.username, member.display_name, role, member.joined_at)


def remove_member(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, username: str) -> None:
    """An owner removes anyone; everyone may leave. Their progress and ratings history stay theirs."""
    with uows(write=True) as uow:
        needs = Permission.SEE_TEAM if username == viewer.username else Permission.MANAGE_MEMBERS
        team_access(uow, team_id=team_id, viewer=viewer, needs=needs, lock=True)
        member = _member_named(uow, team_id, username)
        if leaves_no_owner(uow.teams.members(team_id), username=username, new_role=None):
            raise Conflict(NO_OWNER_LEFT)
        uow.teams.remove_member(team_id=team_id, learner_id=member.learner_id)
        uow.commit()


@dataclass(frozen=True, slots=True)
class MyAssignment:
    """An assignment as the member sees it on their home page: with their progress on the path
    (None once the path has left the curriculum) and the days left (negative: overdue)."""

    team: int
    team_name: str
    path: str
    title: str
    assigned_by: str
    due: date | None
    percent: int | None
    days_left: int | None


def assign_path(uows: UnitOfWorkFactory, catalog: Catalog, *, team_id: int, viewer: Learner, path_id: str,
                due: date | None, usernames: list[str] | None, today: date, now: datetime) -> Assignment:
    """Assign a path to the whole team (usernames None) or to the members named."""
    find_path(catalog, path_id=path_id)
    if due is not None and due < today:
        raise InvalidInput(f"the due date {due.isoformat()} is in the past")
    if usernames is not None and not usernames:
        raise InvalidInput("name at least one member, or leave the members out to assign the whole team")
    with uows(write=True) as uow:
        team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.ASSIGN)
        named = sorted(set(usernames or ()))
        learner_ids = [_member_named(uow, team_id, username).learner_id for username in named]
        assignment_id = uow.teams.add_assignment(
            team_id=team_id, path_id=path_id, assigned_by=viewer.id, due=due, learner_ids=learner_ids, now=now
        )
        uow.commit()
    return Assignment(assignment_id, team_id, path_id, viewer.display_name, due, tuple(named), now)


def team_assignments(uow: UnitOfWork, *, team_id: int, viewer: Learner) -> list[Assignment]:
    """The team's assignments: all of them for those who assign, a member's own to a member (who
    else a path was given to is not theirs to see)."""
    access = team_access(uow, team_id=team_id, viewer=viewer)
    assignments = uow.teams.assignments(team_id)
    if access.may(Permission.ASSIGN):
        return assignments
    return [a for a in assignments if a.whole_team or viewer.username in a.members]


def my_assignments(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, today: date) -> list[MyAssignment]:
    """What the learner's teams assigned them, soonest due first, with their progress."""
    assigned = uow.teams.assignments_of(learner.id)
    states = uow.progress.states(learner.id) if assigned else {}
    mine = []
    for item in assigned:
        path = catalog.paths.get(item.path_id)
        report = catalog_path_report(catalog, path, states) if path else None
        mine.append(MyAssignment(
            item.team_id, item.team_name, item.path_id, report.title if report else item.path_id, item.assigned_by,
            item.due, report.percent if report else None, days_left(item.due, today),
        ))
    return mine


# For the services beside this one (mentor_ratings): a member of the team by username, or NotFound.
member_named = _member_named
