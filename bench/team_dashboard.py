"""The team dashboard of a team of 200 members x 3 assigned paths: target median < 150 ms.

A synthetic team: 200 members who joined over the last ten weeks, the Starter Kit, Backend developer
2025 and Fundamentals of Backend Engineering assigned to everyone (one of them already overdue), and
progress as people make it: each member moves through each path at their own pace, a few topics at a
time on scattered days, some learning before done, a few skipped, some never started. Measured
through the service a page, the CSV and the API call (team_access, the queries, the computation), each
run in a unit of work of its own as a request has; printed with its ratio to a primary-key lookup of a
learner in a unit of work of its own, measured in the same run.

usage: python bench/team_dashboard.py [--postgres URL] [--members N] [--runs N]
(default: a SQLite file in a temporary directory; --postgres, or SKILLTREE_TEST_POSTGRES_URL, for
PostgreSQL, in a schema of its own that is dropped afterwards)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from timing import median_ms

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.catalog.loader import load_catalog
from skilltree.progress.models import Source, Status
from skilltree.services.progress import apply_changes, ensure_learner
from skilltree.services.team_dashboard import team_dashboard
from skilltree.services.teams import accept_invite, assign_path, create_invite, create_team
from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.uow import UnitOfWork, units_of_work

TARGET_MS = 150
NOW = datetime.now(timezone.utc)
PATHS = ("starter-kit", "backend-2025", "backend-fundamentals")
SECRET = "bench-secret-" + "x" * 32



def build_team(engine, catalog, members: int, rng: random.Random):
    """The owner and the team's id, with `members` members and their progress."""
    units = units_of_work(engine)
    start = NOW - timedelta(days=70)
    owner = ensure_learner(units, username="lead", now=start)
    team_id = create_team(units, learner=owner, name="Synthetic", now=start).team.id
    for path_id, due_days in zip(PATHS, (30, 120, 200)):  # the Starter Kit is overdue by now
        assign_path(units, catalog, team_id=team_id, viewer=owner, path_id=path_id, due=(start + timedelta(days=due_days)).date(),
                    usernames=None, today=start.date(), now=start)
    for index, joined in enumerate(sorted(start + timedelta(days=rng.uniform(0, 60)) for _ in range(members))):
        code = create_invite(units, team_id=team_id, viewer=owner, uses=1, days=1, now=joined, secret=SECRET).code
        learner = ensure_learner(units, username=f"engineer-{index:03d}", now=joined)
        accept_invite(units, code=code, learner=learner, now=joined, secret=SECRET)
        pace = rng.choice((0.0, 0.3, 0.6, 1.0, 1.5))  # topics a day: some never start
        moment = joined
        for path_id, share in zip(PATHS, (1.0, 0.3, 0.5)):
            topics = list(catalog.paths[path_id].topic_ids)
            reach = int(len(topics) * share * min(1.0, pace))
            position = 0
            while position < reach and moment < NOW:
                batch = topics[position:position + rng.randint(2, 6)]
                position += len(batch)
                moment += timedelta(hours=rng.uniform(4, 24 / max(pace, 0.2) * len(batch)))
                if moment >= NOW:
                    break
                if rng.random() < 0.3:  # learning first, done a little later
                    apply_changes(units, catalog, learner=learner, changes=[(t, Status.LEARNING) for t in batch],
                                  source=Source.WEB, now=moment)
                    moment += timedelta(hours=rng.uniform(1, 30))
                final = Status.SKIPPED if rng.random() < 0.05 else Status.DONE
                apply_changes(units, catalog, learner=learner, changes=[(t, final) for t in batch],
                              source=Source.WEB, now=min(moment, NOW))
    return owner, team_id


def postgres_schema(url: str):
    """A schema of its own on the server, for this run; returns the URL using it and a cleanup."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')

    def drop():
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False), drop


def measure(url: str, catalog, members: int, runs: int) -> bool:
    engine = make_engine(url)
    ensure_schema(engine)
    name = engine.dialect.name
    built = time.perf_counter()
    owner, team_id = build_team(engine, catalog, members, random.Random(14))
    with engine.connect() as connection:
        events = connection.exec_driver_sql("SELECT count(*) FROM progress_events").scalar_one()
    print(f"[{name}] built a team of {members} members x {len(PATHS)} paths, {events} progress events, "
          f"in {time.perf_counter() - built:.0f} s")

    def lookup():
        with UnitOfWork(engine) as uow:
            uow.learners.get_by_id(owner.id)

    def build():
        with UnitOfWork(engine) as uow:
            return team_dashboard(uow, catalog, team_id=team_id, viewer=owner, now=NOW)

    baseline = median_ms(lookup, runs * 5)
    print(f"[{name}] baseline: primary-key lookup of a learner in a unit of work: {baseline:.3f} ms median")
    figure = median_ms(build, runs)
    board = build()
    engine.dispose()
    verdict = "ok" if figure < TARGET_MS else "TOO SLOW"
    print(
        f"[{name}] team dashboard, {len(board.rows)} members x {len(board.columns)} assignments "
        f"({len(board.stuck)} stuck): {figure:.1f} ms median of {runs} "
        f"(target < {TARGET_MS} ms: {verdict}); {figure / baseline:.0f}x baseline"
    )
    return figure < TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("SKILLTREE_TEST_POSTGRES_URL"),
                        help="a postgresql+psycopg:// URL (default: SKILLTREE_TEST_POSTGRES_URL; none: SQLite only)")
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    catalog = load_catalog(BUNDLED_CONTENT).catalog
    fast = True
    with tempfile.TemporaryDirectory() as folder:
        fast &= measure(f"sqlite:///{Path(folder) / 'bench.db'}", catalog, args.members, args.runs)
    if args.postgres:
        url, drop = postgres_schema(args.postgres)
        try:
            fast &= measure(url, catalog, args.members, args.runs)
        finally:
            drop()
    else:
        print("PostgreSQL not measured: pass --postgres URL or set SKILLTREE_TEST_POSTGRES_URL")
    return 0 if fast else 1


if __name__ == "__main__":
    sys.exit(main())
