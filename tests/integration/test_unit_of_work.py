"""The unit of work gives back SQLite's writers' queue even when its transaction cannot begin."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from skilltree.store.engine import make_engine
from skilltree.store.migrate import ensure_schema
from skilltree.store.uow import UnitOfWork


def test_a_failed_begin_does_not_keep_the_write_lock(tmp_path):
    database = tmp_path / "skilltree.db"
    engine = make_engine(f"sqlite:///{database}")
    ensure_schema(engine)
    engine.dispose()

    @event.listens_for(engine, "connect")
    def short_wait(dbapi_connection, _record):  # runs after the engine's own settings
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    other_program = sqlite3.connect(database, isolation_level=None)
    other_program.execute("BEGIN EXCLUSIVE")
    with pytest.raises(OperationalError, match="locked"):
        with UnitOfWork(engine, write=True):
            pass
    other_program.execute("ROLLBACK")
    other_program.close()

    finished = threading.Event()

    def write_again():
        with UnitOfWork(engine, write=True) as uow:
            uow.commit()
        finished.set()

    threading.Thread(target=write_again, daemon=True).start()
    assert finished.wait(timeout=10), "the second writer waited forever on a lock nobody held"
    engine.dispose()


def test_reading_on_postgresql_is_read_only_and_keeps_prepared_statements(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no read-only transactions and prepares statements on its own")
    from datetime import datetime, timezone

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="read-only transaction"):
        with UnitOfWork(engine) as uow:
            uow.learners.get_or_create("ada", "Ada", datetime.now(timezone.utc))
    # psycopg prepares a statement on its fifth run, and forgets them all on ROLLBACK.
    for _ in range(6):
        with UnitOfWork(engine) as uow:
            uow.learners.get("ada")
    with UnitOfWork(engine) as uow:
        prepared = uow.connection.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
    assert any("FROM learners" in statement for statement in prepared)


def test_an_in_memory_database_still_opens_through_the_code():
    # No pool to wait for there, so no pool timeout: SQLAlchemy refuses one for this pool.
    from sqlalchemy import text

    engine = make_engine("sqlite://", timeout=1)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    engine.dispose()


def test_a_connection_the_server_dropped_while_it_sat_in_the_pool_is_replaced(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("a server that drops connections: PostgreSQL's")
    import time

    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from skilltree.store.engine import IDLE_PING_SECONDS

    with UnitOfWork(engine) as uow:
        pooled = uow.connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    administrator = create_engine(engine.url, poolclass=NullPool)
    with administrator.connect() as connection:  # as a restarted server or an idle timeout would
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pooled}).scalar_one()
    administrator.dispose()
    time.sleep(IDLE_PING_SECONDS + 0.2)
    with UnitOfWork(engine) as uow:
        assert uow.connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != pooled
