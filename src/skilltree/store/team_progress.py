"""What a team's dashboard reads of its members, each in one set-based query for the whole team:
their time zones, their statuses on the assigned paths' topics, their changes per day. Who may ask
is decided in services/teams.team_access, never here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import Connection, Date, String, cast, func, select, type_coerce

from skilltree.progress.models import Status
from skilltree.store.rows import utc_moment
from skilltree.store.tables import learners, progress_events, team_members, topic_status


_STATUSES = {status.value: status for status in Status}


class TeamProgressRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def time_zones(self, team_id: int) -> dict[int, str | None]:
        """Each member's time zone (None: UTC), by learner id."""
        rows = self.connection.execute(
            select(learners.c.id, learners.c.time_zone)
            .join(team_members, team_members.c.learner_id == learners.c.id)
            .where(team_members.c.team_id == team_id)
        )
        return {learner_id: zone for learner_id, zone in rows}

    def touched(self, team_id: int, topic_ids: Collection[str]) -> dict[int, dict[str, tuple[Status, datetime]]]:
        """Every member's current status on each of `topic_ids` they have touched, with when it
        last changed, by learner id."""
        # Filtered here, not in SQL: with an IN list of a few hundred topics SQLite probes the
        # index once per member and topic, slower than reading each member's few dozen rows.
        # The moment is read untyped and converted here: through the column's type, the
        # conversion of thousands of rows cost more than the query.
        query = (
            select(topic_status.c.learner_id, topic_status.c.topic_id, topic_status.c.status,
                   type_coerce(topic_status.c.changed_at, String))
            .join(team_members, team_members.c.learner_id == topic_status.c.learner_id)
            .where(team_members.c.team_id == team_id)
        )
        touched: dict[int, dict[str, tuple[Status, datetime]]] = {}
        for learner_id, topic_id, status, changed_at in self.connection.execute(query):
            if topic_id in topic_ids:
                touched.setdefault(learner_id, {})[topic_id] = (_STATUSES[status], utc_moment(changed_at))
        return touched

    def changes_per_day(self, team_id: int, *, since: datetime) -> dict[int, dict[date, int]]:
        """Each member's progress changes per UTC day from `since` on, by learner id."""
        if self.connection.dialect.name == "postgresql":
            day = cast(func.timezone("UTC", progress_events.c.at), Date)
        else:  # SQLite keeps UTC moments as text, whose date() is the UTC day
            day = func.date(progress_events.c.at)
        query = (
            select(progress_events.c.learner_id, day.label("day"), func.count())
            .join(team_members, team_members.c.learner_id == progress_events.c.learner_id)
            .where(team_members.c.team_id == team_id, progress_events.c.at >= since)
            .group_by(progress_events.c.learner_id, day)
        )
        counts: dict[int, dict[date, int]] = {}
        for learner_id, when, count in self.connection.execute(query):
            counts.setdefault(learner_id, {})[when if isinstance(when, date) else date.fromisoformat(when)] = count
        return counts
