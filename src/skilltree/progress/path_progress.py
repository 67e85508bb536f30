"""How far a learner is along a path, per section and overall."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from skilltree.catalog.models import Catalog, Path
from skilltree.progress.models import Status, TopicState


@dataclass(frozen=True)
class Tally:
    """done / (required - skipped): skipping a topic takes it out of what there is to do."""

    done: int = 0
    skipped: int = 0
    total: int = 0

    @property
    def counted(self) -> int:
        return self.total - self.skipped

    @property
    def percent(self) -> int:
        if self.counted <= 0:
            return 100 if self.total else 0
        return (100 * self.done) // self.counted

    def add(self, status: Status) -> Tally:
        return Tally(
            done=self.done + (status is Status.DONE),
            skipped=self.skipped + (status is Status.SKIPPED),
            total=self.total + 1,
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.done + other.done, self.skipped + other.skipped, self.total + other.total)


def tally_of(statuses: Iterable[Status]) -> Tally:
    tally = Tally()
    for status in statuses:
        tally = tally.add(status)
    return tally


@dataclass(frozen=True)
class SectionProgress:
    title: str
    required: Tally
    optional: Tally

    @property
    def percent(self) -> int:
        """Of the required topics; a section of optional topics only is measured by them."""
        return self.required.percent if self.required.total else self.optional.percent


@dataclass(frozen=True)
class PathProgress:
    path_id: str
    sections: tuple[SectionProgress, ...]
    required: Tally
    optional: Tally
    minutes_left: int
    optional_minutes_left: int
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def percent(self) -> int:
        return self.required.percent


def path_progress(path: Path, catalog: Catalog, states: Mapping[str, TopicState]) -> PathProgress:
    """Progress along `path`; topics missing from the catalog count but have no minutes."""
    sections = []
    required = optional = Tally()
    minutes_left = optional_minutes_left = 0
    first_moments = []
    last_settled: datetime | None = None
    for section in path.sections:
        section_required = section_optional = Tally()
        for entry in section.entries:
            state = states.get(entry.topic_id)
            status = state.status if state else Status.NOT_STARTED
            if state:
                first_moments.append(state.first_at)
            topic = catalog.topics.get(entry.topic_id)
            minutes = 0 if status.settled or topic is None else topic.minutes
            if entry.optional:
                section_optional = section_optional.add(status)
                optional_minutes_left += minutes
            else:
                section_required = section_required.add(status)
                minutes_left += minutes
                if status.settled and (last_settled is None or state.changed_at > last_settled):
                    last_settled = state.changed_at
        required += section_required
        optional += section_optional
        sections.append(SectionProgress(section.title, section_required, section_optional))
    finished = required.total > 0 and required.done + required.skipped == required.total
    return PathProgress(
        path_id=path.id,
        sections=tuple(sections),
        required=required,
        optional=optional,
        minutes_left=minutes_left,
        optional_minutes_left=optional_minutes_left,
        started_at=min(first_moments) if first_moments else None,
        finished_at=last_settled if finished else None,
    )
