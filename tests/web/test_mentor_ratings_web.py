"""Growth conversations on the web, every form without JavaScript: sharing self-ratings with a team
(on the team's ladder page and on /settings), a mentor's rating sheet, and the member's ratings
received beside their own with the agenda; who may see each page."""

from __future__ import annotations

import pytest

from test_teams_web import create_team, invite_link, post
from web_client import signed_up_browser

LADDER = "backend-engineer"


@pytest.fixture
def team(olive, eve) -> int:
    """Platform, owned by olive, with eve as a member."""
    team_id = create_team(olive)
    link = invite_link(olive, team_id)
    post(eve, link, link)
    return team_id


def test_a_mentor_rates_on_the_sheet_and_the_member_sees_both_side_by_side(olive, eve, team):
    post(eve, f"/ladders/{LADDER}/ratings/api-design", f"/ladders/{LADDER}", rating="consistent", evidence="")
    hub = olive.get(f"/teams/{team}/ladder").text
    sheet_url = f"/teams/{team}/members/eve/ladder/{LADDER}"
    assert f'<a href="{sheet_url}" aria-label="Rate eve on Backend Engineer">Backend Engineer</a>' in hub
    sheet = olive.get(sheet_url).text
    assert "eve does not share their self-ratings with Platform: you see only your own ratings." in sheet
    saved = post(olive, f"{sheet_url}/api-design", sheet_url, rating="not_yet", note="Pair with me on the next API")
    assert saved.headers["location"] == f"{sheet_url}?saved=api-design#duty-api-design"
    again = olive.get(f"{sheet_url}?saved=api-design").text
    assert "Rating saved." in again and '<p class="mentor-note">Pair with me on the next API</p>' in again

    received = eve.get(f"/ladders/{LADDER}/received").text
    assert '<tr id="duty-api-design" class="agenda">' in received
    assert "On the agenda: two steps apart" in received
    assert '<li><a href="#duty-api-design">' in received
    assert "olive, Platform, " in received and "Pair with me on the next API" in received
    assert 'class="agenda"' not in received.split('id="duty-schema-design"', 1)[1].split("</tr>", 1)[0]


def test_sharing_is_off_until_the_member_turns_it_on_on_the_team_or_in_settings(olive, eve, team):
    post(eve, f"/ladders/{LADDER}/ratings/api-design", f"/ladders/{LADDER}", rating="growing", evidence="Wrote the orders API")
    sheet_url = f"/teams/{team}/members/eve/ladder/{LADDER}"
    assert "Wrote the orders API" not in olive.get(sheet_url).text
    hub = eve.get(f"/teams/{team}/ladder").text
    assert f'id="share-{team}" name="shares_ratings" value="on">' in hub  # not checked
    assert "Rate a member" not in hub  # members rate nobody
    shared = post(eve, f"/teams/{team}/sharing", f"/teams/{team}/ladder", shares_ratings="on", back="team")
    assert shared.headers["location"] == f"/teams/{team}/ladder?done=sharing"
    assert f'id="share-{team}" name="shares_ratings" value="on" checked>' in eve.get(f"/teams/{team}/ladder").text
    assert "Wrote the orders API" in olive.get(sheet_url).text
    # Unticked on /settings: the box sends nothing, which is "off".
    stopped = post(eve, f"/teams/{team}/sharing", "/settings", back="settings")
    assert stopped.headers["location"] == "/settings?done=sharing#team-sharing"
    settings = eve.get("/settings?done=sharing").text
    assert "Your choice of what your teams&#39; mentors see is saved." in settings
    assert "Share my ladder self-ratings and evidence with Platform" in settings
    assert "Not shared: its mentors and owners do not see them." in settings
    assert "Wrote the orders API" not in olive.get(sheet_url).text


def test_who_may_see_each_page(app, olive, eve, team):
    outsider = signed_up_browser(app, "zed")
    sheet_url = f"/teams/{team}/members/eve/ladder/{LADDER}"
    for url in (f"/teams/{team}/ladder", sheet_url, f"/teams/{team}/members/olive/ladder/{LADDER}"):
        answer = outsider.get(url)
        assert (answer.status_code, "Platform" in answer.text) == (404, False), url
    for url, data in ((f"{sheet_url}/api-design", {"rating": "growing"}), (f"/teams/{team}/sharing", {"shares_ratings": "on"})):
        refused = post(outsider, url, "/teams", **data)
        assert (refused.status_code, "Platform" in refused.text) == (404, False), url
    member = eve.get(f"/teams/{team}/members/olive/ladder/{LADDER}")
    assert member.status_code == 403 and "as a member of this team you cannot rate members on the ladder; ask an owner" in member.text
    forged = eve.post(f"/teams/{team}/sharing", data={"shares_ratings": "on"})
    assert forged.status_code == 403
    assert olive.get(f"/teams/{team}/members/olive/ladder/{LADDER}").status_code == 400
    nobody = eve.get(f"/ladders/{LADDER}/received").text
    assert "No mentor has rated you on this ladder yet." in nobody
