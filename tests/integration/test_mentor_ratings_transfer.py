"""Ratings received in an export and an import: they travel with the rater's username and the team's
name; importing reads back those whose rater has an account here (not the importer), once, with no team."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from skilltree.ladder.ratings import Rating
from skilltree.progress.models import Source
from skilltree.services import mentor_ratings
from skilltree.services import progress as progress_service
from skilltree.services import teams as teams_service
from skilltree.services.transfer import export_learner, exported_json, import_learner, parse_export
from skilltree.store.uow import UnitOfWork, units_of_work
from skilltree.teams.model import Role

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def test_ratings_received_travel_and_import_once_when_their_rater_exists(engine, catalog):
    units = units_of_work(engine)
    lead, ada, bob = (progress_service.ensure_learner(units, username=name, now=NOW) for name in ("lead", "ada", "bob"))
    team = teams_service.create_team(units, learner=lead, name="Platform", now=NOW).team
    with UnitOfWork(engine, write=True) as uow:
        uow.teams.add_member(team_id=team.id, learner_id=ada.id, role=Role.MEMBER, now=NOW)
        uow.commit()
    mentor_ratings.rate_member(
        units, catalog, team_id=team.id, viewer=lead, username="ada", ladder_id="backend-engineer",
        responsibility_id="testing", rating=Rating.GROWING, note="More tests of the failure paths", source=Source.WEB, now=NOW,
    )
    with UnitOfWork(engine) as uow:
        document = json.loads(exported_json(export_learner(uow, learner=ada)))
    (received,) = document["ratings_received"]
    unknown = {**received, "rater": "nobody", "at": "2026-11-19T09:00:00+00:00"}
    themself = {**received, "rater": "bob", "at": "2026-11-18T09:00:00+00:00"}
    text = json.dumps({**document, "ratings_received": [received, unknown, themself]})

    first = import_learner(units, learner=bob, document=parse_export(text, name="ada.json"))
    again = import_learner(units, learner=bob, document=parse_export(text, name="ada.json"))
    assert (first["ratings_received"], first["ratings_received_added"], first["ratings_received_skipped"]) == (3, 1, 2)
    assert (again["ratings_received_added"], again["ratings_received_skipped"]) == (0, 2)
    with UnitOfWork(engine) as uow:
        (kept,) = uow.assessments.received(bob.id)
        assert (kept.mentor, kept.team_id, kept.team_name, kept.note, kept.at) == ("lead", None, "Platform", "More tests of the failure paths", NOW)
        assert uow.assessments.history(bob.id) == []  # not a self-rating
        assert len(uow.assessments.received(ada.id)) == 1
