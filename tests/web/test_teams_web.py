"""Teams on the web, every form without JavaScript: create, invite, join through the link, change a
role, leave, delete; and that an outsider's pages say nothing about the team."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from web_client import TestClient, page_csrf


def create_team(browser: TestClient, name: str = "Platform") -> int:
    created = browser.post("/teams", data={"csrf_token": page_csrf(browser, "/teams"), "name": name, "description": "New joiners"})
    assert created.status_code == 303
    return int(re.fullmatch(r"/teams/(\d+)\?done=created", created.headers["location"]).group(1))


def invite_link(browser: TestClient, team_id: int) -> str:
    page = browser.post(f"/teams/{team_id}/invites", data={"csrf_token": page_csrf(browser, f"/teams/{team_id}"), "uses": "1", "days": "7"})
    assert page.status_code == 200
    return re.search(r'<code id="invite-link">http://testserver(/invites/[^<]+)</code>', page.text).group(1)


def post(browser: TestClient, url: str, page: str, **data):
    return browser.post(url, data={"csrf_token": page_csrf(browser, page), **data})


def test_a_lead_creates_a_team_invites_and_the_engineer_joins(olive, eve):
    team_id = create_team(olive)
    page = olive.get(f"/teams/{team_id}?done=created").text
    assert "<h1>Platform</h1>" in page and "The team is created; you are its owner." in page
    link = invite_link(olive, team_id)
    preview = eve.get(link).text
    assert "<h1>Join Platform</h1>" in preview
    assert "<li>Everyone in the team sees your username, display name and role.</li>" in preview
    assert ("<li>Its owners and mentors see your progress on the paths the team assigns you, and on which days you "
            "changed the status of a topic (how many changes, not which topics).</li>") in preview
    assert "<p>The team never sees:</p>" in preview and "<li>your notes, ever</li>" in preview
    joined = post(eve, link, link)
    assert joined.headers["location"] == f"/teams/{team_id}?done=joined"
    team = eve.get(f"/teams/{team_id}").text
    assert "you are member" in team and "<td>olive</td>" in team
    assert "Create invite link" not in team and "Change role" not in team and "Delete this team" not in team
    assert "<li class=\"card\">" in eve.get("/teams").text and "Platform" in eve.get("/teams").text
    used = eve.get(link)
    assert used.status_code == 404 and "this invite link is unknown, expired, revoked or used up" in used.text


def test_an_owner_changes_roles_and_a_member_leaves(olive, eve):
    team_id = create_team(olive)
    link = invite_link(olive, team_id)
    post(eve, link, link)
    promoted = post(olive, f"/teams/{team_id}/members/eve/role", f"/teams/{team_id}", role="mentor")
    assert promoted.headers["location"] == f"/teams/{team_id}/members?done=role"
    assert "Create invite link" in eve.get(f"/teams/{team_id}/members").text  # mentors invite
    last_owner = post(olive, f"/teams/{team_id}/members/olive/remove", f"/teams/{team_id}")
    assert last_owner.status_code == 409 and "the team must keep an owner: make another member an owner first" in last_owner.text
    left = post(eve, f"/teams/{team_id}/members/eve/remove", f"/teams/{team_id}")
    assert left.headers["location"] == "/teams?done=left"
    assert eve.get(f"/teams/{team_id}").status_code == 404
    deleted = post(olive, f"/teams/{team_id}/delete", f"/teams/{team_id}")
    assert deleted.headers["location"] == "/teams?done=deleted"
    assert "You are in no team yet." in olive.get("/teams?done=deleted").text


def test_an_outsider_learns_nothing_about_the_team(olive, eve):
    team_id = create_team(olive)
    for url in (f"/teams/{team_id}", f"/teams/{team_id + 1}"):
        page = eve.get(url)
        assert page.status_code == 404 and "Platform" not in page.text
    for action, data in (("settings", {"name": "Mine", "stuck_days": "3"}), ("invites", {}), ("delete", {}),
                         ("members/olive/role", {"role": "member"}), ("members/olive/remove", {})):
        refused = post(eve, f"/teams/{team_id}/{action}", "/teams", **data)
        assert (refused.status_code, "Platform" in refused.text) == (404, False), action
    assert "Platform" in olive.get(f"/teams/{team_id}").text


def test_signed_out_the_team_pages_ask_to_sign_in(app):
    browser = TestClient(app, follow_redirects=False)
    for url in ("/teams", "/teams/1", "/invites/some-code"):
        answer = browser.get(url)
        assert (answer.status_code, answer.headers["location"].startswith("/login?next=")) == (303, True), url


def test_an_assigned_path_shows_on_the_members_home_page(olive, eve):
    team_id = create_team(olive)
    link = invite_link(olive, team_id)
    post(eve, link, link)
    due = (datetime.now(timezone.utc).date() + timedelta(days=14)).isoformat()
    assigned = post(olive, f"/teams/{team_id}/assignments", f"/teams/{team_id}", path="starter-kit", due=due)
    assert assigned.headers["location"] == f"/teams/{team_id}/assignments?done=assigned"
    team = olive.get(f"/teams/{team_id}/assignments?done=assigned").text
    assert "The path is assigned." in team and f"<td>every member</td>\n      <td>{due}</td>" in team
    home = eve.get("/").text
    assert "<h2 id=\"assigned-heading\">Assigned to me</h2>" in home
    assert "assigned by olive" in home and f"due {due}:\n          14 days left" in home
    assert "Assigned to me" not in olive.get("/").text  # for every member: owners and mentors give it
    bad = post(olive, f"/teams/{team_id}/assignments", f"/teams/{team_id}", path="starter-kit", due="31/12/2026")
    assert bad.status_code == 400 and "the due date &#39;31/12/2026&#39; is not a date such as 2026-12-31" in bad.text


def test_settings_list_the_teams_and_what_they_see(olive, eve):
    assert "You are in no team." in eve.get("/settings").text
    team_id = create_team(olive)
    link = invite_link(olive, team_id)
    post(eve, link, link)
    page = eve.get("/settings").text
    assert f'<li><a href="/teams/{team_id}">Platform</a> (you are member)</li>' in page
    assert ("<li>Its owners and mentors see your ladder self-ratings and evidence only if you choose to share them "
            "with that team.</li>") in page
    assert ("No team sees your notes, ever; your progress on paths the team has not assigned you; your ladder "
            "self-ratings and evidence, unless you share them.") in page
