"""Test databases on both engines: a SQLite file, and a fresh schema on the PostgreSQL test server."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get("SKILLTREE_TEST_POSTGRES_URL")
ENGINES = ["sqlite", "postgresql"]
HOW_TO_ENABLE = (
    "PostgreSQL tests are skipped: set SKILLTREE_TEST_POSTGRES_URL=postgresql+psycopg://user@127.0.0.1:5432/dbname "
    "(each test gets a schema of its own there); .ci/run starts a throwaway server and sets it"
)


def require_postgres() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if os.environ.get("CI"):
        pytest.fail("SKILLTREE_TEST_POSTGRES_URL is not set: CI must run the suite on PostgreSQL too")
    pytest.skip(HOW_TO_ENABLE)


@contextmanager
def fresh_database(engine_name: str, tmp_path: Path):
    """Yields a database URL that no other test uses, and cleans it up afterwards."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'skilltree.db'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(require_postgres())
    schema = f"test_{uuid.uuid4().hex[:12]}"
    conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
