"""Settings, read from SKILLTREE_* environment variables. Nothing is created at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SKILLTREE_", extra="ignore")

    content_dir: Path = Field(default=BUNDLED_CONTENT, description="The content directory to serve and read.")
    data_dir: Path = Field(default_factory=default_data_dir, description="Where the SQLite database lives.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: sqlite:///<data_dir>/skilltree.db. "
        "Use postgresql+psycopg://user:password@host/dbname for PostgreSQL.",
    )

    database_timeout: float = Field(
        default=5.0,
        gt=0,
        le=600,
        description="Seconds any wait on the database may last (connecting, a statement, a lock, a free connection); "
        "past it the server answers 503 with Retry-After.",
    )

    env: Literal["development", "production"] = Field(
        default="development", description="production refuses insecure settings at start-up."
    )
    secret_key: str = Field(
        default=DEVELOPMENT_SECRET,
        description="Keys the hashes of session and API tokens; a random value of 32+ characters in production.",
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (always on in production; set when serving over https)."
    )
    trust_proxy_headers: bool = Field(
        default=False, description="Take the client address from the last X-Forwarded-For entry, the one the reverse proxy adds."
    )

    @field_validator("database_url")
    @classmethod
    def _supported_engine(cls, url: str | None) -> str | None:
        # Fail here, with the fix, rather than deep in SQLAlchemy with a missing-driver error.
        if url and not url.startswith(("sqlite:", "sqlite+pysqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ValueError(
                "Skilltree runs on SQLite (sqlite:///PATH) or PostgreSQL "
                "(postgresql+psycopg://user:password@host:5432/dbname)"
            )
        if url:
            _check_database_url(url)
        return url

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
