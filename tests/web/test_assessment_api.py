"""The ladder self-assessment in the JSON API: shapes, every error, and that a learner reaches only
their own ratings."""

from __future__ import annotations

import pytest

from web_client import api_token, sign_up

BASE = "/api/v1/me/ladders/backend-engineer"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def ada(client) -> dict:
    sign_up(client, "ada")
    client.cookies.clear()
    return bearer(api_token(client, "ada"))


@pytest.fixture
def bob(client) -> dict:
    sign_up(client, "bob")
    client.cookies.clear()
    return bearer(api_token(client, "bob"))


def test_a_rating_with_evidence_is_recorded_and_shown(client, ada):
    answer = client.put(f"{BASE}/ratings/testing", json={"rating": "growing", "evidence": "See [PR 12](https://example.org/pr/12)."}, headers=ada)
    assert answer.status_code == 200
    body = answer.json()
    assert {k: body[k] for k in ("ladder", "responsibility", "title", "previous", "rating", "changed")} == {
        "ladder": "backend-engineer", "responsibility": "testing", "title": "Testing",
        "previous": None, "rating": "growing", "changed": True,
    }
    again = client.put(f"{BASE}/ratings/testing", json={"rating": "growing", "evidence": "See [PR 12](https://example.org/pr/12)."}, headers=ada)
    assert again.json()["changed"] is False
    mine = client.get(BASE, headers=ada).json()
    assert (mine["ladder"], mine["current_level"], mine["next_level"]) == ("backend-engineer", None, "junior")
    junior = mine["levels"][0]
    assert (junior["id"], junior["reached"], junior["consistent"], junior["growing"]) == ("junior", False, 0, 1)
    assert junior["not_yet"] + junior["growing"] + junior["consistent"] == junior["total"]
    testing = next(r for r in mine["responsibilities"] if r["id"] == "testing")
    assert (testing["rating"], testing["evidence"], testing["retired"]) == ("growing", "See [PR 12](https://example.org/pr/12).", False)
    assert testing["topics"] == {"done": 0, "skipped": 0, "total": 5} and testing["rated_at"]


def test_reaching_junior_makes_it_the_current_level(client, ada):
    mine = client.get(BASE, headers=ada).json()
    for duty_id in mine["levels"][0]["missing"]:
        assert client.put(f"{BASE}/ratings/{duty_id}", json={"rating": "consistent"}, headers=ada).status_code == 200
    mine = client.get(BASE, headers=ada).json()
    assert (mine["current_level"], mine["next_level"]) == ("junior", "senior")


def test_the_growth_plan(client, ada):
    plan = client.get(f"{BASE}/growth?target=senior", headers=ada).json()
    assert plan["target"] == "senior"
    assert plan["minutes"] == sum(t["minutes"] for t in plan["topics"])
    assert plan["next"] == plan["topics"][0]["id"]
    order = [t["id"] for t in plan["topics"]]
    for topic in plan["topics"]:
        prerequisites = [p["id"] for p in client.get(f"/api/v1/topics/{topic['id']}").json()["prerequisites"]]
        assert all(order.index(p) < order.index(topic["id"]) for p in prerequisites if p in order)
    assert any(t["outside_ladder"] and t["responsibilities"] == [] for t in plan["topics"])
    assert client.get(f"{BASE}/growth", headers=ada).json()["target"] == "junior"


def test_every_error_has_its_status_and_message(client, ada):
    assert client.get(BASE).status_code == 401
    assert client.put(f"{BASE}/ratings/testing", json={"rating": "growing"}).status_code == 401
    assert client.get(f"{BASE}/growth").status_code == 401
    unknown_ladder = client.get("/api/v1/me/ladders/backend", headers=ada)
    assert unknown_ladder.status_code == 404
    assert unknown_ladder.json() == {"error": {"code": "not_found", "message": "no ladder 'backend' (did you mean 'backend-engineer'?)"}}
    unknown_duty = client.put(f"{BASE}/ratings/testin", json={"rating": "growing"}, headers=ada)
    assert unknown_duty.status_code == 404
    assert unknown_duty.json()["error"]["message"] == "no responsibility 'testin' in the ladder 'backend-engineer' (did you mean 'testing'?)"
    bad_rating = client.put(f"{BASE}/ratings/testing", json={"rating": "expert"}, headers=ada)
    assert bad_rating.status_code == 422
    assert bad_rating.json()["error"]["message"] == "rating: Input should be 'not_yet', 'growing' or 'consistent'"
    too_long = client.put(f"{BASE}/ratings/testing", json={"rating": "growing", "evidence": "x" * 10_001}, headers=ada)
    assert too_long.status_code == 422 and too_long.json()["error"]["message"].startswith("evidence: String should have at most 10000 characters")
    bad_target = client.get(f"{BASE}/growth?target=seniro", headers=ada)
    assert bad_target.status_code == 400
    assert bad_target.json()["error"]["message"] == (
        "no level 'seniro' in the ladder 'backend-engineer' (did you mean 'senior'?); its levels are junior, senior, principal"
    )


def test_a_learner_reaches_only_their_own_assessment(client, ada, bob):
    client.put(f"{BASE}/ratings/testing", json={"rating": "consistent", "evidence": "Ada's secret"}, headers=ada)
    theirs = client.get(BASE, headers=bob).json()
    assert all(r["rating"] is None and r["evidence"] == "" for r in theirs["responsibilities"])
    client.put(f"{BASE}/ratings/testing", json={"rating": "not_yet"}, headers=bob)
    mine = client.get(BASE, headers=ada).json()
    assert next(r for r in mine["responsibilities"] if r["id"] == "testing")["rating"] == "consistent"


def test_the_ladder_gives_its_rating_scale_to_anyone(client):
    scale = client.get("/api/v1/ladders/backend-engineer").json()["ratings"]
    assert [(step["id"], step["label"]) for step in scale] == [
        ("not_yet", "Not yet"), ("growing", "Growing"), ("consistent", "Consistently")
    ]
    assert all(step["meaning"] for step in scale)
