"""Migrations: the code's HEAD is Alembic's head, and every older database upgrades with its data intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from skilltree.services.progress import find_learner
from skilltree.store.engine import make_engine
from skilltree.store.migrate import HEAD, MIGRATIONS, current_revision, ensure_schema, upgrade
from skilltree.store.uow import UnitOfWork

from make_database_fixture import EVENTS

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
    with UnitOfWork(engine) as uow:
        ada = find_learner(uow, username="ada")
        assert ada.display_name == "Ada"
        events = uow.progress.events(ada.id)
        assert [(e.topic_id, e.status.value) for e in events] == [
            (topic, status) for learner, topic, status, _ in EVENTS if learner == "ada"
        ]
        states = uow.progress.states(ada.id)
        assert {t: s.status.value for t, s in states.items()} == {"git": "done", "sql": "skipped", "removed-topic": "done"}
    engine.dispose()


def test_upgrading_an_up_to_date_database_changes_nothing(engine):
    assert upgrade(engine) == (HEAD, HEAD)
