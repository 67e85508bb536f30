"""The JSON API: shapes, tokens, every error case, and that a learner reaches only their own progress."""

from __future__ import annotations

import pytest

from web_client import PASSWORD, api_token, sign_up

from skilltree.config import Settings
from skilltree.web.app import InsecureSettings, create_app


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def ada(client) -> str:
    sign_up(client, "ada")
    client.cookies.clear()
    return api_token(client, "ada")


def test_paths_and_topics_are_public(client):
    paths = client.get("/api/v1/paths").json()["paths"]
    kit = next(p for p in paths if p["id"] == "starter-kit")
    assert kit["figures"]["reading_time"] == "~70 min (+20 min optional)"
    assert kit["figures"]["level_mix"] == {"beginner": 13, "intermediate": 6}
    path = client.get("/api/v1/paths/starter-kit").json()
    assert [s["title"] for s in path["sections"]][0] == "Foundations"
    assert path["progress"] is None
    topic = client.get("/api/v1/topics/git").json()
    assert topic["prerequisites"] == [{"id": "version-control", "title": "Version Control"}]
    assert topic["status"] is None and topic["body"].strip()


def test_unknown_ids_are_404_with_an_error_document(client):
    assert client.get("/api/v1/paths/starter").json() == {
        "error": {"code": "not_found", "message": "no path 'starter' (did you mean 'starter-kit'?)"}
    }
    response = client.get("/api/v1/topics/gti")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/nope").json() == {"error": {"code": "not_found", "message": "no such API route"}}


def test_tokens_are_issued_for_the_right_password_only(client, ada):
    wrong = client.post("/api/v1/tokens", json={"username": "ada", "password": "nope nope"})
    assert wrong.status_code == 401
    assert wrong.json() == {"error": {"code": "unauthorized", "message": "wrong username or password"}}
    nobody = client.post("/api/v1/tokens", json={"username": "nobody", "password": PASSWORD})
    assert nobody.status_code == 401
    assert ada and len(ada) >= 40


def test_progress_needs_a_valid_token(client, ada):
    missing = client.get("/api/v1/me/progress")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "unauthorized"
    invalid = client.get("/api/v1/me/progress", headers=bearer("not-a-token"))
    assert invalid.status_code == 401
    assert invalid.json()["error"]["message"] == "the API token is invalid or has been revoked"
    assert client.put("/api/v1/me/progress/git", json={"status": "done"}).status_code == 401


def test_put_progress_and_read_it_back(client, ada):
    response = client.put("/api/v1/me/progress/git", json={"status": "done"}, headers=bearer(ada))
    assert response.status_code == 200
    assert response.json() == {"topic": "git", "title": "Git", "previous": "not_started", "status": "done", "changed": True}
    again = client.put("/api/v1/me/progress/git", json={"status": "done"}, headers=bearer(ada)).json()
    assert again["changed"] is False
    mine = client.get("/api/v1/me/progress", headers=bearer(ada)).json()
    assert mine["learner"] == "ada"
    kit = next(p for p in mine["paths"] if p["path"] == "starter-kit")
    assert kit["required"]["done"] == 1
    path = client.get("/api/v1/paths/starter-kit", headers=bearer(ada)).json()
    git = next(t for s in path["sections"] for t in s["topics"] if t["id"] == "git")
    assert git["status"] == "done" and path["progress"]["required"]["done"] == 1
    assert client.get("/api/v1/topics/git", headers=bearer(ada)).json()["status"] == "done"


def test_another_learners_progress_is_unreachable(client, ada):
    client.put("/api/v1/me/progress/git", json={"status": "done"}, headers=bearer(ada))
    sign_up(client, "grace")
    client.cookies.clear()
    grace = api_token(client, "grace")
    theirs = client.get("/api/v1/me/progress", headers=bearer(grace)).json()
    assert theirs["learner"] == "grace"
    assert all(p["required"]["done"] == 0 for p in theirs["paths"])
    path = client.get("/api/v1/paths/starter-kit", headers=bearer(grace)).json()
    assert {t["status"] for s in path["sections"] for t in s["topics"]} == {"not_started"}
    # There is no route that takes a learner's name: /me is always the token's owner.
    assert client.get("/api/v1/learners/ada/progress", headers=bearer(grace)).status_code == 404


def test_malformed_requests_get_422_naming_the_field(client, ada):
    bad_json = client.put(
        "/api/v1/me/progress/git", content=b'{"status": ', headers={**bearer(ada), "Content-Type": "application/json"}
    )
    assert bad_json.status_code == 422 and bad_json.json()["error"]["code"] == "invalid"
    assert bad_json.json()["error"]["message"] == "body: invalid JSON at line 1 column 12: Expecting value"
    second_line = client.put(
        "/api/v1/me/progress/git", content=b'{\n  "status": done}', headers={**bearer(ada), "Content-Type": "application/json"}
    )
    assert second_line.json()["error"]["message"] == "body: invalid JSON at line 2 column 13: Expecting value"
    bad_status = client.put("/api/v1/me/progress/git", json={"status": "finished"}, headers=bearer(ada))
    assert bad_status.status_code == 422
    assert bad_status.json()["error"]["message"].startswith("status: Input should be 'not_started', 'learning', 'done' or 'skipped'")
    extra = client.put("/api/v1/me/progress/git", json={"status": "done", "by": "me"}, headers=bearer(ada))
    assert extra.status_code == 422 and "by: Extra inputs are not permitted" in extra.json()["error"]["message"]
    missing = client.post("/api/v1/tokens", json={"username": "ada"})
    assert missing.status_code == 422 and "password: Field required" in missing.json()["error"]["message"]
    unknown = client.put("/api/v1/me/progress/gti", json={"status": "done"}, headers=bearer(ada))
    assert unknown.status_code == 404


def test_revoking_the_current_token(client, ada):
    assert client.delete("/api/v1/tokens/current", headers=bearer(ada)).status_code == 204
    assert client.get("/api/v1/me/progress", headers=bearer(ada)).status_code == 401


def test_token_requests_are_throttled(client, ada):
    for _ in range(5):
        client.post("/api/v1/tokens", json={"username": "ada", "password": "wrong wrong"})
    throttled = client.post("/api/v1/tokens", json={"username": "ada", "password": PASSWORD})
    assert throttled.status_code == 429 and throttled.headers["retry-after"] == "900"
    assert throttled.json()["error"]["code"] == "too_many_requests"


def test_openapi_and_docs_are_served(client):
    spec = client.get("/openapi.json").json()
    for route in ("/api/v1/paths", "/api/v1/paths/{path_id}", "/api/v1/topics/{topic_id}", "/api/v1/ladders",
                  "/api/v1/ladders/{ladder_id}", "/api/v1/me/progress", "/api/v1/me/progress/{topic_id}",
                  "/api/v1/tokens", "/api/v1/tokens/current", "/healthz", "/readyz"):
        assert route in spec["paths"], route
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script>" not in docs.text and "https://" not in docs.text
    for asset in ('<script src="/docs-assets/swagger-ui-bundle.js"', '<link rel="stylesheet" href="/docs-assets/swagger-ui.css">'):
        assert asset in docs.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_insecure_settings_are_refused_at_start_up(tmp_path):
    with pytest.raises(InsecureSettings) as refused:
        create_app(Settings(env="production", data_dir=tmp_path))
    assert "SKILLTREE_SECRET_KEY must be a random value of at least 32 characters when SKILLTREE_ENV=production" in str(refused.value)
