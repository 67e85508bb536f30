"""Mistakes in settings and broken databases end in one clear line, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SKILLTREE = Path(sys.executable).with_name("skilltree")


def plain_run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(SKILLTREE), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def home_env(tmp_path):
    """An environment with nothing of Skilltree's set: data lands in the default place under HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLTREE_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), COLUMNS="120", NO_COLOR="1", SKILLTREE_LEARNER="ada")
    return env


def run_importing(*args: str, env: dict) -> tuple[subprocess.CompletedProcess, set[str]]:
    """The command's run, and the top-level packages it imported (from `python -X importtime`)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(SKILLTREE), *args], capture_output=True, text=True, env=env, timeout=120
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return done, {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in lines}


def test_show_reads_progress_from_the_default_database(home_env, tmp_path):
    assert plain_run("show", "starter-kit", env=home_env).stdout.count("[x]") == 0
    assert not (tmp_path / "home").exists() or not list((tmp_path / "home").rglob("skilltree.db"))  # reading writes nothing
    assert plain_run("mark", "git", "done", env=home_env).returncode == 0
    assert list((tmp_path / "home").rglob("skilltree.db"))
    # Reading the curriculum and your statuses must stay quick to start: SQLAlchemy alone costs
    # about 0.2 s, and the default SQLite file is read without it.
    shown, imported = run_importing("show", "starter-kit", env=home_env)
    assert "[x]   5.  Git" in shown.stdout and shown.stdout.count("[x]") == 1
    assert "skilltree" in imported and "sqlalchemy" not in imported
    listed, imported = run_importing("paths", env=home_env)
    assert "│ starter-kit          │ Backend Engineer Starter   │     19 │ ~70 min (+20 min optional) │" in listed.stdout
    assert "skilltree" in imported and "sqlalchemy" not in imported
    json_shown = plain_run("show", "starter-kit", "--json", env={**home_env, "SKILLTREE_LEARNER": "grace"})
    assert '"status": "done"' not in json_shown.stdout


def test_an_invalid_setting_names_the_variable(cli):
    run = cli("progress", env={"SKILLTREE_ENV": "prod"})
    assert run.code == 2
    assert run.err.strip() == "error: invalid setting SKILLTREE_ENV='prod': Input should be 'development' or 'production'"
    run = cli("progress", env={"SKILLTREE_DATABASE_URL": "mysql://bob:hunter2@db/skilltree"})
    assert run.code == 2
    assert run.err.strip() == (
        "error: invalid setting SKILLTREE_DATABASE_URL='mysql://bob:***@db/skilltree': Skilltree runs on SQLite "
        "(sqlite:///PATH) or PostgreSQL (postgresql+psycopg://user:password@host:5432/dbname)"
    )


def test_a_database_from_a_newer_skilltree_is_left_alone(cli, tmp_path):
    database = tmp_path / "new.db"
    url = f"sqlite:///{database}"
    assert cli("db", "upgrade", env={"SKILLTREE_DATABASE_URL": url}).code == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    for command in (("progress",), ("db", "upgrade")):
        run = cli(*command, env={"SKILLTREE_DATABASE_URL": url})
        assert run.code == 1, command
        assert "the database is at schema revision 0099, newer than this Skilltree knows" in run.err
        assert "Traceback" not in run.err


def test_a_database_failing_in_the_middle_of_a_command_is_one_line(cli, tmp_path):
    database = tmp_path / "broken.db"
    url = f"sqlite:///{database}"
    assert cli("mark", "git", "done", env={"SKILLTREE_DATABASE_URL": url}).code == 0
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE progress_events")
    run = cli("mark", "sql", "done", env={"SKILLTREE_DATABASE_URL": url})
    assert (run.code, run.err.strip()) == (1, "error: the database failed: no such table: progress_events")
