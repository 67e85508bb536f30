"""Growth conversations in the JSON API: mentors rate members of their team, members share their
self-ratings per team and read what they received beside their own; every route against every role,
isolation between learners and between teams, and ratings that outlive memberships and teams."""

from __future__ import annotations

import pytest

from test_teams_api import ROLES, headers_of, make_team
from web_client import api_people

LADDER = "backend-engineer"


@pytest.fixture
def people(app) -> dict[str, dict]:
    return api_people(app, "root", "olive", "mentor", "member", "dave", "outsider", admin="root")


def rating_url(team_id: int, username: str, duty: str = "api-design") -> str:
    return f"/api/v1/teams/{team_id}/members/{username}/ratings/{LADDER}/{duty}"


ROUTES = {
    "PUT rating": lambda c, t, h: c.put(rating_url(t, "dave"), json={"rating": "growing", "note": "Good start"}, headers=h),
    "GET sheet": lambda c, t, h: c.get(f"/api/v1/teams/{t}/members/dave/ratings/{LADDER}", headers=h),
    "GET sharing": lambda c, t, h: c.get(f"/api/v1/teams/{t}/sharing", headers=h),
    "PUT sharing": lambda c, t, h: c.put(f"/api/v1/teams/{t}/sharing", json={"shares_ratings": True}, headers=h),
}
EXPECTED = {
    #                outsider member mentor owner admin
    "PUT rating":   (404, 403, 200, 200, 404),
    "GET sheet":    (404, 403, 200, 200, 404),
    "GET sharing":  (404, 200, 200, 200, 404),
    "PUT sharing":  (404, 200, 200, 200, 404),
}


def test_every_rating_route_answers_each_role_with_its_status(client, people):
    team_id, _ = make_team(client, people)
    seen = {route: tuple(call(client, team_id, headers_of(people, role)).status_code for role in ROLES) for route, call in ROUTES.items()}
    assert seen == EXPECTED
    refused = client.put(rating_url(team_id, "dave"), json={"rating": "growing"}, headers=people["member"])
    assert refused.json()["error"] == {"code": "forbidden", "message": "as a member of this team you cannot rate members on the ladder; ask an owner"}
    hidden = client.get(f"/api/v1/teams/{team_id}/sharing", headers=people["root"])
    assert hidden.json()["error"] == {"code": "not_found", "message": f"no team {team_id}"}


def test_a_mentor_rates_and_the_member_sees_both_side_by_side_with_the_agenda(client, people):
    team_id, _ = make_team(client, people)
    member = people["member"]
    client.put(f"/api/v1/me/ladders/{LADDER}/ratings/api-design", json={"rating": "consistent"}, headers=member)
    client.put(f"/api/v1/me/ladders/{LADDER}/ratings/schema-design", json={"rating": "growing"}, headers=member)
    given = client.put(rating_url(team_id, "member"), json={"rating": "not_yet", "note": "  Let us pair on the next API.  "}, headers=people["mentor"])
    assert given.status_code == 200
    body = given.json()
    assert body | {"rated_at": None} == {
        "team": team_id, "member": "member", "ladder": LADDER, "responsibility": "api-design", "title": body["title"],
        "previous": None, "rating": "not_yet", "note": "Let us pair on the next API.", "rated_at": None, "changed": True,
    }
    client.put(rating_url(team_id, "member", "schema-design"), json={"rating": "consistent"}, headers=people["olive"])

    received = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=member).json()
    duties = {duty["id"]: duty for duty in received["responsibilities"]}
    api, schema = duties["api-design"], duties["schema-design"]
    assert (api["own"], api["agenda"]) == ("consistent", True)
    assert [(m["mentor"], m["rating"], m["note"], m["team"], m["team_name"]) for m in api["mentors"]] == [
        ("mentor", "not_yet", "Let us pair on the next API.", team_id, "Platform")
    ]
    assert (schema["own"], [m["rating"] for m in schema["mentors"]], schema["agenda"]) == ("growing", ["consistent"], False)
    assert [duty for duty, d in duties.items() if d["agenda"]] == ["api-design"]
    assert [(h["responsibility"], h["mentor"]) for h in received["history"]] == [("schema-design", "olive"), ("api-design", "mentor")]


def test_saving_the_same_rating_again_appends_nothing_and_a_change_keeps_the_history(client, people):
    team_id, _ = make_team(client, people)
    first = client.put(rating_url(team_id, "dave"), json={"rating": "growing", "note": "n"}, headers=people["mentor"]).json()
    again = client.put(rating_url(team_id, "dave"), json={"rating": "growing", "note": "n"}, headers=people["mentor"]).json()
    assert (again["changed"], again["previous"], again["rated_at"]) == (False, "growing", first["rated_at"])
    changed = client.put(rating_url(team_id, "dave"), json={"rating": "consistent", "note": "n"}, headers=people["mentor"]).json()
    assert (changed["changed"], changed["previous"]) == (True, "growing")
    history = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["dave"]).json()["history"]
    assert [h["rating"] for h in history] == ["consistent", "growing"]


def test_what_a_mentor_may_not_rate_is_refused_with_what_and_where(client, people):
    team_id, _ = make_team(client, people)
    mentor = people["mentor"]
    myself = client.put(rating_url(team_id, "mentor"), json={"rating": "growing"}, headers=mentor)
    assert (myself.status_code, myself.json()["error"]["message"]) == (
        400, f"you rate yourself on your own ladder page (/ladders/{LADDER}), not as your mentor"
    )
    stranger = client.put(rating_url(team_id, "outsider"), json={"rating": "growing"}, headers=mentor)
    assert (stranger.status_code, stranger.json()["error"]["message"]) == (404, "'outsider' is not a member of this team")
    unknown = client.put(rating_url(team_id, "dave", "api-desing"), json={"rating": "growing"}, headers=mentor)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"].startswith(f"no responsibility 'api-desing' in the ladder '{LADDER}'")
    bad = client.put(rating_url(team_id, "dave"), json={"rating": "great"}, headers=mentor)
    assert bad.status_code == 422


def test_a_mentor_sees_self_ratings_and_evidence_only_once_the_member_shares_them(client, people):
    team_id, _ = make_team(client, people)
    client.put(f"/api/v1/me/ladders/{LADDER}/ratings/api-design", json={"rating": "growing", "evidence": "Wrote the orders API"},
               headers=people["dave"])
    sheet_url = f"/api/v1/teams/{team_id}/members/dave/ratings/{LADDER}"
    hidden = client.get(sheet_url, headers=people["mentor"]).json()
    api = next(duty for duty in hidden["responsibilities"] if duty["id"] == "api-design")
    assert (hidden["shared"], api["own"], api["evidence"], api["own_at"]) == (False, None, "", None)
    assert client.get(f"/api/v1/teams/{team_id}/sharing", headers=people["dave"]).json() == {
        "team": team_id, "team_name": "Platform", "shares_ratings": False
    }
    client.put(f"/api/v1/teams/{team_id}/sharing", json={"shares_ratings": True}, headers=people["dave"])
    shown = client.get(sheet_url, headers=people["mentor"]).json()
    api = next(duty for duty in shown["responsibilities"] if duty["id"] == "api-design")
    assert (shown["shared"], api["own"], api["evidence"]) == (True, "growing", "Wrote the orders API")
    assert [step["id"] for step in shown["ratings"]] == ["not_yet", "growing", "consistent"]


def test_a_mentor_of_one_team_sees_nothing_of_another(client, people):
    first, _ = make_team(client, people, "Platform")
    client.put(rating_url(first, "dave"), json={"rating": "growing", "note": "In Platform"}, headers=people["mentor"])
    # Payments: owned by olive too, with dave as a member and outsider as its mentor; "mentor" is not in it.
    other = client.post("/api/v1/teams", json={"name": "Payments"}, headers=people["olive"]).json()["id"]
    code = client.post(f"/api/v1/teams/{other}/invites", json={"uses": 2}, headers=people["olive"]).json()["code"]
    for name in ("dave", "outsider"):
        client.post(f"/api/v1/invites/{code}/accept", headers=people[name])
    client.patch(f"/api/v1/teams/{other}/members/outsider", json={"role": "mentor"}, headers=people["olive"])
    client.put(f"/api/v1/teams/{other}/sharing", json={"shares_ratings": True}, headers=people["dave"])

    assert client.get(f"/api/v1/teams/{other}/members/dave/ratings/{LADDER}", headers=people["mentor"]).status_code == 404
    assert client.put(rating_url(other, "dave"), json={"rating": "consistent"}, headers=people["mentor"]).status_code == 404
    theirs = client.get(f"/api/v1/teams/{other}/members/dave/ratings/{LADDER}", headers=people["outsider"]).json()
    assert all(duty["rating"] is None and duty["note"] == "" for duty in theirs["responsibilities"])
    # Olive owns both: in Payments she sees nothing given in Platform either, and the mentor's own sheet
    # in Platform shows their rating only.
    olives = client.get(f"/api/v1/teams/{other}/members/dave/ratings/{LADDER}", headers=people["olive"]).json()
    assert all(duty["rating"] is None for duty in olives["responsibilities"])
    in_platform = client.get(f"/api/v1/teams/{first}/members/dave/ratings/{LADDER}", headers=people["olive"]).json()
    assert all(duty["rating"] is None for duty in in_platform["responsibilities"])


def test_ratings_received_are_each_learners_own(client, people):
    team_id, _ = make_team(client, people)
    client.put(rating_url(team_id, "dave"), json={"rating": "consistent", "note": "For dave"}, headers=people["mentor"])
    client.put(rating_url(team_id, "member"), json={"rating": "not_yet", "note": "For member"}, headers=people["mentor"])
    for name, note in (("dave", "For dave"), ("member", "For member")):
        history = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people[name]).json()["history"]
        assert [h["note"] for h in history] == [note]
    mine = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["mentor"]).json()
    assert mine["history"] == [] and all(d["mentors"] == [] for d in mine["responsibilities"])
    # A mentor's rating is not the member's self-rating: their ladder standing is untouched.
    standing = client.get(f"/api/v1/me/ladders/{LADDER}", headers=people["dave"]).json()
    assert all(duty["rating"] is None for duty in standing["responsibilities"])


def test_ratings_stay_the_members_when_they_leave_the_mentor_leaves_or_the_team_is_deleted(client, people):
    team_id, _ = make_team(client, people)
    client.put(rating_url(team_id, "dave"), json={"rating": "growing", "note": "Keep going"}, headers=people["mentor"])
    assert client.delete(f"/api/v1/teams/{team_id}/members/mentor", headers=people["mentor"]).status_code == 204
    assert client.delete(f"/api/v1/teams/{team_id}/members/dave", headers=people["dave"]).status_code == 204
    received = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["dave"]).json()["history"]
    assert [(h["mentor"], h["team"], h["team_name"], h["note"]) for h in received] == [("mentor", team_id, "Platform", "Keep going")]
    assert client.delete(f"/api/v1/teams/{team_id}", headers=people["olive"]).status_code == 204
    received = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["dave"]).json()["history"]
    assert [(h["team"], h["team_name"]) for h in received] == [(None, "Platform")]
    # A new team, whatever id it is given, sees none of it.
    again = client.post("/api/v1/teams", json={"name": "Platform"}, headers=people["olive"]).json()["id"]
    code = client.post(f"/api/v1/teams/{again}/invites", json={}, headers=people["olive"]).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=people["dave"])
    sheet = client.get(f"/api/v1/teams/{again}/members/dave/ratings/{LADDER}", headers=people["olive"]).json()
    assert all(duty["rating"] is None for duty in sheet["responsibilities"])


def test_the_export_carries_ratings_received_and_import_reads_back_those_whose_rater_exists(client, people):
    team_id, _ = make_team(client, people)
    given = client.put(rating_url(team_id, "dave"), json={"rating": "growing", "note": "Keep going"}, headers=people["mentor"]).json()
    exported = client.get("/api/v1/me/export", headers=people["dave"]).json()
    assert exported["ratings_received"] == [{
        "ladder": LADDER, "responsibility": "api-design", "rating": "growing", "note": "Keep going", "at": given["rated_at"],
        "source": "api", "rater": "mentor", "team": "Platform",
    }]
    assert exported["assessments"] == []  # a mentor's rating is not a self-rating
    gone = {**exported["ratings_received"][0], "rater": "nobody-here", "at": "2026-01-02T03:04:05+00:00"}
    own = {**exported["ratings_received"][0], "rater": "outsider", "at": "2026-01-03T03:04:05+00:00"}
    document = {**exported, "ratings_received": [*exported["ratings_received"], gone, own]}
    # Someone else's file adds to the importer's own records only, never to dave's or to a team's.
    imported = client.post("/api/v1/me/import", json=document, headers=people["outsider"])
    assert imported.status_code == 200
    again = client.post("/api/v1/me/import", json=document, headers=people["outsider"])
    assert again.status_code == 200
    history = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["outsider"]).json()["history"]
    assert [(h["mentor"], h["team"], h["team_name"], h["note"]) for h in history] == [("mentor", None, "Platform", "Keep going")]
    daves = client.get(f"/api/v1/me/ladders/{LADDER}/received", headers=people["dave"]).json()["history"]
    assert [h["team"] for h in daves] == [team_id]
    assert client.get(f"/api/v1/teams/{team_id}", headers=people["outsider"]).status_code == 404
