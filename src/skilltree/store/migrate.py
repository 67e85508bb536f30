"""Bringing a database to the schema this code expects, on first use or by `skilltree db upgrade`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skilltree.errors import SkilltreeError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# The newest migration; a test checks it against Alembic's own head.
HEAD = "0013"
MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant: PostgreSQL sessions serialise upgrades on this advisory lock.
_PG_UPGRADE_LOCK = 0x5C17_7EE


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


class DatabaseTooNew(SkilltreeError):
    """The database was upgraded by a newer Skilltree; this one must not touch it."""


def ensure_schema(engine: Engine) -> None:
    """Upgrade to HEAD unless the database is there already (the common, cheap case)."""
    with engine.connect() as connection:
        revision = current_revision(connection)
    _refuse_newer(revision)
    if revision != HEAD:
        upgrade(engine)


def _refuse_newer(revision: str | None) -> None:
    if revision is not None and revision > HEAD:  # revisions are zero-padded numbers
        raise DatabaseTooNew(
            f"the database is at schema revision {revision}, newer than this Skilltree knows ({HEAD}); "
            "upgrade Skilltree to use it"
        )


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Run the migrations up to `revision`; returns (before, after). Safe to run concurrently."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from skilltree.store.statement_watchdog import lift_timeouts

    with engine.connect().execution_options(skilltree_write=True) as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection
        if sqlite:
            # Batch migrations copy a table, drop the original and rename the copy. With foreign
            # keys on, that drop would cascade and delete every learner's history. The pragma only
            # takes effect outside a transaction, so it is set before BEGIN and checked before COMMIT.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if not sqlite:
                    # An upgrade may rightly take longer than SKILLTREE_DATABASE_TIMEOUT, which
                    # bounds requests: here nobody is waiting on an answer.
                    lift_timeouts(connection)
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_UPGRADE_LOCK})
                before = current_revision(connection)
                _refuse_newer(before)
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS))
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                after = current_revision(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration left rows with dangling foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
    return before, after
