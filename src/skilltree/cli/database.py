"""The settings and the database a command works with; a mistake in either is one clear line."""

from __future__ import annotations

from skilltree.cli.exits import EXIT_USAGE, fail


def load_settings():
    """The SKILLTREE_* settings; a bad value exits with the variable, the value and what is wrong."""
    from skilltree.config import InvalidSettings, Settings

    try:
        return Settings()
    except InvalidSettings as exc:
        problems = [
            f"SKILLTREE_{problem.name.upper()}={_shown_setting(problem.name, problem.value)}: {problem.message}"
            for problem in exc.problems
        ]
        fail("invalid setting " + "; ".join(problems), EXIT_USAGE)


def _shown_setting(name: str, value: object) -> str:
    """A setting's value as an error message may show it: never a secret or a password."""
    if name == "secret_key":
        return "(hidden)"
    if name == "database_url" and isinstance(value, str):
        return repr(safe_url(value))
    return repr(value)


def open_store():
    """The engine of the configured database, brought up to date; created on first use."""
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.errors import SkilltreeError
    from skilltree.store.engine import make_engine
    from skilltree.store.migrate import ensure_schema

    settings = load_settings()
    try:
        engine = make_engine(settings.effective_database_url)
        ensure_schema(engine)
    except SkilltreeError as exc:
        fail(f"cannot open the database {safe_url(settings.effective_database_url)}: {exc.message}")
    except (SQLAlchemyError, OSError) as exc:
        reason = reason_of(exc)
        sqlite_file = _sqlite_file(settings.effective_database_url)
        if sqlite_file and not isinstance(exc, OSError):
            reason += read_only_note(sqlite_file.parent)
        fail(f"cannot open the database {safe_url(settings.effective_database_url)}: {reason}")
    return engine


def _sqlite_file(url: str):
    from pathlib import Path

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None


def read_only_note(directory) -> str:
    """SQLite writes its journal and lock files beside the database: a directory it cannot write
    to is the reason, though SQLite only says it cannot open the file."""
    import os

    if directory.is_dir() and not os.access(directory, os.W_OK):
        return f"; {directory} is read-only"
    return ""


def safe_url(url: str) -> str:
    """The URL with its password hidden (as typed when it has none); a URL too malformed to parse
    is not shown at all."""
    import re

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ValueError:  # parsed, all but a port that is not a number
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    except ArgumentError:
        return "(SKILLTREE_DATABASE_URL, which is not a valid database URL)"
    return url if parsed.password is None else parsed.render_as_string(hide_password=True)


def reason_of(exc: Exception) -> str:
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, OSError) and original.filename:
        from pathlib import Path

        return f"{original.filename}: {original.strerror}{read_only_note(Path(original.filename).parent)}"
    return str(original).strip().splitlines()[0]
