"""Driving the web app in-process: the test client, forms with their CSRF tokens, API tokens."""

from __future__ import annotations

import re
import warnings

with warnings.catch_warnings():
    # Starlette's test client warns about its own httpx dependency; nothing for us to change.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.config import Settings
from skilltree.web.security import CSRF_FIELD

PASSWORD = "correct horse battery"


# The test PostgreSQL server is shared with other runs, whose advisory locks (server-wide) can hold
# a write for seconds on a loaded machine: only the tests of the timeout itself set a short one.
PATIENT_DATABASE_TIMEOUT = 60.0


def make_settings(database_url, tmp_path, **overrides) -> Settings:
    values = {"database_url": database_url, "data_dir": tmp_path / "data", "content_dir": BUNDLED_CONTENT,
              "database_timeout": PATIENT_DATABASE_TIMEOUT}
    return Settings(**{**values, **overrides})


def csrf_of(html: str) -> str:
    match = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_up(client: TestClient, username: str = "ada", password: str = PASSWORD, **fields):
    token = csrf_of(client.get("/signup").text)
    form = {"username": username, "password": password, "password_again": password, CSRF_FIELD: token}
    return client.post("/signup", data={**form, **fields})


def signed_up_browser(app, username: str) -> TestClient:
    """A browser of its own, signed up as `username`, that does not follow redirects."""
    browser = TestClient(app, follow_redirects=False)
    sign_up(browser, username)
    return browser


def sign_in(client: TestClient, username: str = "ada", password: str = PASSWORD, next: str = ""):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, CSRF_FIELD: token, "next": next})


def page_csrf(client: TestClient, url: str = "/") -> str:
    return csrf_of(client.get(url).text)


def api_token(client: TestClient, username: str = "ada", password: str = PASSWORD) -> str:
    response = client.post("/api/v1/tokens", json={"username": username, "password": password})
    assert response.status_code == 201, response.text
    return response.json()["token"]


def api_people(app, *usernames: str, admin: str | None = None) -> dict[str, dict]:
    """Accounts with API tokens, written through the store with one password hash for all: signing
    up each through the form would spend two Argon2 hashes per person. Returns bearer headers by name."""
    from datetime import datetime, timezone

    from skilltree.services.accounts import issue_token
    from skilltree.store.uow import UnitOfWork

    now = datetime.now(timezone.utc)
    headers = {}
    with UnitOfWork(app.state.engine, write=True) as uow:
        for username in usernames:
            learner = uow.accounts.create_account(
                username=username, display_name=username.title(), password_hash=_shared_hash(), is_admin=username == admin, now=now
            )
            token = issue_token(uow, learner=learner, now=now, secret=app.state.settings.secret_key).secret
            headers[username] = {"Authorization": f"Bearer {token}"}
        uow.commit()
    return headers


def _shared_hash() -> str:
    global _SHARED_HASH
    if _SHARED_HASH is None:
        from skilltree.services.accounts import hash_password

        _SHARED_HASH = hash_password(PASSWORD)
    return _SHARED_HASH


_SHARED_HASH: str | None = None
