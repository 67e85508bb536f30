"""Rating oneself against the ladder, on both engines: appended history, standing, retired
responsibilities and the mistakes a user can make."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from skilltree.errors import InvalidInput, NotFound
from skilltree.ladder.ratings import Rating
from skilltree.progress.models import Source, Status
from skilltree.services import assessment
from skilltree.services import progress as progress_service
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
LADDER = "backend-engineer"


@pytest.fixture
def units(engine):
    return units_of_work(engine)


@pytest.fixture
def ada(units):
    return progress_service.ensure_learner(units, username="ada", now=NOW)


def rate(units, catalog, learner, duty, rating, evidence="", at=NOW):
    return assessment.rate(
        units, catalog, learner=learner, ladder_id=LADDER, responsibility_id=duty,
        rating=rating, evidence=evidence, source=Source.CLI, now=at,
    )


def test_every_change_is_appended_and_the_latest_counts(units, catalog, ada):
    first = rate(units, catalog, ada, "testing", Rating.GROWING, "Wrote the suite.")
    assert (first.previous, first.rating, first.changed) == (None, Rating.GROWING, True)
    same = rate(units, catalog, ada, "testing", Rating.GROWING, "  Wrote the suite.\n", at=NOW + timedelta(hours=1))
    assert same.changed is False and same.rated_at == NOW
    later = rate(units, catalog, ada, "testing", Rating.CONSISTENT, at=NOW + timedelta(days=1))
    assert (later.previous, later.changed) == (Rating.GROWING, True)
    with units() as uow:
        entries = assessment.timeline(uow, catalog, learner=ada, ladder_id=LADDER)
        duty = assessment.standing(uow, catalog, learner=ada, ladder_id=LADDER).by_id["testing"]
    assert [(e.rating, e.evidence) for e in entries] == [(Rating.CONSISTENT, ""), (Rating.GROWING, "Wrote the suite.")]
    assert (duty.rating, duty.rated_at) == (Rating.CONSISTENT, NOW + timedelta(days=1))


def test_a_clock_set_back_does_not_make_a_rating_older_than_the_last(units, catalog, ada):
    rate(units, catalog, ada, "testing", Rating.GROWING)
    change = rate(units, catalog, ada, "testing", Rating.CONSISTENT, at=NOW - timedelta(hours=2))
    assert change.rated_at == NOW


def test_standing_names_the_current_level_and_what_stands_before_the_next(engine, units, catalog, ada):
    ladder = catalog.ladders[LADDER]
    junior = [d.id for d in ladder.responsibilities if d.from_level == "junior"]
    for duty in junior:
        rate(units, catalog, ada, duty, Rating.CONSISTENT)
    rate(units, catalog, ada, "mentoring", Rating.GROWING)
    with UnitOfWork(engine) as uow:
        standing = assessment.standing(uow, catalog, learner=ada, ladder_id=LADDER)
    assert standing.current.id == "junior"
    assert standing.next.level.id == "senior"
    senior_only = [d.id for d in ladder.responsibilities if d.from_level == "senior"]
    assert [d.id for d in standing.next.missing] == senior_only
    assert standing.next.counts[Rating.GROWING] == 1


def test_flags_and_topics_sit_beside_each_rating(engine, units, catalog, ada):
    rate(units, catalog, ada, "testing", Rating.CONSISTENT)
    topics = catalog.ladders[LADDER]
    mentoring_topics = next(d for d in topics.responsibilities if d.id == "mentoring").topics
    progress_service.mark_topics(units, catalog, learner=ada, topic_ids=list(mentoring_topics), status=Status.DONE, source=Source.CLI, now=NOW)
    rate(units, catalog, ada, "mentoring", Rating.NOT_YET)
    with UnitOfWork(engine) as uow:
        by_id = assessment.standing(uow, catalog, learner=ada, ladder_id=LADDER).by_id
    assert by_id["testing"].note == "Rated 'Consistently' while none of its topics is done: worth a look at them?"
    assert by_id["mentoring"].note == "Every topic done, yet rated 'Not yet': worth another look at the rating?"
    assert (by_id["mentoring"].topics.done, by_id["mentoring"].topics.total) == (2, 2)
    assert by_id["api-design"].note is None and by_id["api-design"].rating is None


def test_a_retired_responsibility_keeps_its_records(engine, units, catalog, ada):
    rate(units, catalog, ada, "testing", Rating.GROWING, "Ran the load tests.")
    ladder = catalog.ladders[LADDER]
    areas = tuple(
        dataclasses.replace(area, responsibilities=tuple(d for d in area.responsibilities if d.id != "testing"))
        for area in ladder.areas
    )
    edited = dataclasses.replace(catalog, ladders={LADDER: dataclasses.replace(ladder, areas=areas)})
    with UnitOfWork(engine) as uow:
        standing = assessment.standing(uow, edited, learner=ada, ladder_id=LADDER)
        entries = assessment.timeline(uow, edited, learner=ada, ladder_id=LADDER)
    retired = standing.duties[-1]
    assert (retired.id, retired.retired, retired.rating, retired.evidence) == ("testing", True, Rating.GROWING, "Ran the load tests.")
    assert "testing" not in [d.id for level in standing.levels for d in level.missing]
    assert [(e.responsibility, e.retired) for e in entries] == [("testing", True)]
    with pytest.raises(NotFound) as error:
        rate(units, edited, ada, "testing", Rating.CONSISTENT)
    assert error.value.message.startswith("no responsibility 'testing' in the ladder 'backend-engineer'")


def test_learners_see_only_their_own_ratings(engine, units, catalog, ada):
    bob = progress_service.ensure_learner(units, username="bob", now=NOW)
    rate(units, catalog, ada, "testing", Rating.CONSISTENT, "Mine.")
    with UnitOfWork(engine) as uow:
        assert assessment.timeline(uow, catalog, learner=bob, ladder_id=LADDER) == []
        assert assessment.standing(uow, catalog, learner=bob, ladder_id=LADDER).by_id["testing"].rating is None


def test_mistakes_get_clear_messages(units, catalog, ada):
    with pytest.raises(NotFound) as error:
        rate(units, catalog, ada, "testin", Rating.GROWING)
    assert error.value.message == "no responsibility 'testin' in the ladder 'backend-engineer' (did you mean 'testing'?)"
    with pytest.raises(InvalidInput) as error:
        rate(units, catalog, ada, "testing", Rating.GROWING, "x" * 10_001)
    assert error.value.message == "evidence: 10001 characters; keep it to 10000 (link to longer documents)"
    with pytest.raises(InvalidInput) as error:
        assessment.parse_rating("consistant")
    assert error.value.message == (
        "unknown rating 'consistant' (did you mean 'consistent'?); use one of: not_yet, growing, consistent"
    )
    with pytest.raises(InvalidInput) as error:
        assessment.find_level(catalog.ladders[LADDER], level_id="seniro")
    assert error.value.message == (
        "no level 'seniro' in the ladder 'backend-engineer' (did you mean 'senior'?); its levels are junior, senior, principal"
    )


def test_the_growth_plan_aims_at_the_next_level_unless_told(engine, units, catalog, ada):
    with UnitOfWork(engine) as uow:
        plan = assessment.growth(uow, catalog, learner=ada, ladder_id=LADDER)
        senior = assessment.growth(uow, catalog, learner=ada, ladder_id=LADDER, target="senior")
    assert plan.target.id == "junior"
    assert senior.target.id == "senior" and len(senior.topics) > len(plan.topics)
    assert senior.minutes == sum(t.minutes for t in senior.topics)
