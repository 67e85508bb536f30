"""Database faults that are not the request's doing: the database is down, too slow, full or
read-only. Every face turns them into "try again later" (503 on the web, exit 1 on the command
line) with a message that says which, instead of a crash.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


class FaultKind(Enum):
    UNAVAILABLE = "unavailable"  # down, unreachable, or slower than the timeout: retrying may work
    FULL = "full"  # no space left: nothing is saved until someone frees some
    READ_ONLY = "read_only"  # the file, the directory or the server refuses writes


@dataclass(frozen=True)
class DatabaseFault:
    kind: FaultKind
    message: str


class DatabaseUnavailable(Exception):
    """Raised by our own code (the writers' queue) for a fault the driver never sees."""

    def __init__(self, fault: DatabaseFault):
        super().__init__(fault.message)
        self.fault = fault


# SQLite's primary result codes (https://www.sqlite.org/rescode.html); the low byte of an extended code.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14
# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_DISK_FULL = "53100"
_PG_READ_ONLY = "25006"
_PG_TIMED_OUT = {"57014": "a statement", "55P03": "a lock"}  # query_canceled by statement_timeout, lock_not_available
_PG_UNAVAILABLE_CLASSES = ("08", "53", "57P")  # connection exception, insufficient resources, operator intervention


def sqlite_file(url) -> str | None:
    """The file of a SQLite URL, also when written as a URI (sqlite:///file:PATH?mode=ro&uri=true)."""
    database = url.database
    if database and url.query.get("uri") == "true" and database.startswith("file:"):
        return urlsplit(database).path
    return database


def describe_database(url) -> str:
    """How messages name a database: its file, or its server and name (never a password)."""
    if url.get_backend_name() == "sqlite":
        return sqlite_file(url) or "in memory"
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def classify(exc: BaseException, *, database: str, timeout: float) -> DatabaseFault | None:
    """What went wrong with the database, or None when the error is a bug of ours (a missing
    table, a broken constraint), which must stay a 500 and be fixed. `database` names the file
    or server in messages."""
    if isinstance(exc, DatabaseUnavailable):
        return exc.fault
    if isinstance(exc, PoolTimeout):
        return DatabaseFault(FaultKind.UNAVAILABLE, f"every connection to the database stayed busy for {timeout:g} s")
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    if isinstance(original, sqlite3.Error):
        return _sqlite_fault(original, database, timeout)
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is None:  # no server to talk to: refused, timed out, name unknown, connection lost
        return _unreachable(database) if isinstance(exc, OperationalError) or exc.connection_invalidated else None
    if sqlstate == _PG_DISK_FULL:
        return DatabaseFault(FaultKind.FULL, f"the database server {database} has no disk space left")
    if sqlstate == _PG_READ_ONLY:
        return DatabaseFault(FaultKind.READ_ONLY, f"the database server {database} accepts no writes (read-only)")
    if sqlstate in _PG_TIMED_OUT:
        return _too_slow(database, timeout, _PG_TIMED_OUT[sqlstate])
    if sqlstate.startswith(_PG_UNAVAILABLE_CLASSES):
        return _unreachable(database)
    return None


def _sqlite_fault(error: sqlite3.Error, database: str, timeout: float) -> DatabaseFault | None:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return _too_slow(database, timeout, "another writer")
    if code == _SQLITE_FULL:
        return DatabaseFault(FaultKind.FULL, f"the disk of the database {database} is full")
    if code == _SQLITE_READONLY:
        return DatabaseFault(FaultKind.READ_ONLY, f"the database file {database} or its directory is read-only")
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return DatabaseFault(FaultKind.UNAVAILABLE, f"the database file {database} cannot be read or written ({error})")
    return None


def _unreachable(database: str) -> DatabaseFault:
    return DatabaseFault(FaultKind.UNAVAILABLE, f"the database {database} does not answer")


def _too_slow(database: str, timeout: float, waiting_for: str) -> DatabaseFault:
    return DatabaseFault(FaultKind.UNAVAILABLE, f"the database {database} did not answer within {timeout:g} s (waiting for {waiting_for})")


def write_lock_refused(path, error: OSError) -> DatabaseUnavailable:
    """The writers' queue file cannot be opened: the data directory is read-only (or not ours), or
    something else is in the lock file's place, which the message then names as it is."""
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        fault = DatabaseFault(FaultKind.READ_ONLY, f"the data directory {path.parent} is read-only: cannot open {path.name} ({error.strerror})")
    else:
        fault = DatabaseFault(FaultKind.UNAVAILABLE, f"{path}: {error.strerror}")
    return DatabaseUnavailable(fault)


def write_lock_timed_out(path, timeout: float) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        DatabaseFault(FaultKind.UNAVAILABLE, f"the database {path.with_suffix('')} stayed busy with other writers for {timeout:g} s")
    )
