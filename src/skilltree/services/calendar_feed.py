"""The study plans' sessions as an iCalendar feed, built with the `icalendar` package.

Each session is an all-day event whose UID is made of the learner, the path and the day: when a
plan changes, a calendar app that subscribed updates the day's event instead of adding another.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from skilltree.services.plans import PlanView, SessionView


def _event(plan: PlanView, session: SessionView, *, learner_id: int, base_url: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"skilltree-{learner_id}-{plan.path}-{session.day:%Y%m%d}@skilltree")
    event.add("dtstamp", now)
    event.add("dtstart", session.day)
    event.add("dtend", session.day + timedelta(days=1))
    titles = ", ".join(topic.title for topic in session.topics) or "reviews"
    event.add("summary", f"Study {plan.path_title}: {titles} ({session.minutes} min)")
    lines = [f"{topic.title}: {base_url}/topics/{topic.id}" for topic in session.topics]
    if session.review_minutes:
        lines.append(f"Reviews, about {session.review_minutes} min: {base_url}/review")
    lines.append(f"Your plan: {base_url}/plan")
    event.add("description", "\n".join(lines))
    event.add("url", f"{base_url}/plan")
    return event


def calendar_feed(plans: list[PlanView], *, learner_id: int, base_url: str, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Skilltree//study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Skilltree study plan")
    for plan in plans:
        for session in plan.past + plan.upcoming:
            calendar.add_component(_event(plan, session, learner_id=learner_id, base_url=base_url.rstrip("/"), now=now))
    return calendar.to_ical()
