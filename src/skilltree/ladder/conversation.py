"""Growth conversations: a mentor's ratings of a member beside the member's own, and the rule that
picks what the next one-to-one should talk about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skilltree.ladder.ratings import Rating, RatingRecord

# Steps apart on the scale at which a self-rating and a mentor's rating make the agenda.
AGENDA_GAP = 2


@dataclass(frozen=True)
class MentorRating:
    """A rating a mentor gave a member: the record (its `evidence` holds the mentor's note for the
    member), who gave it and the team it was given in. `team_id` is None once the team is deleted;
    `team_name` is the team's name when the rating was given."""

    record: RatingRecord
    mentor: str  # username
    mentor_name: str  # display name
    team_id: int | None
    team_name: str

    @property
    def ladder(self) -> str:
        return self.record.ladder_id

    @property
    def responsibility(self) -> str:
        return self.record.responsibility_id

    @property
    def rating(self) -> Rating:
        return self.record.rating

    @property
    def note(self) -> str:
        return self.record.evidence

    @property
    def at(self) -> datetime:
        return self.record.at

    @property
    def team(self) -> int | None:
        return self.team_id


def on_agenda(own: Rating | None, mentors: list[Rating]) -> bool:
    """Whether any mentor's rating is AGENDA_GAP steps or more from the member's own. A side not
    rated yet has no position to differ from: that is a first conversation, not a gap."""
    return own is not None and any(abs(own.rank - theirs.rank) >= AGENDA_GAP for theirs in mentors)


def latest_per_mentor(ratings: list[MentorRating]) -> dict[str, dict[tuple[str, int | None, str], MentorRating]]:
    """{responsibility id: {(mentor, team id, team name): their latest rating}} from ratings oldest first."""
    latest: dict[str, dict[tuple[str, int | None, str], MentorRating]] = {}
    for given in ratings:
        key = (given.mentor, given.team_id, given.team_name)
        latest.setdefault(given.record.responsibility_id, {})[key] = given
    return latest
