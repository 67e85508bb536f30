"""Administration: /admin/users and its API, disable and enable, the administrator role, deletion,
one-time reset links kept only as keyed hashes, and the append-only audit log kept out of exports."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from web_client import PASSWORD, TestClient, api_token, csrf_of, page_csrf, sign_in, sign_up

from skilltree.store.tables import reset_links

NEW_PASSWORD = "a fresh start password"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def browser(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def root(app) -> TestClient:
    signed_in = browser(app)
    sign_up(signed_in, "root")  # the first account: the administrator
    return signed_in


@pytest.fixture
def grace(app, root) -> TestClient:
    signed_in = browser(app)
    sign_up(signed_in, "grace", display_name="Grace Hopper")
    return signed_in


def act(admin: TestClient, username: str, action: str, **data):
    return admin.post(f"/admin/users/{username}/{action}", data={"csrf_token": page_csrf(admin, "/admin/users"), **data})


def test_administration_does_not_exist_for_anyone_else(app, grace):
    for url in ("/admin/users", "/admin/audit"):
        assert grace.get(url).status_code == 404, url
    assert grace.post("/admin/users/root/disable", data={"csrf_token": page_csrf(grace)}).status_code == 404
    token = api_token(browser(app), "grace")
    for method, url in (("GET", "/api/v1/admin/users"), ("PATCH", "/api/v1/admin/users/root"), ("DELETE", "/api/v1/admin/users/root"),
                        ("POST", "/api/v1/admin/users/root/reset-link")):
        answer = browser(app).request(method, url, json={"disabled": True}, headers=bearer(token))
        assert answer.status_code == 404, url
    assert "Users</a>" not in grace.get("/").text


def test_the_users_page_finds_and_pages(root, grace):
    page = root.get("/admin/users").text
    assert "2 accounts" in page and "<td>Grace Hopper</td>" in page and page.count("<td>administrator</td>") == 1
    found = root.get("/admin/users?q=HOPPER").text
    assert "1 account matching “HOPPER”" in found and ">root<" not in found


def test_disabling_ends_sessions_and_tokens_at_once_and_sign_in_says_so(app, root, grace):
    token = api_token(browser(app), "grace")
    done = act(root, "grace", "disable")
    assert done.headers["location"] == "/admin/users?done=disable&user=grace"
    assert "grace is disabled: their sessions and tokens have ended." in root.get(done.headers["location"]).text
    assert grace.get("/settings").status_code == 303
    refused = browser(app).get("/api/v1/me", headers=bearer(token))
    assert refused.status_code == 401
    again = sign_in(browser(app), "grace")
    assert again.status_code == 403 and "this account is disabled; ask an administrator of this Skilltree" in again.text
    api = browser(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD})
    assert api.status_code == 403 and api.json()["error"]["message"] == "this account is disabled; ask an administrator of this Skilltree"
    act(root, "grace", "enable")
    assert sign_in(browser(app), "grace").status_code == 303


def test_the_last_administrator_stays_and_nobody_disables_themselves(root, grace):
    refused = act(root, "root", "revoke-admin")
    assert refused.status_code == 409
    assert "the last administrator cannot be removed as administrator; make another account an administrator first" in refused.text
    assert "you cannot disable your own account here" in act(root, "root", "disable").text
    act(root, "grace", "grant-admin")
    assert "Users</a>" in grace.get("/").text
    assert act(root, "root", "revoke-admin").status_code == 303
    assert root.get("/admin/users").status_code == 404  # no longer an administrator


def test_a_reset_link_works_once_and_only_its_hash_is_stored(app, root, grace):
    shown = act(root, "grace", "reset-link")
    assert shown.status_code == 200 and "A password-reset link for grace, valid once until" in shown.text
    url = shown.text.split('<p class="secret">')[1].split("</p>")[0]
    token = url.rsplit("/", 1)[1]
    assert url == f"http://testserver/reset/{token}"
    with app.state.engine.connect() as connection:
        stored = connection.execute(select(reset_links.c.token_hash)).scalars().all()
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64
    visitor = browser(app)
    form = visitor.get(f"/reset/{token}")
    assert form.status_code == 200 and "For the account <strong>grace</strong>." in form.text
    differ = visitor.post(f"/reset/{token}", data={"csrf_token": csrf_of(form.text), "new_password": NEW_PASSWORD, "repeat_password": "x"})
    assert differ.status_code == 422 and "the new password and its repetition differ" in differ.text
    done = visitor.post(f"/reset/{token}", data={"csrf_token": csrf_of(form.text), "new_password": NEW_PASSWORD, "repeat_password": NEW_PASSWORD})
    assert done.headers["location"] == "/login?reset=1"
    assert "Your new password is set. Sign in with it." in visitor.get("/login?reset=1").text
    assert grace.get("/settings").status_code == 303  # her sessions ended
    assert sign_in(browser(app), "grace", NEW_PASSWORD).status_code == 303
    used = visitor.get(f"/reset/{token}")
    assert used.status_code == 404 and "this password-reset link is unknown, expired or already used" in used.text
    again = visitor.post(f"/reset/{token}", data={"csrf_token": csrf_of(form.text), "new_password": "another one!", "repeat_password": "another one!"})
    assert again.status_code == 404
    assert sign_in(browser(app), "grace", NEW_PASSWORD).status_code == 303


def test_deleting_a_user_needs_their_name_typed(app, root, grace):
    refused = act(root, "grace", "delete", confirm="")
    assert refused.status_code == 422 and "to delete grace, type the username &#39;grace&#39; in the box beside the button" in refused.text
    assert act(root, "grace", "delete", confirm="grace").headers["location"] == "/admin/users?done=delete&user=grace"
    assert grace.get("/settings").status_code == 303
    assert sign_up(browser(app), "grace").status_code == 303  # the name is free again


def test_every_action_is_in_the_audit_log_and_never_in_an_export(app, root, grace):
    act(root, "grace", "disable")
    act(root, "grace", "enable")
    act(root, "grace", "grant-admin")
    act(root, "grace", "reset-link")
    log = root.get("/admin/audit").text
    rows = re.findall(r"<tr><td>[0-9-]+ [0-9:]+</td><td>(\w+)</td><td>([\w-]+)</td><td>(\w+)</td></tr>", log)
    assert rows == [("root", "reset-link", "grace"), ("root", "grant-admin", "grace"), ("root", "enable", "grace"), ("root", "disable", "grace")]
    sign_in(grace, "grace")
    for exported in (root.get("/settings/export").json(), grace.get("/settings/export").json()):
        assert set(exported) == {"format", "version", "learner", "events", "assessments", "notes", "cards", "reviews", "plans"}
        assert "grant-admin" not in json.dumps(exported)


def test_the_admin_api(app, root, grace):
    token = api_token(browser(app), "root")
    client = browser(app)
    listed = client.get("/api/v1/admin/users?q=grace", headers=bearer(token)).json()
    assert listed["total"] == 1 and listed["users"][0]["username"] == "grace" and listed["users"][0]["last_active"] is not None
    disabled = client.patch("/api/v1/admin/users/grace", json={"disabled": True}, headers=bearer(token)).json()
    assert (disabled["disabled"], disabled["admin"]) == (True, False)
    assert client.patch("/api/v1/admin/users/grace", json={"disabled": False, "admin": True}, headers=bearer(token)).json()["admin"] is True
    nothing = client.patch("/api/v1/admin/users/grace", json={}, headers=bearer(token))
    assert nothing.status_code == 400 and nothing.json()["error"]["message"] == 'say what to change: {"disabled": true|false} or {"admin": true|false}'
    missing = client.patch("/api/v1/admin/users/nobody", json={"admin": True}, headers=bearer(token))
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "no user 'nobody'"
    link = client.post("/api/v1/admin/users/grace/reset-link", headers=bearer(token))
    assert link.status_code == 201 and link.json()["url"].startswith("http://testserver/reset/")
    assert browser(app).get(link.json()["url"].removeprefix("http://testserver")).status_code == 200
    assert client.delete("/api/v1/admin/users/grace", headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/admin/users", headers=bearer(token)).json()["total"] == 1


def test_admin_forms_need_their_csrf_token(root, grace):
    forged = root.post("/admin/users/grace/disable", data={"csrf_token": "forged"})
    assert forged.status_code == 403 and "Form expired" in forged.text
    assert grace.get("/settings").status_code == 200
