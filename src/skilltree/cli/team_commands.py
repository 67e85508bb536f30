"""`skilltree teams` (the teams you are in) and `skilltree assignments` (what they assigned you)."""

from __future__ import annotations

from datetime import datetime, timezone

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.learner_session import learner_store
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document


def teams(as_json: JsonOption = False, learner: LearnerOption = None) -> None:
    """List the teams you are in, with your role in each."""
    from skilltree.services import teams as teams_service

    with learner_store(learner, create=False) as (units, person):
        mine = []
        if person is not None:
            with units() as uow:
                mine = teams_service.my_teams(uow, learner=person)
    print_document({"teams": mine}, as_json, "render_teams", public="TeamListPublic")


def assignments(as_json: JsonOption = False, learner: LearnerOption = None, content: ContentOption = None) -> None:
    """List the paths your teams assigned you, soonest due first, with your progress and days left."""
    from skilltree.services import progress as progress_service
    from skilltree.services import teams as teams_service

    catalog = load_catalog_or_exit(content)
    with learner_store(learner, create=False) as (units, person):
        mine = []
        if person is not None:
            today = progress_service.learner_today(person, datetime.now(timezone.utc))
            with units() as uow:
                mine = teams_service.my_assignments(uow, catalog, learner=person, today=today)
    print_document({"assignments": mine}, as_json, "render_assignments", public="MyAssignmentListPublic")
