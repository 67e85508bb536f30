"""Security over HTTP: headers on crashes, cookies in production, CSRF on every form, who may change
what, sign-in throttling behind a proxy, and what setting a password ends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import select

from web_client import PASSWORD, TestClient, api_token, csrf_of, make_settings, sign_in, sign_up

from skilltree.services import accounts
from skilltree.store.tables import api_tokens
from skilltree.store.uow import UnitOfWork, units_of_work
from skilltree.web.app import create_app
from skilltree.web.deps import check_csrf


@pytest.fixture
def make_app(database_url, tmp_path):
    """create_app with some settings changed; every app made is disposed of afterwards."""
    made = []

    def make(**overrides):
        app = create_app(make_settings(database_url, tmp_path, **overrides))
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.engine.dispose()


def assert_security_headers(response) -> None:
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_a_crash_answers_500_with_the_security_headers(app):
    def crash():
        raise RuntimeError("a bug")

    app.add_api_route("/api/v1/crash", crash)
    app.add_api_route("/crash", crash)
    client = TestClient(app, raise_server_exceptions=False)
    api = client.get("/api/v1/crash")
    assert api.status_code == 500
    assert api.json() == {"error": {"code": "internal", "message": "something went wrong on our side; it has been logged"}}
    assert_security_headers(api)
    page = client.get("/crash")
    assert page.status_code == 500 and "<h1>Something went wrong</h1>" in page.text
    assert_security_headers(page)


@pytest.mark.parametrize("overrides", [{"env": "production", "secret_key": "s" * 48}, {"secure_cookies": True}])
def test_cookies_are_secure_in_production_or_when_asked(make_app, overrides):
    # Over https: a browser, like this client, sends a Secure cookie back over https only.
    client = TestClient(make_app(**overrides), follow_redirects=False, base_url="https://testserver")
    csrf_cookie = client.get("/signup").headers["set-cookie"]
    assert csrf_cookie.startswith("skilltree_csrf=") and "Secure" in csrf_cookie
    session_cookie = sign_up(client).headers["set-cookie"]
    assert session_cookie.startswith("skilltree_session=") and "Secure" in session_cookie and "HttpOnly" in session_cookie


def test_every_form_refuses_a_post_without_its_csrf_token(client):
    refused = client.post("/signup", data={"username": "mallory", "password": PASSWORD})
    assert refused.status_code == 403 and "Form expired" in refused.text
    assert sign_up(client, "mallory").status_code == 303  # the refused post made no account
    # Without signup_open the form would close sign-up, and it asks to hide time estimates.
    forged = client.post("/settings", data={"hide_minutes": "true", "csrf_token": "forged"})
    assert forged.status_code == 403 and "Form expired" in forged.text
    assert " min" in client.get("/paths/starter-kit").text
    client.cookies.clear()
    assert 'action="/signup"' in client.get("/signup").text


def _form_routes(app) -> dict[str, APIRoute]:
    """Every route a browser posts a form to, by path, found from the app itself so that a new one
    is included: every POST outside the JSON API (which takes a bearer token, not cookies)."""
    return {
        context.path: context.original_route for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute) and "POST" in context.original_route.methods
        and not context.path.startswith("/api/")
    }


def _dependency_calls(dependant) -> set:
    return {dependant.call} | {call for sub in dependant.dependencies for call in _dependency_calls(sub)}


def test_every_form_route_depends_on_the_csrf_check(app):
    routes = _form_routes(app)
    assert set(routes) == {
        "/signup", "/login", "/logout", "/topics/{topic_id}/status", "/settings",
        "/topics/{topic_id}/note", "/topics/{topic_id}/note/delete", "/settings/profile", "/settings/password",
        "/settings/tokens", "/settings/tokens/{token_id}/revoke", "/settings/import", "/settings/delete",
        "/admin/users/{username}/{action}", "/reset/{token}", "/settings/public-profile",
        "/ladders/{ladder_id}/ratings/{responsibility_id}",
        "/teams", "/teams/{team_id}/settings", "/teams/{team_id}/invites", "/teams/{team_id}/members/{username}/role",
        "/teams/{team_id}/members/{username}/remove", "/teams/{team_id}/delete", "/invites/{code}",
        "/teams/{team_id}/assignments",
        "/review/{card_id}/reveal", "/review/{card_id}", "/topics/{topic_id}/review", "/plan",
        "/plan/{path_id}/delete", "/settings/calendar",
        "/teams/{team_id}/sharing", "/teams/{team_id}/members/{username}/ladder/{ladder_id}/{responsibility_id}",
    }
    unchecked = [path for path, route in routes.items() if check_csrf not in _dependency_calls(route.dependant)]
    assert unchecked == [], "these form routes lack CsrfChecked"


def test_every_form_route_refuses_a_post_without_a_token_or_with_a_forged_one(app, client):
    sign_up(client, "ada")
    examples = {
        "{topic_id}": "git", "{token_id}": "1", "{username}": "ada", "{action}": "disable", "{token}": "x",
        "{card_id}": "1", "{path_id}": "starter-kit", "{team_id}": "1", "{code}": "x",
    }
    for path in _form_routes(app):
        url = path
        for placeholder, example in examples.items():
            url = url.replace(placeholder, example)
        for data in ({"status": "done"}, {"status": "done", "csrf_token": "forged"}):
            refused = client.post(url, data=data)
            assert (refused.status_code, "Form expired" in refused.text) == (403, True), url
        forged_header = client.post(url, data={"status": "done"}, headers={"X-CSRF-Token": "forged"})
        assert forged_header.status_code == 403, url
    assert client.get("/me").status_code == 200  # still signed in: the refused logout did nothing
    token = csrf_of(client.get("/topics/git").text)
    by_header = client.post("/topics/git/status", data={"status": "done"}, headers={"X-CSRF-Token": token})
    assert by_header.status_code == 303  # app.js may send the token as a header instead


def test_only_the_administrator_opens_and_closes_sign_up(client):
    sign_up(client, "ada")
    client.cookies.clear()
    sign_up(client, "grace")
    settings = client.get("/settings").text
    assert "Anyone may sign up" not in settings
    # grace posts the form with the box unticked, as if she could close sign-up: it stays open.
    assert client.post("/settings", data={"csrf_token": csrf_of(settings)}).status_code == 303
    client.cookies.clear()
    assert 'action="/signup"' in client.get("/signup").text
    with UnitOfWork(client.app.state.engine) as uow:
        grace = uow.learners.get("grace")
        with pytest.raises(accounts.Forbidden, match="only an administrator can open or close sign-up"):
            accounts.set_signup_open(uow, admin=grace, is_open=False)


def test_throttling_behind_a_proxy_counts_the_address_the_proxy_saw(make_app):
    client = TestClient(make_app(trust_proxy_headers=True))

    def guess(number: int, proxy_saw: str):
        # The client writes what it likes into X-Forwarded-For; the proxy appends the address it saw.
        headers = {"X-Forwarded-For": f"10.0.{number}.1, {proxy_saw}"}
        return client.post("/api/v1/tokens", json={"username": f"user{number}", "password": "a wrong guess"}, headers=headers)

    for number in range(accounts.FAILURES_PER_CLIENT):
        assert guess(number, "203.0.113.7").status_code == 401
    throttled = guess(99, "203.0.113.7")
    assert throttled.status_code == 429
    assert throttled.json()["error"]["message"] == "too many failed sign-ins from your address; try again in 15 minutes"
    assert guess(100, "203.0.113.8").status_code == 401  # another address is not held back


def test_setting_a_password_signs_the_learner_out_everywhere(client):
    sign_up(client, "ada")
    token = api_token(client, "ada")
    assert client.get("/me").status_code == 200
    # What `skilltree passwd ada` does.
    accounts.set_password(units_of_work(client.app.state.engine), username="ada", password="a brand new password", now=datetime.now(timezone.utc))
    assert client.get("/me").headers["location"] == "/login?next=/me"
    revoked = client.get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401 and revoked.json()["error"]["message"] == "the API token is invalid or has been revoked"
    assert sign_in(client, "ada", PASSWORD).status_code == 401
    assert sign_in(client, "ada", "a brand new password").status_code == 303
    assert client.get("/me").status_code == 200


def test_an_api_token_notes_its_use_at_most_once_a_minute(client, settings):
    sign_up(client, "ada")
    token = api_token(client, "ada")
    engine = client.app.state.engine

    def last_used() -> datetime | None:
        with engine.connect() as connection:
            return connection.execute(select(api_tokens.c.last_used_at)).scalar_one()

    assert last_used() is None
    before = datetime.now(timezone.utc)
    uses = [client.get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"}) for _ in range(3)]
    assert [use.status_code for use in uses] == [200] * 3
    first = last_used()  # written by the first request; the next ones, within the minute, kept it
    assert before <= first <= before + timedelta(seconds=5)
    use = partial(accounts.token_learner, units_of_work(engine), token=token, secret=settings.secret_key)
    assert use(now=first + timedelta(seconds=59)).username == "ada"
    assert last_used() == first
    assert use(now=first + timedelta(seconds=60)).username == "ada"
    assert last_used() == first + timedelta(seconds=60)


def test_text_postgresql_cannot_store_is_a_clear_refusal_not_a_crash(client):
    # NUL bytes and over-long display names: PostgreSQL refuses both, which once answered 500.
    answer = client.post("/api/v1/tokens", json={"username": "\x00ada", "password": "whatever you like"})
    assert answer.status_code == 401 and answer.json()["error"]["message"] == "wrong username or password"
    refused = sign_up(client, "ada", display_name="Ada\x00")
    assert refused.status_code == 400 and "display_name: U+0000 (a control character) is not allowed" in refused.text
    refused = sign_up(client, "ada", display_name="A" * 129)
    assert refused.status_code == 400 and "the display name is too long: use at most 128 characters" in refused.text
    assert sign_up(client, "ada", display_name="  Ada Lovelace ").status_code == 303
