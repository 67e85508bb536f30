"""Growth conversations: a mentor (or owner) rates a member of their team on the ladder, with a note
for the member; the member shares their self-ratings with a team, or not; and the member reads
every rating they received beside their own, with the agenda of the next one-to-one.

Who may do what is services/teams.team_access's: rating needs Permission.RATE_MEMBERS in the team,
and a rating given in a team is seen by that team's raters only (each their own), by the member
always, whatever team they or the mentor are in later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skilltree.catalog.models import Catalog, Ladder
from skilltree.errors import InvalidInput, NotFound
from skilltree.ladder.conversation import MentorRating, latest_per_mentor, on_agenda
from skilltree.ladder.ratings import Rating, RatingRecord
from skilltree.progress.models import Learner, Source
from skilltree.services.assessment import assessable_ladder, checked_text, find_responsibility, scale_labels
from skilltree.services.teams import member_named, team_access
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory
from skilltree.teams.model import Member, Permission, Team


@dataclass(frozen=True, slots=True)
class GivenRating:
    """What rating a member did; `changed` is False when rating and note were already those."""

    team: int
    member: str
    ladder: str
    responsibility: str
    title: str
    previous: Rating | None
    rating: Rating
    note: str
    rated_at: datetime
    changed: bool


@dataclass(frozen=True, slots=True)
class SheetDuty:
    """One responsibility on a mentor's rating sheet: the member's self-rating and evidence (None
    and "" unless the member shares them with the team) beside the mentor's latest rating and note."""

    id: str
    title: str
    area: str
    own: Rating | None
    evidence: str
    own_at: datetime | None
    rating: Rating | None
    note: str
    rated_at: datetime | None


@dataclass(frozen=True, slots=True)
class MemberSheet:
    team: Team
    member: Member
    ladder: Ladder
    labels: dict[Rating, str]
    shared: bool  # whether the member shares their self-ratings with this team
    duties: tuple[SheetDuty, ...]


@dataclass(frozen=True, slots=True)
class Sharing:
    team: int
    team_name: str
    shares_ratings: bool


@dataclass(frozen=True, slots=True)
class ReceivedDuty:
    """One responsibility as the member sees it: their own latest rating beside each mentor's latest."""

    id: str
    title: str
    area: str
    own: Rating | None
    own_at: datetime | None
    mentors: tuple[MentorRating, ...]
    agenda: bool  # a mentor's rating is two steps or more from the member's own


@dataclass(frozen=True, slots=True)
class RatingsReceived:
    ladder: Ladder
    labels: dict[Rating, str]
    duties: tuple[ReceivedDuty, ...]
    history: tuple[MentorRating, ...]  # every rating received on the ladder, newest first

    @property
    def agenda(self) -> tuple[ReceivedDuty, ...]:
        return tuple(duty for duty in self.duties if duty.agenda)

    @property
    def titles(self) -> dict[str, str]:
        """Responsibility titles by id; a retired one in the history shows its id."""
        return {duty.id: duty.title for duty in self.duties}


def rate_member(
    uows: UnitOfWorkFactory, catalog: Catalog, *, team_id: int, viewer: Learner, username: str, ladder_id: str,
    responsibility_id: str, rating: Rating, note: str, source: Source, now: datetime,
) -> GivenRating:
    """Append the viewer's rating of a member of the team; saving what is already their latest rating
    and note there appends nothing."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    duty = find_responsibility(ladder, responsibility_id=responsibility_id)
    note = checked_text("note", note)
    with uows(write=True) as uow:
        access = team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.RATE_MEMBERS)
        if username == viewer.username:
            raise InvalidInput(f"you rate yourself on your own ladder page (/ladders/{ladder.id}), not as your mentor")
        member = member_named(uow, team_id, username)
        # The member's writers' lock: their account cannot be deleted under this rating.
        uow.progress.lock_learner(member.learner_id)
        if uow.teams.role_of(team_id, member.learner_id) is None:
            raise NotFound(f"{username!r} is not a member of this team")
        before = uow.assessments.given_in_team(member.learner_id, ladder.id, rater_id=viewer.id, team_id=team_id).get(duty.id)
        changed = before is None or (before.rating, before.evidence) != (rating, note)
        rated_at = before.at if before else now
        if changed:
            rated_at = max(now, before.at) if before else now  # never older than the last one, whatever the clock
            uow.assessments.give(
                member.learner_id, rater_id=viewer.id, team_id=team_id, team_name=access.team.name,
                record=RatingRecord(ladder.id, duty.id, rating, note, rated_at, source),
            )
            uow.commit()
    return GivenRating(
        team=team_id, member=username, ladder=ladder.id, responsibility=duty.id, title=duty.title,
        previous=before.rating if before else None, rating=rating, note=note, rated_at=rated_at, changed=changed,
    )


def member_sheet(uow: UnitOfWork, catalog: Catalog, *, team_id: int, viewer: Learner, username: str, ladder_id: str) -> MemberSheet:
    """The viewer's rating sheet of a member: the ladder's responsibilities with the member's shared
    self-ratings beside the viewer's latest ratings given in this team."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    access = team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.RATE_MEMBERS)
    if username == viewer.username:
        raise InvalidInput(f"your own ratings are on your ladder page (/ladders/{ladder.id})")
    member = member_named(uow, team_id, username)
    shared = uow.teams.shares_ratings(team_id, member.learner_id)
    own = uow.assessments.latest(member.learner_id, ladder.id) if shared else {}
    given = uow.assessments.given_in_team(member.learner_id, ladder.id, rater_id=viewer.id, team_id=team_id)
    duties = []
    for area in ladder.areas:
        for duty in area.responsibilities:
            mine, theirs = own.get(duty.id), given.get(duty.id)
            duties.append(SheetDuty(
                id=duty.id, title=duty.title, area=area.title,
                own=mine.rating if mine else None, evidence=mine.evidence if mine else "", own_at=mine.at if mine else None,
                rating=theirs.rating if theirs else None, note=theirs.evidence if theirs else "",
                rated_at=theirs.at if theirs else None,
            ))
    return MemberSheet(access.team, member, ladder, scale_labels(ladder), shared, tuple(duties))


def sharing(uow: UnitOfWork, *, team_id: int, viewer: Learner) -> Sharing:
    access = team_access(uow, team_id=team_id, viewer=viewer)
    return Sharing(team_id, access.team.name, uow.teams.shares_ratings(team_id, viewer.id))


def set_sharing(uows: UnitOfWorkFactory, *, team_id: int, viewer: Learner, shares: bool) -> Sharing:
    """The viewer's own choice, in a team they are in: whether its mentors and owners see their
    ladder self-ratings and evidence."""
    with uows(write=True) as uow:
        access = team_access(uow, team_id=team_id, viewer=viewer)
        uow.teams.set_shares_ratings(team_id=team_id, learner_id=viewer.id, shares=shares)
        uow.commit()
    return Sharing(team_id, access.team.name, shares)


def teams_shared_with(uow: UnitOfWork, *, learner: Learner) -> set[int]:
    """The ids of the learner's teams they share their ladder self-ratings with."""
    return uow.teams.teams_shared_with(learner.id)


def ratings_received(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, ladder_id: str) -> RatingsReceived:
    """The learner's own latest rating of each responsibility beside every mentor's latest, in every
    team (deleted ones too), and the history of what they received."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    own = uow.assessments.latest(learner.id, ladder.id)
    received = uow.assessments.received(learner.id, ladder.id)
    latest = latest_per_mentor(received)
    duties = []
    for area in ladder.areas:
        for duty in area.responsibilities:
            mine = own.get(duty.id)
            mentors = tuple(sorted(latest.get(duty.id, {}).values(), key=lambda given: (given.team_name, given.mentor)))
            duties.append(ReceivedDuty(
                id=duty.id, title=duty.title, area=area.title, own=mine.rating if mine else None,
                own_at=mine.at if mine else None, mentors=mentors,
                agenda=on_agenda(mine.rating if mine else None, [given.rating for given in mentors]),
            ))
    return RatingsReceived(ladder, scale_labels(ladder), tuple(duties), tuple(reversed(received)))
