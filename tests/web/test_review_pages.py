"""The daily loop on the web: reviewing without JavaScript, the header's count, Review this topic,
the plan page, the calendar feed (parsed back with icalendar), the settings, and isolation."""

from __future__ import annotations

import re
from datetime import date

import icalendar
import pytest

from web_client import page_csrf, sign_up


def mark_done(client, topic: str) -> None:
    response = client.post(f"/topics/{topic}/status", data={"status": "done", "csrf_token": page_csrf(client, f"/topics/{topic}")})
    assert response.status_code == 303


def header_count(html: str) -> str | None:
    match = re.search(r'class="review-link">Review(?: <span class="count"[^>]*>(\d+)</span>)?</a>', html)
    assert match, "the header has no review link"
    return match.group(1)


def test_a_newcomer_reviews_a_done_topic_without_javascript(client, catalog):
    sign_up(client)
    assert header_count(client.get("/").text) is None
    mark_done(client, "git")
    questions = catalog.topics["git"].review
    home = client.get("/").text
    assert header_count(home) == str(len(questions))
    assert f"{len(questions)} cards to review ({len(questions)} new)" in home
    page = client.get("/review").text
    assert f"{len(questions)} cards left today ({len(questions)} new)" in page
    assert questions[0].question in page and 'id="answer" class="review-answer" hidden' in page
    card_id = re.search(r'data-card="(\d+)"', page).group(1)
    revealed = client.post(f"/review/{card_id}/reveal", data={"csrf_token": page_csrf(client, "/review")})
    assert revealed.status_code == 303 and revealed.headers["location"] == f"/review?reveal={card_id}#answer"
    page = client.get(f"/review?reveal={card_id}").text
    assert 'id="answer" class="review-answer">' in page
    # Each grade button says when the card would come back.
    intervals = re.findall(r'<span class="grade-name">(\w+)</span>\s*<span class="grade-interval">(\w+)</span>', page)
    assert intervals == [("Again", "1m"), ("Hard", "6m"), ("Good", "10m"), ("Easy", "8d")]
    graded = client.post(f"/review/{card_id}", data={"rating": "easy", "csrf_token": page_csrf(client, "/review")})
    assert graded.status_code == 303 and graded.headers["location"] == "/review"
    assert header_count(client.get("/").text) == str(len(questions) - 1)
    for _ in questions[1:]:
        page = client.get("/review").text
        next_id = re.search(r'data-card="(\d+)"', page).group(1)
        client.post(f"/review/{next_id}", data={"rating": "easy", "csrf_token": page_csrf(client, "/review")})
    done = client.get("/review").text
    assert "Done for today" in done and "Nothing left today" in done
    assert header_count(done) is None
    me = client.get("/me").text
    assert "What you remember" in me and f'<span class="figure-value">{len(questions)}</span> <span class="figure-label">review cards' in me
    topic = client.get("/topics/git").text
    assert f"{len(questions)} review cards" in topic and '<span class="memory-label">Memory</span>' in topic
    path = client.get("/paths/starter-kit?view=list").text
    assert path.count('<span class="memory-label">Memory</span>') == 1


def test_grading_needs_a_known_rating_and_the_learners_own_card(client):
    sign_up(client, "ada")
    mark_done(client, "git")
    card_id = re.search(r'data-card="(\d+)"', client.get("/review").text).group(1)
    bad = client.post(f"/review/{card_id}", data={"rating": "perfect", "csrf_token": page_csrf(client, "/review")})
    assert bad.status_code == 400
    assert "unknown rating &#39;perfect&#39;; use one of: again, hard, good, easy" in bad.text
    assert client.post(f"/review/{card_id}", data={"rating": "good"}).status_code == 403  # no CSRF token
    client.cookies.clear()
    sign_up(client, "bob")
    other = client.post(f"/review/{card_id}", data={"rating": "good", "csrf_token": page_csrf(client, "/review")})
    assert other.status_code == 404 and f"no review card {card_id}" in other.text
    assert "Done for today" in client.get("/review").text


def test_review_this_topic_adds_a_topic_still_being_learned(client, catalog):
    sign_up(client)
    client.post("/topics/http/status", data={"status": "learning", "csrf_token": page_csrf(client, "/topics/http")})
    page = client.get("/topics/http").text
    assert "Review this topic" in page
    added = client.post("/topics/http/review", data={"csrf_token": page_csrf(client, "/topics/http")})
    assert added.status_code == 303
    assert f"{len(catalog.topics['http'].review)} review cards" in client.get("/topics/http").text
    assert client.post("/topics/htp/review", data={"csrf_token": page_csrf(client, "/topics/http")}).status_code == 404


def test_a_plan_made_on_the_web_shows_today_and_goes_to_the_calendar(client):
    sign_up(client)
    weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][date.today().weekday()]
    saved = client.post(
        "/plan",
        data={"path": "starter-kit", "minutes_per_week": "60", "days": [weekday], "csrf_token": page_csrf(client, "/plan")},
    )
    assert saved.status_code == 303, saved.text
    page = client.get("/plan").text
    assert "On track" in page and "Programming Language" in page and "Coming up" in page
    home = client.get("/").text
    assert "Planned" in home and 'href="/topics/programming-language">Programming Language</a>' in home.split("Your paths")[0]
    settings = client.get("/settings").text
    url = re.search(r'class="calendar-url" value="([^"]+)"', settings).group(1)
    feed = client.get(url.removeprefix("http://testserver"))
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = list(calendar.walk("VEVENT"))
    assert events and events[0]["DTSTART"].dt == date.today()
    assert "Programming Language: http://testserver/topics/programming-language" in str(events[0]["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    # Planning again updates the same events: their UIDs do not change.
    client.post(
        "/plan",
        data={"path": "starter-kit", "minutes_per_week": "120", "days": [weekday], "csrf_token": page_csrf(client, "/plan")},
    )
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(client.get(url.removeprefix("http://testserver")).content).walk("VEVENT")]
    assert again[0] == uids[0] and len(again) < len(uids)
    regenerated = client.post("/settings/calendar", data={"csrf_token": page_csrf(client, "/settings")})
    assert regenerated.status_code == 303
    assert client.get(url.removeprefix("http://testserver")).status_code == 404
    deleted = client.post("/plan/starter-kit/delete", data={"csrf_token": page_csrf(client, "/plan")})
    assert deleted.status_code == 303 and "Plan a path" in client.get("/plan").text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"minutes_per_week": "lots", "days": ["mon"]}, "minutes per week: &#39;lots&#39; is not a whole number"),
        ({"minutes_per_week": "60"}, "days: choose at least one weekday (mon, tue, wed, thu, fri, sat, sun)"),
        ({"minutes_per_week": "60", "days": ["mon"], "target_date": "soon"}, "target date: &#39;soon&#39; is not a date (YYYY-MM-DD)"),
        ({"minutes_per_week": "5", "days": ["mon"]}, "minutes per week 5 is out of range: choose between 10 and 10080"),
    ],
)
def test_a_wrong_plan_form_comes_back_with_the_problem(client, fields, message):
    sign_up(client)
    answer = client.post("/plan", data={"path": "starter-kit", "csrf_token": page_csrf(client, "/plan"), **fields})
    assert answer.status_code == 400 and message in answer.text


def test_review_settings_are_saved_and_checked(client):
    sign_up(client)
    form = {"time_zone": "", "desired_retention": "0.85", "new_cards_per_day": "5"}
    assert client.post("/settings", data={**form, "csrf_token": page_csrf(client, "/settings")}).status_code == 303
    page = client.get("/settings").text
    assert 'name="desired_retention" type="number"' in page and 'value="0.85"' in page and 'value="5"' in page
    wrong = client.post("/settings", data={**form, "desired_retention": "0.5", "csrf_token": page_csrf(client, "/settings")})
    assert wrong.status_code == 400
    assert "desired retention 0.5 is out of range: choose between 0.70 and 0.97" in wrong.text
    words = client.post("/settings", data={**form, "new_cards_per_day": "many", "csrf_token": page_csrf(client, "/settings")})
    assert words.status_code == 400 and "new cards per day: &#39;many&#39; is not a whole number" in words.text


def test_review_and_plan_pages_need_a_sign_in(client):
    for url in ("/review", "/plan"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["location"] == f"/login?next={url}"
    assert client.get("/calendar/not-a-secret.ics").status_code == 404
