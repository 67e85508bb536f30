"""The team dashboard through its service on both engines: the grid, who is stuck and why (with the
grace of newcomers), activity per UTC day, section averages, and who may see it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from skilltree.progress.models import Source, Status
from skilltree.services import progress as progress_service
from skilltree.services import teams as teams_service
from skilltree.services.accounts import Forbidden
from skilltree.services.team_dashboard import team_dashboard
from skilltree.services.teams import TeamNotFound
from skilltree.store.uow import UnitOfWork, units_of_work
from skilltree.teams.model import Role

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
SECRET = "s" * 32


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def team(engine, catalog):
    """Olive's team, made 30 days ago: eve and sam joined then, newt two days ago, mona is a mentor.
    The Starter Kit went to everyone 30 days ago, due in 5 days; Fundamentals to sam alone, due 10 days ago."""
    units = units_of_work(engine)
    people = {name: progress_service.ensure_learner(units, username=name, now=days_ago(40))
              for name in ("olive", "eve", "sam", "newt", "mona", "stranger")}
    team_id = teams_service.create_team(units, learner=people["olive"], name="Platform", now=days_ago(30)).team.id
    for name, joined in (("eve", 30), ("sam", 30), ("mona", 30), ("newt", 2)):
        code = teams_service.create_invite(units, team_id=team_id, viewer=people["olive"], uses=1, days=7,
                                           now=days_ago(joined), secret=SECRET).code
        teams_service.accept_invite(units, code=code, learner=people[name], now=days_ago(joined), secret=SECRET)
    teams_service.change_role(units, team_id=team_id, viewer=people["olive"], username="mona", role=Role.MENTOR)
    for path_id, due_in, members in (("starter-kit", 35, None), ("backend-fundamentals", 20, ["sam"])):
        teams_service.assign_path(units, catalog, team_id=team_id, viewer=people["olive"], path_id=path_id,
                                  due=(days_ago(30) + timedelta(days=due_in)).date(), usernames=members,
                                  today=days_ago(30).date(), now=days_ago(30))
    starter = catalog.paths["starter-kit"].topic_ids
    progress_service.mark_topics(units, catalog, learner=people["eve"], topic_ids=list(starter[:3]), status=Status.DONE,
                                 source=Source.WEB, now=days_ago(1))
    progress_service.mark_topics(units, catalog, learner=people["eve"], topic_ids=[starter[3]], status=Status.LEARNING,
                                 source=Source.WEB, now=NOW - timedelta(hours=1))
    progress_service.mark_topics(units, catalog, learner=people["sam"], topic_ids=[starter[0]], status=Status.DONE,
                                 source=Source.CLI, now=days_ago(20))
    return team_id, people


def dashboard(engine, catalog, team_id, viewer):
    with UnitOfWork(engine) as uow:
        return team_dashboard(uow, catalog, team_id=team_id, viewer=viewer, now=NOW)


def test_the_grid_flags_who_is_stuck_first_with_the_reasons(engine, catalog, team):
    team_id, people = team
    board = dashboard(engine, catalog, team_id, people["mona"])
    assert [(c.path_id, c.due.isoformat(), c.whole_team) for c in board.columns] == [
        ("starter-kit", "2026-12-06", True), ("backend-fundamentals", "2026-11-21", False)
    ]
    assert [(row.username, [r.message for r in row.reasons]) for row in board.rows] == [
        ("sam", ["no progress on Backend Engineer Starter Kit for 20 days",
                 "Fundamentals of Backend Engineering is 10 days overdue",
                 # the topic sam did 20 days ago is in both paths: one topic, one identity
                 "no progress on Fundamentals of Backend Engineering for 20 days"]),
        ("eve", []),
        ("newt", []),  # two days in the team: not idle before the team's 14 days
    ]
    eve = board.rows[1]
    starter, fundamentals = eve.cells
    assert fundamentals is None  # assigned to sam alone
    assert (starter.percent, starter.last_activity, starter.days_left) == (12, NOW - timedelta(hours=1), 5)


def test_activity_counts_changes_per_utc_day_for_four_weeks(engine, catalog, team):
    team_id, people = team
    activity = dashboard(engine, catalog, team_id, people["olive"]).activity
    assert (len(activity.days), activity.days[-1].isoformat()) == (28, "2026-12-01")
    counts = {row.username: {day.isoformat(): n for day, n in zip(activity.days, row.counts) if n} for row in activity.rows}
    assert counts == {"eve": {"2026-11-30": 3, "2026-12-01": 1}, "newt": {}, "sam": {"2026-11-11": 1}}
    assert [row.shades[-2:] for row in activity.rows if row.username == "eve"] == [(4, 2)]


def test_averages_per_section_over_the_members_each_path_reaches(engine, catalog, team):
    team_id, people = team
    averages = {a.path_id: a for a in dashboard(engine, catalog, team_id, people["olive"]).averages}
    starter = averages["starter-kit"]
    assert starter.members == 3  # eve, sam, newt
    # Foundations has two required topics: eve did both, sam one, newt none.
    assert [(s.title, s.percent) for s in starter.sections][:2] == [("Foundations", 50), ("Tools", 0)]
    assert (starter.percent, starter.hardest) == (6, "Tools")  # (12 + 6 + 0) // 3
    assert averages["backend-fundamentals"].members == 1 and averages["backend-fundamentals"].percent == 0


def test_only_owners_and_mentors_see_it_and_outsiders_learn_nothing(engine, catalog, team):
    team_id, people = team
    with pytest.raises(Forbidden, match="as a member of this team you cannot see the members' progress; ask an owner"):
        dashboard(engine, catalog, team_id, people["eve"])
    for viewer in ("stranger",):
        with pytest.raises(TeamNotFound, match=f"no team {team_id}"):
            dashboard(engine, catalog, team_id, people[viewer])
    other = teams_service.create_team(units_of_work(engine), learner=people["stranger"], name="Elsewhere", now=NOW).team.id
    with pytest.raises(TeamNotFound):
        dashboard(engine, catalog, other, people["mona"])
