"""Progress store figures on the 10,000-topic synthetic catalog.

1. Build a synthetic load of 10,000 learners x 100 status changes (1M events): target < 60 s (SQLite);
   its baseline is inserting the same rows into a bare table.
2. Path progress for one learner, through the service: target median < 5 ms.
3. Marking a topic, one durable transaction through the service: target median < 2 ms (SQLite).

Figures 2 and 3 are printed with their ratio to a plain primary-key lookup through the same unit
of work, measured in the same run.

usage: python bench/progress_speed.py [--database-url URL] [--learners 10000] [--changes 100]
(default: a SQLite file in a temporary directory; pass a postgresql+psycopg:// URL for PostgreSQL)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from synthetic_catalog import write_catalog
from timing import median_ms

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table

from skilltree.catalog.loader import load_catalog
from skilltree.progress.models import STATUS_NAMES, Source, Status
from skilltree.services.progress import ensure_learner, mark_topics, path_report
from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.tables import learners
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def event_batches(ids: dict[str, int], catalog, learner_count: int, changes: int, seed: int, size: int = 50_000):
    """The synthetic events, in batches; the same seed gives the same events."""
    rng = random.Random(seed)
    paths = list(catalog.paths.values())
    batch = []
    for n in range(learner_count):
        topics = paths[n % len(paths)].topic_ids
        for change in range(changes):
            batch.append(
                {
                    "learner_id": ids[f"learner-{n}"],
                    "topic_id": topics[rng.randrange(len(topics))],
                    "status": STATUS_NAMES[1 + change % 3],
                    "at": T0 + timedelta(minutes=change),
                    "source": "cli",
                }
            )
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_load(engine, catalog, learner_count: int, changes: int, seed: int) -> float:
    """Insert the learners and their events in batches, then derive statuses set-based; seconds taken."""
    start = time.perf_counter()
    with UnitOfWork(engine, write=True) as uow:
        uow.connection.execute(
            learners.insert(),
            [
                {"username": f"learner-{n}", "display_name": f"Learner {n}", "created_at": T0, "is_admin": False}
                for n in range(learner_count)
            ],
        )
        ids = dict(uow.connection.execute(learners.select().with_only_columns(learners.c.username, learners.c.id)).all())
        for batch in event_batches(ids, catalog, learner_count, changes, seed):
            uow.progress.append_bulk(batch)
        uow.progress.rebuild_status()
        uow.commit()
    return time.perf_counter() - start


def plain_insert(engine, catalog, learner_count: int, changes: int, seed: int) -> float:
    """The baseline of the build: the same rows into a bare table with no index, key or derived status."""
    plain = Table(
        "bench_plain_events", MetaData(),
        Column("learner_id", Integer), Column("topic_id", String), Column("status", String),
        Column("at", DateTime(timezone=True)), Column("source", String),
    )
    ids = {f"learner-{n}": n for n in range(learner_count)}
    start = time.perf_counter()
    with UnitOfWork(engine, write=True) as uow:
        plain.create(uow.connection)
        for batch in event_batches(ids, catalog, learner_count, changes, seed):
            uow.connection.execute(plain.insert(), batch)
        plain.drop(uow.connection)
        uow.commit()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        catalog = load_catalog(write_catalog(Path(tmp) / "catalog", topics=10_000, paths=200)).catalog
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        ensure_schema(engine)
        with UnitOfWork(engine) as uow:
            if uow.connection.execute(learners.select().limit(1)).first():
                sys.exit(f"{url} already holds learners: give an empty database")
        engine_name = engine.dialect.name
        events = args.learners * args.changes
        seconds = build_load(engine, catalog, args.learners, args.changes, seed=11)
        plain = plain_insert(engine, catalog, args.learners, args.changes, seed=11)
        verdict = "ok" if seconds < 60 else "TOO SLOW"
        print(
            f"[{engine_name}] build {events:,} events for {args.learners:,} learners: {seconds:.1f} s "
            f"(target < 60 s: {verdict}); {seconds / plain:.1f}x the same rows into a bare table ({plain:.1f} s)"
        )

        probe = f"learner-{min(4242, args.learners - 1)}"

        def lookup():
            with UnitOfWork(engine) as uow:
                uow.learners.get(probe)

        baseline = median_ms(lookup, 300)
        print(f"[{engine_name}] baseline: primary-key lookup of a learner: {baseline:.3f} ms median")

        with UnitOfWork(engine) as uow:
            person = uow.learners.get(probe)
        path_id = list(catalog.paths)[4242 % len(catalog.paths)]

        def progress():
            with UnitOfWork(engine) as uow:
                path_report(uow, catalog, learner=person, path_id=path_id)

        figure = median_ms(progress, 300)
        verdict = "ok" if figure < 5 else "TOO SLOW"
        print(f"[{engine_name}] path progress, one learner: {figure:.3f} ms median (target < 5 ms: {verdict}); {figure / baseline:.1f}x baseline")

        topics = catalog.paths[path_id].topic_ids
        statuses = [Status.LEARNING, Status.DONE]
        counter = iter(range(10**9))

        units = units_of_work(engine)
        learner = ensure_learner(units, username="marker", now=T0)

        def mark():
            n = next(counter)
            mark_topics(
                units, catalog, learner=learner, topic_ids=[topics[n % len(topics)]],
                status=statuses[(n // len(topics)) % 2], source=Source.CLI, now=datetime.now(timezone.utc),
            )

        figure = median_ms(mark, 500)
        target = " (target < 2 ms: " + ("ok)" if figure < 2 else "TOO SLOW)") if engine_name == "sqlite" else ""
        print(f"[{engine_name}] mark a topic, one durable transaction: {figure:.3f} ms median{target}; {figure / baseline:.1f}x baseline")
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
