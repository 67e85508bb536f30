"""The `skilltree` command line. Heavy libraries are imported inside the commands that need them."""

import sys

from skilltree.cli.app import build_app, command_named


def main() -> None:
    try:
        build_app(command_named(sys.argv[1:]))()
    except Exception as exc:
        reason = _database_failure(exc)
        if reason is None:
            raise
        from skilltree.cli.exits import EXIT_PROBLEM, print_error

        print_error(f"the database failed: {reason}")
        sys.exit(EXIT_PROBLEM)


def _database_failure(exc: Exception) -> str | None:
    """Why the database refused, for errors in the middle of a command (a read-only file, a lost
    connection, a write lock that cannot be created); None for anything else. Looked up lazily so
    start-up never imports SQLAlchemy."""
    faults = sys.modules.get("skilltree.store.faults")
    if faults is not None and isinstance(exc, faults.DatabaseUnavailable):  # e.g. a read-only data directory
        return exc.fault.message
    errors = sys.modules.get("sqlalchemy.exc")
    is_store_error = errors is not None and isinstance(exc, errors.SQLAlchemyError)
    if not (is_store_error or (isinstance(exc, OSError) and exc.filename)):
        return None
    from skilltree.cli.database import reason_of

    return reason_of(exc)
