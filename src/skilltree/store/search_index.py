"""The search index: what both engines share, ranking included, and the choice of engine.

Every topic has a row in `search_topics` (what a result shows) and its words in an
engine-specific index keyed by the same id (store/search_sqlite.py, store/search_postgres.py).

Ranking, on both engines: the best CANDIDATES topics by their heads (title, tags, summary,
resource titles), and by their bodies for the query's rarer words, are ranked by head score
plus weighted body score; topics that match only through common words in their bodies fill any
places left. Heads are small, so a query costs little even when a common word is in every body.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from sqlalchemy import Connection, select

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import MATCH_START, SearchHit
from skilltree.search.query import SearchQuery
from skilltree.store.tables import search_topics

# How many of the best heads, and of the best bodies, are ranked together: enough that a strong
# body lifts a topic from well down the list, few enough that reading their bodies stays cheap.
CANDIDATES = 50
# A word in at most this many bodies is rare enough to rank every body that holds it.
RARE_WORD_TOPICS = 200
# Rows per statement when a whole catalog is written at once.
_BATCH = 1000


class SearchIndex:
    def __init__(self, connection: Connection):
        self.connection = connection

    def fingerprints(self) -> dict[str, str]:
        """topic id -> content hash of every indexed topic."""
        rows = self.connection.execute(select(search_topics.c.topic_id, search_topics.c.content_hash))
        return dict(rows.all())

    def lock(self) -> None:
        """Serialise indexing with other processes until the transaction ends (SQLite's write lock already does)."""

    def update(self, documents: Sequence[SearchDocument], removed: Collection[str]) -> None:
        """Index `documents` (new or changed topics) afresh, and forget the topics `removed`."""
        stale = self._ids_of([*removed, *(document.topic_id for document in documents)])
        for batch in _batches(list(stale.values())):
            self._delete_words(batch)
            self.connection.execute(search_topics.delete().where(search_topics.c.id.in_(batch)))
        for batch in _batches(documents):
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

    def search(self, query: SearchQuery, *, limit: int) -> list[SearchHit]:
        """The best `limit` topics for `query`, best first; none for an empty query."""
        if not query:
            return []
        ranked = self._ranked(query, limit)
        if not ranked:
            return []
        rows = self.connection.execute(select(search_topics).where(search_topics.c.id.in_(ranked)))
        shown = {row.id: row for row in rows}
        return [
            SearchHit(
                topic_id=row.topic_id,
                title=row.title,
                level=row.level,
                minutes=row.minutes,
                path_ids=tuple(row.path_ids.split()),
                snippet=snippet,
            )
            for topic_id, snippet in ranked.items()
            if (row := shown.get(topic_id)) is not None
        ]

    def _ids_of(self, topic_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for batch in _batches(topic_ids):
            rows = self.connection.execute(
                select(search_topics.c.topic_id, search_topics.c.id).where(search_topics.c.topic_id.in_(batch))
            )
            found.update(rows.all())
        return found

    def _ranked(self, query: SearchQuery, limit: int) -> dict[int, str]:
        """search_topics.id -> snippet of the best `limit` topics, best first."""
        match = self._match(query)
        pool = max(CANDIDATES, limit)
        heads = self._best_heads(match, pool)
        counts = self._body_counts([self._match(SearchQuery((group,))) for group in query.groups], RARE_WORD_TOPICS + 1)
        rare = SearchQuery(tuple(group for group, count in zip(query.groups, counts) if count <= RARE_WORD_TOPICS))
        if rare:
            found = list(self._best_bodies(self._match(rare), pool, exclude=list(heads)))
            if found:
                heads.update(dict.fromkeys(found, 0.0) | self._head_scores(match, found))
        bodies = self._body_scores(match, list(heads)) if heads else {}
        order = best_first(heads, bodies, self.body_weight)[:limit]
        if len(order) < limit:
            order += list(self._best_bodies(match, limit - len(order), exclude=list(heads)))
        if not order:
            return {}
        summaries = self._summary_snippets(match, order)
        unmarked = [row_id for row_id in order if MATCH_START not in summaries.get(row_id, "")]
        bodies = self._body_snippets(match, unmarked) if unmarked else {}
        return {row_id: best_snippet(summaries.get(row_id), bodies.get(row_id)) for row_id in order}

    # Engine-specific. Scores are higher-is-better; `match` is the engine's own query text.
    body_weight = 1.0

    def _delete_words(self, ids: list[int]) -> None:
        raise NotImplementedError

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        raise NotImplementedError

    def _match(self, query: SearchQuery) -> str:
        raise NotImplementedError

    def _body_counts(self, matches: list[str], cap: int) -> list[int]:
        """For each match, how many bodies hold it, counted up to `cap`."""
        raise NotImplementedError

    def _best_heads(self, match: str, limit: int) -> dict[int, float]:
        raise NotImplementedError

    def _head_scores(self, match: str, ids: list[int]) -> dict[int, float]:
        raise NotImplementedError

    def _best_bodies(self, match: str, limit: int, exclude: list[int]) -> dict[int, float]:
        raise NotImplementedError

    def _body_scores(self, match: str, ids: list[int]) -> dict[int, float]:
        raise NotImplementedError

    def _summary_snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        """The whole summary of each topic, with its matches marked (none when it has none)."""
        raise NotImplementedError

    def _body_snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        """A fragment of each body around its best matches, marked."""
        raise NotImplementedError


def search_index_for(connection: Connection) -> SearchIndex:
    if connection.dialect.name == "postgresql":
        from skilltree.store.search_postgres import PostgresSearchIndex

        return PostgresSearchIndex(connection)
    from skilltree.store.search_sqlite import SqliteSearchIndex

    return SqliteSearchIndex(connection)


def best_first(head_scores: dict[int, float], body_scores: dict[int, float], body_weight: float) -> list[int]:
    """Candidates by head score plus weighted body score, higher first; ties by id, for stable results."""
    total = {key: score + body_weight * body_scores.get(key, 0.0) for key, score in head_scores.items()}
    return sorted(total, key=lambda key: (-total[key], key))


def best_snippet(summary: str | None, body: str | None) -> str:
    """A match in the summary reads best; else one in the body; else the summary as it is."""
    for snippet in (summary, body):
        if snippet and MATCH_START in snippet:
            return snippet
    return summary or body or ""


def _batches(items: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]
