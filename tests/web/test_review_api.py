"""The daily loop's JSON API: due cards, grading, memory figures, plans and the calendar address,
every error, and that a learner reaches only their own cards and plans."""

from __future__ import annotations

import pytest

from web_client import api_token, sign_up


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens(client) -> dict[str, str]:
    found = {}
    for name in ("ada", "bob"):
        sign_up(client, name)
        client.cookies.clear()
        found[name] = api_token(client, name)
    return found


def test_a_done_topic_is_reviewed_through_the_api(client, tokens):
    ada = bearer(tokens["ada"])
    empty = client.get("/api/v1/me/reviews/due", headers=ada).json()
    assert empty == {"cards": [], "due_count": 0, "new_count": 0}
    client.put("/api/v1/me/progress/git", json={"status": "done"}, headers=ada)
    due = client.get("/api/v1/me/reviews/due?limit=2", headers=ada).json()
    git = client.get("/api/v1/topics/git").json()["review"]
    assert [(c["topic"], c["question"], c["answer"], c["state"]) for c in due["cards"]] == [
        ("git", q["q"], q["a"], "new") for q in git[:2]
    ]
    assert (due["due_count"], due["new_count"]) == (0, len(git))
    card = due["cards"][0]
    graded = client.post(f"/api/v1/me/reviews/{card['id']}", json={"rating": "good"}, headers=ada)
    assert graded.status_code == 200
    assert graded.json()["state"] == "learning" and graded.json()["due"] > card["due"]
    stats = client.get("/api/v1/me/reviews/stats", headers=ada).json()
    assert sum(stats["reviews_per_day"].values()) == 1 and len(stats["reviews_per_day"]) == 30
    assert stats["cards_by_state"] == {"new": len(git) - 1, "learning": 1, "review": 0, "relearning": 0}
    assert stats["true_retention"] is None  # no card has reached review yet


def test_review_errors(client, tokens):
    ada, bob = bearer(tokens["ada"]), bearer(tokens["bob"])
    client.put("/api/v1/me/progress/git", json={"status": "done"}, headers=ada)
    card_id = client.get("/api/v1/me/reviews/due", headers=ada).json()["cards"][0]["id"]
    # Another learner's card does not exist for them.
    other = client.post(f"/api/v1/me/reviews/{card_id}", json={"rating": "good"}, headers=bob)
    assert other.status_code == 404
    assert other.json() == {"error": {"code": "not_found", "message": f"no review card {card_id}"}}
    assert client.get("/api/v1/me/reviews/due", headers=bob).json()["cards"] == []
    bad = client.post(f"/api/v1/me/reviews/{card_id}", json={"rating": "perfect"}, headers=ada)
    assert bad.status_code == 422
    assert bad.json()["error"]["message"] == "rating: Input should be 'again', 'hard', 'good' or 'easy'"
    assert client.get("/api/v1/me/reviews/due?limit=0", headers=ada).status_code == 422
    assert client.get("/api/v1/me/reviews/due").status_code == 401
    assert client.post(f"/api/v1/me/reviews/{card_id}", json={"rating": "good"}).status_code == 401
    client.put("/api/v1/me/progress/git", json={"status": "skipped"}, headers=ada)
    suspended = client.post(f"/api/v1/me/reviews/{card_id}", json={"rating": "good"}, headers=ada)
    assert suspended.status_code == 409
    assert suspended.json()["error"]["message"] == (
        f"review card {card_id} is suspended because its topic 'git' is not done; mark it done to review it again"
    )


def test_a_plan_is_put_read_and_deleted(client, tokens):
    ada, bob = bearer(tokens["ada"]), bearer(tokens["bob"])
    body = {"minutes_per_week": 120, "days": ["mon", "wed", "fri"], "target_date": "2099-01-01"}
    put = client.put("/api/v1/me/plans/starter-kit", json=body, headers=ada)
    assert put.status_code == 200, put.text
    plan = put.json()
    assert plan["days"] == ["mon", "wed", "fri"] and plan["on_track"] is True and plan["days_behind"] == 0
    assert plan["remaining_topics"] == 16 and plan["past"] == []
    assert {s["day"][:4] for s in plan["sessions"]} and all(s["topic_minutes"] <= 40 for s in plan["sessions"])
    assert plan["sessions"][0]["topics"][0] == {"id": "programming-language", "title": "Programming Language", "status": "not_started"}
    assert plan["minutes_per_week_needed"] < 120
    assert client.get("/api/v1/me/plans/starter-kit", headers=ada).json() == plan
    assert client.get("/api/v1/me/plans/starter-kit", headers=bob).status_code == 404
    assert client.delete("/api/v1/me/plans/starter-kit", headers=bob).status_code == 404
    assert client.delete("/api/v1/me/plans/starter-kit", headers=ada).status_code == 204
    gone = client.get("/api/v1/me/plans/starter-kit", headers=ada)
    assert gone.status_code == 404
    assert gone.json() == {"error": {"code": "not_found", "message": "you have no plan for path 'starter-kit'"}}


def test_plan_errors(client, tokens):
    ada = bearer(tokens["ada"])
    unknown = client.put("/api/v1/me/plans/starter", json={"minutes_per_week": 60, "days": ["mon"]}, headers=ada)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "no path 'starter' (did you mean 'starter-kit'?)"
    few = client.put("/api/v1/me/plans/starter-kit", json={"minutes_per_week": 5, "days": ["mon"]}, headers=ada)
    assert few.status_code == 422 and few.json()["error"]["message"] == "minutes_per_week: Input should be greater than or equal to 10"
    day = client.put("/api/v1/me/plans/starter-kit", json={"minutes_per_week": 60, "days": ["mnd"]}, headers=ada)
    assert day.status_code == 422 and day.json()["error"]["message"].startswith("days.0: Input should be 'mon', 'tue'")
    backwards = client.put(
        "/api/v1/me/plans/starter-kit",
        json={"minutes_per_week": 60, "days": ["mon"], "start_date": "2099-02-01", "target_date": "2099-01-01"},
        headers=ada,
    )
    assert backwards.status_code == 400
    assert backwards.json()["error"]["message"] == "target date 2099-01-01 is before the start date 2099-02-01"
    assert client.put("/api/v1/me/plans/starter-kit", json={"minutes_per_week": 60, "days": ["mon"]}).status_code == 401


def test_the_calendar_address_is_per_learner_and_regenerated(client, tokens):
    ada, bob = bearer(tokens["ada"]), bearer(tokens["bob"])
    url = client.get("/api/v1/me/calendar", headers=ada).json()["url"]
    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    assert client.get("/api/v1/me/calendar", headers=ada).json()["url"] == url
    assert client.get("/api/v1/me/calendar", headers=bob).json()["url"] != url
    new = client.post("/api/v1/me/calendar/regenerate", headers=ada).json()["url"]
    assert new != url
    assert client.get(new.removeprefix("http://testserver")).status_code == 200
    assert client.get(url.removeprefix("http://testserver")).status_code == 404
    assert client.get("/api/v1/me/calendar").status_code == 401
