"""A growth plan: from a learner's ratings and progress to one reading order towards a level.

The plan takes the responsibilities the target level holds that are not yet consistent, the
topics that prepare for them, and every prerequisite those topics need (transitively, wherever it
lives, inside the ladder or not). What is settled (done or skipped) is left out; the rest is put in
one order in which each topic comes after its prerequisites.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skilltree.catalog.models import Catalog, Ladder, LadderLevel, Responsibility
from skilltree.ladder.ratings import Rating
from skilltree.ladder.readiness import TOP, rating_of
from skilltree.progress.models import Status, TopicState
from skilltree.progress.next_up import status_of
from skilltree.progress.path_progress import Tally


@dataclass(frozen=True)
class PlanTopic:
    id: str
    title: str
    minutes: int
    status: Status
    # The plan's responsibilities this topic prepares for; empty for a prerequisite that is only needed.
    responsibilities: tuple[str, ...]
    # No responsibility of the ladder lists it: it comes in because a topic of the plan needs it.
    outside_ladder: bool


@dataclass(frozen=True)
class PlanResponsibility:
    duty: Responsibility
    rating: Rating


@dataclass(frozen=True)
class GrowthPlan:
    ladder: Ladder
    target: LadderLevel
    responsibilities: tuple[PlanResponsibility, ...]
    # What is left to read, in reading order.
    topics: tuple[PlanTopic, ...]
    # Every topic the plan covers, counted as a path's are: the responsibilities' topics, settled or
    # not, and the prerequisites that the unsettled ones still need.
    progress: Tally

    @property
    def minutes(self) -> int:
        return sum(topic.minutes for topic in self.topics)

    @property
    def next(self) -> PlanTopic | None:
        """The first topic left: its prerequisites are all settled, because they would come before it."""
        return self.topics[0] if self.topics else None


def growth_plan(
    ladder: Ladder,
    target: LadderLevel,
    catalog: Catalog,
    *,
    ratings: Mapping[str, Rating],
    states: Mapping[str, TopicState],
) -> GrowthPlan:
    # What a lower level already holds comes first: it is nearer, and the rest builds on it.
    holders = {duty.id: ladder.level_ids_holding(duty) for duty in ladder.responsibilities}
    wanted = [
        PlanResponsibility(duty, rating_of(ratings, duty.id))
        for duty in sorted(ladder.responsibilities, key=lambda duty: -len(holders[duty.id]))
        if target.id in holders[duty.id] and rating_of(ratings, duty.id) is not TOP
    ]
    serves: dict[str, list[str]] = {}
    for item in wanted:
        for topic_id in item.duty.topics:
            if topic_id in catalog.topics:
                serves.setdefault(topic_id, []).append(item.duty.id)
    in_ladder = {topic_id for duty in ladder.responsibilities for topic_id in duty.topics}

    covered: list[str] = []  # every topic of the plan, settled or not, in reading order
    placed: set[str] = set()

    def needs(topic_id: str):
        """What must be read before the topic; nothing once it is settled (its learner got past it)."""
        if status_of(states, topic_id).settled:
            return iter(())
        return iter(catalog.topics[topic_id].prerequisites)

    def place(topic_id: str) -> None:
        # Depth first, prerequisites before the topic, iteratively: a long chain must not hit the
        # recursion limit. The content is checked to be acyclic; `placed` also guards a bad edit.
        stack = [(topic_id, needs(topic_id))]
        placed.add(topic_id)
        while stack:
            current, prerequisites = stack[-1]
            for prerequisite in prerequisites:
                if prerequisite in catalog.topics and prerequisite not in placed:
                    placed.add(prerequisite)
                    stack.append((prerequisite, needs(prerequisite)))
                    break
            else:
                stack.pop()
                covered.append(current)

    for topic_id in serves:
        if topic_id not in placed:
            place(topic_id)

    progress = Tally()
    left = []
    for topic_id in covered:
        status = status_of(states, topic_id)
        progress = progress.add(status)
        if status.settled:
            continue
        topic = catalog.topics[topic_id]
        left.append(
            PlanTopic(
                id=topic_id,
                title=topic.title,
                minutes=topic.minutes,
                status=status,
                responsibilities=tuple(serves.get(topic_id, ())),
                outside_ladder=topic_id not in in_ladder,
            )
        )
    return GrowthPlan(ladder=ladder, target=target, responsibilities=tuple(wanted), topics=tuple(left), progress=progress)
