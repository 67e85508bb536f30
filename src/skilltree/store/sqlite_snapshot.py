"""A learner's topic states read from the default SQLite file with the standard library alone.

`skilltree show` must start in well under a second, and importing SQLAlchemy alone costs about
0.2 s. Reading a few rows needs none of it; anything unusual (no schema yet, another revision,
a locked or broken file) answers None and the caller takes the full store, which also upgrades.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from skilltree.progress.models import Status, TopicState
from skilltree.store.migrate import HEAD


def _moment(text: str) -> datetime:
    """A time as the store writes it in SQLite (UTC, without an offset)."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)

_STATES = """
    SELECT topic_status.topic_id, topic_status.status, topic_status.changed_at, topic_status.first_at
    FROM topic_status JOIN learners ON learners.id = topic_status.learner_id
    WHERE learners.username = ?
"""


def sqlite_states(database: Path, username: str) -> dict[str, TopicState] | None:
    """{topic id: state} of the learner; {} before the file or the learner exists; None to go the long way."""
    if not database.exists():
        return {}
    try:
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD:
                return None
            return {
                topic_id: TopicState(topic_id, Status(status), _moment(changed_at), _moment(first_at))
                for topic_id, status, changed_at, first_at in connection.execute(_STATES, (username,))
            }
        finally:
            connection.close()
    except sqlite3.Error:
        return None
