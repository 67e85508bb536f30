"""The typed results services hand to every face: pages read their attributes, the API validates
them into its schemas (web/schemas.py, from attributes) and the CLI prints them as JSON.

Domain records (PathFigures, Tally, SectionProgress, PathProgress) appear inside them as they are:
the figures and the progress arithmetic live in the domain, never again in a face.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skilltree.catalog.figures import PathFigures
from skilltree.catalog.models import RatingStep, Resource
from skilltree.progress.models import Status
from skilltree.progress.path_progress import PathProgress, SectionProgress, Tally


@dataclass(frozen=True, slots=True)
class TopicLink:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class PathSummary:
    id: str
    title: str
    summary: str
    figures: PathFigures
    start: bool


@dataclass(frozen=True, slots=True)
class PathReport:
    """A learner's progress on a path with the path's title and the next topic to read."""

    title: str
    progress: PathProgress
    next: TopicLink | None

    # The API and the pages show the progress figures beside the title, not nested under it.
    @property
    def path(self) -> str:
        return self.progress.path_id

    @property
    def percent(self) -> int:
        return self.progress.percent

    @property
    def required(self) -> Tally:
        return self.progress.required

    @property
    def optional(self) -> Tally:
        return self.progress.optional

    @property
    def minutes_left(self) -> int:
        return self.progress.minutes_left

    @property
    def optional_minutes_left(self) -> int:
        return self.progress.optional_minutes_left

    @property
    def started_at(self) -> datetime | None:
        return self.progress.started_at

    @property
    def finished_at(self) -> datetime | None:
        return self.progress.finished_at

    @property
    def sections(self) -> tuple[SectionProgress, ...]:
        return self.progress.sections


@dataclass(frozen=True, slots=True)
class PathTopic:
    """A topic as a path's roadmap lists it; the last three only for a learner."""

    id: str
    title: str
    level: str
    minutes: int
    optional: bool
    prerequisites: tuple[str, ...]
    status: Status | None = None
    blocked_by: tuple[TopicLink, ...] | None = None
    next: bool | None = None


@dataclass(frozen=True, slots=True)
class SectionOutline:
    title: str
    summary: str
    topics: tuple[PathTopic, ...]
    progress: SectionProgress | None = None


@dataclass(frozen=True, slots=True)
class PathOutline:
    """A path's roadmap; for a learner with their statuses and progress."""

    id: str
    title: str
    summary: str
    description: str
    figures: PathFigures
    sections: tuple[SectionOutline, ...]
    progress: PathReport | None = None


@dataclass(frozen=True, slots=True)
class RoadmapAfterChange:
    """What a roadmap page updates in place after a status change: the topic's new status and, when
    the change was made on a path's page, that path's progress and every topic's unmet prerequisites."""

    topic: str
    status: Status
    path: PathReport | None
    blocked: dict[str, tuple[TopicLink, ...]] | None


@dataclass(frozen=True, slots=True)
class ReviewQuestion:
    id: str
    q: str
    a: str


@dataclass(frozen=True, slots=True)
class PreparedResponsibility:
    ladder: TopicLink
    id: str
    title: str
    from_title: str


@dataclass(frozen=True, slots=True)
class TopicDetail:
    """Everything a topic page shows: the article, its neighbours in the graph and its paths."""

    id: str
    title: str
    summary: str
    level: str
    minutes: int
    minutes_note: str | None
    tags: tuple[str, ...]
    prerequisites: tuple[TopicLink, ...]
    unlocks: tuple[TopicLink, ...]
    paths: tuple[TopicLink, ...]
    responsibilities: tuple[PreparedResponsibility, ...]
    body: str
    resources: tuple[Resource, ...]
    review: tuple[ReviewQuestion, ...]
    # Questions in a learner's words that the topic answers.
    asks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LearnerTopic:
    """A topic as one learner stands on it: their status and what it still waits on."""

    detail: TopicDetail
    status: Status
    waiting_on: tuple[TopicLink, ...]


# A ladder's level is named as a topic is: its id and its title.
LadderLevelLink = TopicLink


@dataclass(frozen=True, slots=True)
class LadderSummary:
    id: str
    title: str
    summary: str
    levels: tuple[LadderLevelLink, ...]
    responsibilities: int


@dataclass(frozen=True, slots=True)
class LadderTopic:
    id: str
    title: str
    status: Status | None = None


@dataclass(frozen=True, slots=True)
class ResponsibilityOutline:
    id: str
    title: str
    description: str
    from_level: str
    from_title: str
    levels: tuple[str, ...]
    topics: tuple[LadderTopic, ...]
    progress: Tally | None = None


@dataclass(frozen=True, slots=True)
class AreaOutline:
    id: str
    title: str
    responsibilities: tuple[ResponsibilityOutline, ...]


@dataclass(frozen=True, slots=True)
class LadderOutline:
    id: str
    title: str
    summary: str
    levels: tuple[LadderLevelLink, ...]
    ratings: tuple[RatingStep, ...]  # the scale to rate oneself on, lowest first; empty when it has none
    areas: tuple[AreaOutline, ...]


@dataclass(frozen=True, slots=True)
class BlockedTopic:
    topic: str
    waiting_on: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NextTopic:
    id: str
    title: str
    level: str
    minutes: int
    summary: str


@dataclass(frozen=True, slots=True)
class NextReport:
    """What to read next on a path; when nothing is free, what blocks the remaining topics."""

    path: str
    title: str
    next: NextTopic | None
    percent: int
    minutes_left: int
    blocked: tuple[BlockedTopic, ...]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    topic: str
    title: str
    status: Status
    at: datetime
    source: str


@dataclass(frozen=True, slots=True)
class Activity:
    days: dict[str, int]
    current_streak: int
    longest_streak: int
