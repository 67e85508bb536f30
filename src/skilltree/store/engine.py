"""Creating the engine: SQLite tuned for safe concurrent use, or PostgreSQL as configured."""

from __future__ import annotations

import fcntl
import os
import threading
import weakref
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

# How long a SQLite writer waits for another before giving up (the user never sees "locked").
SQLITE_BUSY_TIMEOUT_MS = 60_000


class SqliteWriteLock:
    """Queues SQLite writers in the kernel instead of in SQLite's busy handler.

    SQLite makes a blocked writer sleep and retry with growing pauses (up to 100 ms), which
    under load gives multi-second tail latencies. An exclusive flock on a side file wakes the
    next writer the moment the previous one is done, across threads and processes alike.
    """

    def __init__(self, path: Path):
        self.path = path
        self._threads = threading.Lock()
        self._fd: int | None = None
        self._pid: int | None = None

    def acquire(self) -> None:
        self._threads.acquire()
        try:
            if self._pid != os.getpid():  # a forked child must not share the parent's lock
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                self._pid = os.getpid()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


_write_locks: weakref.WeakKeyDictionary[Engine, SqliteWriteLock] = weakref.WeakKeyDictionary()


def write_lock_for(engine: Engine) -> SqliteWriteLock | None:
    """The writers' queue of a SQLite file engine; None for PostgreSQL, which queues on row locks."""
    return _write_locks.get(engine)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_engine(url: str, database: str | None) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        _write_locks[engine] = SqliteWriteLock(Path(database + ".write-lock"))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN, instead of pysqlite's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it is acknowledged, even on power loss (~0.3 ms here).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
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
