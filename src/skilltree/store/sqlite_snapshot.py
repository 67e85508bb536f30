"""The default SQLite file read with the standard library alone: a learner's topic states for
`skilltree show`, and all that `skilltree search` reads.

Both commands must start in well under a second, and importing SQLAlchemy alone costs about
0.2 s. Reading a few rows needs none of it; anything unusual (no file or no schema yet, another
revision, a locked or broken file) answers None or raises sqlite3.Error, and the caller takes the
full store, which also creates and upgrades. The rows mean what the repositories make of them
(store/rows.py); SQLite keeps times as text without an offset, flags as 0 or 1 and JSON as text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from skilltree.notes.model import NoteRevision
from skilltree.progress.models import Learner, Status, TopicState
from skilltree.store.migrate import HEAD
from skilltree.store.rows import learner_from_row, note_revision, utc_moment

if TYPE_CHECKING:
    from skilltree.store.search_sqlite_reader import SqliteSearchReader

_LEARNER = "SELECT * FROM learners WHERE username = ?"
_STATES = "SELECT topic_id, status, changed_at, first_at FROM topic_status WHERE learner_id = ?"
_STATES_OF_TOPICS = f"{_STATES} AND topic_id IN (SELECT value FROM json_each(?))"
# Each topic's latest revision, by (saved_at, id), as store/notes.py reads it.
_LATEST_NOTES = """
    SELECT topic_id, body, links, saved_at FROM (
        SELECT topic_id, body, links, saved_at,
               row_number() OVER (PARTITION BY topic_id ORDER BY saved_at DESC, id DESC) AS rank
        FROM note_revisions WHERE learner_id = ?
    ) WHERE rank = 1
"""
_VECTORS = "SELECT topic_id, vector FROM search_vectors WHERE model = ?"


class SqliteSnapshot:
    """What the learner, search and notes services read of a unit of work, read-only, in one
    transaction: learners.get, progress.states, notes.latest, search (with catalog_key()),
    search_vectors.all and database, as UnitOfWork names them."""

    def __init__(self, connection: sqlite3.Connection, database: Path):
        self.connection = connection
        self.database = f"sqlite:///{database}"  # as the settings name the default file
        self.learners = _Learners(connection)
        self.progress = _Progress(connection)
        self.notes = _Notes(connection)
        self.search_vectors = _Vectors(connection)

    @cached_property
    def search(self) -> SqliteSearchReader:
        from skilltree.store.search_sqlite_reader import SqliteSearchReader  # not for `skilltree show`

        return SqliteSearchReader(self.connection)


@contextmanager
def sqlite_snapshot(database: Path) -> Iterator[SqliteSnapshot | None]:
    """The file, read-only; None when it is missing or at another schema revision than HEAD.
    Any failure to read it raises sqlite3.Error."""
    if not database.exists():
        yield None
        return
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True, timeout=5, isolation_level=None)
    try:
        connection.execute("BEGIN")  # every read sees the file as it was at the first
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        yield SqliteSnapshot(connection, database) if revision is not None and revision[0] == HEAD else None
    finally:
        connection.close()


def sqlite_states(database: Path, username: str) -> dict[str, TopicState] | None:
    """{topic id: state} of the learner; {} before the file or the learner exists; None to go the long way."""
    if not database.exists():
        return {}
    try:
        with sqlite_snapshot(database) as snapshot:
            if snapshot is None:
                return None
            learner = snapshot.learners.get(username)
            return snapshot.progress.states(learner.id) if learner else {}
    except sqlite3.Error:
        return None


class _Reader:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection


class _Learners(_Reader):
    def get(self, username: str) -> Learner | None:
        cursor = self.connection.execute(_LEARNER, (username,))
        row = cursor.fetchone()
        if row is None:
            return None
        columns = dict(zip((column[0] for column in cursor.description), row))
        flags = {name: bool(columns[name]) for name in ("is_admin", "hide_minutes", "public_profile")}
        converted = {"created_at": utc_moment(columns["created_at"]), "public_paths": json.loads(columns["public_paths"])}
        return learner_from_row(SimpleNamespace(**{**columns, **flags, **converted}))


class _Progress(_Reader):
    def states(self, learner_id: int, topic_ids: list[str] | None = None) -> dict[str, TopicState]:
        """Current statuses of the learner's topics (of only `topic_ids`, when given)."""
        if topic_ids is None:
            rows = self.connection.execute(_STATES, (learner_id,))
        else:
            rows = self.connection.execute(_STATES_OF_TOPICS, (learner_id, json.dumps(topic_ids)))
        return {
            topic_id: TopicState(topic_id, Status(status), utc_moment(changed_at), utc_moment(first_at))
            for topic_id, status, changed_at, first_at in rows
        }


class _Notes(_Reader):
    def latest(self, learner_id: int) -> dict[str, NoteRevision]:
        """topic id -> the latest revision of each of the learner's notes (deleted ones included)."""
        rows = self.connection.execute(_LATEST_NOTES, (learner_id,))
        return {topic_id: note_revision(topic_id, body, links, utc_moment(saved_at)) for topic_id, body, links, saved_at in rows}


class _Vectors(_Reader):
    def all(self, model: str) -> dict[str, bytes]:
        """topic id -> vector (float32 bytes) of every topic with a vector of `model`."""
        return dict(self.connection.execute(_VECTORS, (model,)))
