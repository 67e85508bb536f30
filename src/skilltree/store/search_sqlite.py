"""The search index on SQLite: two FTS5 tables, search_head and search_body, written here and
ranked with bm25() by store/search_sqlite_reader.py, which needs no SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import bindparam, text

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import SearchHit
from skilltree.search.query import SearchQuery
from skilltree.store.search_index import SearchIndex
from skilltree.store.search_sqlite_reader import SqliteSearchReader


def _with_ids(statement: str):
    return text(statement).bindparams(bindparam("ids", expanding=True))


_DELETE_HEADS = _with_ids("DELETE FROM search_head WHERE rowid IN :ids")
_DELETE_BODIES = _with_ids("DELETE FROM search_body WHERE rowid IN :ids")
_INSERT_HEAD = text(
    "INSERT INTO search_head (rowid, title, tags, summary, resources, asks) "
    "VALUES (:id, :title, :tags, :summary, :resources, :asks)"
)
_INSERT_BODY = text("INSERT INTO search_body (rowid, body) VALUES (:id, :body)")


class SqliteSearchIndex(SearchIndex):
    meaning_weight = SqliteSearchReader.meaning_weight

    def _delete_words(self, ids: list[int]) -> None:
        self.connection.execute(_DELETE_HEADS, {"ids": ids})
        self.connection.execute(_DELETE_BODIES, {"ids": ids})

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        self.connection.execute(
            _INSERT_HEAD,
            [
                {"id": i, "title": d.title, "tags": d.tags, "summary": d.summary, "resources": d.resources, "asks": d.asks}
                for i, d in rows
            ],
        )
        self.connection.execute(_INSERT_BODY, [{"id": i, "body": d.body} for i, d in rows])

    def _search(self, query: SearchQuery, limit: int) -> list[SearchHit]:
        # On the driver's connection, in the unit of work's transaction.
        return SqliteSearchReader(self.connection.connection.driver_connection).search(query, limit=limit)
