"""Search: keeping the index in step with the catalog, and answering what a learner types."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Engine

from skilltree.catalog.models import Catalog
from skilltree.errors import InvalidInput
from skilltree.progress.models import Learner
from skilltree.progress.next_up import status_of
from skilltree.search.documents import fingerprint, paths_by_topic, search_document
from skilltree.search.hits import SearchHit
from skilltree.search.query import parse_query
from skilltree.store.uow import UnitOfWork

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_OFFSET = 1000


@dataclass(frozen=True)
class IndexChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def index_catalog(engine: Engine, catalog: Catalog) -> IndexChanges:
    """Bring the search index in step with `catalog`; call it whenever a catalog is loaded for serving.

    Only new and changed topics are written and removed ones deleted. When nothing changed it
    costs a fingerprint per topic and one read, and takes no write lock.
    """
    path_ids = paths_by_topic(catalog)
    wanted = {topic.id: fingerprint(topic, path_ids.get(topic.id, ())) for topic in catalog.topics.values()}
    with UnitOfWork(engine) as uow:
        if uow.search.fingerprints() == wanted:
            return IndexChanges()
    with UnitOfWork(engine, write=True) as uow:
        uow.search.lock()
        # Read again under the lock: another process may have done some of the work meanwhile.
        stored = uow.search.fingerprints()
        changed = [topic_id for topic_id, digest in wanted.items() if stored.get(topic_id) != digest]
        removed = [topic_id for topic_id in stored if topic_id not in wanted]
        documents = [
            search_document(catalog.topics[topic_id], path_ids.get(topic_id, ()), wanted[topic_id])
            for topic_id in changed
        ]
        uow.search.update(documents, removed)
        uow.commit()
    added = sum(1 for topic_id in changed if topic_id not in stored)
    return IndexChanges(added=added, updated=len(changed) - added, removed=len(removed))


def search(
    uow: UnitOfWork,
    catalog: Catalog,
    *,
    query: str,
    learner: Learner | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[SearchHit]:
    """The topics that best answer `query`, best first, with the learner's status on each when given.

    Any text is a valid query: what cannot be searched for is ignored, so the answer may be empty.
    `offset` skips that many of the best results (for paging).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"the limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(f"the offset must be between 0 and {MAX_OFFSET}, not {offset}")
    hits = uow.search.search(parse_query(query, catalog.synonyms), limit=offset + limit)[offset:]
    if learner is None or not hits:
        return hits
    states = uow.progress.states(learner.id, [hit.topic_id for hit in hits])
    return [replace(hit, status=status_of(states, hit.topic_id).value) for hit in hits]
