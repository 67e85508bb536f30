"""Settings, read from SKILLTREE_* environment variables. Nothing is created at import time.

Plain code rather than pydantic-settings: every command reads the settings, and importing
pydantic and pydantic-settings took a sixth of the CPU time of `skilltree search` (bench/cli_startup.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.data_location import DATABASE_FILE, default_data_dir


# Good enough on a laptop; refused when SKILLTREE_ENV=production.
DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production"


def _check_database_url(url: str) -> None:
    """Refuse a URL SQLAlchemy cannot read, and an in-memory SQLite database: each command and
    each server worker would get an empty one of its own, and every write would vanish with it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ValueError:  # int() of the port
        raise ValueError("the port is not a number") from None
    except ArgumentError:
        raise ValueError("not a database URL") from None
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:") or parsed.query.get("mode") == "memory":
        raise ValueError(
            "an in-memory SQLite database would lose every write when the command or server ends; "
            "give a file: sqlite:///PATH"
        )


ENVIRONMENTS = ("development", "production")
_TRUE = {"1", "true", "yes", "on", "t", "y"}
_FALSE = {"0", "false", "no", "off", "f", "n"}


@dataclass(frozen=True)
class SettingProblem:
    name: str  # the setting's field name: SKILLTREE_ and its name in capitals is the variable
    value: object  # as given
    message: str


class InvalidSettings(ValueError):
    def __init__(self, problems: list[SettingProblem]):
        super().__init__("; ".join(f"{p.name}: {p.message}" for p in problems))
        self.problems = problems


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("Input should be a valid string")
    return value


def _path(value: object) -> Path:
    return value if isinstance(value, Path) else Path(_text(value))


def _optional_url(value: object) -> str | None:
    url = None if value is None else _text(value)
    # Fail here, with the fix, rather than deep in SQLAlchemy with a missing-driver error.
    if url and not url.startswith(("sqlite:", "sqlite+pysqlite:", "postgresql:", "postgresql+psycopg:")):
        raise ValueError(
            "Skilltree runs on SQLite (sqlite:///PATH) or PostgreSQL "
            "(postgresql+psycopg://user:password@host:5432/dbname)"
        )
    if url:
        _check_database_url(url)
    return url


def _timeout(value: object) -> float:
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError("Input should be a valid number, unable to parse string as a number") from None
    if not seconds > 0:
        raise ValueError("Input should be greater than 0")
    if not seconds <= 600:
        raise ValueError("Input should be less than or equal to 600")
    return seconds


def _environment(value: object) -> str:
    if value not in ENVIRONMENTS:
        raise ValueError("Input should be 'development' or 'production'")
    return value  # type: ignore[return-value]


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError("Input should be a valid boolean, unable to interpret input")


@dataclass(frozen=True)
class _Field:
    read: Callable[[object], Any]
    default: Callable[[], Any]
    description: str


FIELDS: dict[str, _Field] = {
    "content_dir": _Field(_path, lambda: BUNDLED_CONTENT, "The content directory to serve and read."),
    "data_dir": _Field(_path, default_data_dir, "Where the SQLite database lives."),
    "database_url": _Field(
        _optional_url,
        lambda: None,
        "SQLAlchemy URL; default: sqlite:///<data_dir>/skilltree.db. "
        "Use postgresql+psycopg://user:password@host/dbname for PostgreSQL.",
    ),
    "database_timeout": _Field(
        _timeout,
        lambda: 5.0,
        "Seconds any wait on the database may last (connecting, a statement, a lock, a free connection); "
        "past it the server answers 503 with Retry-After.",
    ),
    "env": _Field(_environment, lambda: "development", "production refuses insecure settings at start-up."),
    "secret_key": _Field(
        _text,
        lambda: DEVELOPMENT_SECRET,
        "Keys the hashes of session and API tokens; a random value of 32+ characters in production.",
    ),
    "secure_cookies": _Field(
        _flag, lambda: False, "Mark cookies Secure (always on in production; set when serving over https)."
    ),
    "trust_proxy_headers": _Field(
        _flag, lambda: False, "Take the client address from the last X-Forwarded-For entry, the one the reverse proxy adds."
    ),
}


class Settings:
    """Each field as given, else from its SKILLTREE_<FIELD> variable (any case), else its default.

    Every value is checked; InvalidSettings lists each one that is wrong.
    """

    content_dir: Path
    data_dir: Path
    database_url: str | None
    database_timeout: float
    env: str
    secret_key: str
    secure_cookies: bool
    trust_proxy_headers: bool

    def __init__(self, **given: object):
        unknown = sorted(set(given) - set(FIELDS))
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(unknown)}")
        environment = {name.upper(): value for name, value in os.environ.items()}
        problems = []
        for name, field in FIELDS.items():
            variable = f"SKILLTREE_{name.upper()}"
            value = given[name] if name in given else environment.get(variable)
            try:
                setattr(self, name, field.default() if value is None and name not in given else field.read(value))
            except ValueError as error:
                problems.append(SettingProblem(name, value, str(error)))
        if problems:
            raise InvalidSettings(problems)

    def insecure_reasons(self) -> list[str]:
        """What makes these settings unsafe for production; each reason names its variable."""
        if self.env != "production":
            return []
        reasons = []
        if self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32:
            reasons.append(
                "SKILLTREE_SECRET_KEY must be a random value of at least 32 characters when SKILLTREE_ENV=production "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return reasons

    @property
    def cookies_secure(self) -> bool:
        return self.secure_cookies or self.env == "production"

    @property
    def default_sqlite_file(self) -> Path | None:
        """The SQLite file used when no database URL is set; None when one is."""
        return None if self.database_url else self.data_dir / DATABASE_FILE

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.default_sqlite_file}"
