"""Settings, read from SKILLTREE_* environment variables. Nothing is created at import time."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from skilltree.bundled import BUNDLED_CONTENT


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("skilltree"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SKILLTREE_", extra="ignore")

    content_dir: Path = Field(default=BUNDLED_CONTENT, description="The content directory to serve and read.")
    data_dir: Path = Field(default_factory=_default_data_dir, description="Where the SQLite database lives.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: sqlite:///<data_dir>/skilltree.db. "
        "Use postgresql+psycopg://user:password@host/dbname for PostgreSQL.",
    )

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'skilltree.db'}"
