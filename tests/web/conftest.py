"""The web app in-process, on a fresh database of each engine, driven through HTTP."""

from __future__ import annotations

import pytest

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.config import Settings
from skilltree.web.app import create_app

from web_client import TestClient, make_settings, signed_up_browser


@pytest.fixture(scope="session")
def bundled_readings() -> dict:
    """What reading the bundled content gave, by its files' fingerprint: shared by the session's apps."""
    return {}


@pytest.fixture(autouse=True)
def bundled_content_read_once(monkeypatch, bundled_readings):
    """Every app reads its content directory at start, about a second for the bundled one. While the
    bundled files are unchanged that reading gives the same result every time, so the apps of this
    session share one, read-only. Any other directory (a test's own content) is read as before."""
    from skilltree import live_catalog
    from skilltree.catalog_cache import content_fingerprint

    read = live_catalog.load_catalog

    def read_bundled_once(root):
        if root.resolve() != BUNDLED_CONTENT.resolve():
            return read(root)
        fingerprint = content_fingerprint(root)
        if fingerprint not in bundled_readings:
            bundled_readings[fingerprint] = read(root)
        return bundled_readings[fingerprint]

    monkeypatch.setattr(live_catalog, "load_catalog", read_bundled_once)


@pytest.fixture
def database_url(indexed_database_url: str) -> str:
    """The app serves the bundled content: its database starts as a server started on it leaves it."""
    return indexed_database_url


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
def app(settings):
    app = create_app(settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


# Two signed-in browsers, olive first, for the tests of what one learner may see of another.
@pytest.fixture
def olive(app) -> TestClient:
    return signed_up_browser(app, "olive")


@pytest.fixture
def eve(app, olive) -> TestClient:
    return signed_up_browser(app, "eve")
