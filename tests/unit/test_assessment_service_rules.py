"""The assessment service's rules on the in-memory unit of work (tests/fakes.py): no database.

The same service runs against SQLite and PostgreSQL in tests/integration/test_assessment_service.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from fakes import FakeStore
from skilltree.errors import InvalidInput, NotFound
from skilltree.ladder.ratings import Rating
from skilltree.progress.models import Source
from skilltree.services import assessment
from skilltree.services import progress as progress_service

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
LADDER = "backend-engineer"


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def rate(store, catalog, duty, rating, evidence="", at=T0):
    learner = progress_service.ensure_learner(store, username="ada", now=T0)
    return assessment.rate(
        store, catalog, learner=learner, ladder_id=LADDER, responsibility_id=duty,
        rating=rating, evidence=evidence, source=Source.WEB, now=at,
    )


def test_a_rating_is_appended_and_committed_once(store, catalog):
    rate(store, catalog, "testing", Rating.GROWING, "Evidence.")
    commits = store.commits
    unchanged = rate(store, catalog, "testing", Rating.GROWING, "Evidence.", at=T0 + timedelta(hours=1))
    assert unchanged.changed is False and store.commits == commits
    rate(store, catalog, "testing", Rating.GROWING, "Better evidence.", at=T0 + timedelta(hours=2))
    assert store.commits == commits + 1
    assert [r.evidence for r in store.data.ratings[1]] == ["Evidence.", "Better evidence."]


def test_a_mistake_writes_nothing(store, catalog):
    progress_service.ensure_learner(store, username="ada", now=T0)
    commits = store.commits
    with pytest.raises(NotFound):
        rate(store, catalog, "nope", Rating.GROWING)
    with pytest.raises(InvalidInput):
        rate(store, catalog, "testing", Rating.GROWING, "x" * 10_001)
    assert store.commits == commits and store.data.ratings == {}


def test_the_plan_aims_at_the_level_after_the_current_one(store, catalog):
    junior = [d.id for d in catalog.ladders[LADDER].responsibilities if d.from_level == "junior"]
    for duty in junior:
        rate(store, catalog, duty, Rating.CONSISTENT)
    with store() as uow:
        learner = progress_service.find_learner(uow, username="ada")
        standing = assessment.standing(uow, catalog, learner=learner, ladder_id=LADDER)
        plan = assessment.growth(uow, catalog, learner=learner, ladder_id=LADDER)
    assert (standing.current.id, plan.target.id) == ("junior", "senior")
    assert not {item.duty.id for item in plan.responsibilities} & set(junior)
