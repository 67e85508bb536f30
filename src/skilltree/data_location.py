"""Where the default SQLite file lives, worked out without building the settings.

`skilltree show` and `skilltree search` read this file straight away, without the settings or
SQLAlchemy, to start quickly. Anything but the plain default answers None, and the
caller then goes through `Settings`, which is always right.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_FILE = "skilltree.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("skilltree"))


def plain_default_sqlite_file() -> Path | None:
    """The default SQLite file when neither SKILLTREE_DATABASE_URL nor SKILLTREE_DATA_DIR is set."""
    # Settings matches variable names in any case; so does this check.
    names = {name.upper() for name in os.environ}
    if {"SKILLTREE_DATABASE_URL", "SKILLTREE_DATA_DIR"} & names:
        return None
    return default_data_dir() / DATABASE_FILE
