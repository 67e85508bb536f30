"""Learners and their progress: marking topics, path progress, next-up, history and activity."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from skilltree.catalog.fields import is_valid_id
from skilltree.catalog.models import Catalog
from skilltree.catalog.suggest import did_you_mean, parse_choice
from skilltree.errors import InvalidInput, NotFound, SkilltreeError, Unprocessable
from skilltree.progress import activity, year as activity_year
from skilltree.progress.models import Learner, NumberedEvent, ProgressEvent, Source, Status, TopicState
from skilltree.progress.next_up import blockers, next_up, status_of
from skilltree.progress.path_progress import path_progress
from skilltree.services.learners import find_learner, normalise_username
from skilltree.services.catalog import find_path, find_topic, ladder_outline, path_outline, topic_detail, topic_link
from skilltree.services.catalog import path_report as catalog_path_report
from skilltree.services.results import (
    Activity,
    BlockedTopic,
    HistoryEntry,
    LadderOutline,
    LearnerTopic,
    NextReport,
    NextTopic,
    PathOutline,
    PathReport,
    RoadmapAfterChange,
)

if TYPE_CHECKING:  # the CLI's reading commands import this module without paying for SQLAlchemy
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

@dataclass(frozen=True, slots=True)
class StatusChange:
    """What marking did to one topic; `changed` is False when it already had that status."""

    topic: str
    title: str
    previous: Status
    status: Status
    changed: bool


def parse_status(text: str) -> Status:
    return parse_choice(Status, text, what="status")


def existing_learner(uow: UnitOfWork, *, username: str) -> Learner:
    """The learner with that username; NotFound, naming the closest usernames, when there is none."""
    learner = find_learner(uow, username=username)
    if learner is None:
        name = normalise_username(username)
        raise NotFound(f"no learner {name!r}{did_you_mean(name, uow.learners.usernames())}")
    return learner


def ensure_learner(uows: UnitOfWorkFactory, *, username: str, now: datetime) -> Learner:
    """The learner with that username, created on first use."""
    username = normalise_username(username)
    with uows() as uow:
        found = uow.learners.get(username)
    if found is not None:
        return found
    with uows(write=True) as uow:
        learner = uow.learners.get_or_create(username, username, now)
        uow.commit()
    return learner


class AccountGone(SkilltreeError):
    """The learner was deleted while one of their requests was on its way."""

    code = "unauthorized"


def lock_learner(uow: UnitOfWork, *, learner: Learner) -> None:
    """Hold off the learner's other writers, account deletion included, until the transaction ends;
    then make sure the learner still exists, so that nothing is written for a deleted account."""
    uow.progress.lock_learner(learner.id)
    if uow.learners.get_by_id(learner.id) is None:
        raise AccountGone("this account no longer exists")


# A request may change this many topics at once: a whole path, with room to spare.
MAX_CHANGES = 500


def mark_topics(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    topic_ids: list[str],
    status: Status,
    source: Source,
    now: datetime,
) -> list[StatusChange]:
    """Set the status of each topic; all or nothing. A topic already at that status is left alone."""
    changes = [(topic_id, status) for topic_id in dict.fromkeys(topic_ids)]
    return apply_changes(uows, catalog, learner=learner, changes=changes, source=source, now=now)


def apply_changes(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    changes: list[tuple[str, Status]],
    source: Source,
    now: datetime,
) -> list[StatusChange]:
    """Set each (topic, status); all or nothing, at most MAX_CHANGES, each topic once."""
    if len(changes) > MAX_CHANGES:
        raise Unprocessable(f"too many changes: {len(changes)}, at most {MAX_CHANGES} at once")
    seen: set[str] = set()
    for index, (topic_id, _) in enumerate(changes):
        if topic_id in seen:
            raise InvalidInput(f"changes[{index}].topic: {topic_id!r} is listed twice")
        seen.add(topic_id)
    wanted = [(find_topic(catalog, topic_id=topic_id), status) for topic_id, status in changes]
    # Review cards follow a topic's status; imported here because the reading commands that use
    # this module (`skilltree show`) must not pay for the review machinery and fsrs.
    from skilltree.services.review import follow_status

    with uows(write=True) as uow:
        lock_learner(uow, learner=learner)
        states = uow.progress.states(learner.id, [topic.id for topic, _ in wanted])
        results = []
        for topic, status in wanted:
            state = states.get(topic.id)
            before = state.status if state else Status.NOT_STARTED
            if before is not status:
                # The latest event decides the status. A clock behind the last change (another app
                # server's, or one set back) must not make this change older than the one it replaces.
                at = max(now, state.changed_at) if state else now
                uow.progress.append(learner.id, ProgressEvent(topic.id, status, at, source))
                follow_status(uow, catalog, learner=learner, topic_id=topic.id, status=status, now=now)
            results.append(StatusChange(topic.id, topic.title, before, status, changed=before is not status))
        uow.commit()
    return results


def path_report(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, path_id: str) -> PathReport:
    """A learner's progress on one path, and what is next."""
    path = find_path(catalog, path_id=path_id)
    return catalog_path_report(catalog, path, uow.progress.states(learner.id))


def roadmap(uow: UnitOfWork, catalog: Catalog, *, learner: Learner | None, path_id: str) -> PathOutline:
    """A path's outline, and for a learner each topic's status, unmet prerequisites and the next-up topic."""
    states = uow.progress.states(learner.id) if learner is not None else None
    return path_outline(catalog, path_id=path_id, states=states)


def ladder_report(uow: UnitOfWork, catalog: Catalog, *, learner: Learner | None, ladder_id: str) -> LadderOutline:
    """A ladder, and for a learner their status on each topic and their progress on each responsibility."""
    states = uow.progress.states(learner.id) if learner is not None else None
    return ladder_outline(catalog, ladder_id=ladder_id, states=states)


def progress_overview(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, started_only: bool = False) -> list[PathReport]:
    """Progress on every path (or only those the learner has started), in id order."""
    states = uow.progress.states(learner.id)
    reports = [catalog_path_report(catalog, path, states) for path in sorted(catalog.paths.values(), key=lambda p: p.id)]
    return [report for report in reports if report.progress.started or not started_only]


def next_report(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, path_id: str) -> NextReport:
    """What to read next on a path; when nothing is free, what blocks the remaining topics."""
    path = find_path(catalog, path_id=path_id)
    states = uow.progress.states(learner.id)
    upcoming = next_up(path, catalog, states)
    progress = path_progress(path, catalog, states)
    blocked = []
    # With nothing free, say what every remaining topic waits on. With a next topic, following the
    # path frees the rest, except required topics waiting on a prerequisite the path does not hold.
    outside_only = upcoming is not None
    in_path = set(path.topic_ids)
    for entry in path.entries:
        if outside_only and entry.optional or status_of(states, entry.topic_id).settled:
            continue
        waiting_on = blockers(entry.topic_id, catalog, states)
        if outside_only:
            waiting_on = [p for p in waiting_on if p not in in_path]
        if waiting_on:
            blocked.append(BlockedTopic(entry.topic_id, tuple(waiting_on)))
    following = None
    if upcoming is not None:
        topic = catalog.topics[upcoming]
        following = NextTopic(topic.id, topic.title, topic.level.value, topic.minutes, topic.summary)
    return NextReport(path.id, path.title, following, progress.percent, progress.minutes_left, tuple(blocked))


def roadmap_after_change(
    uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str, path_id: str | None
) -> RoadmapAfterChange:
    status = status_of(uow.progress.states(learner.id, [topic_id]), topic_id)
    if path_id not in catalog.paths:
        return RoadmapAfterChange(topic_id, status, None, None)
    outline = roadmap(uow, catalog, learner=learner, path_id=path_id)
    blocked = {topic.id: topic.blocked_by for section in outline.sections for topic in section.topics}
    return RoadmapAfterChange(topic_id, status, outline.progress, blocked)


def started_states(uow: UnitOfWork, *, learner: Learner) -> list[TopicState]:
    """Every topic the learner has a status on other than not_started, removed topics included, by id."""
    states = uow.progress.states(learner.id)
    return [states[topic_id] for topic_id in sorted(states) if states[topic_id].status is not Status.NOT_STARTED]


@dataclass(frozen=True)
class HistoryPage:
    events: tuple[NumberedEvent, ...]
    # Pass as `before` for the next page; None on the last page.
    next_before: int | None


MAX_HISTORY_PAGE = 500


def history_page(
    uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str | None, limit: int, before: int | None
) -> HistoryPage:
    """The learner's events, newest first, `limit` at a time; `before` is the id of the last event
    of the previous page (ids, not times: one mark of several topics shares its time)."""
    if not 1 <= limit <= MAX_HISTORY_PAGE:
        raise InvalidInput(f"the limit must be between 1 and {MAX_HISTORY_PAGE}, not {limit}")
    _check_history_topic(uow, catalog, learner, topic_id)
    events = uow.progress.events_page(learner.id, topic_id=topic_id, before=before, limit=limit + 1)
    more = len(events) > limit
    events = events[:limit]
    return HistoryPage(tuple(events), events[-1].id if more else None)


def _check_history_topic(uow: UnitOfWork, catalog: Catalog, learner: Learner, topic_id: str | None) -> None:
    """A topic's history may be asked for while it is in the catalog, or after it left it while it has
    events; anything else raises NotFound with suggestions. What is no topic id at all has no events
    (and may hold what PostgreSQL refuses in text, such as NUL), so it is not looked up."""
    if topic_id is not None and topic_id not in catalog.topics and not (is_valid_id(topic_id) and uow.progress.events(learner.id, topic_id)):
        find_topic(catalog, topic_id=topic_id)


def learner_states(uow: UnitOfWork, *, learner: Learner) -> Mapping[str, TopicState]:
    """The learner's state on every topic they have touched."""
    return uow.progress.states(learner.id)


def learner_topic(uow: UnitOfWork, catalog: Catalog, *, learner: Learner | None, topic_id: str) -> LearnerTopic:
    """A topic's page data, and for a learner their status and the prerequisites it still waits on."""
    detail = topic_detail(catalog, topic_id=topic_id)
    if learner is None:
        return LearnerTopic(detail, Status.NOT_STARTED, ())
    states = uow.progress.states(learner.id)
    waiting_on = tuple(topic_link(catalog, p) for p in blockers(topic_id, catalog, states))
    return LearnerTopic(detail, status_of(states, topic_id), waiting_on)


def history(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, topic_id: str | None = None) -> list[HistoryEntry]:
    """Every change, newest first. A topic no longer in the content keeps its history."""
    _check_history_topic(uow, catalog, learner, topic_id)
    events = uow.progress.events(learner.id, topic_id)
    return [
        HistoryEntry(event.topic_id, topic_link(catalog, event.topic_id).title, event.status, event.at, event.source.value)
        for event in reversed(events)
    ]


def learner_activity(uow: UnitOfWork, *, learner: Learner, now: datetime) -> Activity:
    """activity_report() with days as the learner lives them: in their time zone, UTC if unset."""
    zone = activity.zone_named(learner.time_zone)
    return activity_report(uow, learner=learner, today=now.astimezone(zone).date(), tz=zone)


def learner_year(uow: UnitOfWork, *, learner: Learner, now: datetime) -> activity_year.ActivityYear:
    """The learner's last year of activity, a cell a day, days as in their time zone."""
    zone = activity.zone_named(learner.time_zone)
    days = activity.activity_by_day(uow.progress.event_moments(learner.id, since=now - timedelta(days=activity_year.YEAR_DAYS + 1)), zone)
    return activity_year.activity_year(days, now.astimezone(zone).date())


def learner_today(learner: Learner, now: datetime) -> date:
    """The date it is for the learner now, in their time zone (UTC if unset): due dates count in it."""
    return now.astimezone(activity.zone_named(learner.time_zone)).date()


def activity_report(uow: UnitOfWork, *, learner: Learner, today: date, tz: tzinfo | None = timezone.utc) -> Activity:
    """Changes per day (for a heatmap) and streaks of consecutive active days, days as in `tz`
    (None: the machine's local time)."""
    days = activity.activity_by_day(uow.progress.event_moments(learner.id), tz)
    return Activity(
        days={day.isoformat(): count for day, count in days.items()},
        current_streak=activity.current_streak(days, today),
        longest_streak=activity.longest_streak(days),
    )
