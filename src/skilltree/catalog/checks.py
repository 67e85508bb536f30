"""Checks across files: references, prerequisite cycles, path order and completeness,
repeated review questions and unused topics."""

from __future__ import annotations

import re

from skilltree.catalog.graph import find_cycles
from skilltree.catalog.models import Catalog, Path
from skilltree.catalog.source import ContentFile
from skilltree.catalog.suggest import did_you_mean


def check_catalog(
    catalog: Catalog,
    topic_files: dict[str, ContentFile],
    path_files: dict[str, ContentFile],
    ladder_files: dict[str, ContentFile],
    unreadable_topics: set[str],
) -> None:
    known = set(catalog.topics) | unreadable_topics

    def unknown(file: ContentFile, where, topic_id: str, what: str) -> None:
        file.error(where, f"unknown {what} {topic_id!r}{did_you_mean(topic_id, catalog.topics)}")

    for topic in catalog.topics.values():
        for index, prerequisite in enumerate(topic.prerequisites):
            if prerequisite not in known:
                unknown(topic_files[topic.id], ("prerequisites", index), prerequisite, "prerequisite")

    graph = {topic.id: [p for p in topic.prerequisites if p in catalog.topics] for topic in catalog.topics.values()}
    for cycle in find_cycles(graph):
        topic_files[cycle[0]].error(("prerequisites",), "prerequisite cycle: " + " -> ".join(cycle))

    used: set[str] = set()
    for path in catalog.paths.values():
        file = path_files[path.id]
        position: dict[str, int] = {}
        where_of: dict[str, tuple] = {}
        for s_index, section in enumerate(path.sections):
            for e_index, entry in enumerate(section.entries):
                where = ("sections", s_index, "topics", e_index)
                if entry.topic_id not in known:
                    unknown(file, where, entry.topic_id, "topic")
                elif entry.topic_id in position:
                    first = where_of[entry.topic_id]
                    file.error(
                        where,
                        f"{entry.topic_id!r} is listed twice in this path "
                        f"(first in sections[{first[1]}].topics[{first[3]}])",
                    )
                    continue
                position[entry.topic_id] = len(position)
                where_of[entry.topic_id] = where
        used.update(position)
        for topic_id, index in position.items():
            topic = catalog.topics.get(topic_id)
            for prerequisite in topic.prerequisites if topic else ():
                if position.get(prerequisite, -1) > index:
                    file.warning(
                        where_of[topic_id],
                        f"{topic_id!r} comes before its prerequisite {prerequisite!r} in this path",
                    )
        if not path.open:
            _check_path_holds_prerequisites(catalog, path, file, position, where_of, known)

    for ladder in catalog.ladders.values():
        file = ladder_files[ladder.id]
        _check_unique(file, [("levels", i, "id") for i in range(len(ladder.levels))], [lv.id for lv in ladder.levels])
        _check_unique(file, [("areas", i, "id") for i in range(len(ladder.areas))], [a.id for a in ladder.areas])
        duties = [
            (("areas", a, "responsibilities", r, "id"), duty.id)
            for a, area in enumerate(ladder.areas)
            for r, duty in enumerate(area.responsibilities)
        ]
        _check_unique(file, [w for w, _ in duties], [d for _, d in duties])
        for a, area in enumerate(ladder.areas):
            for r, duty in enumerate(area.responsibilities):
                for t, topic_id in enumerate(duty.topics):
                    if topic_id not in known:
                        unknown(file, ("areas", a, "responsibilities", r, "topics", t), topic_id, "topic")

    _check_review_questions_differ(catalog, topic_files)

    for topic_id, file in topic_files.items():
        if topic_id not in used:
            file.warning((), "no path uses this topic")

    starts = sorted(path.id for path in catalog.paths.values() if path.start)
    for path_id in starts[1:]:
        path_files[path_id].error(("start",), f"only one path can be where newcomers start, and {starts[0]!r} already is")


def _check_unique(file: ContentFile, places: list[tuple], ids: list[str]) -> None:
    seen: set[str] = set()
    for where, value in zip(places, ids):
        if value and value in seen:
            file.error(where, f"duplicate id {value!r}")
        seen.add(value)


def _check_path_holds_prerequisites(
    catalog: Catalog,
    path: Path,
    file: ContentFile,
    position: dict[str, int],
    where_of: dict[str, tuple],
    known: set[str],
) -> None:
    """A learner who reads every required topic of a path must not be sent to a topic outside it."""
    required = dict.fromkeys(entry.topic_id for entry in path.entries if not entry.optional)
    for topic_id in required:
        topic = catalog.topics.get(topic_id)
        for prerequisite in topic.prerequisites if topic else ():
            # An unknown prerequisite is already an error on the topic itself.
            if prerequisite not in position and prerequisite in known:
                file.warning(
                    where_of[topic_id],
                    f"{topic_id!r} needs {prerequisite!r}, which this path does not contain",
                )


def _check_review_questions_differ(catalog: Catalog, topic_files: dict[str, ContentFile]) -> None:
    """Two topics asking the same question make one card twice; the later one is reported."""
    first_asked: dict[str, tuple[str, int]] = {}
    for topic in catalog.topics.values():
        # The index counts the cards read, as the file does unless an earlier card lacked its text (an error).
        for index, card in enumerate(topic.review):
            key = _normalised_question(card.question)
            first = first_asked.setdefault(key, (topic.id, index))
            if first[0] != topic.id:
                topic_files[topic.id].warning(
                    ("review", index, "q"),
                    f"repeats a review question of {first[0]!r} (review[{first[1]}])",
                )


def _normalised_question(question: str) -> str:
    """Case, spacing and punctuation do not make a question different."""
    words = re.sub(r"[^\w\s]", "", question.casefold()).split()
    return " ".join(words)
