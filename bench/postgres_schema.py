"""A throwaway schema on a PostgreSQL server, for the benchmarks that measure that engine."""

from __future__ import annotations

import uuid
from contextlib import contextmanager


@contextmanager
def fresh_schema(url: str, prefix: str = "bench"):
    """A URL whose tables live in a new schema of the PostgreSQL database at `url`, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
