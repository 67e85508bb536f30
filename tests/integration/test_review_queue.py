"""The due queue as SQL orders and counts it, against the fsrs package's own retrievability; the
cards it leaves out as retired; the due forecast by the learner's days; on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from skilltree.review.cards import CardState, Memory, Rating, new_memory
from skilltree.review.queue import learner_day
from skilltree.review.scheduling import grade, retrievability
from skilltree.services import progress as progress_service
from skilltree.services import review as service
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime(2026, 11, 20, 12, 0, 0, 250_000, tzinfo=timezone.utc)


def random_memory(rng: random.Random) -> Memory:
    """A card graded a few times by the real scheduler, then placed so that its last review is some
    whole days before NOW, give or take a microsecond or up to a day: whole days are what fsrs counts."""
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    memory, at = new_memory(start), start
    for _ in range(rng.randint(1, 6)):
        memory = grade(memory, rng.choice(list(Rating)), at=at, retention=rng.choice((0.8, 0.9, 0.95)))
        at = memory.due + timedelta(hours=rng.randint(0, 200))
    nudge = rng.choice((timedelta(0), timedelta(microseconds=1), -timedelta(microseconds=1),
                        timedelta(seconds=rng.uniform(-86_400, 86_400))))
    last_review = NOW - timedelta(days=rng.randint(0, 60)) + nudge
    shift = last_review - memory.last_review
    return replace(memory, last_review=last_review, due=memory.due + shift)


def test_due_cards_come_in_the_order_of_fsrs_retrievability_lowest_first(engine, catalog):
    rng = random.Random(12)
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    questions = [(topic.id, question.id) for topic in catalog.topics.values() for question in topic.review][:300]
    with units(write=True) as uow:
        for topic_id, question_id in questions:
            uow.review.add_cards(ada.id, topic_id, [question_id], NOW)
        cards = uow.review.cards(ada.id)
        for card in cards:
            uow.review.save_memory(card.id, random_memory(rng))
        uow.commit()
    with UnitOfWork(engine) as uow:
        memories = {card.id: card.memory for card in uow.review.cards(ada.id)}
        queue = service.due_queue(uow, catalog, learner=ada, now=NOW, limit=len(questions))
    day = learner_day(NOW, timezone.utc)
    due = {card_id for card_id, memory in memories.items()
           if (memory.due < day.end if memory.state is CardState.REVIEW else memory.due <= NOW)}
    shown = [card.id for card in queue.cards if card.state != "new"]
    assert set(shown) == due and queue.due_count == len(due) > 100
    order = [(retrievability(memories[card_id], at=NOW), memories[card_id].due) for card_id in shown]
    assert order == sorted(order)
    # The cards drawn lie on both sides of a day's boundary: the order above depends on counting it right.
    elapsed = [NOW - memory.last_review for memory in memories.values()]
    assert any(e % timedelta(days=1) == timedelta(microseconds=86_400_000_000 - 1) for e in elapsed)
    assert any(e % timedelta(days=1) == timedelta(0) for e in elapsed)


def test_a_card_made_after_the_queue_was_read_whose_question_is_not_in_the_content_is_left_out(engine, catalog):
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    with units(write=True) as uow:
        uow.review.add_cards(ada.id, "git", [catalog.topics["git"].review[0].id], NOW)
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert service.due_queue(uow, catalog, learner=ada, now=NOW, limit=10).new_count == 1
    # An import brings a card of a question this content does not ask (another server's content).
    with units(write=True) as uow:
        uow.review.import_card(ada.id, "git", "a-question-from-elsewhere", created_at=NOW, suspended=False)
        uow.review.add_cards(ada.id, "git", [catalog.topics["git"].review[1].id], NOW)
        uow.commit()
    with UnitOfWork(engine) as uow:
        queue = service.due_queue(uow, catalog, learner=ada, now=NOW, limit=10)
    assert [card.question for card in queue.cards] == [question.question for question in catalog.topics["git"].review[:2]]
    assert queue.new_count == 2


def test_the_forecast_counts_active_cards_by_the_learners_day_across_a_change_of_clocks(engine, catalog):
    # New York leaves summer time on 1 November 2026: that day has 25 hours.
    now = datetime(2026, 10, 20, 12, 0, tzinfo=timezone.utc)  # 08:00 in New York
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=now)
    with units(write=True) as uow:
        uow.learners.set_time_zone(ada.id, "America/New_York")
        uow.commit()
    ada = replace(ada, time_zone="America/New_York")
    graded = Memory(CardState.REVIEW, now, None, 10.0, 5.0, now - timedelta(days=10))
    dues = {
        "overdue": now - timedelta(days=3),
        "tonight": datetime(2026, 10, 21, 3, 59, tzinfo=timezone.utc),  # 23:59 on 20 October
        "tomorrow": datetime(2026, 10, 21, 4, 0, tzinfo=timezone.utc),
        "last hour of 1 November": datetime(2026, 11, 2, 4, 30, tzinfo=timezone.utc),  # 23:30 EST
        "first hour of 2 November": datetime(2026, 11, 2, 5, 30, tzinfo=timezone.utc),
        "last forecast day": datetime(2026, 11, 19, 4, 59, tzinfo=timezone.utc),
        "beyond the forecast": datetime(2026, 11, 19, 5, 0, tzinfo=timezone.utc),
        "suspended": now,
    }
    topics = [topic for topic in catalog.topics.values() if topic.review][: len(dues) + 1]
    due_of = {topic.id: due for topic, due in zip(topics, dues.values())}  # the last topic's card stays new
    with units(write=True) as uow:
        for topic in topics:
            uow.review.add_cards(ada.id, topic.id, [topic.review[0].id], now)
        for card in uow.review.cards(ada.id):
            if card.topic_id in due_of:
                uow.review.save_memory(card.id, replace(graded, due=due_of[card.topic_id]))
        uow.review.set_suspended(ada.id, topics[list(dues).index("suspended")].id, True)
        uow.commit()
    with UnitOfWork(engine) as uow:
        forecast = service.memory_stats(uow, learner=ada, now=now).forecast
    expected = {(datetime(2026, 10, 20) + timedelta(days=n)).date().isoformat(): 0 for n in range(30)}
    expected |= {"2026-10-20": 3, "2026-10-21": 1, "2026-11-01": 1, "2026-11-02": 1, "2026-11-18": 1}
    assert forecast == expected
