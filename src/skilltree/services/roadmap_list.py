"""The roadmap's list view: sections to fold and unfold, narrowed to a status or a level."""

from __future__ import annotations

from dataclasses import dataclass

from skilltree.progress.models import Status
from skilltree.progress.path_progress import SectionProgress
from skilltree.services.results import PathOutline, PathTopic

# A path this short shows every section unfolded; a longer one unfolds the section you are in.
UNFOLD_ALL_UP_TO = 40


@dataclass(frozen=True, slots=True)
class ListSection:
    number: int  # 1-based, as the map numbers sections
    title: str
    summary: str
    topics: tuple[tuple[int, PathTopic], ...]  # the topics shown, each with its number in the whole path
    total: int  # topics in the section, shown or not
    progress: SectionProgress | None  # the learner's figures on the section
    unfolded: bool


def path_sections(roadmap: PathOutline, *, status: Status | None = None, level: str | None = None) -> list[ListSection]:
    """The roadmap's sections for the list. Narrowed to a status or a level, only the sections with
    a topic left show, unfolded; otherwise the section holding the next-up topic is unfolded (the
    first one for a visitor), or all of them on a short path."""
    narrowed = bool(status or level)
    everything = sum(len(section.topics) for section in roadmap.sections) <= UNFOLD_ALL_UP_TO
    sections, number = [], 0
    for index, section in enumerate(roadmap.sections):
        shown = []
        for topic in section.topics:
            number += 1
            if (status is None or (topic.status or Status.NOT_STARTED) == status) and (level is None or topic.level == level):
                shown.append((number, topic))
        if narrowed and not shown:
            continue
        holds_next = any(topic.next for topic in section.topics)
        first_for_visitor = roadmap.progress is None and index == 0
        sections.append(
            ListSection(
                index + 1, section.title, section.summary, tuple(shown), len(section.topics),
                section.progress, narrowed or everything or holds_next or first_for_visitor,
            )
        )
    return sections
