"""Study plans: a path laid into sessions on the learner's weekdays, on track or behind, and the
calendar feed that carries the sessions to the learner's calendar app."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from skilltree.catalog.memo import per_catalog
from skilltree.catalog.models import Catalog
from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import InvalidInput, NotFound
from skilltree.progress.activity import zone_named
from skilltree.progress.models import Learner
from skilltree.progress.next_up import status_of
from skilltree.review import plan as planning
from skilltree.review.queue import learner_day
from skilltree.services.catalog import find_path
from skilltree.services.review import default_settings_columns, due_forecast

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

# Past sessions a plan shows (all of them count towards on-track).
PAST_SESSIONS_SHOWN = 7


class PlanNotFound(NotFound):
    pass


@dataclass(frozen=True, slots=True)
class SessionTopic:
    id: str
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class SessionView:
    day: date
    topics: list[SessionTopic]
    topic_minutes: int
    review_minutes: int

    @property
    def minutes(self) -> int:
        return self.topic_minutes + self.review_minutes


@dataclass(frozen=True, slots=True)
class PlanView:
    path: str
    path_title: str
    minutes_per_week: int
    weekdays: list[str]
    start_date: date
    target_date: date | None
    today: date
    on_track: bool
    days_behind: int
    past: list[SessionView]  # the last sessions before today, as they were planned
    upcoming: list[SessionView]  # from today on, planned afresh from what is left
    finish_date: date | None  # the last session's day; None when nothing is left
    minutes_per_week_needed: int | None  # to finish by the target date
    remaining_topics: int
    remaining_minutes: int
    unplanned: list[str]  # topics beyond the planning horizon

    @property
    def today_session(self) -> SessionView | None:
        first = self.upcoming[0] if self.upcoming else None
        return first if first and first.day == self.today else None


def plan_document(plan: PlanView) -> dict:
    """A plan as the API and `--json` give it."""
    def session(s: SessionView) -> dict:
        return {"day": s.day.isoformat(), "topics": [asdict(t) for t in s.topics], "topic_minutes": s.topic_minutes,
                "review_minutes": s.review_minutes}

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "path": plan.path, "path_title": plan.path_title, "minutes_per_week": plan.minutes_per_week, "days": plan.weekdays,
        "start_date": day(plan.start_date), "target_date": day(plan.target_date), "on_track": plan.on_track,
        "days_behind": plan.days_behind, "finish_date": day(plan.finish_date),
        "minutes_per_week_needed": plan.minutes_per_week_needed, "remaining_topics": plan.remaining_topics,
        "remaining_minutes": plan.remaining_minutes,
        "past": [session(s) for s in plan.past], "sessions": [session(s) for s in plan.upcoming],
    }


def parse_weekdays(text: str) -> tuple[int, ...]:
    names = [name.strip().lower()[:3] for name in text.split(",") if name.strip()]
    if not names:
        raise InvalidInput(f"days: choose at least one weekday ({', '.join(planning.WEEKDAYS)})")
    days = []
    for name in names:
        if name not in planning.WEEKDAYS:
            raise InvalidInput(
                f"days: unknown weekday {name!r}{did_you_mean(name, planning.WEEKDAYS)}; use {','.join(planning.WEEKDAYS)}"
            )
        days.append(planning.WEEKDAYS.index(name))
    return tuple(sorted(set(days)))


def _weekday_names(days: tuple[int, ...]) -> str:
    return ",".join(planning.WEEKDAYS[day] for day in days)


def _check(minutes_per_week: int, start: date, target: date | None) -> None:
    if not planning.MIN_MINUTES_PER_WEEK <= minutes_per_week <= planning.MAX_MINUTES_PER_WEEK:
        raise InvalidInput(
            f"minutes per week {minutes_per_week} is out of range: choose between "
            f"{planning.MIN_MINUTES_PER_WEEK} and {planning.MAX_MINUTES_PER_WEEK}"
        )
    if target is not None and target < start:
        raise InvalidInput(f"target date {target.isoformat()} is before the start date {start.isoformat()}")


def _today(learner: Learner, now: datetime) -> date:
    return learner_day(now, zone_named(learner.time_zone)).today


@per_catalog
def _required_topics(catalog: Catalog, path_id: str) -> tuple[planning.PlanTopic, ...]:
    """The path's required topics in path order, with their minutes and the prerequisites the path holds."""
    path = catalog.paths[path_id]
    required = [entry.topic_id for entry in path.entries if not entry.optional and entry.topic_id in catalog.topics]
    held = set(required)
    return tuple(
        planning.PlanTopic(topic_id, catalog.topics[topic_id].minutes, tuple(p for p in catalog.topics[topic_id].prerequisites if p in held))
        for topic_id in required
    )


def _remaining(catalog: Catalog, settled: set[str], path_id: str) -> list[planning.PlanTopic]:
    return [topic for topic in _required_topics(catalog, path_id) if topic.id not in settled]


def save_plan(
    uows: UnitOfWorkFactory,
    catalog: Catalog,
    *,
    learner: Learner,
    path_id: str,
    minutes_per_week: int,
    weekdays: str,
    start_date: date | None,
    target_date: date | None,
    now: datetime,
) -> PlanView:
    """Create or change the plan; its sessions are laid out again from today on, never before."""
    path = find_path(catalog, path_id=path_id)
    days = parse_weekdays(weekdays)
    today = _today(learner, now)
    start = start_date or today
    _check(minutes_per_week, start, target_date)
    with uows(write=True) as uow:
        uow.plans.save(
            learner.id, path.id, minutes_per_week=minutes_per_week, weekdays=_weekday_names(days),
            start_date=start, target_date=target_date, updated_at=now,
        )
        view, layout = _view(uow, catalog, learner, uow.plans.get(learner.id, path.id), now)
        uow.plans.replace_sessions_from(learner.id, path.id, today, list(layout.sessions))
        uow.commit()
    return view


def delete_plan(uows: UnitOfWorkFactory, *, learner: Learner, path_id: str) -> None:
    with uows(write=True) as uow:
        if not uow.plans.delete(learner.id, path_id):
            raise PlanNotFound(f"you have no plan for path {path_id!r}")
        uow.commit()


def plan_view(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, path_id: str, now: datetime) -> PlanView:
    row = uow.plans.get(learner.id, path_id)
    if row is None or path_id not in catalog.paths:
        raise PlanNotFound(f"you have no plan for path {path_id!r}")
    return _view(uow, catalog, learner, row, now)[0]


def all_plans(uow: UnitOfWork, catalog: Catalog, *, learner: Learner, now: datetime) -> list[PlanView]:
    return [_view(uow, catalog, learner, row, now)[0] for row in uow.plans.all(learner.id) if row.path_id in catalog.paths]


def _view(uow: UnitOfWork, catalog: Catalog, learner: Learner, row, now: datetime) -> tuple[PlanView, planning.Layout]:
    """The plan as shown, and the layout of its sessions from today on."""
    today = _today(learner, now)
    days = parse_weekdays(row.weekdays)
    states = uow.progress.states(learner.id)
    settled = {topic for topic, state in states.items() if state.status.settled}
    remaining = _remaining(catalog, settled, row.path_id)
    forecast = due_forecast(uow, learner=learner, now=now)
    start = max(row.start_date, today)
    # Falling behind re-plans what is left from today; the past sessions stay as they were planned.
    layout = planning.lay_out(remaining, minutes_per_week=row.minutes_per_week, weekdays=days, start=start, forecast=forecast)
    past = uow.plans.sessions(learner.id, row.path_id, before=today)
    standing = planning.standing(past, settled, today=today)

    def shown(session: planning.Session) -> SessionView:
        topics = [
            SessionTopic(t, catalog.topics[t].title if t in catalog.topics else t, status_of(states, t).value)
            for t in session.topics
        ]
        return SessionView(session.day, topics, session.topic_minutes, session.review_minutes)

    needed = None
    if row.target_date is not None:
        needed = planning.minutes_per_week_needed(remaining, weekdays=days, start=start, target=row.target_date, forecast=forecast)
    view = PlanView(
        path=row.path_id,
        path_title=catalog.paths[row.path_id].title,
        minutes_per_week=row.minutes_per_week,
        weekdays=[planning.WEEKDAYS[d] for d in days],
        start_date=row.start_date,
        target_date=row.target_date,
        today=today,
        on_track=standing.on_track,
        days_behind=standing.days_behind,
        past=[shown(s) for s in past[-PAST_SESSIONS_SHOWN:]],
        upcoming=[shown(s) for s in layout.sessions],
        finish_date=layout.sessions[-1].day if layout.sessions else None,
        minutes_per_week_needed=needed,
        remaining_topics=len(remaining),
        remaining_minutes=sum(t.minutes for t in remaining),
        unplanned=list(layout.unplanned),
    )
    return view, layout


# The calendar feed's secret address


def _calendar_secret(learner_id: int, nonce: str, key: str) -> str:
    mac = hmac.new(key.encode(), f"calendar:{learner_id}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode()


def _lookup_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def calendar_secret(uows: UnitOfWorkFactory, *, learner: Learner, key: str) -> str:
    """The secret of the learner's calendar address, made on first use."""
    with uows() as uow:
        row = uow.review.settings(learner.id)
    if row is not None and row.calendar_nonce:
        return _calendar_secret(learner.id, row.calendar_nonce, key)
    return regenerate_calendar_secret(uows, learner=learner, key=key)


def regenerate_calendar_secret(uows: UnitOfWorkFactory, *, learner: Learner, key: str) -> str:
    """A new address for the calendar; the old one answers 404 from now on."""
    nonce = secrets.token_urlsafe(24)
    secret = _calendar_secret(learner.id, nonce, key)
    with uows(write=True) as uow:
        uow.review.save_settings(
            learner.id, defaults=default_settings_columns(), calendar_nonce=nonce, calendar_key=_lookup_key(secret)
        )
        uow.commit()
    return secret


def calendar_learner(uow: UnitOfWork, *, secret: str) -> Learner:
    learner_id = uow.review.learner_of_calendar(_lookup_key(secret))
    learner = uow.learners.get_by_id(learner_id) if learner_id is not None else None
    if learner is None:
        raise NotFound("no calendar at this address (it may have been replaced by a new one in your settings)")
    return learner
