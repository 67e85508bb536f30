"""Progress through the service layer, on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from skilltree.errors import InvalidInput, TopicNotFound
from skilltree.progress.models import Source, Status
from skilltree.progress.path_progress import Tally
from skilltree.services import progress as service
from skilltree.services.results import BlockedTopic
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def mark(engine, catalog, learner, topics, status, at=T0):
    units = units_of_work(engine)
    person = service.ensure_learner(units, username=learner, now=at)
    return service.mark_topics(units, catalog, learner=person, topic_ids=topics, status=Status(status), source=Source.CLI, now=at)


def read(engine, learner, action):
    with UnitOfWork(engine) as uow:
        person = service.find_learner(uow, username=learner)
        return action(uow, person)


def test_marking_appends_events_and_derives_the_status(engine, catalog):
    mark(engine, catalog, "ada", ["git"], "learning", T0)
    changes = mark(engine, catalog, "ada", ["git", "sql"], "done", T0 + timedelta(minutes=5))
    assert [(c.topic, c.previous, c.status, c.changed) for c in changes] == [
        ("git", "learning", "done", True),
        ("sql", "not_started", "done", True),
    ]
    # Marking again with the same status is not a change: no new event.
    again = mark(engine, catalog, "ada", ["git"], "done", T0 + timedelta(minutes=6))
    assert again[0].changed is False
    events = read(engine, "ada", lambda uow, p: service.history(uow, catalog, learner=p))
    assert [(e.topic, e.status) for e in events] == [("sql", "done"), ("git", "done"), ("git", "learning")]
    states = read(engine, "ada", lambda uow, p: uow.progress.states(p.id))
    assert {t: s.status for t, s in states.items()} == {"git": Status.DONE, "sql": Status.DONE}
    assert states["git"].first_at == T0 and states["git"].changed_at == T0 + timedelta(minutes=5)


def test_unknown_topic_is_refused_and_nothing_is_written(engine, catalog):
    mark(engine, catalog, "ada", ["http"], "done")
    with pytest.raises(TopicNotFound, match=r"no topic 'gti' \(did you mean 'git'\?\)"):
        mark(engine, catalog, "ada", ["sql", "gti"], "done")
    assert read(engine, "ada", lambda uow, p: uow.progress.count_events(p.id)) == 1


def test_status_names_are_checked():
    assert service.parse_status("Not-Started") is Status.NOT_STARTED
    with pytest.raises(InvalidInput) as error:
        service.parse_status("dne")
    assert error.value.message == (
        "unknown status 'dne' (did you mean 'done'?); use one of: not_started, learning, done, skipped"
    )


def test_usernames_are_checked():
    assert service.normalise_username(" Ada.L ") == "ada.l"
    with pytest.raises(InvalidInput, match="invalid username 'a b'"):
        service.normalise_username("a b")


def test_progress_counts_done_over_required_minus_skipped(engine, catalog):
    mark(engine, catalog, "ada", ["programming-language", "data-structures"], "done", T0)
    mark(engine, catalog, "ada", ["version-control"], "skipped", T0 + timedelta(hours=1))
    mark(engine, catalog, "ada", ["big-o"], "done", T0 + timedelta(hours=2))  # optional: counted apart
    report = read(engine, "ada", lambda uow, p: service.path_report(uow, catalog, learner=p, path_id="starter-kit"))
    assert (report.required, report.required.percent) == (Tally(done=2, skipped=1, total=16), 13)  # 2 / 15
    assert (report.optional, report.optional.percent) == (Tally(done=1, skipped=0, total=3), 33)
    foundations = report.sections[0]
    assert (foundations.required, foundations.percent) == (Tally(done=2, skipped=0, total=2), 100)
    minutes = sum(catalog.topics[t].minutes for t in catalog.paths["starter-kit"].topic_ids if t not in (
        "programming-language", "data-structures", "version-control", "big-o", "tls", "acid-transactions"))
    assert report.minutes_left == minutes
    assert report.started_at == T0 and report.finished_at is None
    states = read(engine, "ada", lambda uow, p: service.learner_states(uow, learner=p))
    assert states["version-control"].status is Status.SKIPPED and "git" not in states


def test_a_path_is_finished_when_every_required_topic_is_settled(engine, catalog):
    required = [e.topic_id for e in catalog.paths["starter-kit"].entries if not e.optional]
    mark(engine, catalog, "ada", required[:-1], "done", T0)
    mark(engine, catalog, "ada", required[-1:], "skipped", T0 + timedelta(days=3))
    report = read(engine, "ada", lambda uow, p: service.path_report(uow, catalog, learner=p, path_id="starter-kit"))
    assert report.percent == 100 and report.minutes_left == 0
    assert report.finished_at == T0 + timedelta(days=3)
    assert report.next.id == "big-o"  # only optional topics are left


def test_progress_on_a_topic_counts_in_every_path_that_contains_it(engine, catalog):
    mark(engine, catalog, "ada", ["git"], "done")
    overview = read(engine, "ada", lambda uow, p: service.progress_overview(uow, catalog, learner=p, started_only=True))
    assert sorted(r.path for r in overview) == ["backend-2025", "backend-fundamentals", "starter-kit"]
    assert all(r.required.done == 1 for r in overview)


def test_next_up_follows_path_order_and_prerequisites(engine, catalog):
    nxt = lambda: read(engine, "ada", lambda uow, p: service.next_report(uow, catalog, learner=p, path_id="starter-kit"))  # noqa: E731
    mark(engine, catalog, "ada", ["git"], "learning")  # ada exists
    assert nxt().next.id == "programming-language"
    mark(engine, catalog, "ada", ["programming-language", "data-structures"], "done")
    # version-control has no prerequisites; big-o is optional and waits.
    assert nxt().next.id == "version-control"
    code_review = read(engine, "ada", lambda uow, p: service.learner_topic(uow, catalog, learner=p, topic_id="code-review"))
    assert [link.id for link in code_review.waiting_on] == ["git"]


def test_history_survives_a_topic_removed_from_the_content(engine, catalog):
    mark(engine, catalog, "ada", ["git", "sql"], "done")
    smaller = replace(catalog, topics={k: v for k, v in catalog.topics.items() if k != "git"})
    events = read(engine, "ada", lambda uow, p: service.history(uow, smaller, learner=p, topic_id="git"))
    assert [(e.topic, e.title, e.status) for e in events] == [("git", "git", "done")]
    report = read(engine, "ada", lambda uow, p: service.path_report(uow, smaller, learner=p, path_id="starter-kit"))
    assert report.required.done == 2  # git still counts in the path that lists it


def test_activity_and_streaks(engine, catalog):
    for offset, topic in enumerate(["git", "sql", "http"]):
        mark(engine, catalog, "ada", [topic], "done", T0 + timedelta(days=offset))
    mark(engine, catalog, "ada", ["rest"], "learning", T0 + timedelta(days=5))
    report = read(engine, "ada", lambda uow, p: service.activity_report(uow, learner=p, today=date(2026, 11, 6)))
    assert report.days == {"2026-11-01": 1, "2026-11-02": 1, "2026-11-03": 1, "2026-11-06": 1}
    assert (report.current_streak, report.longest_streak) == (1, 3)


def test_a_mark_from_a_clock_behind_the_last_change_still_wins(engine, catalog):
    # Another app server's clock ran an hour ahead; this one's mark must not be hidden behind it.
    mark(engine, catalog, "ada", ["git"], "done", T0 + timedelta(hours=1))
    changes = mark(engine, catalog, "ada", ["git"], "learning", T0)
    assert changes[0].changed is True
    git = read(engine, "ada", lambda uow, p: service.learner_topic(uow, catalog, learner=p, topic_id="git"))
    assert git.status is Status.LEARNING
    events = read(engine, "ada", lambda uow, p: service.history(uow, catalog, learner=p, topic_id="git"))
    assert [e.status for e in events] == ["learning", "done"]


def test_simultaneous_identical_marks_record_one_change(engine, catalog):
    import threading

    mark(engine, catalog, "ada", ["sql"], "learning")
    start = threading.Barrier(8)
    results = []

    def worker():
        start.wait()
        results.append(mark(engine, catalog, "ada", ["git"], "done", T0 + timedelta(minutes=1))[0].changed)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [False] * 7 + [True]
    events = read(engine, "ada", lambda uow, p: service.history(uow, catalog, learner=p, topic_id="git"))
    assert len(events) == 1


def test_next_names_required_topics_held_back_by_a_prerequisite_outside_the_path(engine, tmp_path):
    from content_tree import ContentTree
    from skilltree.catalog.loader import load_catalog

    tree = ContentTree(tmp_path / "content")
    for topic_id, prerequisites in (("x", "[]"), ("a", "[]"), ("b", "[x]"), ("o", "[]")):
        tree.topic(topic_id, prerequisites=prerequisites)
    tree.path("p", "[a, b, {topic: o, optional: true}]")
    tree.path("q", "[x]")
    small = load_catalog(tree.root).catalog
    mark(engine, small, "ada", ["a"], "done")
    report = read(engine, "ada", lambda uow, p: service.next_report(uow, small, learner=p, path_id="p"))
    assert report.next.id == "o"
    assert report.blocked == (BlockedTopic("b", ("x",)),)
