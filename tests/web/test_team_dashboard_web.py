"""The team dashboard on the web and in the API: what owners and mentors see, the CSV (with cells a
spreadsheet would run made harmless), the members and assignments pages, and every new route against
every role (outsider, member, mentor, owner, site administrator) with its exact status."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

import pytest

from web_client import TestClient, api_people, sign_in

ROLES = ("outsider", "member", "mentor", "owner", "admin")
BY_ROLE = {"outsider": "outsider", "member": "member", "mentor": "mentor", "owner": "olive", "admin": "root"}


@pytest.fixture
def people(app) -> dict[str, dict]:
    return api_people(app, "root", "olive", "mentor", "member", "dave", "outsider", admin="root")


@pytest.fixture
def team(client, people) -> int:
    """Olive's team: mentor, member and dave; the Starter Kit for everyone, due in two weeks, and
    Fundamentals for dave alone. Member has marked three topics; dave's display name is hostile."""
    owner = people["olive"]
    team_id = client.post("/api/v1/teams", json={"name": "Platform"}, headers=owner).json()["id"]
    code = client.post(f"/api/v1/teams/{team_id}/invites", json={"uses": 3}, headers=owner).json()["code"]
    for name in ("mentor", "member", "dave"):
        assert client.post(f"/api/v1/invites/{code}/accept", headers=people[name]).status_code == 200
    assert client.patch(f"/api/v1/teams/{team_id}/members/mentor", json={"role": "mentor"}, headers=owner).status_code == 200
    due = (datetime.now(timezone.utc).date() + timedelta(days=14)).isoformat()
    assert client.post(f"/api/v1/teams/{team_id}/assignments", json={"path": "starter-kit", "due": due}, headers=owner).status_code == 201
    assert client.post(f"/api/v1/teams/{team_id}/assignments", json={"path": "backend-fundamentals", "members": ["dave"]},
                       headers=owner).status_code == 201
    for topic in ("programming-language", "data-structures", "git"):
        assert client.put(f"/api/v1/me/progress/{topic}", json={"status": "done"}, headers=people["member"]).status_code == 200
    assert client.patch("/api/v1/me", json={"display_name": "=HYPERLINK(\"http://evil\")"}, headers=people["dave"]).status_code == 200
    return team_id


def browser_of(app, username: str) -> TestClient:
    browser = TestClient(app, follow_redirects=False)
    assert sign_in(browser, username).status_code == 303
    return browser


def test_the_dashboard_api_gives_the_grid_stuck_activity_and_sections(client, people, team):
    board = client.get(f"/api/v1/teams/{team}/dashboard", headers=people["mentor"]).json()
    assert [(c["path"], c["members"]) for c in board["assignments"]] == [("starter-kit", None), ("backend-fundamentals", ["dave"])]
    rows = {row["username"]: row for row in board["members"]}
    assert list(rows) == ["dave", "member"]  # mentors and owners are not followed unless a path names them
    member = rows["member"]
    assert [cell and (cell["percent"], cell["days_left"]) for cell in member["cells"]] == [(18, 14), None]
    assert member["stuck"] == [] and member["cells"][0]["last_activity"] is not None
    assert board["stuck_days"] == 14 and len(board["activity"]["days"]) == 28
    today = datetime.now(timezone.utc).date().isoformat()
    assert board["activity"]["days"][-1] == today
    assert [(r["username"], r["counts"][-1]) for r in board["activity"]["members"]] == [("dave", 0), ("member", 3)]
    starter = board["sections"][0]
    assert (starter["path"], starter["members"], starter["sections"][0]) == (
        "starter-kit", 2, {"title": "Foundations", "percent": 50})


def test_the_owner_sees_the_dashboard_and_a_member_their_own_view(app, team):
    owner = browser_of(app, "olive").get(f"/teams/{team}").text
    assert f'<a href="/teams/{team}" aria-current="page">Dashboard</a>' in owner
    assert "<h2 id=\"grid-heading\">Progress on assigned paths</h2>" in owner
    assert f'href="/teams/{team}/dashboard.csv" download>Download as CSV</a>' in owner
    assert "<h2 id=\"team-activity-heading\">Activity in the last four weeks</h2>" in owner
    assert '<progress class="bar" max="100" value="18" aria-label="Member on Backend Engineer Starter Kit">' in owner
    assert "Nobody is stuck." in owner
    member = browser_of(app, "member").get(f"/teams/{team}").text
    assert "Progress on assigned paths" not in member and "dashboard.csv" not in member
    assert '>Team</a>' in member and "<h2 id=\"members-heading\">Members</h2>" in member


def test_the_csv_has_a_row_per_member_and_assignment_and_defuses_formulas(app, team):
    answer = browser_of(app, "mentor").get(f"/teams/{team}/dashboard.csv")
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == f'attachment; filename="team-{team}-dashboard.csv"'
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["username", "display name", "role", "path", "path title", "assigned to", "due", "days left",
                       "percent done", "last change (UTC)", "stuck because"]
    assert [(r[0], r[1], r[3], r[7], r[8]) for r in rows[1:]] == [
        ("dave", "'=HYPERLINK(\"http://evil\")", "starter-kit", "14", "0"),
        ("dave", "'=HYPERLINK(\"http://evil\")", "backend-fundamentals", "", "0"),
        ("member", "Member", "starter-kit", "14", "18"),
    ]


def test_members_see_the_member_list_and_only_their_own_assignments(app, team):
    member = browser_of(app, "member")
    members = member.get(f"/teams/{team}/members").text
    assert "<td>=HYPERLINK(&#34;http://evil&#34;) <span class=\"meta\">dave</span></td>" in members
    assert f'<a href="/teams/{team}/members" aria-current="page">Members</a>' in members and "Change role" not in members
    assert "Create invite link" not in members
    mine = member.get(f"/teams/{team}/assignments").text
    assert "Backend Engineer Starter Kit" in mine and "Fundamentals of Backend Engineering</a>" not in mine
    assert 'id="assign-path"' not in mine
    owner = browser_of(app, "olive")
    assert "Change role" in owner.get(f"/teams/{team}/members").text
    everything = owner.get(f"/teams/{team}/assignments").text
    assert "Fundamentals of Backend Engineering</a>" in everything and 'id="assign-path"' in everything


PAGES = ("/teams/{t}", "/teams/{t}/members", "/teams/{t}/assignments", "/teams/{t}/dashboard.csv")
PAGE_STATUSES = {
    #                            outsider member mentor owner admin
    "/teams/{t}":               (404, 200, 200, 200, 404),
    "/teams/{t}/members":       (404, 200, 200, 200, 404),
    "/teams/{t}/assignments":   (404, 200, 200, 200, 404),
    "/teams/{t}/dashboard.csv": (404, 403, 200, 200, 404),
}


def test_every_new_page_answers_each_role_with_its_status(app, team):
    seen = {}
    browsers = {role: browser_of(app, BY_ROLE[role]) for role in ROLES}
    for page in PAGES:
        seen[page] = tuple(browsers[role].get(page.format(t=team)).status_code for role in ROLES)
    assert seen == PAGE_STATUSES
    refused = browsers["member"].get(f"/teams/{team}/dashboard.csv")
    assert "as a member of this team you cannot see the members&#39; progress; ask an owner" in refused.text
    assert "Platform" not in browsers["outsider"].get(f"/teams/{team}/members").text


def test_the_dashboard_api_answers_each_role_with_its_status(client, people, team):
    statuses = tuple(client.get(f"/api/v1/teams/{team}/dashboard", headers=people[BY_ROLE[role]]).status_code for role in ROLES)
    assert statuses == (404, 403, 200, 200, 404)
    refused = client.get(f"/api/v1/teams/{team}/dashboard", headers=people["member"]).json()
    assert refused == {"error": {"code": "forbidden", "message": "as a member of this team you cannot see the members' progress; ask an owner"}}
    assert client.get(f"/api/v1/teams/{team + 1}/dashboard", headers=people["olive"]).json() == {
        "error": {"code": "not_found", "message": f"no team {team + 1}"}}
