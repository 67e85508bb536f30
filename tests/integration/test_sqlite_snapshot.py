"""The default SQLite file read with the standard library (store/sqlite_snapshot.py) answers as the
store does: the same rows, and the same searches run by the same services on either."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from skilltree.progress.models import Source, Status
from skilltree.search import embedding
from skilltree.services import notes, progress
from skilltree.services.learners import find_learner
from skilltree.services.search import find, index_key
from skilltree.store.engine import make_engine
from skilltree.store.sqlite_snapshot import sqlite_snapshot, sqlite_states
from skilltree.store.uow import UnitOfWork, units_of_work

from search_questions import QUESTIONS

NOW = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=timezone.utc)
ODD_QUERIES = ["kuberentes autoscalng", "kafka consumer lag", "zqxjvw", "autosc", '"unbalanced NEAR(', "", "the of and"]


@pytest.fixture
def indexed_file(database_templates, tmp_path, catalog):
    """(file, engine) of a copy of the SQLite database whose index holds the bundled catalog, with a
    learner who has progress and a value in each of the learner's columns that has a type of its own."""
    with database_templates.copy("sqlite", "indexed", tmp_path) as url:
        engine = make_engine(url)
        units = units_of_work(engine)
        ada = progress.ensure_learner(units, username="ada", now=NOW)
        progress.mark_topics(units, catalog, learner=ada, topic_ids=["kafka", "git"], status=Status.DONE, source=Source.CLI, now=NOW)
        with units(write=True) as uow:
            uow.learners.set_admin(ada.id, True)
            uow.learners.set_time_zone(ada.id, "Europe/Berlin")
            uow.learners.set_hide_minutes(ada.id, True)
            uow.learners.set_public_profile(ada.id, public=True, path_ids=("starter-kit",))
            uow.commit()
        yield Path(engine.url.database), engine
        engine.dispose()


def find_learner_in(units):
    with units() as uow:
        return find_learner(uow, username="ada")


def test_the_snapshot_reads_the_rows_the_repositories_read(indexed_file, catalog):
    database, engine = indexed_file
    units = units_of_work(engine)
    ada = find_learner_in(units)
    links = [{"title": "Lag runbook", "url": "https://example.com/lag"}]
    notes.save_note(units, catalog, learner=ada, topic_id="kafka", body="Consumer lag: check the **partitions**.", links=links, now=NOW)
    notes.save_note(units, catalog, learner=ada, topic_id="git", body="rebase, not merge", links=[], now=NOW)
    notes.delete_note(units, catalog, learner=ada, topic_id="git", now=NOW)
    model = embedding.current_embedder().name  # the bundled model: its vectors are in the index
    with UnitOfWork(engine) as uow, sqlite_snapshot(database) as snapshot:
        assert snapshot.database == uow.database  # one key for what a process keeps of the database
        assert snapshot.search.catalog_key() == uow.search.catalog_key() == index_key(catalog)
        assert snapshot.search.meaning_weight == uow.search.meaning_weight
        assert snapshot.learners.get("ada") == uow.learners.get("ada") == ada
        assert snapshot.learners.get("nobody") is None
        assert snapshot.progress.states(ada.id) == uow.progress.states(ada.id)
        assert snapshot.progress.states(ada.id, ["kafka", "http"]) == uow.progress.states(ada.id, ["kafka", "http"])
        assert snapshot.notes.latest(ada.id) == uow.notes.latest(ada.id)
        assert snapshot.search_vectors.all(model) == uow.search_vectors.all(model)
        assert sqlite_states(database, "ada") == progress.learner_states(uow, learner=ada)


def test_searches_and_notes_found_are_the_same_on_the_snapshot(indexed_file, catalog):
    database, engine = indexed_file
    units = units_of_work(engine)
    ada = find_learner_in(units)
    notes.save_note(units, catalog, learner=ada, topic_id="kafka", body="Consumer lag alerts and partitions.", links=[], now=NOW)
    queries = [question for question, _ in QUESTIONS] + ODD_QUERIES
    with UnitOfWork(engine) as uow, sqlite_snapshot(database) as snapshot:
        for query in queries:
            for learner, limit in ((None, 10), (ada, 3)):
                assert find(snapshot, catalog, query=query, learner=learner, limit=limit) == find(
                    uow, catalog, query=query, learner=learner, limit=limit
                ), query
            assert notes.search_notes(snapshot, catalog, learner=ada, query=query) == notes.search_notes(
                uow, catalog, learner=ada, query=query
            ), query


def test_no_snapshot_of_a_missing_file_or_another_revision(indexed_file, tmp_path):
    database, engine = indexed_file
    with sqlite_snapshot(tmp_path / "missing.db") as snapshot:
        assert snapshot is None
    assert sqlite_states(tmp_path / "missing.db", "ada") == {}  # nothing marked yet
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0012'")
    with sqlite_snapshot(database) as snapshot:
        assert snapshot is None
    assert sqlite_states(database, "ada") is None
