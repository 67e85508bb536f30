"""The shape of each content file: topics, paths and ladders, read into domain objects.

Each reader records every problem it finds on the file and returns the best
object it can build, so that cross-file checks still run on a partly broken file.
"""

from __future__ import annotations

from skilltree.catalog.fields import ID_RULE, Fields, is_valid_id, is_valid_url
from skilltree.catalog.figures import reading_minutes
from skilltree.catalog.models import (
    RESOURCE_TYPES,
    Area,
    Ladder,
    LadderLevel,
    Level,
    Path,
    PathEntry,
    Resource,
    RatingStep,
    Responsibility,
    ReviewCard,
    Section,
    Topic,
)
from skilltree.catalog.problems import shown
from skilltree.catalog.source import ContentFile
from skilltree.ladder.ratings import RATING_NAMES

TOPIC_FIELDS = (
    "title", "summary", "level", "tags", "prerequisites", "resources", "review",
    "minutes", "minutes_note", "asks",
)
# Questions in a learner's words that a topic answers (search indexes them): optional, 3 to 8.
ASKS_LIMITS = (3, 8)
RESOURCE_FIELDS = ("type", "title", "url", "author")
REVIEW_FIELDS = ("id", "q", "a")
PATH_FIELDS = ("title", "summary", "description", "open", "start", "sections")
SECTION_FIELDS = ("title", "summary", "topics")
ENTRY_FIELDS = ("topic", "optional")
LADDER_FIELDS = ("title", "summary", "levels", "ratings", "areas")
LEVEL_FIELDS = ("id", "title")
RATING_FIELDS = ("id", "label", "meaning")
AREA_FIELDS = ("id", "title", "responsibilities")
RESPONSIBILITY_FIELDS = ("id", "title", "description", "from", "topics")

LEVELS = tuple(level.value for level in Level)


def read_topic(topic_id: str, file: ContentFile) -> Topic:
    fields = Fields(file, file.data, what="front matter: a mapping")
    fields.only(TOPIC_FIELDS)
    level = fields.choice("level", LEVELS)
    resources = _resources(fields)
    review = _review(fields)
    minutes = fields.positive_int("minutes")
    asks = fields.text_list("asks")
    fields.count("asks", len(asks), *ASKS_LIMITS, "question")
    note = fields.text("minutes_note", required=False) or None
    if minutes is not None and note is None:
        file.error(("minutes",), "set only when the main material is external; say so in minutes_note")
    if note is not None and minutes is None:
        file.error(("minutes_note",), "explains a 'minutes' field that is not set")
    body = file.body.strip()
    if not body:
        file.error((), "the topic has no body: write the article below the front matter")
    return Topic(
        id=topic_id,
        title=fields.text("title"),
        summary=fields.text("summary"),
        level=Level(level) if level else Level.BEGINNER,
        body=body,
        minutes=minutes or reading_minutes(body),
        tags=fields.text_list("tags"),
        prerequisites=fields.id_list("prerequisites"),
        resources=resources,
        review=review,
        asks=asks,
        minutes_note=note if minutes else None,
        source=file.shown_path,
    )


def _resources(fields: Fields) -> tuple[Resource, ...]:
    items = fields.items("resources")
    fields.count("resources", len(items), 1, 8, "resource")
    resources = []
    for index, item in enumerate(items):
        entry = Fields(fields.file, item, fields.at("resources") + (index,))
        entry.only(RESOURCE_FIELDS)
        kind = entry.choice("type", RESOURCE_TYPES)
        title = entry.text("title")
        url = entry.text("url", required=kind not in (None, "book")) or None
        if url is not None and not is_valid_url(url):
            fields.file.error(entry.at("url"), f"{shown(url)} is not a valid http(s) URL")
        author = entry.text("author", required=False) or None
        if entry.ok and kind:
            resources.append(Resource(type=kind, title=title, url=url, author=author))
    return tuple(resources)


def _review(fields: Fields) -> tuple[ReviewCard, ...]:
    items = fields.items("review")
    fields.count("review", len(items), 2, 6, "question")
    cards = []
    first_of: dict[str, int] = {}
    for index, item in enumerate(items):
        card = Fields(fields.file, item, fields.at("review") + (index,))
        card.only(REVIEW_FIELDS)
        card_id, question, answer = card.id("id"), card.text("q"), card.text("a")
        if card_id in first_of:
            fields.file.error(card.at("id"), f"duplicate id {card_id!r} (first in review[{first_of[card_id]}])")
            continue
        if card_id:
            first_of[card_id] = index
        if card_id and question and answer:
            cards.append(ReviewCard(id=card_id, question=question, answer=answer))
    return tuple(cards)


def read_path(path_id: str, file: ContentFile) -> Path:
    fields = Fields(file, file.data)
    fields.only(PATH_FIELDS)
    sections = []
    for index, item in enumerate(fields.items("sections")):
        section = Fields(file, item, ("sections", index))
        section.only(SECTION_FIELDS)
        entries = tuple(_entries(section))
        if section.ok and not entries and not section.items("topics", required=False):
            file.error(section.at("topics"), "the section lists no topics")
        sections.append(
            Section(title=section.text("title"), summary=section.text("summary", required=False), entries=entries)
        )
    if fields.ok and "sections" in fields.data and not sections:
        file.error(("sections",), "the path has no sections")
    return Path(
        id=path_id,
        title=fields.text("title"),
        summary=fields.text("summary"),
        description=fields.text("description", required=False),
        sections=tuple(sections),
        open=fields.flag("open"),
        start=fields.flag("start"),
        source=file.shown_path,
    )


def _entries(section: Fields):
    for index, item in enumerate(section.items("topics")):
        where = section.at("topics") + (index,)
        if isinstance(item, str):
            entry = Fields(section.file, {"topic": item}, where)
        else:
            entry = Fields(section.file, item, where, what="a topic id or a mapping")
            entry.only(ENTRY_FIELDS)
        topic_id = _entry_id(entry)
        if topic_id:
            yield PathEntry(topic_id=topic_id, optional=entry.flag("optional"))


def _entry_id(entry: Fields) -> str | None:
    value = entry.text("topic") if entry.ok else ""
    if value and not is_valid_id(value):
        entry.file.error(entry.where, f"{shown(value)} is not a valid id ({ID_RULE})")
        return None
    return value or None


def read_ladder(ladder_id: str, file: ContentFile) -> Ladder:
    fields = Fields(file, file.data)
    fields.only(LADDER_FIELDS)
    levels = []
    for index, item in enumerate(fields.items("levels")):
        level = Fields(file, item, ("levels", index))
        level.only(LEVEL_FIELDS)
        level_id = level.id("id")
        if level_id:
            levels.append(LadderLevel(id=level_id, title=level.text("title")))
    level_ids = [level.id for level in levels]
    areas = []
    for index, item in enumerate(fields.items("areas")):
        area = Fields(file, item, ("areas", index))
        area.only(AREA_FIELDS)
        areas.append(
            Area(
                id=area.id("id"),
                title=area.text("title"),
                responsibilities=tuple(_responsibilities(area, level_ids)),
            )
        )
    return Ladder(
        id=ladder_id,
        title=fields.text("title"),
        summary=fields.text("summary", required=False),
        levels=tuple(levels),
        areas=tuple(areas),
        ratings=_ratings(fields),
        source=file.shown_path,
    )


def _ratings(fields: Fields) -> tuple[RatingStep, ...]:
    """The scale, lowest first. Optional, but when given it is the whole scale in order: the rules
    of level readiness and the mentors' ratings depend on its ids."""
    items = fields.items("ratings", required=False)
    if not items:
        if fields.ok and "ratings" in fields.data:
            fields.file.error(("ratings",), f"the scale has no steps; give {', '.join(RATING_NAMES)}, lowest first")
        return ()
    steps = []
    for index, item in enumerate(items):
        step = Fields(fields.file, item, ("ratings", index))
        step.only(RATING_FIELDS)
        expected = RATING_NAMES[index] if index < len(RATING_NAMES) else None
        rating_id = step.text("id")
        if rating_id and rating_id != expected:
            fields.file.error(
                step.at("id"),
                f"{shown(rating_id)} is out of place: the scale is {', '.join(RATING_NAMES)}, lowest first",
            )
        label, meaning = step.text("label"), step.text("meaning")
        if step.ok and rating_id == expected and label and meaning:
            steps.append(RatingStep(id=rating_id, label=label, meaning=meaning))
    if len(items) < len(RATING_NAMES):
        missing = ", ".join(RATING_NAMES[len(items):])
        fields.file.error(("ratings",), f"the scale lacks {missing}; it is {', '.join(RATING_NAMES)}, lowest first")
    # A half-read scale would let people rate on steps that do not exist: none at all instead.
    return tuple(steps) if len(steps) == len(RATING_NAMES) else ()


def _responsibilities(area: Fields, level_ids: list[str]):
    for index, item in enumerate(area.items("responsibilities")):
        duty = Fields(area.file, item, area.at("responsibilities") + (index,))
        duty.only(RESPONSIBILITY_FIELDS)
        from_level = duty.choice("from", level_ids) if level_ids else duty.text("from")
        yield Responsibility(
            id=duty.id("id"),
            title=duty.text("title"),
            description=duty.text("description", required=False),
            from_level=from_level or "",
            topics=duty.id_list("topics"),
        )
