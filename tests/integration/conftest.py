"""Fixtures of the integration tests."""

from __future__ import annotations

import pytest

from databases import ENGINES


@pytest.fixture(scope="module", params=ENGINES)
def searchable(request, tmp_path_factory, database_templates):
    """An engine whose search index holds the bundled catalog, on each engine, shared by a module's read-only tests."""
    from skilltree.store.engine import make_engine

    with database_templates.copy(request.param, "indexed", tmp_path_factory.mktemp("search")) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()
