"""Review and planning figures.

1. The due queue of a learner with 5,000 cards and 100,000 review records, through the service:
   target median < 5 ms, on SQLite and on PostgreSQL.
2. Grading a card, one durable transaction through the service: target median < 3 ms (SQLite);
   also as a ratio to a durable transaction that changes one row, since on a busy disk the
   commit's fsync alone can take longer than the target.
3. Planning all of Backend developer 2025 (the bundled path, every topic still to read) through
   the service, saving its sessions: target median < 20 ms.

Each figure is printed with its ratio to a primary-key lookup of a learner through the same unit of
work, measured in the same run.

usage: python bench/review_speed.py [--database-url URL] [--cards 5000] [--records-per-card 20]
(default: a SQLite file in a temporary directory; pass a postgresql+psycopg:// URL for PostgreSQL)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from synthetic_catalog import write_catalog
from timing import median_ms

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.catalog.loader import load_catalog
from sqlalchemy import Column, Float, Integer, MetaData, Table

from skilltree.review.cards import Memory, Rating, new_memory
from skilltree.review.scheduling import grade
from skilltree.services.plans import save_plan
from skilltree.services.progress import ensure_learner
from skilltree.services.review import due_queue, grade_card
from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.tables import review_cards, review_records
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime.now(timezone.utc)
# Mostly recalled, as a learner at 90% retention would.
RATINGS = [Rating.AGAIN] + [Rating.HARD] * 2 + [Rating.GOOD] * 6 + [Rating.EASY]


def shifted(memory: Memory, delta: timedelta) -> Memory:
    return replace(memory, due=memory.due + delta, last_review=memory.last_review + delta if memory.last_review else None)


def one_history(rng: random.Random, per_card: int) -> tuple[list[tuple[Rating, datetime, Memory, Memory]], Memory, datetime]:
    """A learner who keeps up: each review on the day the card falls due (a little late at times,
    and within 200 days: nobody waits decades), then placed in time so that the last review's
    interval is under way today, as for a learner who reviews every day."""
    base = datetime(2000, 1, 1, tzinfo=timezone.utc)
    at, memory, history = base, new_memory(base), []
    for _ in range(per_card):
        rating = rng.choice(RATINGS)
        after = grade(memory, rating, at=at, retention=0.9)
        history.append((rating, at, memory, after))
        memory = after
        gap = min(memory.due - at, timedelta(days=200)) * rng.uniform(0.95, 1.15)
        at = at + max(gap, timedelta(minutes=1))
    interval = memory.due - memory.last_review
    delta = (NOW - interval * rng.uniform(0, 1.02)) - memory.last_review
    return [(r, t + delta, shifted(b, delta), shifted(a, delta)) for r, t, b, a in history], shifted(memory, delta), base + delta


def build_cards(engine, learner_id: int, catalog, cards: int, per_card: int, seed: int) -> float:
    """Cards of the catalog's questions with `per_card` grades each; seconds taken."""
    rng = random.Random(seed)
    start = time.perf_counter()
    questions = [(topic.id, question.id) for topic in catalog.topics.values() for question in topic.review][:cards]
    if len(questions) < cards:
        sys.exit(f"the synthetic catalog has only {len(questions)} questions")
    card_rows, record_rows = [], []
    for card_id, (topic_id, question_id) in enumerate(questions, start=1):
        history, memory, created = one_history(rng, per_card)
        for rating, at, before, after in history:
            record_rows.append({
                "learner_id": learner_id, "card_id": card_id, "rating": rating.value, "reviewed_at": at, "duration_ms": 6000,
                "retention": 0.9, "state_before": before.state.value,
                "memory_before": json.dumps(before.as_dict()), "memory_after": json.dumps(after.as_dict()),
            })
        card_rows.append({
            "id": card_id, "learner_id": learner_id, "topic_id": topic_id, "question_id": question_id, "created_at": created,
            "suspended": False, "state": memory.state.value, "due": memory.due, "step": memory.step,
            "stability": memory.stability, "difficulty": memory.difficulty, "last_review": memory.last_review,
        })
    with UnitOfWork(engine, write=True) as uow:
        uow.connection.execute(review_cards.insert(), card_rows)
        for first in range(0, len(record_rows), 20_000):
            uow.connection.execute(review_records.insert(), record_rows[first:first + 20_000])
        if engine.dialect.name == "postgresql":
            uow.connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('review_cards', 'id'), (SELECT max(id) FROM review_cards))")
            uow.connection.exec_driver_sql("ANALYZE review_cards")
            uow.connection.exec_driver_sql("ANALYZE review_records")
        uow.commit()
    return time.perf_counter() - start


# The baseline of a durable write: one row into a table of its own.
bench_writes = Table("bench_writes", MetaData(), Column("id", Integer, primary_key=True), Column("at", Float))


def one_row_transaction(engine) -> None:
    """The cost of durability alone: a write transaction that adds one row."""
    with UnitOfWork(engine, write=True) as uow:
        uow.connection.execute(bench_writes.insert(), {"at": time.time()})
        uow.commit()


def verdict(figure: float, target: float) -> str:
    return f"target < {target:g} ms: " + ("ok" if figure < target else "TOO SLOW")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--cards", type=int, default=5_000)
    parser.add_argument("--records-per-card", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        catalog = load_catalog(write_catalog(Path(tmp) / "catalog", topics=(args.cards + 1) // 2, paths=10)).catalog
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        ensure_schema(engine)
        name = engine.dialect.name
        units = units_of_work(engine)
        learner = ensure_learner(units, username="reviewer", now=NOW)
        with UnitOfWork(engine) as uow:
            if uow.review.cards(learner.id):
                sys.exit(f"{url} already holds this benchmark's learner: give an empty database")
        seconds = build_cards(engine, learner.id, catalog, args.cards, args.records_per_card, seed=12)
        print(f"[{name}] built {args.cards:,} cards with {args.cards * args.records_per_card:,} review records in {seconds:.1f} s")

        def lookup():
            with UnitOfWork(engine) as uow:
                uow.learners.get_by_id(learner.id)

        baseline = median_ms(lookup, 300)
        print(f"[{name}] baseline: primary-key lookup of a learner: {baseline:.3f} ms median")

        def queue():
            with UnitOfWork(engine) as uow:
                return due_queue(uow, catalog, learner=learner, now=NOW, limit=20)

        shown = queue()
        figure = median_ms(queue, 200)
        print(
            f"[{name}] due queue, {shown.due_count} due and {shown.new_count} new of {args.cards:,} cards: "
            f"{figure:.3f} ms median ({verdict(figure, 5)}); {figure / baseline:.1f}x baseline"
        )

        card_ids = [card.id for card in shown.cards]
        counter = iter(range(10**9))

        def grade_one():
            n = next(counter)
            grade_card(units, catalog, learner=learner, card_id=card_ids[n % len(card_ids)], rating=RATINGS[n % len(RATINGS)],
                       now=datetime.now(timezone.utc))

        with UnitOfWork(engine, write=True) as uow:
            bench_writes.create(uow.connection)
            uow.commit()
        durable = median_ms(lambda: one_row_transaction(engine), 300)
        print(f"[{name}] baseline: a durable transaction adding one row: {durable:.3f} ms median")
        figure = median_ms(grade_one, 300)
        target = f" ({verdict(figure, 3)})" if name == "sqlite" else ""
        print(
            f"[{name}] grade a card, one durable transaction: {figure:.3f} ms median{target}; {figure / baseline:.1f}x baseline, "
            f"{figure / durable:.1f}x a one-row durable transaction"
        )

        bundled = load_catalog(BUNDLED_CONTENT).catalog
        path = bundled.paths["backend-2025"]
        planner = ensure_learner(units, username="planner", now=NOW)

        def plan():
            save_plan(units, bundled, learner=planner, path_id=path.id, minutes_per_week=300, weekdays="mon,wed,fri,sat",
                      start_date=None, target_date=NOW.date() + timedelta(days=365), now=NOW)

        figure = median_ms(plan, 50)
        print(
            f"[{name}] plan Backend developer 2025 ({len(path.topic_ids)} topics), laid out and saved: "
            f"{figure:.3f} ms median ({verdict(figure, 20)}); {figure / baseline:.1f}x baseline"
        )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
