"""The agenda rule of a growth conversation: a mentor's rating two steps or more from the member's own."""

from __future__ import annotations

from datetime import datetime, timezone

from skilltree.ladder.conversation import MentorRating, latest_per_mentor, on_agenda
from skilltree.ladder.ratings import Rating, RatingRecord
from skilltree.progress.models import Source

T0 = datetime(2026, 12, 1, tzinfo=timezone.utc)


def test_two_steps_apart_either_way_is_on_the_agenda_one_step_is_not():
    assert on_agenda(Rating.CONSISTENT, [Rating.NOT_YET])
    assert on_agenda(Rating.NOT_YET, [Rating.CONSISTENT])
    assert not on_agenda(Rating.GROWING, [Rating.NOT_YET, Rating.CONSISTENT])
    assert on_agenda(Rating.NOT_YET, [Rating.GROWING, Rating.CONSISTENT])  # any one mentor is enough


def test_a_side_not_rated_yet_has_no_gap():
    assert not on_agenda(None, [Rating.CONSISTENT])
    assert not on_agenda(Rating.CONSISTENT, [])


def given(mentor: str, team_id: int | None, rating: Rating, minutes: int) -> MentorRating:
    record = RatingRecord("ladder", "api-design", rating, "", T0.replace(minute=minutes), Source.WEB)
    return MentorRating(record, mentor, mentor.title(), team_id, "Platform")


def test_the_latest_rating_counts_per_mentor_and_team():
    ratings = [given("lead", 1, Rating.NOT_YET, 0), given("lead", 1, Rating.GROWING, 5), given("lead", 2, Rating.CONSISTENT, 6),
               given("sam", 1, Rating.NOT_YET, 7)]
    latest = latest_per_mentor(ratings)["api-design"]
    assert {key: item.rating for key, item in latest.items()} == {
        ("lead", 1, "Platform"): Rating.GROWING, ("lead", 2, "Platform"): Rating.CONSISTENT, ("sam", 1, "Platform"): Rating.NOT_YET,
    }
