"""Your account on the web and in the API: password, display name, tokens, your data, deleting the
account, sign-in throttling, and the API routes a client needs. Two learners on every route."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from web_client import PASSWORD, TestClient, api_token, make_settings, page_csrf, sign_in, sign_up

from skilltree.services import accounts
from skilltree.store.tables import api_tokens
from skilltree.web.app import create_app

NEW_PASSWORD = "a much better password"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def browser(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def ada(app) -> TestClient:
    signed_in = browser(app)
    sign_up(signed_in, "ada")  # the first account: the administrator
    return signed_in


@pytest.fixture
def grace(app, ada) -> TestClient:
    signed_in = browser(app)
    sign_up(signed_in, "grace")
    return signed_in


def post_settings(client: TestClient, url: str, **data):
    return client.post(url, data={"csrf_token": page_csrf(client, "/settings"), **data})


def test_changing_the_password_ends_every_other_session_and_token_but_this_one(app, grace):
    elsewhere = browser(app)
    sign_in(elsewhere, "grace")
    token = api_token(browser(app), "grace")
    wrong = post_settings(grace, "/settings/password", current_password="not it at all", new_password=NEW_PASSWORD, repeat_password=NEW_PASSWORD)
    assert wrong.status_code == 400 and "the password is not right" in wrong.text
    differ = post_settings(grace, "/settings/password", current_password=PASSWORD, new_password=NEW_PASSWORD, repeat_password="typo")
    assert differ.status_code == 422 and "the new password and its repetition differ" in differ.text
    changed = post_settings(grace, "/settings/password", current_password=PASSWORD, new_password=NEW_PASSWORD, repeat_password=NEW_PASSWORD)
    assert changed.headers["location"] == "/settings?done=password"
    assert "Your password is changed. Your other sessions and API tokens have ended." in grace.get(changed.headers["location"]).text
    assert elsewhere.get("/settings").headers["location"] == "/login?next=/settings"
    assert grace.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert sign_in(browser(app), "grace", PASSWORD).status_code == 401
    assert sign_in(browser(app), "grace", NEW_PASSWORD).status_code == 303


def test_the_api_changes_the_password_keeping_the_token_in_use(app, grace):
    current, other = api_token(browser(app), "grace"), api_token(browser(app), "grace")
    client = browser(app)
    wrong = client.put("/api/v1/me/password", json={"current_password": "nope nope", "new_password": NEW_PASSWORD}, headers=bearer(current))
    assert wrong.status_code == 401 and wrong.json()["error"]["message"] == "the password is not right"
    short = client.put("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "short"}, headers=bearer(current))
    assert short.status_code == 400 and short.json()["error"]["message"] == "the password is too short: use at least 8 characters"
    done = client.put("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}, headers=bearer(current))
    assert done.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(current)).json()["username"] == "grace"
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 401
    assert grace.get("/settings").status_code == 303  # grace's browser session ended too


def test_display_name_on_the_web_and_in_the_api(app, ada, grace):
    assert post_settings(grace, "/settings/profile", display_name="  Grace Hopper ").status_code == 303
    assert 'value="Grace Hopper"' in grace.get("/settings").text
    too_long = post_settings(grace, "/settings/profile", display_name="G" * 129)
    assert too_long.status_code == 400 and "the display name is too long: use at most 128 characters" in too_long.text
    token = api_token(browser(app), "grace")
    renamed = grace.patch("/api/v1/me", json={"display_name": "Amazing Grace"}, headers=bearer(token)).json()
    assert (renamed["username"], renamed["display_name"]) == ("grace", "Amazing Grace")
    assert 'value="ada"' in ada.get("/settings").text  # nobody else renamed


RLO_REFUSED = "display_name: U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"


def test_names_with_invisible_or_reordering_characters_are_refused_in_every_face(app, ada, grace):
    """A right-to-left override or a zero-width space would let a name pass for another's."""
    visitor = browser(app)
    refused = sign_up(visitor, "mallory", display_name="Grace\u202e")
    assert refused.status_code == 400 and RLO_REFUSED in refused.text
    on_the_page = post_settings(grace, "/settings/profile", display_name="Gr\u200bace")
    assert on_the_page.status_code == 400 and "display_name: U+200B (ZERO WIDTH SPACE) is not allowed" in on_the_page.text
    token = api_token(browser(app), "grace")
    in_the_api = grace.patch("/api/v1/me", json={"display_name": "Grace\u202e"}, headers=bearer(token))
    assert in_the_api.status_code == 400 and in_the_api.json()["error"]["message"] == RLO_REFUSED
    exported = grace.get("/api/v1/me/export", headers=bearer(token)).json()
    hostile = {**exported, "learner": {**exported["learner"], "display_name": "Grace\u202e"}}
    imported = grace.post("/api/v1/me/import", json=hostile, headers=bearer(token))
    assert imported.status_code == 422
    assert imported.json()["error"]["message"] == "document: not a Skilltree export:\n  learner.display_name: U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"
    named = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD, "name": "lap\u200btop"})
    assert named.status_code == 400 and named.json()["error"]["message"] == "name: U+200B (ZERO WIDTH SPACE) is not allowed"
    assert grace.get("/api/v1/me", headers=bearer(token)).json()["display_name"] == "grace"  # nothing was renamed


def test_tokens_have_names_and_expiry_are_listed_and_revoked_by_their_owner_only(app, ada, grace):
    made = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD, "name": "laptop", "expires_in_days": 7})
    assert made.status_code == 201
    token = made.json()
    assert token["name"] == "laptop" and len(token["token"]) >= 40
    created = datetime.fromisoformat(token["created_at"])
    assert datetime.fromisoformat(token["expires_at"]) - created == timedelta(days=7)
    default = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD}).json()
    assert datetime.fromisoformat(default["expires_at"]) - datetime.fromisoformat(default["created_at"]) == timedelta(days=90)
    too_long = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD, "expires_in_days": 366})
    assert too_long.status_code == 422 and "expires_in_days: Input should be less than or equal to 365" in too_long.json()["error"]["message"]
    listed = browser(app).get("/api/v1/me/tokens", headers=bearer(token["token"])).json()["tokens"]
    assert [t["name"] for t in listed] == [None, "laptop"] and all("token" not in t for t in listed)
    assert listed[1]["last_used_at"] is not None  # this very request used it
    ada_token = api_token(browser(app), "ada")
    stolen = browser(app).delete(f"/api/v1/me/tokens/{token['id']}", headers=bearer(ada_token))
    assert stolen.status_code == 404 and stolen.json()["error"]["message"] == f"you have no API token {token['id']}"
    assert browser(app).get("/api/v1/me", headers=bearer(token["token"])).status_code == 200
    assert browser(app).delete(f"/api/v1/me/tokens/{token['id']}", headers=bearer(default["token"])).status_code == 204
    assert browser(app).get("/api/v1/me", headers=bearer(token["token"])).status_code == 401
    page = grace.get("/settings").text
    assert "<td>laptop</td>" not in page and "<td>(no name)</td>" in page and page.count("/revoke") == 1


def test_an_expired_token_is_told_it_expired(app, grace):
    token = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD, "name": "old"}).json()
    past = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    with app.state.engine.begin() as connection:
        connection.execute(update(api_tokens).where(api_tokens.c.id == token["id"]).values(expires_at=past))
    expired = browser(app).get("/api/v1/me", headers=bearer(token["token"]))
    assert expired.status_code == 401
    assert expired.json()["error"]["message"] == "the API token expired on 2026-01-02 03:04 UTC; ask for a new one with POST /api/v1/tokens"
    assert "2026-01-02 (expired)" in grace.get("/settings").text


def test_the_settings_page_makes_a_token_and_shows_its_secret_once(app, grace):
    made = post_settings(grace, "/settings/tokens", name="ci job", expires_in_days="30")
    assert made.status_code == 200 and "Copy it now: it is not shown again." in made.text
    secret = made.text.split('<p class="secret">')[1].split("</p>")[0]
    assert browser(app).get("/api/v1/me", headers=bearer(secret)).json()["username"] == "grace"
    assert secret not in grace.get("/settings").text and "ci job" in grace.get("/settings").text
    refused = post_settings(grace, "/settings/tokens", name="x", expires_in_days="400")
    assert refused.status_code == 400 and "expires_in_days must be between 1 and 365, not 400" in refused.text


def test_download_delete_sign_up_again_and_import(app, ada, grace):
    token = api_token(browser(app), "grace")
    grace.put("/api/v1/me/progress/git", json={"status": "done"}, headers=bearer(token))
    grace.put("/api/v1/me/notes/git", json={"body": "my note"}, headers=bearer(token))
    download = grace.get("/settings/export")
    assert download.headers["content-disposition"].startswith('attachment; filename="skilltree-grace-')
    document = download.json()
    assert [e["topic"] for e in document["events"]] == ["git"] and [n["body"] for n in document["notes"]] == ["my note"]
    wrong = post_settings(grace, "/settings/delete", password="not my password")
    assert wrong.status_code == 400 and "the password is not right" in wrong.text
    deleted = post_settings(grace, "/settings/delete", password=PASSWORD)
    assert deleted.status_code == 200 and "The account <strong>grace</strong> and everything in it are gone." in deleted.text
    assert 'skilltree_session=""' in deleted.headers["set-cookie"]
    assert browser(app).get("/api/v1/me", headers=bearer(token)).status_code == 401
    again = browser(app)
    assert sign_up(again, "grace").status_code == 303
    assert again.get("/api/v1/me/statuses", headers=bearer(api_token(browser(app), "grace"))).json() == {"statuses": []}
    upload = {"file": ("grace.json", json.dumps(document).encode(), "application/json")}
    imported = again.post("/settings/import", data={"csrf_token": page_csrf(again, "/settings")}, files=upload)
    assert imported.status_code == 200
    assert "Imported 1 new change(s) and 1 note revision(s); 0 change(s) were already here." in imported.text
    assert "my note" in again.get("/topics/git").text
    assert "my note" not in ada.get("/topics/git").text


def test_a_bad_import_on_the_web_says_why_and_writes_nothing(grace):
    bad = {"file": ("mine.json", b'{"format": "skilltree-export", "version": 2, "learner": {}, "events": []}', "application/json")}
    refused = grace.post("/settings/import", data={"csrf_token": page_csrf(grace, "/settings")}, files=bad)
    assert refused.status_code == 422
    assert "mine.json: not a Skilltree export:\n  learner.username: Field required" in refused.text.replace("&#39;", "'")
    nothing = grace.post("/settings/import", data={"csrf_token": page_csrf(grace, "/settings")})
    assert nothing.status_code == 422 and "choose a file written by “Download my data”" in nothing.text


def test_deleting_through_the_api_ends_the_token_at_once(app, grace):
    token = api_token(browser(app), "grace")
    client = browser(app)
    assert client.request("DELETE", "/api/v1/me", json={"password": "wrong one"}, headers=bearer(token)).status_code == 401
    assert client.request("DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert grace.get("/settings").status_code == 303


def test_the_last_administrator_cannot_delete_themselves(app, ada):
    refused = post_settings(ada, "/settings/delete", password=PASSWORD)
    assert refused.status_code == 409
    assert "the last administrator cannot be deleted; make another account an administrator first" in refused.text
    token = api_token(browser(app), "ada")
    answer = browser(app).request("DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=bearer(token))
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"


def test_account_forms_need_their_csrf_token(grace):
    for url in ("/settings/profile", "/settings/password", "/settings/tokens", "/settings/delete", "/settings/import"):
        forged = grace.post(url, data={"csrf_token": "forged", "password": PASSWORD})
        assert forged.status_code == 403 and "Form expired" in forged.text, url
    assert grace.get("/settings").status_code == 200  # not deleted


@pytest.fixture
def proxied(database_url, tmp_path):
    app = create_app(make_settings(database_url, tmp_path, trust_proxy_headers=True))
    yield app
    app.state.engine.dispose()


def attempt(app, address: str, password: str):
    return TestClient(app).post(
        "/api/v1/tokens", json={"username": "grace", "password": password}, headers={"X-Forwarded-For": address}
    )


def test_a_stranger_guessing_cannot_lock_the_owner_out(proxied):
    sign_up(browser(proxied), "root")
    sign_up(browser(proxied), "grace")
    for _ in range(accounts.FAILURES_PER_ACCOUNT_AND_CLIENT):
        assert attempt(proxied, "198.51.100.66", "a wrong guess").status_code == 401
    stranger = attempt(proxied, "198.51.100.66", PASSWORD)
    assert stranger.status_code == 429
    assert stranger.json()["error"]["message"] == "too many failed sign-ins for this account from your address; try again in 15 minutes"
    assert attempt(proxied, "203.0.113.5", PASSWORD).status_code == 201  # the owner, from home


def test_guessing_spread_over_many_addresses_meets_the_per_account_ceiling(proxied, monkeypatch):
    sign_up(browser(proxied), "root")
    sign_up(browser(proxied), "grace")
    monkeypatch.setattr(accounts, "FAILURES_PER_ACCOUNT", 8)  # 100 guesses would take the test 10 s of hashing
    for number in range(8):
        assert attempt(proxied, f"198.51.100.{number}", "a wrong guess").status_code == 401
    ceiling = attempt(proxied, "203.0.113.5", PASSWORD)
    assert ceiling.status_code == 429
    assert ceiling.json()["error"]["message"] == "too many failed sign-ins for this account; try again in 15 minutes"


def test_statuses_history_export_import_and_bulk_progress(app, ada, grace):
    token, theirs = api_token(browser(app), "grace"), api_token(browser(app), "ada")
    client = browser(app)
    bulk = client.put("/api/v1/me/progress", json={"changes": [{"topic": "git", "status": "done"}, {"topic": "sql", "status": "learning"}]},
                      headers=bearer(token))
    assert [(c["topic"], c["previous"], c["status"]) for c in bulk.json()["changes"]] == [("git", "not_started", "done"), ("sql", "not_started", "learning")]
    unknown = client.put("/api/v1/me/progress", json={"changes": [{"topic": "http", "status": "done"}, {"topic": "gti", "status": "done"}]},
                         headers=bearer(token))
    assert unknown.status_code == 404 and unknown.json()["error"]["message"] == "no topic 'gti' (did you mean 'git'?)"
    twice = client.put("/api/v1/me/progress", json={"changes": [{"topic": "http", "status": "done"}] * 2}, headers=bearer(token))
    assert twice.status_code == 400 and twice.json()["error"]["message"] == "changes[1].topic: 'http' is listed twice"
    many = client.put("/api/v1/me/progress", json={"changes": [{"topic": "git", "status": "done"}] * 501}, headers=bearer(token))
    assert many.status_code == 422 and many.json()["error"]["message"] == "too many changes: 501, at most 500 at once"
    statuses = client.get("/api/v1/me/statuses", headers=bearer(token)).json()["statuses"]
    assert [(s["topic"], s["status"]) for s in statuses] == [("git", "done"), ("sql", "learning")]  # not http: all or nothing
    client.put("/api/v1/me/progress/git", json={"status": "not_started"}, headers=bearer(token))
    assert [s["topic"] for s in client.get("/api/v1/me/statuses", headers=bearer(token)).json()["statuses"]] == ["sql"]
    first = client.get("/api/v1/me/history?limit=2", headers=bearer(token)).json()
    assert [(e["topic"], e["status"]) for e in first["events"]] == [("git", "not_started"), ("sql", "learning")]
    rest = client.get(f"/api/v1/me/history?limit=2&before={first['next_before']}", headers=bearer(token)).json()
    assert [(e["topic"], e["status"]) for e in rest["events"]] == [("git", "done")] and rest["next_before"] is None
    assert len(client.get("/api/v1/me/history?topic=git", headers=bearer(token)).json()["events"]) == 2
    assert client.get("/api/v1/me/history", headers=bearer(theirs)).json() == {"events": [], "next_before": None}
    assert client.get("/api/v1/me/statuses", headers=bearer(theirs)).json() == {"statuses": []}
    exported = client.get("/api/v1/me/export", headers=bearer(token)).json()
    assert exported["learner"]["username"] == "grace" and len(exported["events"]) == 3
    assert client.post("/api/v1/me/import", json=exported, headers=bearer(theirs)).json() == {"added": 3}
    assert client.post("/api/v1/me/import", json=exported, headers=bearer(theirs)).json() == {"added": 0}
    broken = {**exported, "events": [*exported["events"], {"topic": "git", "status": "finished", "at": "2026-11-01T00:00:00Z", "source": "cli"}]}
    refused = client.post("/api/v1/me/import", json=broken, headers=bearer(token))
    assert refused.status_code == 422 and refused.json()["error"]["message"].startswith(
        "document: not a Skilltree export:\n  events[3].status: Input should be"
    )
    assert len(client.get("/api/v1/me/export", headers=bearer(token)).json()["events"]) == 3  # nothing written


def test_me_routes_need_a_token(client):
    for method, url in (("GET", "/api/v1/me"), ("GET", "/api/v1/me/statuses"), ("GET", "/api/v1/me/history"), ("GET", "/api/v1/me/export"),
                        ("POST", "/api/v1/me/import"), ("PUT", "/api/v1/me/progress"), ("GET", "/api/v1/me/tokens"),
                        ("PUT", "/api/v1/me/password"), ("PATCH", "/api/v1/me"), ("DELETE", "/api/v1/me"), ("GET", "/api/v1/me/notes")):
        answer = client.request(method, url)
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized", url
