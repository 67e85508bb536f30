"""A learner's days, for activity and streaks, follow the time zone they set; UTC until they do."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from web_client import api_token, page_csrf, sign_up

from skilltree.progress.models import Source, Status
from skilltree.services import progress
from skilltree.store.uow import UnitOfWork, units_of_work


def mark_at(client, topic: str, at: datetime) -> None:
    engine, catalog = client.app.state.engine, client.app.state.live_catalog.current()
    with UnitOfWork(engine) as uow:
        learner = progress.find_learner(uow, username="ada")
    progress.mark_topics(units_of_work(engine), catalog, learner=learner, topic_ids=[topic], status=Status.DONE, source=Source.WEB, now=at)


def save_settings(client, **fields):
    return client.post("/settings", data={"csrf_token": page_csrf(client, "/settings"), **fields})


def test_days_are_counted_in_the_learners_time_zone(client):
    sign_up(client)
    token = api_token(client)
    # Yesterday at 18:30 and at 23:00 in New York: the same day there, two days in UTC.
    new_york = timezone(timedelta(hours=-5))
    yesterday = datetime.now(timezone.utc).astimezone(new_york).date() - timedelta(days=1)
    evening = datetime(yesterday.year, yesterday.month, yesterday.day, 18, 30, tzinfo=new_york)
    mark_at(client, "git", evening)
    mark_at(client, "sql", evening + timedelta(hours=4, minutes=30))

    def days():
        answer = client.get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"})
        return answer.json()["activity"]["days"]

    assert len(days()) == 2  # UTC, before the learner says otherwise
    assert save_settings(client, time_zone="America/New_York").status_code == 303
    assert 'value="America/New_York"' in client.get("/settings").text
    assert days() == {yesterday.isoformat(): 2}
    assert "streak: 1 day (longest 1)" in client.get("/me").text
    assert save_settings(client, time_zone="").status_code == 303  # back to UTC
    assert len(days()) == 2


def test_an_unknown_time_zone_is_refused_and_nothing_is_saved(client):
    sign_up(client)
    answer = save_settings(client, time_zone="Europe/Berln", hide_minutes="true")
    assert answer.status_code == 400
    # The closest names come from this machine's time-zone database; Berlin is always first.
    assert "unknown time zone &#39;Europe/Berln&#39; (did you mean &#39;Europe/Berlin&#39;" in answer.text
    assert "?); use a name such as Europe/Berlin or America/New_York</p>" in answer.text
    assert 'value="Europe/Berln"' in answer.text and 'aria-invalid="true"' in answer.text
    assert 'id="time_zone" name="time_zone" list="time-zones" value=""' in client.get("/settings").text
    assert "min" in client.get("/paths/starter-kit").text  # hide_minutes was not saved either
