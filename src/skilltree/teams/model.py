"""A team's vocabulary and rules, free of any framework: roles, what each may do, invites' limits,
and the last-owner rule. The services ask these; no face spells a role or a permission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum


class Role(str, Enum):
    """Highest first."""

    OWNER = "owner"
    MENTOR = "mentor"
    MEMBER = "member"


ROLE_NAMES = tuple(role.value for role in Role)


class Permission(str, Enum):
    SEE_TEAM = "see the team"
    MANAGE_TEAM = "change or delete the team"
    INVITE = "invite people"
    ASSIGN = "assign paths"
    MANAGE_MEMBERS = "change roles or remove members"
    SEE_PROGRESS = "see the members' progress"
    RATE_MEMBERS = "rate members on the ladder"


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.MENTOR: frozenset(
        {Permission.SEE_TEAM, Permission.INVITE, Permission.ASSIGN, Permission.SEE_PROGRESS, Permission.RATE_MEMBERS}
    ),
    Role.MEMBER: frozenset({Permission.SEE_TEAM}),
}

NAME_MAX_LENGTH = 100  # the column's size
DESCRIPTION_MAX_LENGTH = 2_000
# Days without progress on an assigned path before the dashboard calls a member stuck.
STUCK_DAYS_DEFAULT = 14
STUCK_DAYS_RANGE = (1, 365)
INVITE_DAYS_DEFAULT = 7
INVITE_DAYS_RANGE = (1, 30)
INVITE_USES_RANGE = (1, 100)
# 32 random bytes, URL-safe: guessing one is hopeless even before accepting is throttled.
INVITE_CODE_BYTES = 32
# Accepting unknown codes is throttled per learner: this many failures within the window.
INVITE_FAILURES_ALLOWED = 10
INVITE_FAILURE_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Team:
    id: int
    name: str
    description: str
    created_at: datetime
    stuck_days: int


@dataclass(frozen=True, slots=True)
class Member:
    learner_id: int
    username: str
    display_name: str
    role: Role
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class Invite:
    """What the team's owners and mentors see of an invite: never its code."""

    id: int
    team_id: int
    expires_at: datetime
    uses_left: int
    revoked: bool


@dataclass(frozen=True, slots=True)
class Assignment:
    """A path given to the whole team (members: empty; it reaches everyone with the member role) or
    to the learners named, by username, whatever their role."""

    id: int
    team_id: int
    path_id: str
    assigned_by: str  # the display name of who assigned it; empty once their account is gone
    due: date | None
    members: tuple[str, ...]
    created_at: datetime

    @property
    def whole_team(self) -> bool:
        return not self.members


@dataclass(frozen=True, slots=True)
class AssignedToMe:
    """An assignment as the member it reaches sees it."""

    team_id: int
    team_name: str
    path_id: str
    assigned_by: str
    due: date | None


def days_left(due: date | None, today: date) -> int | None:
    """Days until the due date: 0 on the day, negative once overdue; None without a due date."""
    return (due - today).days if due else None


def may(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def leaves_no_owner(members: list[Member], *, username: str, new_role: Role | None) -> bool:
    """Whether changing `username` to `new_role` (None: removing them) would leave the team without
    an owner. Decided on the whole list, so the last owner can step down once another exists."""
    owners_after = [
        m for m in members
        if (new_role if m.username == username else m.role) == Role.OWNER and not (m.username == username and new_role is None)
    ]
    return not owners_after


# What joining a team shares, and with whom: the invite page and /settings say exactly this. Owners
# and mentors see it on the team's dashboard (services/team_dashboard), which reads nothing else.
SHARED_WITH_TEAM = (
    "Everyone in the team sees your username, display name and role.",
    "Its owners and mentors see your progress on the paths the team assigns you, and on which days you "
    "changed the status of a topic (how many changes, not which topics).",
    "Its owners and mentors see your ladder self-ratings and evidence only if you choose to share them with that team.",
)
NOT_SHARED_WITH_TEAM = (
    "your notes, ever",
    "your progress on paths the team has not assigned you",
    "your ladder self-ratings and evidence, unless you share them",
)
