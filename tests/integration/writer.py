"""A separate process that appends progress events and prints each index once it is committed.

usage: python writer.py DATABASE_URL LEARNER COUNT [TOPICS]

Event i is for topic "topic-<i % TOPICS>" with status learning or done, at T0 + i ms,
so a test can tell exactly which acknowledged events must be in the database.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

from skilltree.progress.models import ProgressEvent, Source, Status
from skilltree.services.progress import ensure_learner
from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
# Seconds a write may wait for the others (the default is 5). Eight writers at once on a machine
# that parallel test workers keep busy can queue longer than that; the tests check that nothing is
# lost and that SQLite never answers "locked", not how long a write waits.
WRITE_WAIT = 120.0


def event_for(index: int, topics: int) -> ProgressEvent:
    status = Status.DONE if index % 2 else Status.LEARNING
    return ProgressEvent(f"topic-{index % topics}", status, T0 + timedelta(milliseconds=index), Source.CLI)


def main() -> None:
    url, username, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    topics = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    engine = make_engine(url, timeout=WRITE_WAIT)
    ensure_schema(engine)
    learner = ensure_learner(units_of_work(engine), username=username, now=T0)
    for index in range(count):
        with UnitOfWork(engine, write=True) as uow:
            uow.progress.append(learner.id, event_for(index, topics))
            uow.commit()
        print(index, flush=True)


if __name__ == "__main__":
    main()
