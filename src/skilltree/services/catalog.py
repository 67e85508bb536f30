"""Reading the catalog: look-ups with helpful errors, and the documents every face shows."""

from __future__ import annotations

from collections.abc import Mapping

from skilltree.catalog.figures import path_figures
from skilltree.catalog.graph import dependents
from skilltree.catalog.models import Catalog, Ladder, Path, Responsibility, Topic
from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import LadderNotFound, PathNotFound, TopicNotFound
from skilltree.progress.models import TopicState
from skilltree.progress.next_up import blockers, next_up, status_of
from skilltree.progress.path_progress import path_progress, tally_of
from skilltree.services.results import (
    AreaOutline,
    LadderLevelLink,
    LadderOutline,
    LadderSummary,
    LadderTopic,
    PathOutline,
    PathReport,
    PathSummary,
    PathTopic,
    PreparedResponsibility,
    ResponsibilityOutline,
    ReviewQuestion,
    SectionOutline,
    TopicDetail,
    TopicLink,
)


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


def path_summaries(catalog: Catalog) -> list[PathSummary]:
    """Every path with its figures: the start path first, then by size (a newcomer's order)."""
    paths = sorted(catalog.paths.values(), key=lambda p: (not p.start, len(p.entries), p.id))
    return [PathSummary(path.id, path.title, path.summary, path_figures(path, catalog), path.start) for path in paths]


def path_report(catalog: Catalog, path: Path, states: Mapping[str, TopicState]) -> PathReport:
    """A learner's progress on `path` and the next topic to read on it."""
    return PathReport(path.title, path_progress(path, catalog, states), topic_link(catalog, next_up(path, catalog, states)))


def path_outline(catalog: Catalog, *, path_id: str, states: Mapping[str, TopicState] | None = None) -> PathOutline:
    """A path's roadmap: its figures and its sections in order, each topic with level and minutes;
    with a learner's `states`, each topic's status, what it waits on and whether it is next, and
    the progress of every section and of the whole path."""
    path = find_path(catalog, path_id=path_id)
    report = path_report(catalog, path, states) if states is not None else None
    sections = []
    for index, section in enumerate(path.sections):
        topics = []
        for entry in section.entries:
            topic = catalog.topics.get(entry.topic_id)
            if topic is None:
                continue
            mine = {}
            if states is not None:
                status = status_of(states, topic.id)
                waiting_on = () if status.settled else blockers(topic.id, catalog, states)
                mine = {
                    "status": status,
                    "blocked_by": tuple(topic_link(catalog, p) for p in waiting_on),
                    "next": report.next is not None and report.next.id == topic.id,
                }
            topics.append(
                PathTopic(topic.id, topic.title, topic.level.value, topic.minutes, entry.optional, topic.prerequisites, **mine)
            )
        progress = report.sections[index] if report else None
        sections.append(SectionOutline(section.title, section.summary, tuple(topics), progress))
    return PathOutline(
        path.id, path.title, path.summary, path.description, path_figures(path, catalog), tuple(sections), report
    )


def topic_detail(catalog: Catalog, *, topic_id: str) -> TopicDetail:
    """Everything a topic page shows: the article, its neighbours in the graph and its paths."""
    topic = find_topic(catalog, topic_id=topic_id)
    graph = {t.id: t.prerequisites for t in catalog.topics.values()}
    return TopicDetail(
        id=topic.id,
        title=topic.title,
        summary=topic.summary,
        level=topic.level.value,
        minutes=topic.minutes,
        minutes_note=topic.minutes_note,
        tags=topic.tags,
        prerequisites=tuple(topic_link(catalog, p) for p in topic.prerequisites),
        unlocks=tuple(topic_link(catalog, t) for t in sorted(dependents(graph).get(topic.id, ()))),
        paths=tuple(TopicLink(p.id, p.title) for p in catalog.paths_containing(topic.id)),
        responsibilities=_responsibilities_prepared_by(catalog, topic.id),
        body=topic.body,
        resources=topic.resources,
        review=tuple(ReviewQuestion(card.id, card.question, card.answer) for card in topic.review),
        asks=topic.asks,
    )


def _responsibilities_prepared_by(catalog: Catalog, topic_id: str) -> tuple[PreparedResponsibility, ...]:
    """The ladder responsibilities that list the topic among those preparing for them, ladder by ladder."""
    return tuple(
        PreparedResponsibility(TopicLink(ladder.id, ladder.title), duty.id, duty.title, _from_title(ladder, duty))
        for ladder in sorted(catalog.ladders.values(), key=lambda ladder: ladder.id)
        for area in ladder.areas
        for duty in area.responsibilities
        if topic_id in duty.topics
    )


def ladder_summaries(catalog: Catalog) -> list[LadderSummary]:
    """Every ladder with its levels and how many responsibilities it names, in id order."""
    return [
        LadderSummary(
            ladder.id, ladder.title, ladder.summary, _levels(ladder), sum(len(area.responsibilities) for area in ladder.areas)
        )
        for ladder in sorted(catalog.ladders.values(), key=lambda ladder: ladder.id)
    ]


def ladder_outline(catalog: Catalog, *, ladder_id: str, states: Mapping[str, TopicState] | None = None) -> LadderOutline:
    """A seniority ladder: its levels in order, and per area each responsibility with the lowest
    level that holds it (every level above holds it too) and the topics that prepare for it.

    With a learner's `states`, each topic carries its status and each responsibility its
    progress, counted as a path's is (progress.path_progress.Tally).
    """
    ladder = find_ladder(catalog, ladder_id=ladder_id)
    def outline(duty: Responsibility) -> ResponsibilityOutline:
        topic_ids = [topic_id for topic_id in duty.topics if topic_id in catalog.topics]
        statuses = [status_of(states, topic_id) for topic_id in topic_ids] if states is not None else None
        return ResponsibilityOutline(
            id=duty.id,
            title=duty.title,
            description=duty.description,
            from_level=duty.from_level,
            from_title=_from_title(ladder, duty),
            levels=ladder.level_ids_holding(duty),
            topics=tuple(
                LadderTopic(topic_id, catalog.topics[topic_id].title, statuses[i] if statuses else None)
                for i, topic_id in enumerate(topic_ids)
            ),
            progress=tally_of(statuses) if statuses is not None else None,
        )

    return LadderOutline(
        ladder.id,
        ladder.title,
        ladder.summary,
        _levels(ladder),
        ladder.ratings,
        tuple(AreaOutline(area.id, area.title, tuple(outline(duty) for duty in area.responsibilities)) for area in ladder.areas),
    )


def _levels(ladder: Ladder) -> tuple[LadderLevelLink, ...]:
    return tuple(LadderLevelLink(level.id, level.title) for level in ladder.levels)


def _from_title(ladder: Ladder, duty: Responsibility) -> str:
    """The title of the lowest level that holds the responsibility."""
    return next((level.title for level in ladder.levels if level.id == duty.from_level), duty.from_level)


def topic_link(catalog: Catalog, topic_id: str | None) -> TopicLink | None:
    """A link to a topic, titled even when the content no longer has it (history outlives content)."""
    if topic_id is None:
        return None
    topic = catalog.topics.get(topic_id)
    return TopicLink(topic_id, topic.title if topic else topic_id)
