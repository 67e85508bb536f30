"""Rating oneself on the ladder pages (forms that work without JavaScript) and /ladders/{id}/me:
what a learner sees, every mistake's page, and that nobody sees another learner's ratings."""

from __future__ import annotations

import re

import pytest

from web_client import page_csrf, sign_up

LADDER = "/ladders/backend-engineer"


def rate(client, duty: str, rating: str, evidence: str = "", **extra):
    token = page_csrf(client, LADDER)
    return client.post(f"{LADDER}/ratings/{duty}", data={"rating": rating, "evidence": evidence, "csrf_token": token, **extra})


def duty_row(html: str, duty: str) -> str:
    match = re.search(rf'<tr id="duty-{duty}">(.*?)</tr>', html, re.S)
    assert match, duty
    return match.group(1)


@pytest.fixture
def ada(client):
    sign_up(client, "ada")
    return client


def test_a_visitor_gets_no_rating_forms_and_is_sent_to_sign_in_for_the_me_page(client):
    assert "Rate yourself" not in client.get(LADDER).text
    response = client.get(f"{LADDER}/me")
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/ladders/backend-engineer/me")


def test_a_rating_with_evidence_is_saved_by_a_plain_form(ada):
    html = ada.get(LADDER).text
    row = duty_row(html, "testing")
    assert f'action="{LADDER}/ratings/testing"' in row and "Not rated yet" in row
    assert re.findall(r'type="radio" name="rating" value="(\w+)"', row) == ["not_yet", "growing", "consistent"]
    response = rate(ada, "testing", "growing", "Ran the [load test](https://example.org/lt) <b>twice</b> [bad](javascript:alert(1))")
    assert (response.status_code, response.headers["location"]) == (303, f"{LADDER}?saved=testing#duty-testing")
    row = duty_row(ada.get(response.headers["location"]).text, "testing")
    assert "Rating saved." in row
    assert '<span class="rating-badge rating-growing">Growing</span>' in row
    assert '<a href="https://example.org/lt">load test</a>' in row
    # Raw HTML is shown as text, and only http(s) links become links.
    assert "&lt;b&gt;twice&lt;/b&gt;" in row and "[bad](javascript:alert(1))</p>" in row and "href=\"javascript" not in row
    assert 'value="growing" required checked' in row


def test_the_me_page_shows_level_readiness_chart_plan_and_timeline(ada):
    rate(ada, "api-design", "growing", "First *design*.")
    rate(ada, "api-design", "consistent")
    html = ada.get(f"{LADDER}/me").text
    assert "Your level: <strong>none reached yet</strong>" in html
    assert re.search(r"Before <strong>Junior</strong>:.*Database schema design", html, re.S)
    assert "<title id=\"radar-title\">Your ratings against what Junior expects</title>" in html
    assert "Axes by area: Technical 1–9 · Leadership 10–13 · Business 14–17" in html
    assert "Rated &#39;Consistently&#39; while none of its topics is done: worth a look at them?" in html
    assert "Growth plan towards Junior" in html and "Next up: <a href=\"/topics/" in html
    timeline = html.split('id="timeline-heading"')[1]
    assert timeline.index("Consistently") < timeline.index("Growing") and "<em>design</em>" in timeline
    senior = ada.get(f"{LADDER}/me?target=senior").text
    assert "Growth plan towards Senior" in senior and "Prerequisite from outside the ladder" in senior


def test_mistakes_get_pages_that_say_what_went_wrong(ada):
    unknown = rate(ada, "testin", "growing")
    assert unknown.status_code == 404
    assert "no responsibility &#39;testin&#39; in the ladder &#39;backend-engineer&#39; (did you mean &#39;testing&#39;?)" in unknown.text
    bad = rate(ada, "testing", "expert")
    assert bad.status_code == 400 and "unknown rating &#39;expert&#39;" in bad.text
    long = rate(ada, "testing", "growing", "x" * 10_001)
    assert long.status_code == 400 and "evidence: String should have at most 10000 characters" in long.text
    forged = ada.post(f"{LADDER}/ratings/testing", data={"rating": "growing", "csrf_token": "forged"})
    assert forged.status_code == 403 and "Form expired" in forged.text
    target = ada.get(f"{LADDER}/me?target=wizard")
    assert target.status_code == 400 and "no level &#39;wizard&#39; in the ladder" in target.text
    assert ada.get("/ladders/nope/me").status_code == 404


def test_nobody_sees_another_learners_ratings(client):
    sign_up(client, "ada")
    rate(client, "testing", "consistent", "Ada's private note")
    client.cookies.clear()
    sign_up(client, "bob")
    assert "Ada&#39;s private note" not in client.get(LADDER).text
    me = client.get(f"{LADDER}/me").text
    assert "Ada&#39;s private note" not in me and "No ratings yet." in me
