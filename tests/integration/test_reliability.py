"""Concurrent writers and a killed writer lose nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, text

from skilltree.store.tables import progress_events, topic_status

from writer import event_for

WRITER = Path(__file__).with_name("writer.py")


def start_writer(url: str, learner: str, count: int, topics: int = 10) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, learner, str(count), str(topics)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_status_matches_latest_events(engine) -> None:
    """The derived status of every (learner, topic) is the status of its latest event by (at, id)."""
    with engine.connect() as connection:
        events = connection.execute(
            select(progress_events).order_by(progress_events.c.at, progress_events.c.id)
        ).all()
        latest = {}
        for event in events:
            latest[(event.learner_id, event.topic_id)] = event.status
        derived = {
            (row.learner_id, row.topic_id): row.status for row in connection.execute(select(topic_status))
        }
    assert derived == latest


def test_eight_concurrent_writers_lose_no_event(engine, database_url):
    # Two learners, four writers each, all fighting over the same ten topics.
    writers = [start_writer(database_url, f"writer-{n % 2}", 40) for n in range(8)]
    outcomes = [writer.communicate(timeout=240) for writer in writers]
    for writer, (out, err) in zip(writers, outcomes):
        assert writer.returncode == 0, err
        assert "locked" not in err.lower()
        assert out.split() == [str(i) for i in range(40)]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(progress_events)).scalar_one() == 320
    assert_status_matches_latest_events(engine)


def test_a_killed_writer_loses_no_acknowledged_write(engine, database_url):
    writer = start_writer(database_url, "victim", 1_000_000)
    acknowledged = -1
    for line in writer.stdout:
        acknowledged = int(line)
        if acknowledged >= 150:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        moments = connection.execute(select(progress_events.c.at).order_by(progress_events.c.at)).scalars().all()
    # Every acknowledged event is there, and what the writer did after the last one we read
    # is there whole or not at all: events 0..n-1 with no gap.
    assert len(moments) >= acknowledged + 1
    assert moments == [event_for(i, 10).at for i in range(len(moments))]
    assert_status_matches_latest_events(engine)


def test_rebuilding_statuses_from_the_log_gives_what_appending_derived(engine, database_url):
    writer = start_writer(database_url, "rebuild", 60, topics=7)
    writer.communicate(timeout=120)
    with engine.connect() as connection:
        before = sorted(tuple(row) for row in connection.execute(select(topic_status)))
    from skilltree.store.uow import UnitOfWork

    with UnitOfWork(engine, write=True) as uow:
        uow.progress.rebuild_status()
        uow.commit()
    with engine.connect() as connection:
        after = sorted(tuple(row) for row in connection.execute(select(topic_status)))
    assert after == before and len(after) == 7
