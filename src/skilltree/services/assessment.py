"""Rating oneself against a ladder: recording ratings with evidence, where one stands on each
level, the history of it, and the growth plan towards a level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog, Ladder, LadderLevel, Responsibility
from skilltree.catalog.suggest import did_you_mean, parse_choice
from skilltree.errors import InvalidInput, NotFound
from skilltree.ladder.flags import disagreement, disagreement_note
from skilltree.ladder.growth import GrowthPlan, growth_plan
from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH, Rating, RatingRecord
from skilltree.ladder.readiness import TOP, LevelReadiness, current_level, level_readiness, next_level
from skilltree.progress.models import Learner, Source, TopicState
from skilltree.progress.next_up import status_of
from skilltree.progress.path_progress import Tally
from skilltree.services.catalog import find_ladder
from skilltree.services.progress import lock_learner

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory


class ResponsibilityNotFound(NotFound):
    pass


@dataclass(frozen=True, slots=True)
class RatingChange:
    """What saving a rating did; `changed` is False when rating and evidence were already those."""

    ladder: str
    responsibility: str
    title: str
    previous: Rating | None
    rating: Rating
    evidence: str
    rated_at: datetime
    changed: bool


@dataclass(frozen=True)
class DutyStanding:
    """A responsibility with the learner's latest rating of it and their progress on its topics."""

    id: str
    title: str
    area: str  # the area's title; "" for a retired responsibility
    rating: Rating | None
    evidence: str
    rated_at: datetime | None
    topics: Tally
    # Where the rating and the topics disagree, a gentle word on it.
    note: str | None
    # Rated once but no longer in the ladder: its records are kept and shown, never rated anew.
    retired: bool


@dataclass(frozen=True)
class LadderStanding:
    ladder: Ladder
    labels: dict[Rating, str]
    levels: tuple[LevelReadiness, ...]
    current: LadderLevel | None
    next: LevelReadiness | None
    duties: tuple[DutyStanding, ...]  # the ladder's in its order, then the retired ones

    @property
    def by_id(self) -> dict[str, DutyStanding]:
        return {duty.id: duty for duty in self.duties}

    @property
    def top_label(self) -> str:
        """What the scale calls the rating that reaching a level takes."""
        return self.labels[TOP]


@dataclass(frozen=True)
class TimelineEntry:
    responsibility: str
    title: str
    rating: Rating
    evidence: str
    at: datetime
    source: Source
    retired: bool


def parse_rating(text: str) -> Rating:
    return parse_choice(Rating, text, what="rating")


def assessable_ladder(catalog: Catalog, *, ladder_id: str) -> Ladder:
    """The ladder, when it has a rating scale to rate oneself on."""
    ladder = find_ladder(catalog, ladder_id=ladder_id)
    if not ladder.ratings:
        raise InvalidInput(f"the ladder {ladder.id!r} has no rating scale ('ratings:' in {ladder.source}), so it cannot be rated on")
    return ladder


def find_responsibility(ladder: Ladder, *, responsibility_id: str) -> Responsibility:
    duties = {duty.id: duty for duty in ladder.responsibilities}
    duty = duties.get(responsibility_id)
    if duty is None:
        raise ResponsibilityNotFound(
            f"no responsibility {responsibility_id!r} in the ladder {ladder.id!r}{did_you_mean(responsibility_id, duties)}"
        )
    return duty


def checked_text(field: str, text: str) -> str:
    """Evidence or a mentor's note, stripped, within the length a rating's text may have."""
    text = text.strip()
    if len(text) > EVIDENCE_MAX_LENGTH:
        raise InvalidInput(f"{field}: {len(text)} characters; keep it to {EVIDENCE_MAX_LENGTH} (link to longer documents)")
    return text


def find_level(ladder: Ladder, *, level_id: str) -> LadderLevel:
    for level in ladder.levels:
        if level.id == level_id:
            return level
    ids = [level.id for level in ladder.levels]
    raise InvalidInput(
        f"no level {level_id!r} in the ladder {ladder.id!r}{did_you_mean(level_id, ids)}; its levels are {', '.join(ids)}"
    )


def rate(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    ladder_id: str,
    responsibility_id: str,
    rating: Rating,
    evidence: str,
    source: Source,
    now: datetime,
) -> RatingChange:
    """Record the learner's rating of a responsibility, appended to its history. Saving what is
    already the latest rating and evidence appends nothing."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    duty = find_responsibility(ladder, responsibility_id=responsibility_id)
    evidence = checked_text("evidence", evidence)
    with uows(write=True) as uow:
        lock_learner(uow, learner=learner)  # one lock for all of a learner's writers, account deletion included
        before = uow.assessments.latest(learner.id, ladder.id).get(duty.id)
        changed = before is None or (before.rating, before.evidence) != (rating, evidence)
        rated_at = before.at if before else now
        if changed:
            # As with progress: a clock behind the last rating must not make this one older than it.
            rated_at = max(now, before.at) if before else now
            uow.assessments.append(learner.id, RatingRecord(ladder.id, duty.id, rating, evidence, rated_at, source))
            uow.commit()
    return RatingChange(
        ladder=ladder.id,
        responsibility=duty.id,
        title=duty.title,
        previous=before.rating if before else None,
        rating=rating,
        evidence=evidence,
        rated_at=rated_at,
        changed=changed,
    )


def standing(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, ladder_id: str) -> LadderStanding:
    """Where the learner stands on the ladder: each level's readiness, the current level, what stands
    before the next one, and each responsibility with its rating and its topics."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    latest = uow.assessments.latest(learner.id, ladder.id)
    states = uow.progress.states(learner.id)
    labels = scale_labels(ladder)
    ratings = {duty_id: record.rating for duty_id, record in latest.items()}
    readiness = level_readiness(ladder, ratings)
    duties = []
    for area in ladder.areas:
        for duty in area.responsibilities:
            record = latest.get(duty.id)
            topics = _topics_tally(duty.topics, catalog, states)
            flag = disagreement(record.rating if record else None, topics)
            duties.append(
                DutyStanding(
                    id=duty.id, title=duty.title, area=area.title,
                    rating=record.rating if record else None, evidence=record.evidence if record else "",
                    rated_at=record.at if record else None, topics=topics,
                    note=disagreement_note(flag, labels) if flag else None, retired=False,
                )
            )
    current_ids = {duty.id for duty in ladder.responsibilities}
    for duty_id, record in latest.items():
        if duty_id not in current_ids:
            duties.append(
                DutyStanding(
                    id=duty_id, title=duty_id, area="", rating=record.rating, evidence=record.evidence,
                    rated_at=record.at, topics=Tally(), note=None, retired=True,
                )
            )
    return LadderStanding(
        ladder=ladder, labels=labels, levels=readiness, current=current_level(readiness),
        next=next_level(readiness), duties=tuple(duties),
    )


def scale_labels(ladder: Ladder) -> dict[Rating, str]:
    return {Rating(step.id): step.label for step in ladder.ratings}


def _topics_tally(topic_ids: tuple[str, ...], catalog: Catalog, states: dict[str, TopicState]) -> Tally:
    tally = Tally()
    for topic_id in topic_ids:
        if topic_id in catalog.topics:
            tally = tally.add(status_of(states, topic_id))
    return tally


def timeline(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, ladder_id: str) -> list[TimelineEntry]:
    """Every rating the learner gave on the ladder, newest first; retired responsibilities included."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    titles = {duty.id: duty.title for duty in ladder.responsibilities}
    return [
        TimelineEntry(
            responsibility=record.responsibility_id,
            title=titles.get(record.responsibility_id, record.responsibility_id),
            rating=record.rating,
            evidence=record.evidence,
            at=record.at,
            source=record.source,
            retired=record.responsibility_id not in titles,
        )
        for record in reversed(uow.assessments.history(learner.id, ladder.id))
    ]


def default_target(standing: LadderStanding) -> LadderLevel:
    """The level a plan aims at unless the learner picks one: the next, or the top once reached."""
    return standing.next.level if standing.next else standing.ladder.levels[-1]


def growth(
    uow: UnitOfWork, catalog: Catalog, *, learner: Learner, ladder_id: str, target: str | None = None
) -> GrowthPlan:
    """The growth plan towards `target` (a level id; the next level when None)."""
    ladder = assessable_ladder(catalog, ladder_id=ladder_id)
    if target is not None:
        level = find_level(ladder, level_id=target)
    else:
        level = default_target(standing(uow, catalog, learner=learner, ladder_id=ladder.id))
    ratings = {duty_id: record.rating for duty_id, record in uow.assessments.latest(learner.id, ladder.id).items()}
    return growth_plan(ladder, level, catalog, ratings=ratings, states=uow.progress.states(learner.id))
