"""Search: keeping the index in step with the catalog, and answering what a learner types."""

from __future__ import annotations

from dataclasses import dataclass, replace

from skilltree.catalog.models import Catalog
from skilltree.errors import InvalidInput
from skilltree.progress.models import Learner
from skilltree.progress.next_up import status_of
from skilltree.search.documents import catalog_digest, search_document
from skilltree.search.hits import SearchHit
from skilltree.search.query import SearchQuery, parse_query
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory



@dataclass(frozen=True)
class IndexChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def index_catalog(uows: UnitOfWorkFactory, catalog: Catalog) -> IndexChanges:
    """Bring the search index in step with `catalog`; call it whenever a catalog is loaded for serving.

    Only new and changed topics are written and removed ones deleted. When the index already
    holds this catalog it costs one read (and, once per catalog, a fingerprint per topic), and
    takes no write lock.
    """
    digest = catalog_digest(catalog)
    with uows() as uow:
        if uow.search.catalog_key() == digest.key:
            return IndexChanges()
    with uows(write=True) as uow:
        uow.search.lock()
        # Read again under the lock: another process may have done some of the work meanwhile.
        if uow.search.catalog_key() == digest.key:
            return IndexChanges()
        stored = uow.search.fingerprints()
        wanted = digest.fingerprints
        changed = [topic_id for topic_id, content_hash in wanted.items() if stored.get(topic_id) != content_hash]
        removed = [topic_id for topic_id in stored if topic_id not in wanted]
        documents = [
            search_document(catalog.topics[topic_id], digest.path_ids.get(topic_id, ()), wanted[topic_id])
            for topic_id in changed
        ]
        uow.search.update(documents, removed)
        uow.search.set_catalog_key(digest.key)
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
    """The topics of `catalog` that best answer `query`, best first, with the learner's status on each when given.

    Any text is a valid query: what cannot be searched for is ignored, so the answer may be empty.
    `offset` skips that many of the best results (for paging). Searching only reads: whoever
    holds the catalog keeps the index in step with it (index_catalog), the web app at each
    content check and a command before it searches.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"the limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(f"the offset must be between 0 and {MAX_OFFSET}, not {offset}")
    terms = parse_query(query, catalog.synonyms)
    if not terms:
        return []
    hits = _catalog_hits(uow, catalog, terms, offset + limit)[offset:]
    if learner is None or not hits:
        return hits
    states = uow.progress.states(learner.id, [hit.topic_id for hit in hits])
    return [replace(hit, status=status_of(states, hit.topic_id).value) for hit in hits]


def _catalog_hits(uow: UnitOfWork, catalog: Catalog, terms: SearchQuery, wanted: int) -> list[SearchHit]:
    """The best `wanted` hits among the catalog's topics.

    The index may hold topics of another catalog, when another process indexed other content
    since the catalog's holder last checked; they are left out, and more are asked for so that a
    page stays full.
    """
    asked = wanted
    while True:
        hits = uow.search.search(terms, limit=asked)
        known = [hit for hit in hits if hit.topic_id in catalog.topics]
        if len(known) >= wanted or len(hits) < asked:
            return known[:wanted]
        asked *= 2
