"""Each word of the vocabulary is defined once, and the API's shapes are read from the services'
typed results, so that neither can drift from the other."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from skilltree.progress.models import STATUS_LABELS, STATUS_NAMES, Status
from skilltree.progress.path_progress import SectionProgress, Tally
from skilltree.services import results
from skilltree.web import schemas

SOURCE = Path(__file__).parents[2] / "src" / "skilltree"


def test_statuses_are_spelled_out_only_beside_their_enum():
    spelled = re.compile(r"""["']not_started["']""")
    places = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*"))
        if path.suffix in {".py", ".html", ".js"}
        and "migrations" not in path.parts  # a migration freezes the schema of its day
        and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert places == ["progress/models.py"]
    assert set(STATUS_LABELS) == set(Status) and STATUS_NAMES == tuple(status.value for status in Status)


# Each public model of the API and the typed result it is read from (by attribute).
SHAPES = [
    (schemas.PathSummaryPublic, results.PathSummary),
    (schemas.PathPublic, results.PathOutline),
    (schemas.SectionPublic, results.SectionOutline),
    (schemas.PathTopicPublic, results.PathTopic),
    (schemas.PathProgressPublic, results.PathReport),
    (schemas.SectionProgressPublic, SectionProgress),
    (schemas.TallyPublic, Tally),
    (schemas.TopicPublic, results.TopicDetail),
    (schemas.PreparedResponsibilityPublic, results.PreparedResponsibility),
    (schemas.LadderSummaryPublic, results.LadderSummary),
    (schemas.LadderPublic, results.LadderOutline),
    (schemas.LadderAreaPublic, results.AreaOutline),
    (schemas.ResponsibilityPublic, results.ResponsibilityOutline),
    (schemas.LadderTopicPublic, results.LadderTopic),
    (schemas.ActivityPublic, results.Activity),
    (schemas.ProgressChangePublic, __import__("skilltree.services.progress", fromlist=["StatusChange"]).StatusChange),
    (schemas.RoadmapAfterChangePublic, results.RoadmapAfterChange),
]
# Fields a face adds to a result itself: the signed-in caller's status on a topic.
ADDED_BY_THE_FACE = {(schemas.TopicPublic, "status")}


@pytest.mark.parametrize(("public", "result"), SHAPES, ids=lambda item: item.__name__)
def test_every_public_field_is_read_from_the_result(public, result):
    names = {field.name for field in dataclasses.fields(result)} | {
        name for name, value in vars(result).items() if isinstance(value, property)
    }
    wanted = {field.validation_alias or name for name, field in public.model_fields.items()}
    missing = {name for name in wanted - names if (public, name) not in ADDED_BY_THE_FACE}
    assert missing == set()


def test_ratings_are_spelled_out_only_beside_their_enum():
    from skilltree.ladder.ratings import RATING_NAMES, Rating

    spelled = re.compile(r"""["'](not_yet|growing|consistent)["']""")
    places = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*"))
        if path.suffix in {".py", ".html", ".js"}
        and "migrations" not in path.parts
        and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert places == ["ladder/ratings.py"]
    assert RATING_NAMES == tuple(rating.value for rating in Rating)
