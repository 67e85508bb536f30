"""The progress services' rules, on the in-memory unit of work (tests/fakes.py): no database.

The same services run against SQLite and PostgreSQL in tests/integration/test_progress_service.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from fakes import FakeStore
from skilltree.errors import TopicNotFound
from skilltree.progress.models import Source, Status
from skilltree.services import progress as service
from skilltree.services.results import BlockedTopic

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def mark(store, catalog, topics, status, at=T0, username="ada"):
    learner = service.ensure_learner(store, username=username, now=T0)
    return service.mark_topics(store, catalog, learner=learner, topic_ids=topics, status=Status(status), source=Source.CLI, now=at)


def read(store, action, username="ada"):
    with store() as uow:
        return action(uow, service.find_learner(uow, username=username))


def test_a_new_learner_is_created_once_and_committed(store):
    first = service.ensure_learner(store, username="Ada", now=T0)
    again = service.ensure_learner(store, username="ada", now=T0 + timedelta(days=1))
    assert first == again and first.username == "ada" and first.created_at == T0
    assert store.commits == 1  # the second call only read


def test_marking_is_all_or_nothing(store, catalog):
    mark(store, catalog, ["http"], "done")
    with pytest.raises(TopicNotFound, match=r"no topic 'gti' \(did you mean 'git'\?\)"):
        mark(store, catalog, ["sql", "gti"], "done")
    assert read(store, lambda uow, ada: uow.progress.count_events(ada.id)) == 1


def test_marking_a_topic_with_the_status_it_has_records_nothing(store, catalog):
    mark(store, catalog, ["git"], "learning")
    (change,) = mark(store, catalog, ["git"], "learning", T0 + timedelta(minutes=1))
    assert (change.previous, change.status, change.changed) == (Status.LEARNING, Status.LEARNING, False)
    assert read(store, lambda uow, ada: uow.progress.count_events(ada.id)) == 1


def test_a_mark_from_a_clock_behind_the_last_change_is_dated_at_that_change(store, catalog):
    mark(store, catalog, ["git"], "done", T0 + timedelta(hours=1))
    mark(store, catalog, ["git"], "learning", T0)
    events = read(store, lambda uow, ada: uow.progress.events(ada.id, "git"))
    assert [(e.status, e.at) for e in events] == [(Status.DONE, T0 + timedelta(hours=1)), (Status.LEARNING, T0 + timedelta(hours=1))]
    git = read(store, lambda uow, ada: service.learner_topic(uow, catalog, learner=ada, topic_id="git"))
    assert git.status is Status.LEARNING


def test_a_path_report_counts_done_over_required_less_skipped(store, catalog):
    mark(store, catalog, ["programming-language", "data-structures"], "done")
    mark(store, catalog, ["version-control"], "skipped", T0 + timedelta(hours=1))
    report = read(store, lambda uow, ada: service.path_report(uow, catalog, learner=ada, path_id="starter-kit"))
    required = report.required
    assert (required.done, required.skipped, required.counted, report.percent) == (2, 1, required.total - 1, 200 // required.counted)
    assert report.next.id == "git"  # version-control is skipped, so git's prerequisite is settled
    assert report.started_at == T0 and report.finished_at is None


def test_next_report_names_what_holds_the_rest_back_when_nothing_is_free(store, tmp_path):
    from content_tree import ContentTree
    from skilltree.catalog.loader import load_catalog

    tree = ContentTree(tmp_path / "content")
    tree.topic("x")
    tree.topic("b", prerequisites="[x]")
    tree.path("p", "[b]")
    tree.path("q", "[x]")
    small = load_catalog(tree.root).catalog
    service.ensure_learner(store, username="ada", now=T0)
    report = read(store, lambda uow, ada: service.next_report(uow, small, learner=ada, path_id="p"))
    assert report.next is None and report.blocked == (BlockedTopic("b", ("x",)),)


def test_history_keeps_a_topic_the_content_no_longer_has(store, catalog):
    mark(store, catalog, ["git"], "done")
    smaller = replace(catalog, topics={k: v for k, v in catalog.topics.items() if k != "git"})
    events = read(store, lambda uow, ada: service.history(uow, smaller, learner=ada, topic_id="git"))
    assert [(e.topic, e.title, e.status) for e in events] == [("git", "git", Status.DONE)]


def test_another_learners_marks_are_not_yours(store, catalog):
    mark(store, catalog, ["git"], "done", username="grace")
    service.ensure_learner(store, username="ada", now=T0)
    assert read(store, lambda uow, ada: service.learner_states(uow, learner=ada)) == {}


def test_the_roadmap_answer_after_a_change_carries_the_paths_progress(store, catalog):
    mark(store, catalog, ["programming-language"], "done")
    after = read(store, lambda uow, ada: service.roadmap_after_change(
        uow, catalog, learner=ada, topic_id="programming-language", path_id="starter-kit"))
    assert after.status is Status.DONE and after.path.required.done == 1
    assert [link.id for link in after.blocked["data-structures"]] == []
    assert [link.id for link in after.blocked["git"]] == ["version-control"]
    elsewhere = read(store, lambda uow, ada: service.roadmap_after_change(
        uow, catalog, learner=ada, topic_id="programming-language", path_id=""))
    assert (elsewhere.path, elsewhere.blocked) == (None, None)


def test_a_topics_review_cards_follow_its_status(store, catalog):
    """Done makes its questions cards; skipped or reset suspends them; done again resumes them;
    learning leaves them as they are. Nothing is made when marking fails."""
    questions = {(1, "git", q.id) for q in catalog.topics["git"].review}
    mark(store, catalog, ["git"], "learning")
    assert store.data.cards == {}
    mark(store, catalog, ["git"], "done", T0 + timedelta(minutes=1))
    assert store.data.cards == {key: False for key in questions}
    for status, suspended in (("skipped", True), ("learning", True), ("done", False), ("not_started", True)):
        mark(store, catalog, ["git"], status, T0 + timedelta(minutes=2))
        assert set(store.data.cards.values()) == {suspended}, status
    with pytest.raises(TopicNotFound):
        mark(store, catalog, ["sql", "gti"], "done", T0 + timedelta(minutes=3))
    assert {topic for _, topic, _ in store.data.cards} == {"git"}
