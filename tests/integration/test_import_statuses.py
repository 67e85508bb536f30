"""An import appends its events in batches and derives the statuses once: the same statuses as
marking each event in turn, for the importing learner only."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from skilltree.progress.models import Source, Status
from skilltree.services import progress as progress_service
from skilltree.services.transfer import import_learner, parse_export
from skilltree.store import repositories
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def export_of(*events: tuple[str, str, datetime]) -> str:
    return json.dumps({
        "format": "skilltree-export",
        "version": 1,
        "learner": {"username": "ada", "display_name": "Ada", "created_at": "2026-01-01T00:00:00+00:00"},
        "events": [{"topic": t, "status": s, "at": at.isoformat(), "source": "web"} for t, s, at in events],
    })


def test_imported_events_and_existing_marks_give_the_latest_status_and_the_first_date(engine, catalog):
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    bob = progress_service.ensure_learner(units, username="bob", now=NOW)
    for learner in (ada, bob):
        progress_service.mark_topics(units, catalog, learner=learner, topic_ids=["git"], status=Status.LEARNING,
                                     source=Source.CLI, now=NOW)
    earlier, later = NOW - timedelta(days=3), NOW - timedelta(days=1)
    document = export_of(
        ("git", "done", earlier),  # older than ada's own mark: her mark stays, her start moves back
        ("sql", "learning", earlier),
        ("sql", "done", later),
        ("sql", "skipped", later),  # same moment: the one written later in the file wins
    )
    counts = import_learner(units, learner=ada, document=parse_export(document, name="x.json"))
    assert {key: counts[key] for key in ("events", "added", "already_there")} == {"events": 4, "added": 4, "already_there": 0}
    with UnitOfWork(engine) as uow:
        ada_states = uow.progress.states(ada.id)
        bob_states = uow.progress.states(bob.id)
    assert {(s.topic_id, s.status, s.changed_at, s.first_at) for s in ada_states.values()} == {
        ("git", Status.LEARNING, NOW, earlier),
        ("sql", Status.SKIPPED, later, earlier),
    }
    assert {(s.topic_id, s.status, s.changed_at, s.first_at) for s in bob_states.values()} == {
        ("git", Status.LEARNING, NOW, NOW),
    }


def test_bulk_appends_keep_every_row_character_and_moment_across_copy_chunks(engine, monkeypatch):
    """On PostgreSQL the rows travel as COPY's text in several statements: a tab, a newline or a
    backslash must not end a field or a row, an offset other than UTC must name the same instant,
    and the rows keep their order across the statements (ids follow it)."""
    monkeypatch.setattr(repositories, "_COPY_CHUNK_ROWS", 2)
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    odd_ids = ["tab\there", "new\nline", "back\\slash", "carriage\rreturn", "plain"]
    east = timezone(timedelta(hours=5, minutes=30))
    moment = (NOW - timedelta(days=1)).astimezone(east)  # one moment: only the ids give the order
    with UnitOfWork(engine, write=True) as uow:
        uow.progress.append_bulk([
            {"learner_id": ada.id, "topic_id": topic, "status": "done", "at": moment, "source": "cli"} for topic in odd_ids
        ])
        uow.commit()
    with UnitOfWork(engine) as uow:
        stored = uow.progress.events(ada.id)
    assert [(e.topic_id, e.at) for e in stored] == [(topic, moment) for topic in odd_ids]
