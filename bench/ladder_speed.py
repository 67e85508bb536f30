"""The growth plan for the bundled ladder, target Senior: target median < 20 ms.

Measured through the service a page or the API calls (reading the learner's ratings and statuses
and computing the plan), for a learner midway: half of the ladder's topics done and every
responsibility rated. Printed with its ratio to a plain primary-key lookup of a learner through
the same unit of work, measured in the same run; the pure computation (no database) is printed too.

usage: python bench/ladder_speed.py [--database-url URL]
(default: a SQLite file in a temporary directory; pass a postgresql+psycopg:// URL for PostgreSQL)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from timing import median_ms

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.catalog.loader import load_catalog
from skilltree.ladder.growth import growth_plan
from skilltree.ladder.ratings import Rating
from skilltree.progress.models import Source, Status
from skilltree.services.assessment import growth, rate
from skilltree.services.progress import ensure_learner, mark_topics
from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.uow import UnitOfWork, units_of_work

TARGET_MS = 20
NOW = datetime.now(timezone.utc)



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    args = parser.parse_args()
    catalog = load_catalog(BUNDLED_CONTENT).catalog
    ladder = next(iter(catalog.ladders.values()))
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        ensure_schema(engine)
        engine_name = engine.dialect.name
        units = units_of_work(engine)
        learner = ensure_learner(units, username=f"bench-{int(time.time())}", now=NOW)
        topics = sorted({topic for duty in ladder.responsibilities for topic in duty.topics if topic in catalog.topics})
        mark_topics(units, catalog, learner=learner, topic_ids=topics[::2], status=Status.DONE, source=Source.CLI, now=NOW)
        for index, duty in enumerate(ladder.responsibilities):
            rating = list(Rating)[index % len(Rating)]
            rate(units, catalog, learner=learner, ladder_id=ladder.id, responsibility_id=duty.id,
                 rating=rating, evidence="Bench.", source=Source.CLI, now=NOW)

        with UnitOfWork(engine) as uow:
            baseline = median_ms(lambda: uow.learners.get_by_id(learner.id), 300)
            print(f"[{engine_name}] baseline: primary-key lookup of a learner: {baseline:.3f} ms median")
            figure = median_ms(lambda: growth(uow, catalog, learner=learner, ladder_id=ladder.id, target="senior"), 300)
            plan = growth(uow, catalog, learner=learner, ladder_id=ladder.id, target="senior")
            ratings = {d: r.rating for d, r in uow.assessments.latest(learner.id, ladder.id).items()}
            states = uow.progress.states(learner.id)
        senior = next(level for level in ladder.levels if level.id == "senior")
        pure = median_ms(lambda: growth_plan(ladder, senior, catalog, ratings=ratings, states=states), 300)
        engine.dispose()
    verdict = "ok" if figure < TARGET_MS else "TOO SLOW"
    print(
        f"[{engine_name}] growth plan, {ladder.id} towards Senior ({len(plan.topics)} topics left): {figure:.3f} ms median "
        f"(target < {TARGET_MS} ms: {verdict}); {figure / baseline:.1f}x baseline"
    )
    print(f"[{engine_name}] of which the plan itself, no database: {pure:.3f} ms median; {pure / baseline:.1f}x baseline")
    return 0 if figure < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
