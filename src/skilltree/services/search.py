"""Search: keeping the index in step with the catalog, and answering what a learner types."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog
from skilltree.errors import InvalidInput
from skilltree.progress.models import Learner
from skilltree.progress.next_up import status_of
from skilltree.search import embedding
from skilltree.search.documents import catalog_digest, plain_text, search_document
from skilltree.search.fusion import fuse
from skilltree.search.hits import SearchHit
from skilltree.search.query import SearchQuery, parse_query, words_of
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from skilltree.search.typos import corrected, vocabulary

if TYPE_CHECKING:
    from skilltree.store.search_vectors import SearchVectors
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

# How the two rankings are fused (search.fusion): full text, weighing 1, and meaning, weighing
# each engine's meaning_weight (store.search_index; SQLite's in store.search_sqlite_reader),
# measured on the tuning set only (bench/search_relevance.py; meaning weights 0.2 to 1, rank
# constants 10 to 60, pools of 10 to 30). Meaning lifts and adds topics but leaves the words to
# decide most.
TEXT_WEIGHT = 1.0
FUSION_POOL = 20
# Where the meaning ranking runs beside the text query: its matrix product, like the database,
# lets other threads run, so a search waits for the longer of the two rather than their sum
# (bench/search_speed.py, the 10,000-topic catalog: ~1.5 ms of a search's ~5).
_beside = ThreadPoolExecutor(max_workers=2, thread_name_prefix="skilltree-meaning")


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    # What was searched for instead of the query, when some of its words were typos.
    corrected_query: str | None = None


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
    key = index_key(catalog)
    with uows() as uow:
        if uow.search.catalog_key() == key:
            return IndexChanges()
    with uows(write=True) as uow:
        uow.search.lock()
        # Read again under the lock: another process may have done some of the work meanwhile.
        if uow.search.catalog_key() == key:
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
        _index_vectors(uow.search_vectors, catalog, wanted)
        uow.search.set_catalog_key(key)
        uow.commit()
    added = sum(1 for topic_id in changed if topic_id not in stored)
    return IndexChanges(added=added, updated=len(changed) - added, removed=len(removed))


def index_key(catalog: Catalog) -> str:
    """The key of `catalog` in the index (SearchIndex.catalog_key()) once index_catalog has brought it in step."""
    # The model is part of the key, so that choosing another model computes the vectors again.
    return f"{catalog_digest(catalog).key} {embedding.configured_model()}"


def _index_vectors(vectors: SearchVectors, catalog: Catalog, fingerprints: dict[str, str]) -> None:
    """Compute the vectors of topics that have none of this model and content; forget removed topics'."""
    embedder = embedding.current_embedder()
    stored = vectors.keys()
    removed = [topic_id for topic_id in stored if topic_id not in fingerprints]
    model = embedder.name if embedder else None
    missing = [topic_id for topic_id, content_hash in fingerprints.items() if stored.get(topic_id) != (content_hash, model)]
    fresh = {}
    if embedder and missing:
        rows = embedder.embed([embedding.topic_text(catalog.topics[topic_id]) for topic_id in missing])
        fresh = {topic_id: (fingerprints[topic_id], model, row.tobytes()) for topic_id, row in zip(missing, rows)}
    vectors.replace(fresh, removed)


def find(
    uow: UnitOfWork,
    catalog: Catalog,
    *,
    query: str,
    learner: Learner | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> SearchResults:
    """What search shows a learner: the results of `query`, or of its correction when some words were typos."""
    fixed = corrected(query, catalog)
    hits = search(uow, catalog, query=fixed or query, learner=learner, limit=limit, offset=offset)
    return SearchResults(hits=hits, corrected_query=fixed)


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
    wanted = offset + limit
    pool = max(wanted, FUSION_POOL)
    # A model in memory already (a server's is, from indexing) ranks beside the text query.
    loaded = embedding.loaded_embedder() is not None
    ranking = _meaning_ranking(uow, catalog, query, pool) if loaded else None
    beside = _beside.submit(ranking) if ranking else None
    hits = _catalog_hits(uow, catalog, terms, pool)
    # Meaning alone never answers: every text has a nearest topic, even "zzzqqq", so when no word
    # matched, the honest answer is none.
    if not hits:
        if beside:
            beside.cancel()
        return []
    if not loaded:  # loaded only now that some word matched
        ranking = _meaning_ranking(uow, catalog, query, pool)
    meaning = beside.result() if beside else ranking() if ranking else []
    if meaning:
        by_id = {hit.topic_id: hit for hit in hits}
        order = fuse([(TEXT_WEIGHT, list(by_id)), (uow.search.meaning_weight, meaning)])
        # Only the page asked for: a hit found by meaning alone is made from the catalog.
        hits = [by_id.get(topic_id) or _unmatched_hit(catalog, topic_id) for topic_id in order[offset:wanted]]
    else:
        hits = hits[offset:wanted]
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


# (database, catalog key, model) -> (topic ids, their vectors as rows of one matrix): read once per process.
_matrices: dict[tuple[str, str, str], tuple[list[str], object]] = {}


def _vectors(uow: UnitOfWork, catalog: Catalog):
    """(topic ids, their vectors as the rows of one matrix) of the catalog's topics, read once per process;
    None when no model is loaded or no topic has a vector yet."""
    embedder = embedding.current_embedder()
    if embedder is None:
        return None
    import numpy as np  # only once a model is on: a command that searches by words alone never pays for it

    cache_key = (uow.database, catalog_digest(catalog).key, embedder.name)
    if cache_key not in _matrices:
        stored = uow.search_vectors.all(embedder.name)
        topic_ids = [topic_id for topic_id in stored if topic_id in catalog.topics]
        if not topic_ids:
            return None  # not indexed yet: read again next time
        rows = [np.frombuffer(stored[topic_id], dtype=np.float32) for topic_id in topic_ids]
        _matrices[cache_key] = (topic_ids, np.vstack(rows))
    return _matrices[cache_key]


def _meaning_ranking(uow: UnitOfWork, catalog: Catalog, query: str, wanted: int) -> Callable[[], list[str]] | None:
    """What gives the ids of the `wanted` topics closest in meaning to `query`, best first: read from
    `uow` now, computed when called, on any thread (it reads no database); None when no model is loaded."""
    embedder = embedding.current_embedder()
    # Its words only, as the engines see them: what else was typed (even bytes that are not text) is not asked.
    words = _finished_words(query, catalog)
    vectors = _vectors(uow, catalog) if words else None
    if embedder is None or vectors is None:
        return None
    return partial(_closest, embedder, vectors, " ".join(words), wanted)


def _closest(embedder: embedding.Embedder, vectors, text: str, wanted: int) -> list[str]:
    import numpy as np

    topic_ids, matrix = vectors
    scores = embedding.similarities(matrix, embedder.embed_query(text))
    if wanted < len(topic_ids):
        best = np.argpartition(-scores, wanted)[:wanted]  # the best `wanted` without sorting them all
        best = best[np.argsort(-scores[best], kind="stable")]
    else:
        best = np.argsort(-scores, kind="stable")
    return [topic_ids[index] for index in best]


def _finished_words(query: str, catalog: Catalog) -> list[str]:
    """The query's words that mean something yet: a last word still being typed ("autosc", which starts
    a known word but is none) is left out, because the model reads a fragment as some other word."""
    words = words_of(query)
    if words and query.lower().endswith(words[-1]):
        known = vocabulary(catalog)
        if words[-1] not in known.words and known.starts_a_word(words[-1]):
            words.pop()
    return words


# How many related topics a topic page shows.
RELATED_LIMIT = 5


def related_topics(uow: UnitOfWork, catalog: Catalog, *, topic_id: str, limit: int = RELATED_LIMIT) -> list[str]:
    """The ids of the topics closest in meaning to `topic_id`, best first, leaving out its prerequisites
    and the topics it unlocks (a topic page shows those already); none when no model is loaded."""
    vectors = _vectors(uow, catalog)
    if vectors is None or topic_id not in vectors[0]:
        return []
    import numpy as np

    topic_ids, matrix = vectors
    shown = {topic_id, *catalog.topics[topic_id].prerequisites}
    shown |= {other.id for other in catalog.topics.values() if topic_id in other.prerequisites}
    scores = embedding.similarities(matrix, matrix[topic_ids.index(topic_id)])
    ranked = (topic_ids[index] for index in np.argsort(-scores, kind="stable"))
    return [other for other in ranked if other not in shown][:limit]


def _unmatched_hit(catalog: Catalog, topic_id: str) -> SearchHit:
    """A result found by meaning alone: no word matched, so its snippet is the summary."""
    topic = catalog.topics[topic_id]
    return SearchHit(
        topic_id=topic.id,
        title=plain_text(topic.title),
        level=topic.level.value,
        minutes=topic.minutes,
        path_ids=catalog_digest(catalog).path_ids.get(topic_id, ()),
        snippet=plain_text(topic.summary),
    )
