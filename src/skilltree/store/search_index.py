"""The search index: what both engines share, and the choice of engine.

Every topic has a row in `search_topics` (what a result shows) and its words in an
engine-specific index keyed by the same id: two FTS5 tables on SQLite (store/search_sqlite.py),
weighted tsvectors on PostgreSQL (store/search_postgres.py). Each topic is indexed in two parts,
its head (title, tags, summary, resource titles, asks) and its body.

Both engines rank by the same rules, which store/search_rules.py states with their numbers
(CANDIDATES, RARE_WORD_TOPICS, COMMON_SCAN) and the choice of snippet: they need no SQLAlchemy,
and neither does the SQLite ranking (store/search_sqlite_reader.py), so that `skilltree search`
can answer from the default SQLite file without it.

One database holds one index, but commands may search it with another content directory than
the server's: the key of the catalog the index holds (search.documents.CatalogDigest) is kept
beside it, so that whoever holds a catalog (the server at each content check, a command before
it searches) can tell with one read whether the index must be brought in step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from sqlalchemy import Connection, select

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import SearchHit
from skilltree.search.query import SearchQuery
from skilltree.store.search_rules import CATALOG_KEY_SETTING
from skilltree.store.site_settings import read_setting, write_setting
from skilltree.store.tables import search_topics

# Indexing this many topics at once is a bulk change, settled at once (see _settle_bulk_change).
BULK_CHANGE = 200
# Rows per statement when a whole catalog is written at once.
_BATCH = 1000


class SearchIndex:
    # How much the meaning ranking counts in search's fusion (services.search), against 1 for this
    # engine's full-text ranking: each engine ranks words its own way, so each has its weight,
    # measured on the tuning set and the questions only (bench/search_relevance.py).
    meaning_weight = 0.2

    def __init__(self, connection: Connection):
        self.connection = connection

    def fingerprints(self) -> dict[str, str]:
        """topic id -> content hash of every indexed topic."""
        rows = self.connection.execute(select(search_topics.c.topic_id, search_topics.c.content_hash))
        return dict(rows.all())

    def catalog_key(self) -> str | None:
        """The key of the catalog the index holds; None before anything was indexed."""
        return read_setting(self.connection, CATALOG_KEY_SETTING)

    def set_catalog_key(self, key: str) -> None:
        """Record which catalog the index now holds, in the transaction that indexed it."""
        write_setting(self.connection, CATALOG_KEY_SETTING, key)

    def lock(self) -> None:
        """Serialise indexing with other processes until the transaction ends (SQLite's write lock already does)."""

    def update(self, documents: Sequence[SearchDocument], removed: Collection[str]) -> None:
        """Index `documents` (new or changed topics) afresh, and forget the topics `removed`."""
        self._forget(list(self._ids_of(list(removed)).values()))
        for batch in _batches(list(documents)):
            self._forget(list(self._ids_of([document.topic_id for document in batch]).values()))
            self.connection.execute(
                search_topics.insert(),
                [
                    {
                        "topic_id": document.topic_id,
                        "content_hash": document.content_hash,
                        "title": document.title,
                        "level": document.level,
                        "minutes": document.minutes,
                        "path_ids": " ".join(document.path_ids),
                    }
                    for document in batch
                ],
            )
            ids = self._ids_of([document.topic_id for document in batch])
            self._insert_words([(ids[document.topic_id], document) for document in batch])
        if len(documents) + len(removed) >= BULK_CHANGE:
            self._settle_bulk_change()

    def _settle_bulk_change(self) -> None:
        """After a bulk change, do now the upkeep the engine would otherwise leave for much later."""

    def _forget(self, ids: list[int]) -> None:
        for batch in _batches(ids):
            self._delete_words(batch)
            self.connection.execute(search_topics.delete().where(search_topics.c.id.in_(batch)))

    def search(self, query: SearchQuery, *, limit: int) -> list[SearchHit]:
        """The best `limit` topics for `query`, best first; none for an empty query."""
        return self._search(query, limit) if query else []

    def _ids_of(self, topic_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for batch in _batches(topic_ids):
            rows = self.connection.execute(
                select(search_topics.c.topic_id, search_topics.c.id).where(search_topics.c.topic_id.in_(batch))
            )
            found.update(rows.all())
        return found

    # Engine-specific: the words of each topic, keyed by search_topics.id, and ranking.
    def _delete_words(self, ids: list[int]) -> None:
        raise NotImplementedError

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        raise NotImplementedError

    def _search(self, query: SearchQuery, limit: int) -> list[SearchHit]:
        raise NotImplementedError


def search_index_for(connection: Connection) -> SearchIndex:
    if connection.dialect.name == "postgresql":
        from skilltree.store.search_postgres import PostgresSearchIndex

        return PostgresSearchIndex(connection)
    from skilltree.store.search_sqlite import SqliteSearchIndex

    return SqliteSearchIndex(connection)


def _batches(items: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]

