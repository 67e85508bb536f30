"""A learner's statuses read from the default SQLite file with the standard library alone.

`skilltree show` must start in well under a second, and importing SQLAlchemy alone costs about
0.2 s. Reading a few rows needs none of it; anything unusual (no schema yet, another revision,
a locked or broken file) answers None and the caller takes the full store, which also upgrades.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from skilltree.store.migrate import HEAD

_STATUSES = """
    SELECT topic_status.topic_id, topic_status.status
    FROM topic_status JOIN learners ON learners.id = topic_status.learner_id
    WHERE learners.username = ?
"""


def sqlite_statuses(database: Path, username: str) -> dict[str, str] | None:
    """{topic id: status} of the learner; {} before the file or the learner exists; None to go the long way."""
    if not database.exists():
        return {}
    try:
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD:
                return None
            return dict(connection.execute(_STATUSES, (username,)).fetchall())
        finally:
            connection.close()
    except sqlite3.Error:
        return None
