"""The curriculum as plain, immutable domain objects (no framework types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Level(str, Enum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


RESOURCE_TYPES = ("docs", "article", "book", "video", "course", "tool", "paper")


@dataclass(frozen=True)
class Resource:
    type: str
    title: str
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ReviewCard:
    # Stable forever: a learner's card is (topic, id), so rewording a question keeps its history.
    id: str
    question: str
    answer: str


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    level: Level
    body: str
    minutes: int
    tags: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    review: tuple[ReviewCard, ...] = ()
    # Questions in a learner's words that the topic answers: search indexes them.
    asks: tuple[str, ...] = ()
    # Set when `minutes` comes from the front matter (external main material), not the body.
    minutes_note: str | None = None
    source: str = ""


@dataclass(frozen=True)
class PathEntry:
    topic_id: str
    optional: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    summary: str
    entries: tuple[PathEntry, ...]


@dataclass(frozen=True)
class Path:
    id: str
    title: str
    summary: str
    sections: tuple[Section, ...]
    description: str = ""
    # An open path is a map to browse, not a course: its topics may need topics it does not hold.
    open: bool = False
    # The path a newcomer is sent to; at most one path says so.
    start: bool = False
    source: str = ""

    @property
    def entries(self) -> tuple[PathEntry, ...]:
        return tuple(entry for section in self.sections for entry in section.entries)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(entry.topic_id for entry in self.entries)


@dataclass(frozen=True)
class LadderLevel:
    id: str
    title: str


@dataclass(frozen=True)
class Responsibility:
    id: str
    title: str
    description: str
    from_level: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    responsibilities: tuple[Responsibility, ...]


@dataclass(frozen=True)
class RatingStep:
    """One step of a ladder's rating scale: its id (see skilltree.ladder.ratings), what people see
    and what it means."""

    id: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Ladder:
    id: str
    title: str
    summary: str
    levels: tuple[LadderLevel, ...]
    areas: tuple[Area, ...]
    # Empty when the file gives no `ratings:`: the ladder is shown, but nobody can rate themselves on it.
    ratings: tuple[RatingStep, ...] = ()
    source: str = ""

    @property
    def responsibilities(self) -> tuple[Responsibility, ...]:
        return tuple(duty for area in self.areas for duty in area.responsibilities)

    def level_ids_holding(self, duty: Responsibility) -> tuple[str, ...]:
        """The levels that hold a responsibility: the lowest one named for it, and every one above."""
        order = [level.id for level in self.levels]
        return tuple(order[order.index(duty.from_level):]) if duty.from_level in order else ()


@dataclass(frozen=True)
class Catalog:
    topics: dict[str, Topic] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    ladders: dict[str, Ladder] = field(default_factory=dict)
    # From synonyms.yaml: a word -> the words and phrases a search for it also finds.
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def start_path(self) -> Path | None:
        """The path that says `start: true`, where a newcomer begins; None when none does."""
        return next((path for path in self.paths.values() if path.start), None)

    def paths_containing(self, topic_id: str) -> list[Path]:
        return [path for path in self.paths.values() if topic_id in path.topic_ids]
