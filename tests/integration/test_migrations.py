"""Migrations: the code's HEAD is Alembic's head, and every older database upgrades with its data intact."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from skilltree.progress.models import ProgressEvent, Source, Status
from skilltree.services.progress import find_learner
from skilltree.store.engine import make_engine
from skilltree.store.migrate import HEAD, MIGRATIONS, current_revision, ensure_schema, upgrade
from skilltree.store.uow import UnitOfWork

from databases import fresh_database
from make_database_fixture import EVENTS, PLAN, RATINGS, RATINGS_FROM, REVIEW_CARD, REVIEW_FROM, T0

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "databases").glob("*.sqlite"))


def test_head_constant_is_alembics_head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_there_is_a_fixture_for_every_revision():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    revisions = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    assert {fixture.stem for fixture in FIXTURES} == revisions


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_older_database_upgrades_with_its_data_intact(fixture, tmp_path):
    database = tmp_path / "old.sqlite"
    shutil.copy(fixture, database)
    engine = make_engine(f"sqlite:///{database}")
    ensure_schema(engine)
    with engine.connect() as connection:
        assert current_revision(connection) == HEAD
        # Migrations switch SQLite's foreign keys off (a table copy must not cascade); back on after.
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert_fixture_data_intact(engine, fixture.stem)
    engine.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_older_postgresql_database_upgrades_with_its_data_intact(fixture, tmp_path):
    """The fixture's rows, copied into a PostgreSQL schema at the fixture's revision, then upgraded."""
    copy = tmp_path / "old.sqlite"
    shutil.copy(fixture, copy)  # opening a SQLite file sets WAL mode: never on the committed fixture
    with fresh_database("postgresql", tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine, fixture.stem)
        copy_rows(make_engine(f"sqlite:///{copy}"), engine)
        ensure_schema(engine)
        with engine.connect() as connection:
            assert current_revision(connection) == HEAD
        assert_fixture_data_intact(engine, fixture.stem)
        engine.dispose()


def copy_rows(source, target) -> None:
    """Every row of every table both engines have, but Alembic's, ids kept; then PostgreSQL's id
    sequences move past them. (SQLite's full-text index lives in tables PostgreSQL has no use for.)"""
    from datetime import datetime, timezone

    from sqlalchemy import MetaData, inspect, text

    tables = MetaData()
    tables.reflect(source)
    shared = set(inspect(target).get_table_names()) - {"alembic_version"}
    with source.connect() as reading, target.begin() as writing:
        for table in tables.sorted_tables:
            if table.name not in shared:
                continue
            rows = [
                {k: v.replace(tzinfo=timezone.utc) if isinstance(v, datetime) else v for k, v in row._mapping.items()}
                for row in reading.execute(table.select())
            ]
            if rows:
                writing.execute(table.insert(), rows)
            if "id" in table.c and rows:
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}))"))
    source.dispose()


def assert_fixture_data_intact(engine, revision: str) -> None:
    with UnitOfWork(engine) as uow:
        ada = find_learner(uow, username="ada")
        assert ada.display_name == "Ada"
        events = uow.progress.events(ada.id)
        assert [(e.topic_id, e.status.value, e.at) for e in events] == [
            (topic, status, T0 + timedelta(minutes=minutes)) for learner, topic, status, minutes in EVENTS if learner == "ada"
        ]
        states = uow.progress.states(ada.id)
        assert {t: s.status.value for t, s in states.items()} == {"git": "done", "sql": "skipped", "removed-topic": "done"}
        assert states["git"].first_at == T0 and states["git"].changed_at == T0 + timedelta(minutes=30)
        grace = find_learner(uow, username="grace")
        assert {t: s.status.value for t, s in uow.progress.states(grace.id).items()} == {"http": "done"}
    with UnitOfWork(engine) as uow:
        ratings = [(r.responsibility_id, r.rating.value, r.evidence, r.at) for r in uow.assessments.history(ada.id)]
    expected = [
        (duty, rating, evidence, T0 + timedelta(minutes=minutes))
        for learner, duty, rating, evidence, minutes in RATINGS
        if learner == "ada" and revision >= RATINGS_FROM
    ]
    assert ratings == expected
    if revision >= REVIEW_FROM:
        with UnitOfWork(engine) as uow:
            (card,) = uow.review.cards(ada.id)
            assert (card.topic_id, card.question_id) == REVIEW_CARD[1:] and card.memory.state.value == "learning"
            (record,) = uow.review.records(ada.id)
            assert record.after == card.memory and record.duration_ms == 4000
            plan = uow.plans.get(ada.id, PLAN[1])
            assert (plan.minutes_per_week, plan.weekdays, plan.start_date) == PLAN[2:]
            assert [s.topics for s in uow.plans.sessions(ada.id, PLAN[1])] == [("programming-language",)]
    # The upgraded database takes new writes (on PostgreSQL, its id sequences were carried over).
    with UnitOfWork(engine, write=True) as uow:
        uow.progress.append(ada.id, ProgressEvent("sql", Status.DONE, T0 + timedelta(days=1), Source.CLI))
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.progress.states(ada.id)["sql"].status is Status.DONE


def test_upgrading_an_up_to_date_database_changes_nothing(engine):
    assert upgrade(engine) == (HEAD, HEAD)
