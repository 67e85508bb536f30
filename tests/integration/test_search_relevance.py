"""Search answers learners' questions: the right topic is among the first three results, on both engines."""

from __future__ import annotations

from skilltree.services.search import search
from skilltree.store.uow import UnitOfWork

from search_questions import QUESTIONS

REQUIRED_HIT_RATE = 0.90


def test_the_question_set_is_large_and_names_real_topics(catalog):
    assert len(QUESTIONS) >= 60
    assert len({question for question, _ in QUESTIONS}) == len(QUESTIONS)
    unknown = sorted({topic for _, topics in QUESTIONS for topic in topics} - set(catalog.topics))
    assert unknown == []


def test_the_right_topic_is_in_the_top_three(searchable, catalog):
    missed = []
    with UnitOfWork(searchable) as uow:
        for question, answers in QUESTIONS:
            # What a learner sees: the first three of a default page of results.
            top = [hit.topic_id for hit in search(uow, catalog, query=question)][:3]
            if not set(top) & set(answers):
                missed.append(f"{question!r}: wanted {' or '.join(answers)}, got {top}")
    hit_rate = 1 - len(missed) / len(QUESTIONS)
    print(f"\n[{searchable.dialect.name}] top-3 hit rate {hit_rate:.1%} over {len(QUESTIONS)} questions")
    assert hit_rate >= REQUIRED_HIT_RATE, "\n".join(missed)
