"""Creating the engine: SQLite tuned for safe concurrent use, or PostgreSQL as configured."""

from __future__ import annotations

import time
import weakref
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidatePoolError

from skilltree.store.faults import sqlite_file
from skilltree.store.statement_watchdog import GRACE_SECONDS, bound_waits
from skilltree.store.write_lock import SqliteWriteLock

# How long any wait on the database may last (SKILLTREE_DATABASE_TIMEOUT): a connection, a
# statement, a lock, a free connection in the pool. Past it the work gives up, and the web
# answers 503 instead of holding a worker thread that other requests need.
DEFAULT_TIMEOUT = 5.0
# A pooled PostgreSQL connection idle for longer is pinged before use (see _ping_when_idle).
IDLE_PING_SECONDS = 1.0

_write_locks: weakref.WeakKeyDictionary[Engine, SqliteWriteLock] = weakref.WeakKeyDictionary()


def write_lock_for(engine: Engine) -> SqliteWriteLock | None:
    """The writers' queue of a SQLite file engine; None for PostgreSQL, which queues on row locks."""
    return _write_locks.get(engine)


def make_engine(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, sqlite_file(parsed), timeout)
    return _postgresql_engine(parsed, timeout)


def _postgresql_engine(url, timeout: float) -> Engine:
    milliseconds = round(timeout * 1000)
    # Added to any options the URL has (the tests' search_path): the server cancels a statement
    # or a lock wait past the timeout, so a locked table answers 503 instead of hanging.
    options = " ".join(
        part for part in (url.query.get("options", ""), f"-c statement_timeout={milliseconds} -c lock_timeout={milliseconds}") if part
    )
    engine = create_engine(
        url.difference_update_query(["options"]),
        pool_size=5,
        max_overflow=10,
        pool_timeout=timeout,
        connect_args={
            "connect_timeout": max(2, round(timeout)),  # libpq counts whole seconds and takes less than 2 as 2
            "options": options,
            # A server whose machine is gone (no acknowledgements, no keep-alive answers) is given
            # up by the kernel in about the timeout, instead of after TCP's retries (15 minutes).
            "keepalives": 1,
            "keepalives_idle": max(1, round(timeout)),
            "keepalives_interval": 1,
            "keepalives_count": 3,
            "tcp_user_timeout": round((timeout + GRACE_SECONDS) * 1000),
        },
    )
    # A server that still acknowledges packets but never answers (frozen) needs a watchdog.
    bound_waits(engine, timeout)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection before use when it has been idle for IDLE_PING_SECONDS, and on a
    lost one reconnect every connection of the pool (a restarted server has dropped them all).

    SQLAlchemy's pool_pre_ping pings at every checkout: one more round trip for each unit of work,
    a tenth of a search's time. A connection returned moments ago was alive then; one that sat idle
    is the one a server restart or a dropped idle connection leaves dead.
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record):
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy):
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < IDLE_PING_SECONDS:
            return  # just connected, or used moments ago
        dialect = engine.dialect
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            if dialect.is_disconnect(exc, dbapi_connection, None):
                raise InvalidatePoolError() from exc  # the pool connects afresh and checks out again
            raise


def _sqlite_engine(url: str, database: str | None, timeout: float) -> Engine:
    busy_timeout_ms = round(timeout * 1000)
    in_file = bool(database) and database != ":memory:"
    # An in-memory database has one connection per thread, no pool to wait for.
    pool_options = {"pool_timeout": timeout} if in_file else {}
    engine = create_engine(url, connect_args={"timeout": timeout}, **pool_options)
    if in_file:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        _write_locks[engine] = SqliteWriteLock(Path(database + ".write-lock"), timeout)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN, instead of pysqlite's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it is acknowledged, even on power loss (~0.3 ms here).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A writer takes the write lock up front: a deferred transaction that reads first and
        # then writes can fail with "database is locked" without waiting for the busy timeout.
        if connection.get_execution_options().get("skilltree_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine
