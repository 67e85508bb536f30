"""What to read next on a path, and what stands in the way of a topic."""

from __future__ import annotations

from collections.abc import Mapping

from skilltree.catalog.models import Catalog, Path
from skilltree.progress.models import Status, TopicState


def status_of(states: Mapping[str, TopicState], topic_id: str) -> Status:
    state = states.get(topic_id)
    return state.status if state else Status.NOT_STARTED


def blockers(topic_id: str, catalog: Catalog, states: Mapping[str, TopicState]) -> list[str]:
    """Prerequisites of the topic that are neither done nor skipped, in the order listed."""
    topic = catalog.topics.get(topic_id)
    if topic is None:
        return []
    return [p for p in topic.prerequisites if not status_of(states, p).settled]


def next_up(path: Path, catalog: Catalog, states: Mapping[str, TopicState]) -> str | None:
    """The first topic in path order that is not settled and whose prerequisites all are.

    Optional topics can wait for a second pass, so they come up only once every
    required topic is settled or blocked.
    """
    required = [e.topic_id for e in path.entries if not e.optional]
    optional = [e.topic_id for e in path.entries if e.optional]
    for topic_id in required + optional:
        if not status_of(states, topic_id).settled and not blockers(topic_id, catalog, states):
            return topic_id
    return None
