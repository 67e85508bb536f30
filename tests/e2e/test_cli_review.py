"""`skilltree review` and `skilltree plan` end to end, as a learner at a terminal would use them."""

from __future__ import annotations

import icalendar


def test_review_in_the_terminal(cli):
    assert cli("mark", "git", "done").code == 0
    due = cli("review", "--due", "--json").json()
    assert due["due_count"] == 0 and due["new_count"] == len(due["cards"]) == 5
    assert {card["topic"] for card in due["cards"]} == {"git"} and due["cards"][0]["state"] == "new"
    listed = cli("review", "--due")
    assert listed.out.startswith("0 due, 5 new today\n") and due["cards"][0]["question"] in listed.out

    first = due["cards"][0]
    graded = cli("review", "--grade", str(first["id"]), "easy", "--json").json()
    assert graded["id"] == first["id"] and graded["state"] == "review" and graded["due"] > first["due"]

    # Enter shows the answer, 3 grades it good, then q stops with a summary.
    session = cli("review", input="\n3\n\nq\n")
    assert session.code == 0, session.err
    second = due["cards"][1]
    assert second["question"] in session.out and second["answer"] in session.out
    assert "1 again (1m)  2 hard (6m)  3 good (10m)  4 easy (8d)" in session.out
    assert session.out.rstrip().endswith("Reviewed 1 card(s): 1 good.")
    assert cli("review", "--due", "--json").json()["new_count"] == 3


def test_review_mistakes_are_clear(cli):
    cli("mark", "git", "done")
    card = cli("review", "--due", "--json").json()["cards"][0]["id"]
    wrong = cli("review", "--grade", str(card), "godo")
    assert (wrong.code, wrong.err.strip()) == (2, "error: unknown rating 'godo' (did you mean 'good'?); use one of: again, hard, good, easy")
    missing = cli("review", "--grade", "99999", "good")
    assert (missing.code, missing.err.strip()) == (1, "error: no review card 99999")
    other = cli("review", "--grade", str(card), "good", env={"SKILLTREE_LEARNER": "bob"})
    assert (other.code, other.err.strip()) == (1, f"error: no review card {card}")
    both = cli("review", "--due", "--grade", str(card), "good")
    assert (both.code, both.err.strip()) == (2, "error: choose one of --due and --grade")
    session_json = cli("review", "--json")
    assert session_json.code == 2 and "Traceback" not in session_json.err


def test_plan_in_the_terminal(cli):
    made = cli("plan", "starter-kit", "--minutes-per-week", "120", "--days", "mon,wed,fri", "--target", "2099-01-01", "--json")
    assert made.code == 0, made.err
    plan = made.json()["plans"][0]
    assert plan["path"] == "starter-kit" and plan["days"] == ["mon", "wed", "fri"] and plan["on_track"] is True
    shown = cli("plan")
    assert "Backend Engineer Starter Kit (starter-kit)" in shown.out and "120 min a week on mon,wed,fri" in shown.out
    assert "on track" in shown.out and "Programming Language" in shown.out
    feed = cli("plan", "--ics", "--base-url", "https://skilltree.example.org")
    assert feed.code == 0
    events = list(icalendar.Calendar.from_ical(feed.out).walk("VEVENT"))
    assert len(events) == len(plan["sessions"])
    assert "https://skilltree.example.org/topics/programming-language" in str(events[0]["DESCRIPTION"])
    assert cli("plan", "starter-kit", "--delete").out.strip() == "deleted your plan for starter-kit"
    assert "You have no plan yet" in cli("plan").out


def test_plan_mistakes_are_clear(cli):
    only_days = cli("plan", "starter-kit", "--days", "mon")
    assert (only_days.code, only_days.err.strip()) == (2, "error: a plan needs both --minutes-per-week and --days")
    day = cli("plan", "starter-kit", "--minutes-per-week", "60", "--days", "mon,fun")
    assert day.code == 1 and day.err.strip().startswith("error: days: unknown weekday 'fun'")
    date = cli("plan", "starter-kit", "--minutes-per-week", "60", "--days", "mon", "--target", "soon")
    assert (date.code, date.err.strip()) == (2, "error: --target: 'soon' is not a date (YYYY-MM-DD)")
    unknown = cli("plan", "starter", "--minutes-per-week", "60", "--days", "mon")
    assert (unknown.code, unknown.err.strip()) == (1, "error: no path 'starter' (did you mean 'starter-kit'?)")
    none = cli("plan", "starter-kit")
    assert (none.code, none.err.strip()) == (1, "error: you have no plan for path 'starter-kit'")
    assert cli("plan", "--delete").code == 2
