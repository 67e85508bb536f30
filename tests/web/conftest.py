"""The web app in-process, on a fresh database of each engine, driven through HTTP."""

from __future__ import annotations

import pytest

from skilltree.config import Settings
from skilltree.web.app import create_app

from web_client import TestClient, make_settings


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
