"""Figures computed from the content, never typed in, so that they stay honest when the content
changes: a topic's reading time from its words (a topic sets `minutes` only when its main material
is external, and says so), a path's reading time and level mix from its topics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltree.catalog.models import Catalog, Path

WORDS_PER_MINUTE = 200
LEVEL_ORDER = ("beginner", "intermediate", "advanced")


def reading_minutes(body: str) -> int:
    """Whitespace-separated tokens of the Markdown as written, at 200 a minute, rounded up, at least 1."""
    words = len(body.split())
    return max(1, -(-words // WORDS_PER_MINUTE))


@dataclass(frozen=True)
class PathFigures:
    topics: int
    required_topics: int
    optional_topics: int
    sections: int
    required_minutes: int
    optional_minutes: int
    level_mix: dict[str, int]

    @property
    def reading_time(self) -> str:
        return format_reading_time(self.required_minutes, self.optional_minutes)

    @property
    def level_mix_text(self) -> str:
        return format_level_mix(self.level_mix)


def path_figures(path: Path, catalog: Catalog) -> PathFigures:
    """Figures of a path; entries whose topic is missing from the catalog are left out."""
    required = optional = required_minutes = optional_minutes = 0
    mix = dict.fromkeys(LEVEL_ORDER, 0)
    for entry in path.entries:
        topic = catalog.topics.get(entry.topic_id)
        if topic is None:
            continue
        mix[topic.level.value] += 1
        if entry.optional:
            optional += 1
            optional_minutes += topic.minutes
        else:
            required += 1
            required_minutes += topic.minutes
    return PathFigures(
        topics=required + optional,
        required_topics=required,
        optional_topics=optional,
        sections=len(path.sections),
        required_minutes=required_minutes,
        optional_minutes=optional_minutes,
        level_mix={level: count for level, count in mix.items() if count},
    )


def format_reading_time(required_minutes: int, optional_minutes: int) -> str:
    text = f"~{required_minutes} min"
    if optional_minutes:
        text += f" (+{optional_minutes} min optional)"
    return text


def format_level_mix(mix: dict[str, int]) -> str:
    return " · ".join(f"{mix[level]} {level}" for level in LEVEL_ORDER if mix.get(level))
