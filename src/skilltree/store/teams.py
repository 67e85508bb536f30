"""Teams, their members and invites. Every read is scoped by team id; who may ask is decided in
services/teams.team_access, never here."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from skilltree.store.tables import (
    assignment_members,
    invite_failures,
    ladder_ratings,
    learners,
    team_assignments,
    team_invites,
    team_members,
    teams,
)
from skilltree.teams.model import AssignedToMe, Assignment, Invite, Member, Role, Team

_MEMBERS = select(
    team_members.c.learner_id, learners.c.username, learners.c.display_name, team_members.c.role, team_members.c.joined_at
).join(learners, learners.c.id == team_members.c.learner_id)


def _team(row) -> Team:
    return Team(row.id, row.name, row.description, row.created_at, row.stuck_days)


def _member(row) -> Member:
    return Member(row.learner_id, row.username, row.display_name, Role(row.role), row.joined_at)


class TeamRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def add(self, *, name: str, description: str, now: datetime, stuck_days: int) -> Team:
        team_id = self.connection.execute(
            insert(teams).values(name=name, description=description, created_at=now, stuck_days=stuck_days).returning(teams.c.id)
        ).scalar_one()
        return Team(team_id, name, description, now, stuck_days)

    def get(self, team_id: int) -> Team | None:
        row = self.connection.execute(select(teams).where(teams.c.id == team_id)).first()
        return _team(row) if row else None

    def lock(self, team_id: int) -> Team | None:
        """The team, its row locked on PostgreSQL until the transaction ends, so that two owners
        stepping down at once cannot both pass the last-owner check (SQLite's writers queue anyway)."""
        row = self.connection.execute(select(teams).where(teams.c.id == team_id).with_for_update()).first()
        return _team(row) if row else None

    def update(self, team: Team) -> None:
        self.connection.execute(
            update(teams).where(teams.c.id == team.id).values(name=team.name, description=team.description, stuck_days=team.stuck_days)
        )

    def delete(self, team_id: int) -> None:
        # Memberships and invites go with it (ON DELETE CASCADE); progress and ratings are the learners'.
        # Ratings mentors gave in it are detached: no later team given the same id may see them.
        self.connection.execute(update(ladder_ratings).where(ladder_ratings.c.team_id == team_id).values(team_id=None))
        self.connection.execute(delete(teams).where(teams.c.id == team_id))

    # Members
    def role_of(self, team_id: int, learner_id: int) -> Role | None:
        role = self.connection.execute(
            select(team_members.c.role).where(team_members.c.team_id == team_id, team_members.c.learner_id == learner_id)
        ).scalar()
        return Role(role) if role else None

    def add_member(self, *, team_id: int, learner_id: int, role: Role, now: datetime) -> None:
        self.connection.execute(insert(team_members).values(team_id=team_id, learner_id=learner_id, role=role.value, joined_at=now))

    def members(self, team_id: int) -> list[Member]:
        query = _MEMBERS.where(team_members.c.team_id == team_id).order_by(learners.c.username)
        return [_member(row) for row in self.connection.execute(query)]

    def set_role(self, *, team_id: int, learner_id: int, role: Role) -> None:
        self.connection.execute(
            update(team_members)
            .where(team_members.c.team_id == team_id, team_members.c.learner_id == learner_id)
            .values(role=role.value)
        )

    def remove_member(self, *, team_id: int, learner_id: int) -> None:
        self.connection.execute(
            delete(team_members).where(team_members.c.team_id == team_id, team_members.c.learner_id == learner_id)
        )

    def teams_of(self, learner_id: int) -> list[tuple[Team, Role, int]]:
        """The learner's teams with their role and the team's size, by name."""
        size = (
            select(func.count()).where(team_members.c.team_id == teams.c.id).correlate(teams).scalar_subquery()
        )
        query = (
            select(teams, team_members.c.role, size.label("size"))
            .join(team_members, team_members.c.team_id == teams.c.id)
            .where(team_members.c.learner_id == learner_id)
            .order_by(teams.c.name, teams.c.id)
        )
        return [(_team(row), Role(row.role), row.size) for row in self.connection.execute(query)]

    def memberships_of(self, learner_id: int) -> list[tuple[Team, Role, datetime]]:
        """The learner's teams with their role and when they joined, oldest membership first."""
        query = (
            select(teams, team_members.c.role, team_members.c.joined_at)
            .join(team_members, team_members.c.team_id == teams.c.id)
            .where(team_members.c.learner_id == learner_id)
            .order_by(team_members.c.joined_at, teams.c.id)
        )
        return [(_team(row), Role(row.role), row.joined_at) for row in self.connection.execute(query)]

    # Invites
    def add_invite(self, *, team_id: int, code_hash: str, now: datetime, expires_at: datetime, uses: int) -> Invite:
        invite_id = self.connection.execute(
            insert(team_invites)
            .values(team_id=team_id, code_hash=code_hash, created_at=now, expires_at=expires_at, uses_left=uses)
            .returning(team_invites.c.id)
        ).scalar_one()
        return Invite(invite_id, team_id, expires_at, uses, revoked=False)

    def usable_invite(self, code_hash: str, now: datetime) -> Invite | None:
        """The invite of this code if it is unrevoked, unexpired and has a use left; else None."""
        row = self.connection.execute(
            select(team_invites).where(
                team_invites.c.code_hash == code_hash,
                team_invites.c.revoked_at.is_(None),
                team_invites.c.expires_at > now,
                team_invites.c.uses_left > 0,
            )
        ).first()
        return Invite(row.id, row.team_id, row.expires_at, row.uses_left, revoked=False) if row else None

    def use_invite(self, invite_id: int, now: datetime) -> bool:
        """Takes one use; False when another accept took the last one first."""
        taken = self.connection.execute(
            update(team_invites)
            .where(team_invites.c.id == invite_id, team_invites.c.uses_left > 0, team_invites.c.revoked_at.is_(None),
                   team_invites.c.expires_at > now)
            .values(uses_left=team_invites.c.uses_left - 1)
        )
        return taken.rowcount == 1

    def revoke_invite(self, *, team_id: int, invite_id: int, now: datetime) -> bool:
        revoked = self.connection.execute(
            update(team_invites)
            .where(team_invites.c.id == invite_id, team_invites.c.team_id == team_id, team_invites.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return revoked.rowcount == 1

    def add_invite_failure(self, *, learner_id: int, now: datetime) -> None:
        self.connection.execute(insert(invite_failures).values(learner_id=learner_id, at=now))

    def invite_failures_since(self, *, learner_id: int, since: datetime) -> int:
        return self.connection.execute(
            select(func.count()).select_from(invite_failures)
            .where(invite_failures.c.learner_id == learner_id, invite_failures.c.at >= since)
        ).scalar_one()

    # Assignments
    def add_assignment(self, *, team_id: int, path_id: str, assigned_by: int, due: date | None, learner_ids: list[int],
                       now: datetime) -> int:
        assignment_id = self.connection.execute(
            insert(team_assignments)
            .values(team_id=team_id, path_id=path_id, assigned_by=assigned_by, due=due, created_at=now)
            .returning(team_assignments.c.id)
        ).scalar_one()
        if learner_ids:
            self.connection.execute(
                insert(assignment_members), [{"assignment_id": assignment_id, "learner_id": i} for i in learner_ids]
            )
        return assignment_id

    def assignments(self, team_id: int) -> list[Assignment]:
        """The team's assignments, oldest first, each with the usernames it names (none: the whole team)."""
        assigner = learners.alias("assigner")
        rows = self.connection.execute(
            select(team_assignments, assigner.c.display_name.label("assigner"))
            .outerjoin(assigner, assigner.c.id == team_assignments.c.assigned_by)
            .where(team_assignments.c.team_id == team_id)
            .order_by(team_assignments.c.created_at, team_assignments.c.id)
        ).all()
        named: dict[int, list[str]] = {}
        for assignment_id, username in self.connection.execute(
            select(assignment_members.c.assignment_id, learners.c.username)
            .join(learners, learners.c.id == assignment_members.c.learner_id)
            .join(team_assignments, team_assignments.c.id == assignment_members.c.assignment_id)
            .where(team_assignments.c.team_id == team_id)
            .order_by(learners.c.username)
        ):
            named.setdefault(assignment_id, []).append(username)
        return [_assignment(row, tuple(named.get(row.id, ()))) for row in rows]

    def assignments_of(self, learner_id: int) -> list[AssignedToMe]:
        """Every assignment that reaches the learner in the teams they are in, soonest due first: those
        naming them, and as a member (not an owner or mentor, who give them) those for the whole team."""
        assigner = learners.alias("assigner")
        named_here = select(assignment_members.c.assignment_id).where(
            assignment_members.c.assignment_id == team_assignments.c.id
        ).exists()
        named_me = select(assignment_members.c.assignment_id).where(
            assignment_members.c.assignment_id == team_assignments.c.id, assignment_members.c.learner_id == learner_id
        ).exists()
        rows = self.connection.execute(
            select(team_assignments, assigner.c.display_name.label("assigner"), teams.c.name.label("team_name"))
            .join(team_members, (team_members.c.team_id == team_assignments.c.team_id) & (team_members.c.learner_id == learner_id))
            .join(teams, teams.c.id == team_assignments.c.team_id)
            .outerjoin(assigner, assigner.c.id == team_assignments.c.assigned_by)
            .where((~named_here & (team_members.c.role == Role.MEMBER.value)) | named_me)
            .order_by(team_assignments.c.due.is_(None), team_assignments.c.due, team_assignments.c.id)
        ).all()
        return [AssignedToMe(row.team_id, row.team_name, row.path_id, row.assigner or "", row.due) for row in rows]


    # Sharing ladder self-ratings with a team: the member's own choice, off until they turn it on.
    def shares_ratings(self, team_id: int, learner_id: int) -> bool:
        return bool(self.connection.execute(
            select(team_members.c.shares_ratings).where(team_members.c.team_id == team_id, team_members.c.learner_id == learner_id)
        ).scalar())

    def set_shares_ratings(self, *, team_id: int, learner_id: int, shares: bool) -> None:
        self.connection.execute(
            update(team_members)
            .where(team_members.c.team_id == team_id, team_members.c.learner_id == learner_id)
            .values(shares_ratings=shares)
        )

    def teams_shared_with(self, learner_id: int) -> set[int]:
        """The ids of the learner's teams they share their ladder self-ratings with."""
        return set(self.connection.execute(
            select(team_members.c.team_id).where(team_members.c.learner_id == learner_id, team_members.c.shares_ratings.is_(True))
        ).scalars())


def _assignment(row, members: tuple[str, ...]) -> Assignment:
    return Assignment(row.id, row.team_id, row.path_id, row.assigner or "", row.due, members, row.created_at)
