"""Fixtures shared by every test layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI every property test draws the same examples on every run, so a red run can be run again
# and gives the same failure; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from content_tree import ContentTree
from databases import ENGINES, fresh_database


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path: Path) -> str:
    """A fresh, empty database on each engine: SQLite, then PostgreSQL."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str):
    from skilltree.store.engine import make_engine
    from skilltree.store.migrate import ensure_schema

    engine = make_engine(database_url)
    ensure_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def catalog():
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.catalog.loader import load_catalog

    return load_catalog(BUNDLED_CONTENT).catalog
