"""The progress rules on their own: percentages, next-up, blockers, activity days and streaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from content_tree import ContentTree
from skilltree.catalog.loader import load_catalog
from skilltree.progress.activity import activity_by_day, current_streak, longest_streak
from skilltree.progress.models import Status, TopicState
from skilltree.progress.next_up import blockers, next_up
from skilltree.progress.path_progress import Tally, path_progress

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def states(**statuses: str) -> dict[str, TopicState]:
    return {
        topic_id.replace("_", "-"): TopicState(topic_id.replace("_", "-"), Status(status), T0, T0)
        for topic_id, status in statuses.items()
    }


def catalog_of(tmp_path, build):
    tree = ContentTree(tmp_path / "content")
    build(tree)
    return load_catalog(tree.root).catalog


def test_tally_percent_is_done_over_required_minus_skipped():
    assert Tally(done=1, skipped=1, total=3).percent == 50
    assert Tally(done=2, skipped=1, total=3).percent == 100
    assert Tally(done=0, skipped=3, total=3).percent == 100  # everything skipped: nothing left to do
    assert Tally().percent == 0


def test_a_section_of_optional_topics_only_is_measured_by_them(tmp_path):
    def build(tree):
        for topic_id in ("a", "o1", "o2"):
            tree.topic(topic_id)
        tree.path("p", "[a]", "[{topic: o1, optional: true}, {topic: o2, optional: true}]")

    catalog = catalog_of(tmp_path, build)
    report = path_progress(catalog.paths["p"], catalog, states(o1="done"))
    assert [s.percent for s in report.sections] == [0, 50]
    assert report.percent == 0  # the path itself counts required topics only


def test_next_up_takes_required_topics_first_then_optional_ones(tmp_path):
    def build(tree):
        tree.topic("a")
        tree.topic("o")
        tree.topic("b", prerequisites="[a]")
        tree.path("p", "[a, {topic: o, optional: true}, b]")

    catalog = catalog_of(tmp_path, build)
    path = catalog.paths["p"]
    assert next_up(path, catalog, {}) == "a"
    assert next_up(path, catalog, states(a="done")) == "b"
    assert next_up(path, catalog, states(a="skipped", b="done")) == "o"
    assert next_up(path, catalog, states(a="done", b="done", o="skipped")) is None


def test_a_prerequisite_outside_the_path_blocks_until_settled(tmp_path):
    def build(tree):
        tree.topic("x")
        tree.topic("a", prerequisites="[x]")
        tree.path("p", "[a]")
        tree.path("q", "[x]")

    catalog = catalog_of(tmp_path, build)
    path = catalog.paths["p"]
    assert blockers("a", catalog, {}) == ["x"]
    assert next_up(path, catalog, {}) is None
    assert next_up(path, catalog, states(x="learning")) is None  # learning is not settled
    assert next_up(path, catalog, states(x="skipped")) == "a"


def test_activity_days_follow_the_time_zone_asked_for():
    # 18:30 and 23:00 on 1 November in New York, but two different days in UTC.
    evening = datetime(2026, 11, 1, 23, 30, tzinfo=timezone.utc)
    later = evening + timedelta(hours=4, minutes=30)
    new_york = timezone(timedelta(hours=-5))
    assert activity_by_day([evening, later]) == {date(2026, 11, 1): 1, date(2026, 11, 2): 1}
    assert activity_by_day([evening, later], new_york) == {date(2026, 11, 1): 2}


def test_the_current_streak_may_end_yesterday_but_not_before():
    days = [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    assert current_streak(days, today=date(2026, 11, 3)) == 3
    assert current_streak(days, today=date(2026, 11, 4)) == 3  # today may still come
    assert current_streak(days, today=date(2026, 11, 5)) == 0
    assert longest_streak(days + [date(2026, 11, 10)]) == 3
    assert longest_streak([]) == 0
