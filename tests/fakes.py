"""An in-memory unit of work, so that service rules are tested without a database.

It keeps the store's contract where services rely on it: nothing is visible to the next unit of
work unless `commit()` was called, and a unit that ends without committing (by an exception or
not) leaves no trace. The repositories hold only what the tested services use; the integration
tests run the same services against SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime

from skilltree.ladder.ratings import RatingRecord
from skilltree.progress.models import Learner, ProgressEvent, TopicState


@dataclass
class _Data:
    learners: dict[str, Learner] = field(default_factory=dict)
    events: dict[int, list[ProgressEvent]] = field(default_factory=dict)
    ratings: dict[int, list[RatingRecord]] = field(default_factory=dict)
    # (learner id, topic, question id) -> suspended
    cards: dict[tuple[int, str, str], bool] = field(default_factory=dict)


class FakeLearners:
    def __init__(self, data: _Data):
        self._data = data

    def get(self, username: str) -> Learner | None:
        return self._data.learners.get(username)

    def get_by_id(self, learner_id: int) -> Learner | None:
        return next((learner for learner in self._data.learners.values() if learner.id == learner_id), None)

    def get_or_create(self, username: str, display_name: str, now: datetime) -> Learner:
        if username not in self._data.learners:
            self._data.learners[username] = Learner(len(self._data.learners) + 1, username, display_name, now)
        return self._data.learners[username]

    def update_profile(self, learner_id: int, *, display_name: str, created_at: datetime) -> None:
        learner = self.get_by_id(learner_id)
        self._data.learners[learner.username] = replace(learner, display_name=display_name, created_at=created_at)


class FakeProgress:
    def __init__(self, data: _Data):
        self._data = data

    def lock_learner(self, learner_id: int) -> None:
        """Nothing to do: one fake unit of work runs at a time."""

    def append(self, learner_id: int, event: ProgressEvent) -> None:
        self._data.events.setdefault(learner_id, []).append(event)

    def events(self, learner_id: int, topic_id: str | None = None) -> list[ProgressEvent]:
        events = sorted(self._data.events.get(learner_id, []), key=lambda event: event.at)  # stable: ties keep order
        return [event for event in events if topic_id is None or event.topic_id == topic_id]

    def states(self, learner_id: int, topic_ids: list[str] | None = None) -> dict[str, TopicState]:
        """Derived from the events, as the store's topic_status is: the latest event decides."""
        found: dict[str, TopicState] = {}
        for event in self.events(learner_id):
            earlier = found.get(event.topic_id)
            found[event.topic_id] = TopicState(event.topic_id, event.status, event.at, earlier.first_at if earlier else event.at)
        return {topic_id: state for topic_id, state in found.items() if topic_ids is None or topic_id in topic_ids}

    def event_moments(self, learner_id: int, since: datetime | None = None) -> list[datetime]:
        return [event.at for event in self.events(learner_id) if since is None or event.at >= since]

    def count_events(self, learner_id: int) -> int:
        return len(self._data.events.get(learner_id, []))


class FakeAssessments:
    def __init__(self, data: _Data):
        self._data = data

    def append(self, learner_id: int, record: RatingRecord) -> None:
        self._data.ratings.setdefault(learner_id, []).append(record)

    def history(self, learner_id: int, ladder_id: str | None = None) -> list[RatingRecord]:
        records = sorted(self._data.ratings.get(learner_id, []), key=lambda record: record.at)
        return [record for record in records if ladder_id is None or record.ladder_id == ladder_id]

    def latest(self, learner_id: int, ladder_id: str) -> dict[str, RatingRecord]:
        return {record.responsibility_id: record for record in self.history(learner_id, ladder_id)}


class FakeReview:
    """Which cards a learner has and whether they are suspended: what marking a topic changes."""

    def __init__(self, data: _Data):
        self._data = data

    def add_cards(self, learner_id: int, topic_id: str, question_ids, now: datetime) -> None:
        for question_id in question_ids:
            self._data.cards.setdefault((learner_id, topic_id, question_id), False)

    def set_suspended(self, learner_id: int, topic_id: str, suspended: bool) -> None:
        for key in self._data.cards:
            if key[:2] == (learner_id, topic_id):
                self._data.cards[key] = suspended


class FakeUnitOfWork:
    """Works on a private copy of the committed data; commit() publishes it."""

    def __init__(self, store: FakeStore, *, write: bool = False):
        self._store = store
        self.write = write
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        self._data = copy.deepcopy(self._store.data)
        self.learners = FakeLearners(self._data)
        self.progress = FakeProgress(self._data)
        self.assessments = FakeAssessments(self._data)
        self.review = FakeReview(self._data)
        return self

    def commit(self) -> None:
        if not self.write:
            raise AssertionError("a read-only unit of work was committed")
        self._store.data = copy.deepcopy(self._data)
        self.committed = True

    def __exit__(self, *exc_info) -> None:
        self._store.opened.append(self)


class FakeStore:
    """What the fake units of work share, like a database; call it as a UnitOfWorkFactory."""

    def __init__(self):
        self.data = _Data()
        self.opened: list[FakeUnitOfWork] = []

    def __call__(self, *, write: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, write=write)

    @property
    def commits(self) -> int:
        return sum(unit.committed for unit in self.opened)
