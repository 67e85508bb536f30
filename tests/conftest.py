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
from databases import ENGINES, Templates, drop_session_database, fresh_database


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")


@pytest.fixture(scope="session")
def catalog():
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.catalog.loader import load_catalog

    return load_catalog(BUNDLED_CONTENT).catalog


@pytest.fixture(scope="session", autouse=True)
def session_database_dropped_at_the_end():
    """The PostgreSQL database the session made for its tests (databases.py) goes when it ends."""
    yield
    drop_session_database()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory, catalog) -> Templates:
    """Databases prepared once per test session (per xdist worker), copied for each test."""
    from skilltree.services.search import index_catalog
    from skilltree.store.migrate import ensure_schema
    from skilltree.store.uow import units_of_work

    def indexed(engine) -> None:
        ensure_schema(engine)
        index_catalog(units_of_work(engine), catalog)

    return Templates(tmp_path_factory, {"migrated": ensure_schema, "indexed": indexed})


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    """Each database test runs on SQLite, then on PostgreSQL; every database it asks for is on that engine."""
    return request.param


@pytest.fixture
def empty_database_url(engine_name: str, tmp_path: Path) -> str:
    """A fresh, empty database: for tests of what a first use creates."""
    folder = tmp_path / "empty"  # beside the copy of a template, when a test asks for both
    folder.mkdir()
    with fresh_database(engine_name, folder) as url:
        yield url


@pytest.fixture
def database_url(engine_name: str, tmp_path: Path, database_templates: Templates) -> str:
    """A fresh database at the current schema revision, with no rows."""
    with database_templates.copy(engine_name, "migrated", tmp_path) as url:
        yield url


@pytest.fixture
def indexed_database_url(engine_name: str, tmp_path: Path, database_templates: Templates) -> str:
    """A fresh database whose search index holds the bundled catalog, as a server started on the
    bundled content leaves it, and no other rows."""
    with database_templates.copy(engine_name, "indexed", tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str):
    from skilltree.store.engine import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()
