"""The settings and the database a command works with; a mistake in either is one clear line."""

from __future__ import annotations

from skilltree.cli.exits import EXIT_USAGE, fail


def load_settings():
    """The SKILLTREE_* settings; a bad value exits with the variable, the value and what is wrong."""
    from pydantic import ValidationError

    from skilltree.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"SKILLTREE_{'_'.join(map(str, error['loc'])).upper()}={_shown_setting(error['loc'], error['input'])}: "
            + error["msg"].removeprefix("Value error, ")
            for error in exc.errors()
        ]
        fail("invalid setting " + "; ".join(problems), EXIT_USAGE)


def _shown_setting(location: tuple, value: object) -> str:
    """A setting's value as an error message may show it: never a secret or a password."""
    if location == ("secret_key",):
        return "(hidden)"
    if location == ("database_url",) and isinstance(value, str):
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
        fail(f"cannot open the database {safe_url(settings.effective_database_url)}: {reason_of(exc)}")
    return engine


def safe_url(url: str) -> str:
    """The URL with its password hidden; a URL too malformed to parse is not shown at all."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(SKILLTREE_DATABASE_URL, which is not a valid database URL)"


def reason_of(exc: Exception) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0]
