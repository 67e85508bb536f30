"""Request and response bodies of the JSON API, split by purpose (…Create, …Update, …Public).

The …Public models are read from the services' typed results by attribute (services/results.py
and the domain records inside them); test_api_schema checks that each names only what they hold.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from skilltree.progress.models import STATUS_NAMES

StatusName = Literal[STATUS_NAMES]
LevelName = Literal["beginner", "intermediate", "advanced"]


# A moment as the API has always written it: ISO 8601 with the offset, e.g. 2026-11-01T09:00:00+00:00.
Moment = Annotated[datetime, PlainSerializer(lambda moment: moment.isoformat(), return_type=str)]


class _Public(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class ErrorDetail(_Public):
    code: str
    message: str


class ErrorPublic(_Public):
    error: ErrorDetail


class FiguresPublic(_Public):
    topics: int
    required_topics: int
    optional_topics: int
    sections: int
    required_minutes: int
    optional_minutes: int
    reading_time: str
    level_mix: dict[str, int]
    level_mix_text: str


class PathSummaryPublic(_Public):
    id: str
    title: str
    summary: str
    figures: FiguresPublic
    start: bool = Field(description="The path a newcomer starts with.")


class PathListPublic(_Public):
    paths: list[PathSummaryPublic]


class TopicLink(_Public):
    id: str
    title: str


class TallyPublic(_Public):
    done: int
    skipped: int
    total: int
    percent: int


class SectionProgressPublic(_Public):
    title: str
    percent: int
    required: TallyPublic
    optional: TallyPublic


class PathProgressPublic(_Public):
    path: str
    percent: int
    required: TallyPublic
    optional: TallyPublic
    minutes_left: int
    optional_minutes_left: int
    started_at: Moment | None
    finished_at: Moment | None
    sections: list[SectionProgressPublic]
    next: TopicLink | None
    title: str | None = None


class PathTopicPublic(_Public):
    id: str
    title: str
    level: LevelName
    minutes: int
    optional: bool
    prerequisites: list[str]
    status: StatusName | None = None
    blocked_by: list[TopicLink] | None = None
    next: bool | None = None


class SectionPublic(_Public):
    title: str
    summary: str
    topics: list[PathTopicPublic]
    progress: SectionProgressPublic | None = None


class PathPublic(_Public):
    id: str
    title: str
    summary: str
    description: str
    figures: FiguresPublic
    sections: list[SectionPublic]
    progress: PathProgressPublic | None = Field(None, description="Only with a bearer token: your progress.")


class ResourcePublic(_Public):
    type: Literal["docs", "article", "book", "video", "course", "tool", "paper"]
    title: str
    url: str | None = None
    author: str | None = None


class ReviewPublic(_Public):
    q: str
    a: str


class PreparedResponsibilityPublic(_Public):
    ladder: TopicLink
    id: str
    title: str
    from_title: str = Field(description="The lowest level that holds the responsibility.")


class TopicPublic(_Public):
    id: str
    title: str
    summary: str
    level: LevelName
    minutes: int
    minutes_note: str | None
    tags: list[str]
    prerequisites: list[TopicLink]
    unlocks: list[TopicLink]
    paths: list[TopicLink]
    responsibilities: list[PreparedResponsibilityPublic] = Field(
        description="The ladder responsibilities this topic prepares for."
    )
    body: str = Field(description="The article in Markdown.")
    resources: list[ResourcePublic]
    review: list[ReviewPublic]
    asks: list[str] = Field(default_factory=list, description="Questions in a learner's words that the topic answers.")
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


class LadderLevelPublic(_Public):
    id: str
    title: str


class LadderSummaryPublic(_Public):
    id: str
    title: str
    summary: str
    levels: list[LadderLevelPublic] = Field(description="From the lowest to the highest.")
    responsibilities: int


class LadderListPublic(_Public):
    ladders: list[LadderSummaryPublic]


class LadderTopicPublic(TopicLink):
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


class ResponsibilityPublic(_Public):
    id: str
    title: str
    description: str
    # "from" is a Python keyword, so the field has another name and keeps "from" on the wire.
    from_level: str = Field(
        validation_alias="from_level", serialization_alias="from", description="The id of the lowest level that holds it."
    )
    from_title: str
    levels: list[str] = Field(description="The ids of the levels that hold it: its own and every one above.")
    topics: list[LadderTopicPublic] = Field(description="The topics that prepare for it.")
    progress: TallyPublic | None = Field(
        None, description="Only with a bearer token: its topics done, skipped and in all; percent = done / (total - skipped)."
    )


class LadderAreaPublic(_Public):
    id: str
    title: str
    responsibilities: list[ResponsibilityPublic]


class LadderPublic(_Public):
    id: str
    title: str
    summary: str
    levels: list[LadderLevelPublic] = Field(description="From the lowest to the highest.")
    areas: list[LadderAreaPublic]


class ActivityPublic(_Public):
    days: dict[str, int]
    current_streak: int
    longest_streak: int


class MyProgressPublic(_Public):
    learner: str
    paths: list[PathProgressPublic]
    activity: ActivityPublic


class ProgressUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StatusName


class ProgressChangePublic(_Public):
    topic: str
    title: str
    previous: StatusName
    status: StatusName
    changed: bool


class RoadmapAfterChangePublic(_Public):
    """The roadmap page's script updates the page in place from this (not part of /api/v1)."""

    topic: str
    status: StatusName
    path: PathProgressPublic | None
    blocked: dict[str, list[TopicLink]] | None


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class TokenPublic(_Public):
    token: str


class HealthPublic(_Public):
    status: Literal["ok"]


class SearchResultPublic(_Public):
    id: str
    title: str
    snippet: str = Field(description="Text around the match; matched words are wrapped in **.")
    level: LevelName
    minutes: int
    paths: list[str]
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


class SearchResultsPublic(_Public):
    query: str
    corrected_query: str | None = Field(
        default=None, description="What was searched for instead, when some words of the query were typos."
    )
    results: list[SearchResultPublic]
