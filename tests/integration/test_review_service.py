"""Review cards through the service layer and the real `fsrs` package, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from skilltree.errors import InvalidInput, NotFound
from skilltree.progress.models import Source, Status
from skilltree.review.cards import CardState, Rating
from skilltree.review.scheduling import replay
from skilltree.services import progress as progress_service
from skilltree.services import review as service
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def learner(engine, name="ada", time_zone=None):
    units = units_of_work(engine)
    person = progress_service.ensure_learner(units, username=name, now=T0)
    if time_zone:
        with units(write=True) as uow:
            uow.learners.set_time_zone(person.id, time_zone)
            uow.commit()
        person = replace(person, time_zone=time_zone)
    return person


def mark(engine, catalog, person, topics, status, at=T0):
    progress_service.mark_topics(
        units_of_work(engine), catalog, learner=person, topic_ids=topics, status=Status(status), source=Source.CLI, now=at
    )


def queue(engine, catalog, person, at=T0, limit=100):
    with UnitOfWork(engine) as uow:
        return service.due_queue(uow, catalog, learner=person, now=at, limit=limit, with_intervals=True)


def grade(engine, catalog, person, card_id, rating, at):
    return service.grade_card(units_of_work(engine), catalog, learner=person, card_id=card_id, rating=Rating(rating), now=at)


def test_a_done_topic_becomes_new_cards_due_now(engine, catalog):
    ada = learner(engine)
    mark(engine, catalog, ada, ["git"], "learning")
    assert queue(engine, catalog, ada).left == 0
    mark(engine, catalog, ada, ["git"], "done")
    today = queue(engine, catalog, ada)
    questions = catalog.topics["git"].review
    assert [(c.topic, c.question, c.answer, c.state) for c in today.cards] == [
        ("git", q.question, q.answer, "new") for q in questions
    ]
    assert (today.due_count, today.new_count) == (0, len(questions))
    # Each rating button shows the interval the real scheduler would give a new card.
    assert today.cards[0].intervals == {"again": "1m", "hard": "6m", "good": "10m", "easy": "8d"}


def test_grades_move_the_due_date_and_replaying_the_records_gives_the_stored_state(engine, catalog):
    ada = learner(engine)
    mark(engine, catalog, ada, ["git"], "done")
    card = queue(engine, catalog, ada).cards[0]
    moments = [T0, T0 + timedelta(minutes=10), T0 + timedelta(days=3), T0 + timedelta(days=20)]
    ratings = ["good", "good", "again", "easy"]
    dues = []
    for rating, at in zip(ratings, moments):
        dues.append(grade(engine, catalog, ada, card.id, rating, at).due)
    assert dues[0] == T0 + timedelta(minutes=10)  # the second learning step
    assert dues[1] - moments[1] >= timedelta(days=1)  # graduated to review
    assert dues[2] == moments[2] + timedelta(minutes=10)  # forgotten: relearning
    with UnitOfWork(engine) as uow:
        stored = uow.review.card(ada.id, card.id)
        records = uow.review.records(ada.id, card.id)
        created = uow.review.created_at(card.id)
    assert [r.rating.value for r in records] == ratings
    assert [r.before.state for r in records] == [CardState.NEW, CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING]
    assert records[-1].after == stored.memory
    replayed = replay([(r.rating, r.reviewed_at, r.retention) for r in records], created_at=created)
    assert replayed == stored.memory


def test_higher_desired_retention_gives_shorter_intervals(engine, catalog):
    ada, bob = learner(engine, "ada"), learner(engine, "bob")
    with units_of_work(engine)(write=True) as uow:
        service.save_study_settings(uow, learner=bob, settings=service.check_study_settings(desired_retention=0.97, new_cards_per_day=20))
        uow.commit()
    for person in (ada, bob):
        mark(engine, catalog, person, ["git"], "done")
        card = queue(engine, catalog, person).cards[0]
        grade(engine, catalog, person, card.id, "good", T0)
        grade(engine, catalog, person, card.id, "good", T0 + timedelta(minutes=10))
    ada_card, bob_card = queue(engine, catalog, ada, T0 + timedelta(days=60)).cards[0], queue(engine, catalog, bob, T0 + timedelta(days=60)).cards[0]
    assert ada_card.topic == bob_card.topic == "git"
    assert bob_card.due < ada_card.due


def test_overdue_cards_come_lowest_retrievability_first_then_new_cards_up_to_the_daily_limit(engine, catalog):
    ada = learner(engine)
    with units_of_work(engine)(write=True) as uow:
        service.save_study_settings(uow, learner=ada, settings=service.StudySettings(0.9, 3))
        uow.commit()
    mark(engine, catalog, ada, ["git", "http"], "done")
    first = queue(engine, catalog, ada)
    assert (first.due_count, first.new_count) == (0, 3)
    graded = first.cards[:2]
    # Two cards learned the same day: one "hard" (less stable), one "easy".
    grade(engine, catalog, ada, graded[0].id, "easy", T0)
    grade(engine, catalog, ada, graded[1].id, "hard", T0)
    grade(engine, catalog, ada, graded[1].id, "good", T0 + timedelta(minutes=10))
    later = queue(engine, catalog, ada, T0 + timedelta(days=40))
    # The limit counts the new cards met that day; a new day brings new ones again.
    assert later.new_count == 3
    reviews = [c for c in later.cards if c.state != "new"]
    assert [c.id for c in reviews] == [graded[1].id, graded[0].id]
    assert [c.state for c in later.cards[2:]] == ["new"] * 3
    same_day = queue(engine, catalog, ada, T0 + timedelta(hours=1))
    assert same_day.new_count == 1  # three a day, two met already


def test_skipping_suspends_the_cards_and_done_again_resumes_them_with_their_history(engine, catalog):
    ada = learner(engine)
    mark(engine, catalog, ada, ["git"], "done")
    card = queue(engine, catalog, ada).cards[0]
    grade(engine, catalog, ada, card.id, "good", T0)
    mark(engine, catalog, ada, ["git"], "skipped", T0 + timedelta(minutes=1))
    assert queue(engine, catalog, ada, T0 + timedelta(days=1)).left == 0
    with pytest.raises(service.CardSuspended, match=f"review card {card.id} is suspended because its topic 'git' is not done"):
        grade(engine, catalog, ada, card.id, "good", T0 + timedelta(days=1))
    mark(engine, catalog, ada, ["git"], "not_started", T0 + timedelta(minutes=2))
    mark(engine, catalog, ada, ["git"], "done", T0 + timedelta(minutes=3))
    resumed = queue(engine, catalog, ada, T0 + timedelta(days=1))
    assert card.id in [c.id for c in resumed.cards]
    with UnitOfWork(engine) as uow:
        assert len(uow.review.records(ada.id, card.id)) == 1
        assert len(uow.review.cards(ada.id)) == len(catalog.topics["git"].review)


def test_a_question_removed_from_the_content_retires_its_card_and_a_reworded_one_keeps_its_history(engine, catalog):
    ada = learner(engine)
    mark(engine, catalog, ada, ["git"], "done")
    cards = queue(engine, catalog, ada).cards
    grade(engine, catalog, ada, cards[0].id, "good", T0)
    git = catalog.topics["git"]
    reworded = replace(git.review[0], question="Reworded: " + git.review[0].question)
    edited = replace(catalog, topics={**catalog.topics, "git": replace(git, review=(reworded, *git.review[2:]))})
    shown = queue(engine, edited, ada, T0 + timedelta(minutes=10))
    assert cards[1].id not in [c.id for c in shown.cards]
    assert shown.cards[0].id == cards[0].id and shown.cards[0].question.startswith("Reworded: ")
    with pytest.raises(NotFound, match=f"no review card {cards[1].id}"):
        grade(engine, edited, ada, cards[1].id, "good", T0 + timedelta(minutes=10))


def test_today_is_the_learners_day_in_their_time_zone(engine, catalog):
    """One new card a day: met at 23:00 in Tokyo (14:00 UTC); at 00:30 there (15:30 UTC) Tokyo has
    a new day and a new card, while a learner on UTC is still on the same day."""
    met, after_midnight_in_tokyo = datetime(2026, 11, 2, 14, 0, tzinfo=timezone.utc), datetime(2026, 11, 2, 15, 30, tzinfo=timezone.utc)
    tokyo, utc = learner(engine, "ada", "Asia/Tokyo"), learner(engine, "bob")
    for person in (tokyo, utc):
        with units_of_work(engine)(write=True) as uow:
            service.save_study_settings(uow, learner=person, settings=service.StudySettings(0.9, 1))
            uow.commit()
        mark(engine, catalog, person, ["git"], "done", met)
        card = queue(engine, catalog, person, met).cards[0]
        grade(engine, catalog, person, card.id, "easy", met)
        assert queue(engine, catalog, person, met).new_count == 0
    assert queue(engine, catalog, tokyo, after_midnight_in_tokyo).new_count == 1
    assert queue(engine, catalog, utc, after_midnight_in_tokyo).new_count == 0


def test_study_settings_are_checked():
    with pytest.raises(InvalidInput) as error:
        service.check_study_settings(desired_retention=0.99, new_cards_per_day=20)
    assert error.value.message == "desired retention 0.99 is out of range: choose between 0.70 and 0.97"
    with pytest.raises(InvalidInput) as error:
        service.check_study_settings(desired_retention=0.9, new_cards_per_day=-1)
    assert error.value.message == "new cards per day -1 is out of range: choose between 0 and 500"
    with pytest.raises(InvalidInput) as error:
        service.parse_rating("godo")
    assert error.value.message == "unknown rating 'godo' (did you mean 'good'?); use one of: again, hard, good, easy"


def test_a_learner_cannot_grade_another_learners_card(engine, catalog):
    ada, bob = learner(engine, "ada"), learner(engine, "bob")
    mark(engine, catalog, ada, ["git"], "done")
    card = queue(engine, catalog, ada).cards[0]
    with pytest.raises(NotFound, match=f"no review card {card.id}"):
        grade(engine, catalog, bob, card.id, "good", T0)


def test_a_grade_waits_for_another_grade_of_the_card_and_starts_from_its_state(engine, catalog):
    """A double click or two tabs: the second grade must not start from the state the first replaced."""
    ada = learner(engine)
    mark(engine, catalog, ada, ["git"], "done")
    card = queue(engine, catalog, ada).cards[0]
    second: list = []
    with UnitOfWork(engine, write=True) as first:
        locked, _ = first.review.card_to_grade(ada.id, card.id)
        waiting = threading.Thread(target=lambda: second.append(grade(engine, catalog, ada, card.id, "good", T0 + timedelta(minutes=1))))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()
        graded = replay([(Rating.AGAIN, T0, 0.9)], created_at=locked.memory.due)
        first.review.save_memory(card.id, graded)
        first.commit()
    waiting.join(10)
    with UnitOfWork(engine) as uow:
        (record,) = uow.review.records(ada.id, card.id)
    assert record.before == graded and second[0].state == record.after.state.value
