"""Teams in the JSON API: every route against every role (outsider, member, mentor, owner, site
administrator) with the exact status, invites, the last-owner rule, and isolation between teams."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from skilltree.services.accounts import digest
from skilltree.store.tables import team_invites
from skilltree.teams.model import INVITE_FAILURES_ALLOWED
from web_client import PASSWORD, api_people

INVALID_INVITE = "this invite link is unknown, expired, revoked or used up; ask the team for a new one"
NO_OWNER_LEFT = "the team must keep an owner: make another member an owner first"
ROLES = ("outsider", "member", "mentor", "owner", "admin")


@pytest.fixture
def people(app) -> dict[str, dict]:
    """Bearer headers by name; root is the site's administrator."""
    return api_people(app, "root", "olive", "mentor", "member", "dave", "outsider", admin="root")


def make_team(client, people, name: str = "Platform") -> tuple[int, int]:
    """A team owned by olive, with mentor, member and dave; returns its id and an open invite's id."""
    owner = people["olive"]
    team = client.post("/api/v1/teams", json={"name": name}, headers=owner)
    assert team.status_code == 201, team.text
    team_id = team.json()["id"]
    invite = client.post(f"/api/v1/teams/{team_id}/invites", json={"uses": 3}, headers=owner).json()
    for name in ("mentor", "member", "dave"):
        assert client.post(f"/api/v1/invites/{invite['code']}/accept", headers=people[name]).status_code == 200
    assert client.patch(f"/api/v1/teams/{team_id}/members/mentor", json={"role": "mentor"}, headers=owner).status_code == 200
    spare = client.post(f"/api/v1/teams/{team_id}/invites", json={}, headers=owner).json()
    return team_id, spare["id"]


def headers_of(people, role: str) -> dict:
    return people[{"outsider": "outsider", "member": "member", "mentor": "mentor", "owner": "olive", "admin": "root"}[role]]


ROUTES = {
    "GET team": lambda c, t, i, h: c.get(f"/api/v1/teams/{t}", headers=h),
    "PATCH team": lambda c, t, i, h: c.patch(f"/api/v1/teams/{t}", json={"description": "Onboarding"}, headers=h),
    "DELETE team": lambda c, t, i, h: c.delete(f"/api/v1/teams/{t}", headers=h),
    "POST invite": lambda c, t, i, h: c.post(f"/api/v1/teams/{t}/invites", json={}, headers=h),
    "DELETE invite": lambda c, t, i, h: c.delete(f"/api/v1/teams/{t}/invites/{i}", headers=h),
    "PATCH member": lambda c, t, i, h: c.patch(f"/api/v1/teams/{t}/members/dave", json={"role": "mentor"}, headers=h),
    "DELETE member": lambda c, t, i, h: c.delete(f"/api/v1/teams/{t}/members/dave", headers=h),
}
EXPECTED = {
    #                 outsider member mentor owner admin
    "GET team":      (404, 200, 200, 200, 404),
    "PATCH team":    (404, 403, 403, 200, 404),
    "DELETE team":   (404, 403, 403, 204, 404),
    "POST invite":   (404, 403, 201, 201, 404),
    "DELETE invite": (404, 403, 204, 204, 404),
    "PATCH member":  (404, 403, 403, 200, 404),
    "DELETE member": (404, 403, 403, 204, 404),
}


def test_every_team_route_answers_each_role_with_its_status(client, people):
    seen = {}
    for route, call in ROUTES.items():
        statuses = []
        for role in ROLES:
            team_id, invite_id = make_team(client, people)  # each call on a team of its own: some change it
            statuses.append(call(client, team_id, invite_id, headers_of(people, role)).status_code)
        seen[route] = tuple(statuses)
    assert seen == EXPECTED


def test_outsiders_learn_nothing_not_even_that_the_team_exists(client, people):
    team_id, _ = make_team(client, people)
    mine = client.get(f"/api/v1/teams/{team_id}", headers=people["outsider"])
    missing = client.get(f"/api/v1/teams/{team_id + 1000}", headers=people["outsider"])
    assert mine.json() == {"error": {"code": "not_found", "message": f"no team {team_id}"}}
    assert missing.json() == {"error": {"code": "not_found", "message": f"no team {team_id + 1000}"}}
    assert client.get("/api/v1/teams", headers=people["outsider"]).json() == {"teams": []}
    refused = client.patch(f"/api/v1/teams/{team_id}", json={"name": "Mine"}, headers=people["member"])
    assert refused.json()["error"] == {"code": "forbidden", "message": "as a member of this team you cannot change or delete the team; ask an owner"}


def test_a_mentor_of_one_team_sees_nothing_of_another(client, people):
    first, _ = make_team(client, people, "Platform")
    other = client.post("/api/v1/teams", json={"name": "Payments"}, headers=people["dave"]).json()["id"]
    assert client.get(f"/api/v1/teams/{first}", headers=people["mentor"]).status_code == 200
    assert client.get(f"/api/v1/teams/{other}", headers=people["mentor"]).status_code == 404
    assert client.post(f"/api/v1/teams/{other}/invites", json={}, headers=people["mentor"]).status_code == 404
    names = [t["name"] for t in client.get("/api/v1/teams", headers=people["dave"]).json()["teams"]]
    assert names == ["Payments", "Platform"]


def test_a_created_team_and_the_list_of_mine(client, people):
    created = client.post("/api/v1/teams", json={"name": "  Platform   team ", "description": "New joiners"}, headers=people["olive"])
    body = created.json()
    assert created.status_code == 201
    assert (body["name"], body["description"], body["role"], body["stuck_days"]) == ("Platform team", "New joiners", "owner", 14)
    assert [(m["username"], m["role"]) for m in body["members"]] == [("olive", "owner")]
    listed = client.get("/api/v1/teams", headers=people["olive"]).json()
    assert listed == {"teams": [{"id": body["id"], "name": "Platform team", "description": "New joiners", "role": "owner", "members": 1}]}
    blank = client.post("/api/v1/teams", json={"name": "   "}, headers=people["olive"])
    assert (blank.status_code, blank.json()["error"]["message"]) == (400, "a team needs a name")
    hidden = client.post("/api/v1/teams", json={"name": "Platform\u202eteam"}, headers=people["olive"])
    assert (hidden.status_code, hidden.json()["error"]["message"]) == (
        400, "a team's name: U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"
    )
    renamed = client.patch(f"/api/v1/teams/{body['id']}", json={"name": "Plat\u200bform"}, headers=people["olive"])
    assert (renamed.status_code, renamed.json()["error"]["message"]) == (400, "a team's name: U+200B (ZERO WIDTH SPACE) is not allowed")
    changed = client.patch(f"/api/v1/teams/{body['id']}", json={"stuck_days": 7}, headers=people["olive"]).json()
    assert (changed["name"], changed["stuck_days"]) == ("Platform team", 7)


def test_an_invite_is_a_long_code_kept_only_as_a_keyed_hash(client, app, people):
    team_id = client.post("/api/v1/teams", json={"name": "Platform"}, headers=people["olive"]).json()["id"]
    answer = client.post(f"/api/v1/teams/{team_id}/invites", json={}, headers=people["olive"])
    invite = answer.json()
    assert answer.status_code == 201 and len(invite["code"]) >= 43 and invite["uses_left"] == 1
    assert invite["url"] == f"http://testserver/invites/{invite['code']}"
    with app.state.engine.connect() as connection:
        stored = connection.execute(select(team_invites.c.code_hash)).scalars().all()
    assert stored == [digest(invite["code"], secret=app.state.settings.secret_key)]


def test_a_single_use_invite_lets_one_learner_in(client, people):
    team_id = client.post("/api/v1/teams", json={"name": "Platform"}, headers=people["olive"]).json()["id"]
    code = client.post(f"/api/v1/teams/{team_id}/invites", json={}, headers=people["olive"]).json()["code"]
    joined = client.post(f"/api/v1/invites/{code}/accept", headers=people["member"])
    assert joined.status_code == 200 and joined.json()["role"] == "member"
    again = client.post(f"/api/v1/invites/{code}/accept", headers=people["dave"])
    assert (again.status_code, again.json()["error"]["message"]) == (404, INVALID_INVITE)
    code = client.post(f"/api/v1/teams/{team_id}/invites", json={"uses": 5}, headers=people["olive"]).json()["code"]
    twice = client.post(f"/api/v1/invites/{code}/accept", headers=people["member"])
    assert (twice.status_code, twice.json()["error"]["message"]) == (409, "you are a member of 'Platform' already")


def test_a_revoked_invite_lets_nobody_in(client, people):
    team_id = client.post("/api/v1/teams", json={"name": "Platform"}, headers=people["olive"]).json()["id"]
    invite = client.post(f"/api/v1/teams/{team_id}/invites", json={"uses": 5}, headers=people["olive"]).json()
    assert client.delete(f"/api/v1/teams/{team_id}/invites/{invite['id']}", headers=people["olive"]).status_code == 204
    refused = client.post(f"/api/v1/invites/{invite['code']}/accept", headers=people["member"])
    assert (refused.status_code, refused.json()["error"]["message"]) == (404, INVALID_INVITE)
    twice = client.delete(f"/api/v1/teams/{team_id}/invites/{invite['id']}", headers=people["olive"])
    assert twice.json()["error"]["message"] == f"this team has no invite {invite['id']} that is not revoked already"


def test_guessing_invite_codes_is_throttled(client, people):
    team_id = client.post("/api/v1/teams", json={"name": "Platform"}, headers=people["olive"]).json()["id"]
    code = client.post(f"/api/v1/teams/{team_id}/invites", json={}, headers=people["olive"]).json()["code"]
    for attempt in range(INVITE_FAILURES_ALLOWED):
        assert client.post(f"/api/v1/invites/guess-{attempt}/accept", headers=people["outsider"]).status_code == 404
    throttled = client.post(f"/api/v1/invites/{code}/accept", headers=people["outsider"])
    assert throttled.status_code == 429 and throttled.headers["retry-after"] == "900"
    assert throttled.json()["error"]["message"] == "too many invite links that did not work; try again in 15 minutes"
    assert client.post(f"/api/v1/invites/{code}/accept", headers=people["member"]).status_code == 200


def test_the_team_always_keeps_an_owner(client, people):
    team_id, _ = make_team(client, people)
    owner = people["olive"]
    for refused in (client.delete(f"/api/v1/teams/{team_id}/members/olive", headers=owner),
                    client.patch(f"/api/v1/teams/{team_id}/members/olive", json={"role": "member"}, headers=owner)):
        assert (refused.status_code, refused.json()["error"]["message"]) == (409, NO_OWNER_LEFT)
    promoted = client.patch(f"/api/v1/teams/{team_id}/members/dave", json={"role": "owner"}, headers=owner)
    assert promoted.json()["role"] == "owner"
    assert client.delete(f"/api/v1/teams/{team_id}/members/olive", headers=owner).status_code == 204
    assert client.get(f"/api/v1/teams/{team_id}", headers=owner).status_code == 404
    members = client.get(f"/api/v1/teams/{team_id}", headers=people["dave"]).json()["members"]
    assert [(m["username"], m["role"]) for m in members] == [("dave", "owner"), ("member", "member"), ("mentor", "mentor")]
    unknown = client.delete(f"/api/v1/teams/{team_id}/members/olive", headers=people["dave"])
    assert (unknown.status_code, unknown.json()["error"]["message"]) == (404, "'olive' is not a member of this team")


def test_a_member_may_leave_and_deleting_the_team_keeps_everyones_progress(client, people):
    team_id, _ = make_team(client, people)
    marked = client.put("/api/v1/me/progress", json={"changes": [{"topic": "git", "status": "done"}]}, headers=people["member"])
    assert marked.status_code == 200
    assert client.delete(f"/api/v1/teams/{team_id}/members/dave", headers=people["dave"]).status_code == 204
    assert client.get(f"/api/v1/teams/{team_id}", headers=people["dave"]).status_code == 404
    assert client.delete(f"/api/v1/teams/{team_id}", headers=people["olive"]).status_code == 204
    assert client.get(f"/api/v1/teams/{team_id}", headers=people["member"]).status_code == 404
    statuses = client.get("/api/v1/me/statuses", headers=people["member"]).json()["statuses"]
    assert [(s["topic"], s["status"]) for s in statuses] == [("git", "done")]


def test_a_path_assigned_to_the_team_reaches_every_member_with_their_progress(client, people):
    team_id, _ = make_team(client, people)
    due = (datetime.now(timezone.utc).date() + timedelta(days=14)).isoformat()
    everyone = client.post(f"/api/v1/teams/{team_id}/assignments", json={"path": "starter-kit", "due": due}, headers=people["olive"])
    assert everyone.status_code == 201
    assert {k: everyone.json()[k] for k in ("path", "due", "members", "assigned_by")} == {
        "path": "starter-kit", "due": due, "members": None, "assigned_by": "Olive"
    }
    only_dave = client.post(f"/api/v1/teams/{team_id}/assignments", json={"path": "backend-2025", "members": ["dave"]}, headers=people["mentor"])
    assert only_dave.json()["members"] == ["dave"]
    client.put("/api/v1/me/progress", json={"changes": [{"topic": "git", "status": "done"}]}, headers=people["member"])
    mine = client.get("/api/v1/me/assignments", headers=people["member"]).json()["assignments"]
    assert [(a["team_name"], a["path"], a["assigned_by"], a["due"], a["days_left"]) for a in mine] == [
        ("Platform", "starter-kit", "Olive", due, 14)
    ]
    assert 0 < mine[0]["percent"] < 100
    daves = client.get("/api/v1/me/assignments", headers=people["dave"]).json()["assignments"]
    assert [(a["path"], a["due"], a["days_left"], a["percent"]) for a in daves] == [("starter-kit", due, 14, 0), ("backend-2025", None, None, 0)]
    assert client.get("/api/v1/me/assignments", headers=people["outsider"]).json() == {"assignments": []}


def test_assigning_is_for_owners_and_mentors_and_checks_what_it_names(client, people):
    team_id, _ = make_team(client, people)
    statuses = [client.post(f"/api/v1/teams/{team_id}/assignments", json={"path": "starter-kit"}, headers=headers_of(people, role)).status_code
                for role in ROLES]
    assert statuses == [404, 403, 201, 201, 404]
    owner = people["olive"]
    for body, message in (
        ({"path": "starter-kits"}, "no path 'starter-kits'"),
        ({"path": "starter-kit", "due": "2020-01-01"}, "the due date 2020-01-01 is in the past"),
        ({"path": "starter-kit", "members": ["outsider"]}, "'outsider' is not a member of this team"),
        ({"path": "starter-kit", "members": []}, "name at least one member, or leave the members out to assign the whole team"),
    ):
        refused = client.post(f"/api/v1/teams/{team_id}/assignments", json=body, headers=owner)
        assert refused.json()["error"]["message"].startswith(message), body


def test_the_export_carries_memberships_and_importing_it_joins_nobody(client, people):
    team_id, _ = make_team(client, people)
    exported = client.get("/api/v1/me/export", headers=people["mentor"]).json()
    assert [(t["team"], t["role"]) for t in exported["teams"]] == [("Platform", "mentor")]
    imported = client.post("/api/v1/me/import", json=exported, headers=people["outsider"])
    assert imported.status_code == 200
    assert client.get("/api/v1/teams", headers=people["outsider"]).json() == {"teams": []}
    assert client.get(f"/api/v1/teams/{team_id}", headers=people["outsider"]).status_code == 404


def test_the_last_owner_of_a_team_with_others_in_it_cannot_delete_their_account(client, people):
    team_id, _ = make_team(client, people)
    refused = client.request("DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=people["olive"])
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "olive is the last owner of the team 'Platform': make another member an owner, or delete the team, first"
    )
    alone = client.post("/api/v1/teams", json={"name": "Solo"}, headers=people["dave"]).json()["id"]
    assert client.request("DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=people["dave"]).status_code == 204
    assert client.get(f"/api/v1/teams/{alone}", headers=people["olive"]).status_code == 404
    members = client.get(f"/api/v1/teams/{team_id}", headers=people["olive"]).json()["members"]
    assert [m["username"] for m in members] == ["member", "mentor", "olive"]
