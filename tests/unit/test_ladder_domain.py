"""The ladder's rules without any I/O: level readiness, topic/rating flags and the growth plan's order."""

from __future__ import annotations

from datetime import datetime, timezone

from skilltree.catalog.models import Area, Catalog, Ladder, LadderLevel, Level, RatingStep, Responsibility, Topic
from skilltree.ladder.flags import Disagreement, disagreement
from skilltree.ladder.growth import growth_plan
from skilltree.ladder.ratings import Rating
from skilltree.ladder.readiness import current_level, level_readiness, next_level
from skilltree.progress.models import Status, TopicState
from skilltree.progress.path_progress import Tally

T0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
JUNIOR, SENIOR, PRINCIPAL = LadderLevel("junior", "Junior"), LadderLevel("senior", "Senior"), LadderLevel("principal", "Principal")


def topic(topic_id: str, *prerequisites: str, minutes: int = 5) -> Topic:
    return Topic(topic_id, topic_id.title(), "S.", Level.BEGINNER, "body", minutes, prerequisites=prerequisites)


def duty(duty_id: str, from_level: str, *topics: str) -> Responsibility:
    return Responsibility(duty_id, duty_id.title(), "", from_level, topics)


LADDER = Ladder(
    id="l",
    title="L",
    summary="",
    levels=(JUNIOR, SENIOR, PRINCIPAL),
    ratings=tuple(RatingStep(r.value, r.value, "m") for r in Rating),
    areas=(
        Area("tech", "Tech", (duty("design", "senior", "architecture"), duty("apis", "junior", "http", "rest"))),
        Area("people", "People", (duty("mentoring", "senior", "mentoring"), duty("strategy", "principal", "strategy"))),
    ),
)
CATALOG = Catalog(
    topics={
        t.id: t
        for t in (
            topic("networking"),
            topic("http", "networking"),
            topic("rest", "http"),
            topic("databases"),
            topic("architecture", "rest", "databases", minutes=20),
            topic("mentoring"),
            topic("strategy", "architecture"),
        )
    },
    ladders={"l": LADDER},
)


def states(**statuses: str) -> dict[str, TopicState]:
    return {t: TopicState(t, Status(s), T0, T0) for t, s in statuses.items()}


def test_a_level_is_reached_when_everything_it_holds_is_consistent():
    ratings = {"apis": Rating.CONSISTENT, "design": Rating.CONSISTENT, "mentoring": Rating.GROWING}
    junior, senior, principal = level_readiness(LADDER, ratings)
    assert (junior.reached, senior.reached, principal.reached) == (True, False, False)
    assert (senior.counts[Rating.CONSISTENT], senior.counts[Rating.GROWING], senior.counts[Rating.NOT_YET], senior.total) == (2, 1, 0, 3)
    # Never rated counts as the lowest rating.
    assert (principal.counts[Rating.NOT_YET], principal.total) == (1, 4)
    assert [d.id for d in senior.missing] == ["mentoring"]
    readiness = level_readiness(LADDER, ratings)
    assert current_level(readiness) == JUNIOR
    assert next_level(readiness).level == SENIOR


def test_before_the_first_level_there_is_no_current_level_and_at_the_top_no_next():
    nothing = level_readiness(LADDER, {})
    assert current_level(nothing) is None and next_level(nothing).level == JUNIOR
    everything = level_readiness(LADDER, {d.id: Rating.CONSISTENT for d in LADDER.responsibilities})
    assert current_level(everything) == PRINCIPAL and next_level(everything) is None


def test_growing_is_not_enough_to_reach_a_level():
    readiness = level_readiness(LADDER, {"apis": Rating.GROWING})
    assert current_level(readiness) is None
    assert [d.id for d in readiness[0].missing] == ["apis"]


def test_flags_where_rating_and_topics_disagree():
    assert disagreement(Rating.CONSISTENT, Tally(done=0, total=3)) is Disagreement.RATED_AHEAD
    assert disagreement(Rating.CONSISTENT, Tally(done=1, total=3)) is None
    assert disagreement(Rating.NOT_YET, Tally(done=2, skipped=1, total=3)) is Disagreement.RATED_BEHIND
    assert disagreement(Rating.NOT_YET, Tally(done=1, total=3)) is None
    assert disagreement(Rating.GROWING, Tally(done=0, total=3)) is None
    assert disagreement(None, Tally(done=3, total=3)) is None
    # A responsibility with no topics has nothing to disagree with.
    assert disagreement(Rating.CONSISTENT, Tally()) is None


def test_the_plan_reads_prerequisites_first_and_lower_levels_first():
    plan = growth_plan(LADDER, SENIOR, CATALOG, ratings={}, states={})
    # apis (junior) comes before design (senior) although the ladder lists design first.
    assert [r.duty.id for r in plan.responsibilities] == ["apis", "design", "mentoring"]
    assert [t.id for t in plan.topics] == ["networking", "http", "rest", "databases", "architecture", "mentoring"]
    order = [t.id for t in plan.topics]
    for item in plan.topics:
        for prerequisite in CATALOG.topics[item.id].prerequisites:
            assert order.index(prerequisite) < order.index(item.id)
    marked = {t.id: (t.outside_ladder, t.responsibilities) for t in plan.topics}
    assert marked["networking"] == (True, ())
    assert marked["architecture"] == (False, ("design",))
    assert plan.minutes == 45 and plan.next.id == "networking"


def test_the_plan_leaves_out_what_is_consistent_or_settled():
    plan = growth_plan(
        LADDER, SENIOR, CATALOG,
        ratings={"apis": Rating.CONSISTENT, "mentoring": Rating.GROWING},
        states=states(networking="done", http="done", rest="skipped", databases="learning"),
    )
    assert [r.duty.id for r in plan.responsibilities] == ["design", "mentoring"]
    assert [(t.id, t.status) for t in plan.topics] == [
        ("databases", Status.LEARNING), ("architecture", Status.NOT_STARTED), ("mentoring", Status.NOT_STARTED)
    ]
    # Progress counts the topics the plan covers, settled ones too; rest is skipped, so what it
    # needs (http, networking) is not covered at all.
    assert plan.progress == Tally(done=0, skipped=1, total=4)


def test_a_settled_topic_needs_none_of_its_prerequisites():
    plan = growth_plan(LADDER, JUNIOR, CATALOG, ratings={}, states=states(rest="done"))
    assert [t.id for t in plan.topics] == ["networking", "http"]
    plan = growth_plan(LADDER, SENIOR, CATALOG, ratings={"apis": Rating.CONSISTENT}, states=states(architecture="done", mentoring="done"))
    assert plan.topics == () and plan.next is None and plan.minutes == 0


def test_a_reached_target_has_an_empty_plan():
    everything = {d.id: Rating.CONSISTENT for d in LADDER.responsibilities}
    plan = growth_plan(LADDER, PRINCIPAL, CATALOG, ratings=everything, states={})
    assert plan.responsibilities == () and plan.topics == ()
