"""Maps as the faces draw them: a cached layout, and the learner's statuses to colour it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog
from skilltree.maps.cache import LayoutCache
from skilltree.maps.layout import MapLayout, neighbourhood_layout, path_layout
from skilltree.progress.models import Learner, Status
from skilltree.progress.next_up import status_of
from skilltree.services.catalog import find_path, find_topic, path_report
from skilltree.services.results import PathReport

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class DrawnMap:
    """A layout and what a viewer's statuses make of it; statuses is None when nobody is signed in."""

    layout: MapLayout
    statuses: Mapping[str, Status] | None
    next_up: str | None = None
    current: str | None = None  # the topic a neighbourhood is drawn around
    progress: PathReport | None = None  # on a path's map: the learner's progress on it

    def status(self, topic_id: str) -> Status | None:
        return None if self.statuses is None else self.statuses.get(topic_id, Status.NOT_STARTED)


def path_map(uow: UnitOfWork, catalog: Catalog, *, layouts: LayoutCache, learner: Learner | None, path_id: str) -> DrawnMap:
    path = find_path(catalog, path_id=path_id)
    layout = layouts.get(catalog, ("path", path.id), lambda: path_layout(path, catalog))
    if learner is None:
        return DrawnMap(layout, None)
    states = uow.progress.states(learner.id)
    statuses = {node.topic_id: status_of(states, node.topic_id) for node in layout.nodes}
    report = path_report(catalog, path, states)
    return DrawnMap(layout, statuses, report.next.id if report.next else None, progress=report)


def neighbourhood_map(
    uow: UnitOfWork, catalog: Catalog, *, layouts: LayoutCache, learner: Learner | None, topic_id: str
) -> DrawnMap:
    topic = find_topic(catalog, topic_id=topic_id)
    layout = layouts.get(catalog, ("topic", topic.id), lambda: neighbourhood_layout(catalog, topic.id))
    if learner is None:
        return DrawnMap(layout, None, current=topic.id)
    states = uow.progress.states(learner.id, [node.topic_id for node in layout.nodes])
    statuses = {node.topic_id: status_of(states, node.topic_id) for node in layout.nodes}
    return DrawnMap(layout, statuses, current=topic.id)
