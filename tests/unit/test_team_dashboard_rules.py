"""The dashboard's stuck rules on their own: idle since the latest of change, joining and
assignment; overdue; every remaining topic waiting for a prerequisite outside the path."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from content_tree import ContentTree
from skilltree.catalog.loader import load_catalog
from skilltree.progress.models import Status, TopicState
from skilltree.progress.path_progress import path_progress
from skilltree.teams.dashboard import StuckKind, idle_days, path_index, standing, stuck_reasons, team_sections, waiting_for

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def states(**statuses: str) -> dict[str, TopicState]:
    return {t: TopicState(t, Status(s), days_ago(3), days_ago(3)) for t, s in statuses.items()}


def touched(**statuses: str) -> dict[str, tuple[Status, datetime]]:
    return {t: (Status(s), days_ago(3)) for t, s in statuses.items()}


def catalog(tmp_path):
    tree = ContentTree(tmp_path / "content")
    tree.topic("outside")
    tree.topic("a")
    tree.topic("b", "[outside]")
    tree.topic("c", "[b]")
    tree.path("course", "[a, b, c]")
    return load_catalog(tree.root).catalog


def test_the_idle_clock_starts_at_the_latest_of_change_joining_and_assignment():
    assert idle_days(last=days_ago(20), joined_at=days_ago(40), assigned_at=days_ago(30), now=NOW) == 20
    assert idle_days(last=None, joined_at=days_ago(40), assigned_at=days_ago(30), now=NOW) == 30
    assert idle_days(last=None, joined_at=days_ago(2), assigned_at=days_ago(30), now=NOW) == 2  # joined lately
    assert idle_days(last=None, joined_at=NOW + timedelta(seconds=1), assigned_at=NOW, now=NOW) == 0


def test_a_member_waiting_only_on_prerequisites_outside_the_path_is_blocked(tmp_path):
    built = catalog(tmp_path)
    course = path_index(built.paths["course"], built)
    assert waiting_for(course, built, touched()) == ()  # "a" can be read
    assert waiting_for(course, built, touched(a="done")) == ("Outside",)
    assert waiting_for(course, built, touched(a="done", outside="done")) == ()


def test_reasons_name_the_path_and_the_days_and_a_finished_path_has_none(tmp_path):
    built = catalog(tmp_path)
    course = path_index(built.paths["course"], built)
    mine = touched(a="done")
    reasons = stuck_reasons(index=course, catalog=built, standing=standing(course, mine), touched=mine,
                            days_left=-3, idle=14, stuck_days=14)
    assert [(r.kind, r.message) for r in reasons] == [
        (StuckKind.OVERDUE, "course is 3 days overdue"),
        (StuckKind.IDLE, "no progress on course for 14 days"),
        (StuckKind.BLOCKED, "every topic left on course waits for Outside"),
    ]
    assert stuck_reasons(index=course, catalog=built, standing=standing(course, mine), touched=mine,
                         days_left=0, idle=13, stuck_days=14)[0].kind is StuckKind.BLOCKED
    done = touched(a="done", b="skipped", c="done")
    assert stuck_reasons(index=course, catalog=built, standing=standing(course, done), touched=done,
                         days_left=-30, idle=99, stuck_days=14) == ()
    one_day = stuck_reasons(index=course, catalog=built, standing=standing(course, mine), touched=mine,
                            days_left=-1, idle=1, stuck_days=1)
    assert [r.message for r in one_day][:2] == ["course is 1 day overdue", "no progress on course for 1 day"]


def test_a_standing_counts_as_path_progress_does_and_the_team_as_one_tally(tmp_path):
    tree = ContentTree(tmp_path / "content")
    for topic_id in ("a", "b", "c", "o", "x"):
        tree.topic(topic_id)
    tree.write("paths/mixed.yaml", """\
        title: Mixed
        summary: A path.
        sections:
          - {title: One, summary: S., topics: [a, b, {topic: o, optional: true}]}
          - {title: Two, summary: S., topics: [{topic: c, optional: true}]}
        """)
    built = load_catalog(tree.root).catalog
    path = built.paths["mixed"]
    index = path_index(path, built)
    people = [dict(a="done", b="skipped", o="learning", x="done"), dict(c="done", o="done"), {}]
    for person in people:
        expected = path_progress(path, built, states(**person))
        place = standing(index, touched(**person))
        assert (place.percent, place.required, place.finished) == (expected.percent, expected.required, expected.required.done == expected.required.counted)
    assert standing(index, touched(**people[0])).last_change == days_ago(3) and standing(index, {}).last_change is None
    team = team_sections(index, [standing(index, touched(**person)) for person in people])
    # One: a done once and b skipped once of 2 x 3 required; Two: only optional c, done once of three.
    assert [(s.title, s.required.done, s.required.counted, s.percent) for s in team] == [("One", 1, 5, 20), ("Two", 0, 0, 33)]
