"""Laying a path's topics into study sessions (pure domain, no database)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from skilltree.review.plan import (
    PlanTopic,
    Session,
    count_study_days,
    lay_out,
    minutes_per_week_needed,
    standing,
    study_days,
    study_order,
)

MON = date(2026, 11, 2)  # a Monday
MON_WED_FRI = (0, 2, 4)


def test_prerequisites_come_first_and_path_order_is_kept_otherwise():
    topics = [PlanTopic("b", 10, ("a",)), PlanTopic("c", 10), PlanTopic("a", 10), PlanTopic("d", 10, ("outside",))]
    assert [t.id for t in study_order(topics)] == ["c", "a", "b", "d"]


def test_sessions_fall_on_the_chosen_weekdays_and_a_long_topic_continues_in_the_next():
    topics = [PlanTopic("a", 20), PlanTopic("b", 50), PlanTopic("c", 10)]
    layout = lay_out(topics, minutes_per_week=90, weekdays=MON_WED_FRI, start=MON, forecast={})
    assert layout.sessions == (
        Session(date(2026, 11, 2), ("a", "b"), 30, 0),
        Session(date(2026, 11, 4), ("b",), 30, 0),
        Session(date(2026, 11, 6), ("b", "c"), 20, 0),
    )
    assert layout.unplanned == ()


def test_review_time_comes_from_the_due_forecast_and_never_takes_more_than_half_a_session():
    forecast = {date(2026, 11, 2): 10, date(2026, 11, 3): 400, date(2026, 11, 4): 2}
    layout = lay_out([PlanTopic("a", 60)], minutes_per_week=90, weekdays=MON_WED_FRI, start=MON, forecast=forecast)
    # Monday: 10 cards (5 min); Wednesday: the cards of Tuesday and Wednesday, capped at 15 of 30 minutes.
    assert [(s.day.day, s.review_minutes, s.topic_minutes) for s in layout.sessions] == [(2, 5, 25), (4, 15, 15), (6, 0, 20)]


def test_the_minutes_a_week_needed_to_reach_a_target():
    topics = [PlanTopic("a", 100), PlanTopic("b", 80)]
    # Mon, Wed, Fri of one week: 3 sessions of 60 minutes.
    assert minutes_per_week_needed(topics, weekdays=MON_WED_FRI, start=MON, target=date(2026, 11, 8), forecast={}) == 180
    assert minutes_per_week_needed(topics, weekdays=(6,), start=MON, target=date(2026, 11, 7), forecast={}) is None


def test_on_track_or_days_behind_from_what_past_sessions_asked():
    past = [Session(date(2026, 11, 2), ("a",), 30, 0), Session(date(2026, 11, 4), ("b",), 30, 0), Session(date(2026, 11, 6), ("c",), 30, 0)]
    assert standing(past, {"a", "b"}, today=date(2026, 11, 6)).on_track
    behind = standing(past, {"a"}, today=date(2026, 11, 7))
    assert (behind.on_track, behind.days_behind, behind.late_topics) == (False, 3, ("b", "c"))


def test_study_days_are_counted_as_listing_them_would():
    rng = random.Random(5)
    for _ in range(300):
        start = MON + timedelta(days=rng.randint(0, 6))
        weekdays = tuple(sorted(rng.sample(range(7), rng.randint(1, 7))))
        until = start + timedelta(days=rng.randint(-3, 800))
        assert count_study_days(start, weekdays, until) == len(list(study_days(start, weekdays, until)))
