"""A learner's notes on topics: read, save (a new revision), delete, list, and find in their own search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog
from skilltree.errors import NotFound
from skilltree.notes.matching import match_note
from skilltree.notes.model import NoteRevision, checked_note
from skilltree.progress.models import Learner
from skilltree.search.documents import plain_text
from skilltree.search.hits import json_snippet, snippet_parts
from skilltree.search.query import parse_query

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class NoteSummary:
    topic: str
    title: str
    updated_at: datetime
    first_line: str


@dataclass(frozen=True)
class NoteHit:
    """One of the learner's own notes that answers their search: a kind of result apart from topics."""

    topic_id: str
    title: str
    updated_at: datetime
    snippet: str  # matches between MATCH_START and MATCH_END, as in a topic's SearchHit

    def snippet_parts(self) -> list[tuple[str, bool]]:
        return snippet_parts(self.snippet)

    def as_dict(self) -> dict:
        marked = json_snippet(self.snippet)
        return {"topic": self.topic_id, "title": self.title, "snippet": marked, "updated_at": self.updated_at.isoformat()}


def _title(catalog: Catalog, topic_id: str) -> str:
    topic = catalog.topics.get(topic_id)
    return topic.title if topic else topic_id


def note_of(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str) -> NoteRevision | None:
    """The learner's note on the topic, or None. A topic removed from the content keeps its note."""
    # Imported here: `skilltree search` finds your notes with this module, and must not pay for
    # the content reader (PyYAML) that catalog.fields brings in.
    from skilltree.catalog.fields import is_valid_id

    # What is no topic id has no note (and may hold what PostgreSQL refuses in text, such as NUL).
    latest = uow.notes.latest(learner.id, [topic_id]).get(topic_id) if is_valid_id(topic_id) else None
    if latest is None and topic_id not in catalog.topics:
        from skilltree.services.catalog import find_topic  # (see _lock_learner)

        find_topic(catalog, topic_id=topic_id)  # raises with suggestions
    return None if latest is None or latest.empty else latest


def save_note(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    topic_id: str,
    body: str,
    links: Iterable[Mapping[str, str]],
    now: datetime,
) -> NoteRevision:
    """Save the note as a new revision (none when nothing changed); the latest revision is the note."""
    body, checked_links = checked_note(body, links)
    with uows() as uow:
        note_of(uow, catalog, learner=learner, topic_id=topic_id)  # a topic the learner may write on
    with uows(write=True) as uow:
        _lock_learner(uow, learner)
        latest = uow.notes.latest(learner.id, [topic_id]).get(topic_id)
        if latest is not None and (latest.body, latest.links) == (body, checked_links):
            return latest
        # As with progress: a clock behind the last save must not make this one older than it.
        revision = NoteRevision(topic_id, body, checked_links, max(now, latest.saved_at) if latest else now)
        uow.notes.append(learner.id, revision)
        uow.commit()
    return revision


def _lock_learner(uow: UnitOfWork, learner: Learner) -> None:
    # Imported here: `skilltree search` finds your notes with this module, and must not pay for
    # importing what marking and the catalog's reports need.
    from skilltree.services.progress import lock_learner

    lock_learner(uow, learner=learner)


def delete_note(uows: UnitOfWorkFactory, catalog: Catalog, *, learner: Learner, topic_id: str, now: datetime) -> None:
    """Empty the note; its earlier revisions stay in the history (and the export)."""
    with uows(write=True) as uow:
        _lock_learner(uow, learner)
        if note_of(uow, catalog, learner=learner, topic_id=topic_id) is None:
            raise NotFound(f"you have no note on {topic_id!r}")
        latest = uow.notes.latest(learner.id, [topic_id])[topic_id]
        uow.notes.append(learner.id, NoteRevision(topic_id, "", (), max(now, latest.saved_at)))
        uow.commit()


def list_notes(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, text: str = "") -> list[NoteSummary]:
    """Every topic the learner has a note on, newest first; with `text`, only notes whose topic,
    title, body or links hold it (ignoring case)."""
    wanted = text.strip().casefold()
    notes = [note for note in uow.notes.latest(learner.id).values() if not note.empty]
    found = [
        note
        for note in notes
        if not wanted or wanted in f"{_text_of(note)}\n{note.topic_id}\n{_title(catalog, note.topic_id)}".casefold()
    ]
    found.sort(key=lambda note: (note.saved_at, note.topic_id), reverse=True)
    return [NoteSummary(n.topic_id, _title(catalog, n.topic_id), n.saved_at, n.first_line) for n in found]


def noted_topics(uow: UnitOfWork, *, learner: Learner | None) -> frozenset[str]:
    """The topics the learner has a note on (for the roadmap's marker); none for nobody."""
    if learner is None:
        return frozenset()
    return frozenset(topic for topic, note in uow.notes.latest(learner.id).items() if not note.empty)


def search_notes(uow: UnitOfWork, catalog: Catalog, *, learner: Learner | None, query: str, limit: int = 10) -> list[NoteHit]:
    """The learner's own notes that hold their words, the most words first, then the newest; never
    anyone else's, and none for nobody."""
    terms = parse_query(query, catalog.synonyms)
    if learner is None or not terms:
        return []
    scored = []
    for note in uow.notes.latest(learner.id).values():
        if note.empty:
            continue
        title = _title(catalog, note.topic_id)
        match = match_note(_text_of(note), terms)
        if match is not None:
            scored.append((match.groups, note.saved_at, NoteHit(note.topic_id, title, note.saved_at, match.snippet)))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return [hit for _, _, hit in scored[:limit]]


def _text_of(note: NoteRevision) -> str:
    """What of a note search reads, without Markdown's marks (as a topic's snippet shows its article):
    its body first (the snippet comes from it), then its links."""
    links = " ".join(f"{link.title} {link.url}" for link in note.links)
    return f"{plain_text(note.body)} {links}"
