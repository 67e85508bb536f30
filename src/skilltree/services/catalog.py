"""Reading the catalog: look-ups with helpful errors, and the documents every face shows."""

from __future__ import annotations

from collections.abc import Mapping

from skilltree.catalog.figures import path_figures
from skilltree.catalog.graph import dependents
from skilltree.catalog.models import Catalog, Ladder, Path, Responsibility, Topic
from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import LadderNotFound, PathNotFound, TopicNotFound
from skilltree.progress.models import Status
from skilltree.progress.path_progress import Tally


def find_path(catalog: Catalog, *, path_id: str) -> Path:
    path = catalog.paths.get(path_id)
    if path is None:
        raise PathNotFound(f"no path {path_id!r}{did_you_mean(path_id, catalog.paths)}")
    return path


def find_topic(catalog: Catalog, *, topic_id: str) -> Topic:
    topic = catalog.topics.get(topic_id)
    if topic is None:
        raise TopicNotFound(f"no topic {topic_id!r}{did_you_mean(topic_id, catalog.topics)}")
    return topic


def find_ladder(catalog: Catalog, *, ladder_id: str) -> Ladder:
    ladder = catalog.ladders.get(ladder_id)
    if ladder is None:
        raise LadderNotFound(f"no ladder {ladder_id!r}{did_you_mean(ladder_id, catalog.ladders)}")
    return ladder


def path_summaries(catalog: Catalog) -> list[dict]:
    """Every path with its figures, in id order."""
    return [
        {"id": path.id, "title": path.title, "summary": path.summary, "figures": path_figures(path, catalog).as_dict()}
        for path in sorted(catalog.paths.values(), key=lambda p: p.id)
    ]


def path_outline(catalog: Catalog, *, path_id: str) -> dict:
    """A path's roadmap: its figures and its sections in order, each topic with level and minutes."""
    path = find_path(catalog, path_id=path_id)
    sections = []
    for section in path.sections:
        topics = []
        for entry in section.entries:
            topic = catalog.topics.get(entry.topic_id)
            if topic is None:
                continue
            topics.append(
                {
                    "id": topic.id,
                    "title": topic.title,
                    "level": topic.level.value,
                    "minutes": topic.minutes,
                    "optional": entry.optional,
                    "prerequisites": list(topic.prerequisites),
                }
            )
        sections.append({"title": section.title, "summary": section.summary, "topics": topics})
    return {
        "id": path.id,
        "title": path.title,
        "summary": path.summary,
        "description": path.description,
        "figures": path_figures(path, catalog).as_dict(),
        "sections": sections,
    }


def topic_detail(catalog: Catalog, *, topic_id: str) -> dict:
    """Everything a topic page shows: the article, its neighbours in the graph and its paths."""
    topic = find_topic(catalog, topic_id=topic_id)
    graph = {t.id: t.prerequisites for t in catalog.topics.values()}
    return {
        "id": topic.id,
        "title": topic.title,
        "summary": topic.summary,
        "level": topic.level.value,
        "minutes": topic.minutes,
        "minutes_note": topic.minutes_note,
        "tags": list(topic.tags),
        "prerequisites": [_link(catalog, p) for p in topic.prerequisites],
        "unlocks": [_link(catalog, t) for t in sorted(dependents(graph).get(topic.id, ()))],
        "paths": [{"id": p.id, "title": p.title} for p in catalog.paths_containing(topic.id)],
        "responsibilities": _responsibilities_prepared_by(catalog, topic.id),
        "body": topic.body,
        "resources": [
            {k: v for k, v in vars(r).items() if v is not None} for r in topic.resources
        ],
        "review": [{"q": card.question, "a": card.answer} for card in topic.review],
        "asks": list(topic.asks),
    }


def _responsibilities_prepared_by(catalog: Catalog, topic_id: str) -> list[dict]:
    """The ladder responsibilities that list the topic among those preparing for them, ladder by ladder."""
    found = []
    for ladder in sorted(catalog.ladders.values(), key=lambda ladder: ladder.id):
        for area in ladder.areas:
            for duty in area.responsibilities:
                if topic_id in duty.topics:
                    found.append(
                        {
                            "ladder": {"id": ladder.id, "title": ladder.title},
                            "id": duty.id,
                            "title": duty.title,
                            "from_title": _from_title(ladder, duty),
                        }
                    )
    return found


def ladder_summaries(catalog: Catalog) -> list[dict]:
    """Every ladder with its levels and how many responsibilities it names, in id order."""
    return [
        {
            "id": ladder.id,
            "title": ladder.title,
            "summary": ladder.summary,
            "levels": _levels(ladder),
            "responsibilities": sum(len(area.responsibilities) for area in ladder.areas),
        }
        for ladder in sorted(catalog.ladders.values(), key=lambda ladder: ladder.id)
    ]


def ladder_outline(catalog: Catalog, *, ladder_id: str, statuses: Mapping[str, str] | None = None) -> dict:
    """A seniority ladder: its levels in order, and per area each responsibility with the lowest
    level that holds it (every level above holds it too) and the topics that prepare for it.

    With a learner's `statuses` (topic id -> status), each topic carries its status and each
    responsibility its `progress`, counted as a path's is: done out of its topics less the skipped.
    """
    ladder = find_ladder(catalog, ladder_id=ladder_id)
    order = [level.id for level in ladder.levels]
    outline = {
        "id": ladder.id,
        "title": ladder.title,
        "summary": ladder.summary,
        "levels": _levels(ladder),
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "responsibilities": [
                    {
                        "id": duty.id,
                        "title": duty.title,
                        "description": duty.description,
                        "from": duty.from_level,
                        "from_title": _from_title(ladder, duty),
                        "levels": order[order.index(duty.from_level):] if duty.from_level in order else [],
                        "topics": [_link(catalog, topic_id) for topic_id in duty.topics if topic_id in catalog.topics],
                    }
                    for duty in area.responsibilities
                ],
            }
            for area in ladder.areas
        ],
    }
    if statuses is not None:
        for area in outline["areas"]:
            for duty in area["responsibilities"]:
                tally = Tally()
                for topic in duty["topics"]:
                    topic["status"] = statuses.get(topic["id"], Status.NOT_STARTED.value)
                    tally = tally.add(Status(topic["status"]))
                duty["progress"] = tally.as_dict()
    return outline


def _levels(ladder: Ladder) -> list[dict]:
    return [{"id": level.id, "title": level.title} for level in ladder.levels]


def _from_title(ladder: Ladder, duty: Responsibility) -> str:
    """The title of the lowest level that holds the responsibility."""
    return next((level.title for level in ladder.levels if level.id == duty.from_level), duty.from_level)


def _link(catalog: Catalog, topic_id: str) -> dict:
    topic = catalog.topics.get(topic_id)
    return {"id": topic_id, "title": topic.title if topic else topic_id}
