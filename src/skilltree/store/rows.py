"""The domain's objects from the columns the store keeps them in, without SQLAlchemy: shared by the
repositories and by the reader of the default SQLite file (store/sqlite_snapshot.py), which reads
the same rows with the standard library so that quick commands need not import SQLAlchemy."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from skilltree.notes.model import NoteLink, NoteRevision
from skilltree.progress.models import Learner


def utc_moment(moment) -> datetime:
    """A moment read without its column's type: SQLite's text or a driver's datetime, as aware UTC."""
    if isinstance(moment, str):
        # SQLite's text is naive UTC. Naming the offset in the text parses it aware at once, several
        # times faster than replace(tzinfo=...) after: the team dashboard reads thousands of these.
        named = moment.endswith("Z") or moment[-6] in "+-"
        moment = datetime.fromisoformat(moment if named else moment + "+00:00")
    if moment.tzinfo is timezone.utc:
        return moment
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def learner_from_row(row) -> Learner:
    return Learner(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        created_at=row.created_at,
        is_admin=row.is_admin,
        hide_minutes=row.hide_minutes,
        time_zone=row.time_zone,
        has_password=row.password_hash is not None,
        public_profile=row.public_profile,
        public_paths=tuple(row.public_paths),
        disabled=row.disabled_at is not None,
    )


def note_revision(topic_id: str, body: str, links: str, saved_at: datetime) -> NoteRevision:
    """A revision of a note_revisions row, whose links are a JSON list of {"title", "url"}."""
    return NoteRevision(topic_id, body, tuple(NoteLink(link["title"], link["url"]) for link in json.loads(links)), saved_at)
