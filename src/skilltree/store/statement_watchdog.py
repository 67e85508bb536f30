"""A bound on waiting for a PostgreSQL server that stops answering mid-statement.

statement_timeout is the server's own: a server that is frozen (SIGSTOP, a hung machine whose
kernel still acknowledges packets) cancels nothing, and libpq waits on its socket for as long as
the operating system keeps the connection, which can be hours. One thread per process holds a
deadline for each call in flight (a statement, a commit or rollback, the pool's ping); past it, it
shuts the connection's socket down, so the waiting call raises at once as a lost connection (503 on
the web) and the pool discards the connection. Each call costs two dictionary operations under a lock.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import threading
import time
from time import monotonic
from typing import Any

from sqlalchemy import Connection, Engine, text

# Past the timeout, so that the server's own cancellation (a clearer message, a connection that
# stays usable) arrives first whenever the server still runs.
GRACE_SECONDS = 2.0
# How often the watchdog looks at the deadlines: calls give up at most this much late.
_TICK_SECONDS = 0.25
# An execution option: the connection's work may run past the timeout (see lift_timeouts).
_UNBOUNDED = "skilltree_unbounded"

log = logging.getLogger(__name__)


class _Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, tuple[float, Any]] = {}
        self._keys = itertools.count()
        self._started = False
        # A forked worker has none of its parent's threads: it starts its own watchdog.
        os.register_at_fork(after_in_child=self._forget)

    def watch(self, dbapi_connection, seconds: float) -> int:
        if not self._started:
            self._start()
        key = next(self._keys)
        with self._lock:
            self._deadlines[key] = (monotonic() + seconds, dbapi_connection)
        return key

    def release(self, key: int) -> None:
        with self._lock:
            self._deadlines.pop(key, None)  # gone when the watchdog cut it

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                threading.Thread(target=self._run, name="skilltree-statement-watchdog", daemon=True).start()
                self._started = True

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._deadlines.clear()
        self._started = False

    def _run(self) -> None:
        while True:
            time.sleep(_TICK_SECONDS)
            now = monotonic()
            # Under the lock: a call that ends meanwhile waits to release, so a connection that is
            # done with its statement is never cut.
            with self._lock:
                for key in [key for key, (deadline, _) in self._deadlines.items() if deadline <= now]:
                    _cut(self._deadlines.pop(key)[1])


def _cut(dbapi_connection) -> None:
    try:
        descriptor = dbapi_connection.fileno()
    except Exception:  # closed meanwhile: nothing waits on it
        return
    # A duplicate, so that closing our socket object leaves libpq's descriptor to libpq; shutting
    # down acts on the connection itself, which both descriptors share.
    with socket.socket(fileno=os.dup(descriptor)) as connection:
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:  # already disconnected
            return
    log.warning("the database did not answer within its timeout and %g s more: its connection was cut", GRACE_SECONDS)


_watchdog = _Watchdog()


def bound_waits(engine: Engine, timeout: float) -> None:
    """Cut the connection of any call to the PostgreSQL server of `engine` that waits longer than
    `timeout` plus GRACE_SECONDS, unless its connection's timeouts are lifted."""
    dialect = engine.dialect
    seconds = timeout + GRACE_SECONDS
    # The dialect's methods are where every cursor execution, commit, rollback and ping goes
    # through; a try/finally around each releases its deadline however the call ends.
    execute, execute_many, execute_no_params = dialect.do_execute, dialect.do_executemany, dialect.do_execute_no_params

    def watched(call, dbapi_connection, context, *arguments):
        if context is not None and context.execution_options.get(_UNBOUNDED):
            return call(*arguments)
        key = _watchdog.watch(dbapi_connection, seconds)
        try:
            return call(*arguments)
        finally:
            _watchdog.release(key)

    def do_execute(cursor, statement, parameters, context=None):
        return watched(execute, cursor.connection, context, cursor, statement, parameters, context)

    def do_executemany(cursor, statement, parameters, context=None):
        return watched(execute_many, cursor.connection, context, cursor, statement, parameters, context)

    def do_execute_no_params(cursor, statement, context=None):
        return watched(execute_no_params, cursor.connection, context, cursor, statement, context)

    def on_connection(call):
        def run(dbapi_connection):
            return watched(call, dbapi_connection, None, dbapi_connection)

        return run

    dialect.do_execute, dialect.do_executemany, dialect.do_execute_no_params = do_execute, do_executemany, do_execute_no_params
    dialect.do_commit, dialect.do_rollback, dialect.do_ping = (
        on_connection(dialect.do_commit), on_connection(dialect.do_rollback), on_connection(dialect.do_ping)
    )


def lift_timeouts(connection: Connection) -> None:
    """For work nobody waits on (an upgrade, indexing the catalog), which may rightly run past
    SKILLTREE_DATABASE_TIMEOUT: no statement or lock timeout for the rest of the transaction, and
    no watchdog for the rest of the connection."""
    connection.execution_options(**{_UNBOUNDED: True})
    connection.execute(text("SET LOCAL statement_timeout = 0"))
    connection.execute(text("SET LOCAL lock_timeout = 0"))
