"""Fixtures of the integration tests."""

from __future__ import annotations

import pytest

from databases import ENGINES, fresh_database


@pytest.fixture(scope="module", params=ENGINES)
def searchable(request, tmp_path_factory, catalog):
    """An engine whose search index holds the bundled catalog, on each engine, shared by a module's read-only tests."""
    from skilltree.services.search import index_catalog
    from skilltree.store.engine import make_engine
    from skilltree.store.migrate import ensure_schema
    from skilltree.store.uow import units_of_work

    with fresh_database(request.param, tmp_path_factory.mktemp("search")) as url:
        engine = make_engine(url)
        ensure_schema(engine)
        index_catalog(units_of_work(engine), catalog)
        yield engine
        engine.dispose()
