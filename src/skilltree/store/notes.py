"""Notes: revisions appended per (learner, topic); the latest by (saved_at, id) is the note."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select

from skilltree.notes.model import NoteRevision
from skilltree.store.rows import note_revision
from skilltree.store.tables import note_revisions


def _latest(*conditions):
    """Each topic's latest revision among those of the learner that meet `conditions`."""
    columns = note_revisions.c
    order = (columns.saved_at.desc(), columns.id.desc())
    ranked = (
        select(note_revisions, func.row_number().over(partition_by=columns.topic_id, order_by=order).label("rank"))
        .where(columns.learner_id == bindparam("learner_id"), *conditions)
        .subquery()
    )
    return select(ranked).where(ranked.c.rank == 1)


# Built once: building them cost more than running them on every roadmap view.
_LATEST = _latest()
_LATEST_OF_TOPICS = _latest(note_revisions.c.topic_id.in_(bindparam("topic_ids", expanding=True)))


def _revision(row) -> NoteRevision:
    return note_revision(row.topic_id, row.body, row.links, row.saved_at)


class NoteRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def append(self, learner_id: int, revision: NoteRevision) -> None:
        links = json.dumps([{"title": link.title, "url": link.url} for link in revision.links], ensure_ascii=False)
        self.connection.execute(
            note_revisions.insert().values(
                learner_id=learner_id, topic_id=revision.topic_id, body=revision.body, links=links, saved_at=revision.saved_at
            )
        )

    def latest(self, learner_id: int, topic_ids: list[str] | None = None) -> dict[str, NoteRevision]:
        """topic id -> the latest revision of each of the learner's notes (deleted ones included)."""
        if topic_ids is None:
            rows = self.connection.execute(_LATEST, {"learner_id": learner_id})
        else:
            rows = self.connection.execute(_LATEST_OF_TOPICS, {"learner_id": learner_id, "topic_ids": topic_ids})
        return {row.topic_id: _revision(row) for row in rows}

    def revisions(self, learner_id: int, topic_id: str | None = None) -> list[NoteRevision]:
        """Every revision of the learner's notes (of one topic, when given), oldest first."""
        query = select(note_revisions).where(note_revisions.c.learner_id == learner_id)
        if topic_id is not None:
            query = query.where(note_revisions.c.topic_id == topic_id)
        return [_revision(row) for row in self.connection.execute(query.order_by(note_revisions.c.saved_at, note_revisions.c.id))]

    def latest_saved_at(self, learner_id: int, topic_id: str) -> datetime | None:
        return self.connection.execute(
            select(func.max(note_revisions.c.saved_at)).where(
                note_revisions.c.learner_id == learner_id, note_revisions.c.topic_id == topic_id
            )
        ).scalar()
