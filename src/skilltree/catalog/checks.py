"""Checks across files: references, prerequisite cycles, path order and unused topics."""

from __future__ import annotations

from skilltree.catalog.graph import find_cycles
from skilltree.catalog.models import Catalog
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

    for topic_id, file in topic_files.items():
        if topic_id not in used:
            file.warning((), "no path uses this topic")


def _check_unique(file: ContentFile, places: list[tuple], ids: list[str]) -> None:
    seen: set[str] = set()
    for where, value in zip(places, ids):
        if value and value in seen:
            file.error(where, f"duplicate id {value!r}")
        seen.add(value)
