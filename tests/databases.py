"""Test databases on both engines: a SQLite file, and a fresh schema on the PostgreSQL test server
(in a database the test session makes there for itself).

Running the migrations takes a second or two per database, and several for a search index of the
bundled catalog; most tests need neither done before their eyes. So each test run (each pytest-xdist
worker) migrates one template per engine once and every test gets a copy of its own: the file
copied on SQLite, the template's `pg_dump` replayed into a new schema on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("SKILLTREE_TEST_POSTGRES_URL")
ENGINES = ["sqlite", "postgresql"]
HOW_TO_ENABLE = (
    "PostgreSQL tests are skipped: set SKILLTREE_TEST_POSTGRES_URL=postgresql+psycopg://user@127.0.0.1:5432/dbname "
    "(each test run makes a database of its own there, and each test a schema in it); .ci/run starts a "
    "throwaway server and sets it"
)
SQLITE_FILE = "skilltree.db"


def require_postgres() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if os.environ.get("CI"):
        pytest.fail("SKILLTREE_TEST_POSTGRES_URL is not set: CI must run the suite on PostgreSQL too")
    pytest.skip(HOW_TO_ENABLE)


# This session's own database on the test server (one per xdist worker), made at first use.
# PostgreSQL's advisory locks hold across a whole database and Skilltree's lock keys do not name a
# schema: in a database of their own, a session's tests never wait on the locks of tests that other
# sessions (other workers, other runs on the same server) hold at the same moment.
_session_database: str | None = None


def _server_conninfo() -> str:
    return make_url(require_postgres()).set(drivername="postgresql").render_as_string(hide_password=False)


def _session_url():
    global _session_database

    if _session_database is None:
        name = f"skilltree_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_server_conninfo(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        _session_database = name
    return make_url(require_postgres()).set(database=_session_database)


def drop_session_database() -> None:
    """At the end of the session: its database goes, with any connection a test left open."""
    global _session_database

    if _session_database is not None:
        with psycopg.connect(_server_conninfo(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{_session_database}" WITH (FORCE)')
        _session_database = None


def _postgres_conninfo() -> str:
    return _session_url().set(drivername="postgresql").render_as_string(hide_password=False)


def _schema_url(schema: str) -> str:
    url = _session_url().update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def _postgres_schema(create_sql: str = 'CREATE SCHEMA "{schema}"'):
    """A schema no other test uses, made by `create_sql`, dropped afterwards."""

    schema = f"test_{uuid.uuid4().hex[:12]}"
    conninfo = _postgres_conninfo()
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(create_sql.replace("{schema}", schema))
    try:
        yield schema
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def fresh_database(engine_name: str, tmp_path: Path):
    """Yields the URL of an empty database that no other test uses, and cleans it up afterwards."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / SQLITE_FILE}"
        return
    with _postgres_schema() as schema:
        yield _schema_url(schema)


def _pg_dump() -> str:
    """pg_dump of the server's major version (Debian keeps it beside initdb, off PATH)."""

    with psycopg.connect(_postgres_conninfo()) as connection:
        major = connection.info.server_version // 10000
    for candidate in (f"/usr/lib/postgresql/{major}/bin/pg_dump", shutil.which("pg_dump")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"pg_dump is missing: the PostgreSQL tests copy a migrated schema with it (apt-get install postgresql-{major})")


class Template:
    """A database migrated (and prepared further) once, copied for each test that asks for one."""

    def __init__(self, engine_name: str, folder: Path, prepare) -> None:
        """`prepare(engine)` brings a fresh, empty database to what every copy starts from."""
        from skilltree.store.engine import make_engine

        self.engine_name = engine_name
        with fresh_database(engine_name, folder) as url:
            engine = make_engine(url)
            try:
                prepare(engine)
            finally:
                engine.dispose()  # SQLite: the last connection folds the write-ahead log into the file
            if engine_name == "sqlite":
                self._file = folder / SQLITE_FILE
            else:
                self._sql = self._dump(url)

    @staticmethod
    def _dump(url: str) -> str:
        """The schema's tables, sequences, indexes and rows as SQL, its name a placeholder."""

        schema = make_url(url).query["options"].removeprefix("-csearch_path=")
        dumped = subprocess.run(
            [_pg_dump(), "--schema", schema, "--no-owner", "--no-privileges", "--inserts", "--dbname", _postgres_conninfo()],
            capture_output=True, text=True, check=True,
        ).stdout
        # Recent pg_dump brackets its output in psql meta-commands (\restrict), which are not SQL.
        statements = "\n".join(line for line in dumped.splitlines() if not line.startswith("\\"))
        return statements.replace(schema, "{schema}")  # a random name: it occurs nowhere else

    @contextmanager
    def copy(self, tmp_path: Path):
        """Yields the URL of a copy of the template that no other test uses, and cleans it up afterwards."""
        if self.engine_name == "sqlite":
            shutil.copyfile(self._file, tmp_path / SQLITE_FILE)
            yield f"sqlite:///{tmp_path / SQLITE_FILE}"
            return
        with _postgres_schema(self._sql) as schema:
            yield _schema_url(schema)


class Templates:
    """The templates of one test session (one per xdist worker), each made when first asked for."""

    def __init__(self, tmp_path_factory, preparations: dict) -> None:
        """`preparations` maps a kind of template to what brings a fresh, empty database to it."""
        self._tmp_path_factory = tmp_path_factory
        self._preparations = preparations
        self._made: dict[tuple[str, str], Template] = {}

    def copy(self, engine_name: str, kind: str, tmp_path: Path):
        """A copy of the `kind` template on `engine_name`, as Template.copy."""
        key = (engine_name, kind)
        if key not in self._made:
            folder = self._tmp_path_factory.mktemp(f"template-{engine_name}-{kind}")
            self._made[key] = Template(engine_name, folder, self._preparations[kind])
        return self._made[key].copy(tmp_path)
