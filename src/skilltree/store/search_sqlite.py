"""The search index on SQLite: two FTS5 tables, search_head and search_body, ranked with bm25()."""

from __future__ import annotations

from sqlalchemy import bindparam, text

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import MATCH_END, MATCH_START
from skilltree.search.query import SearchQuery
from skilltree.store.search_index import SearchIndex

# bm25() column weights of search_head: title, tags, summary, resource titles.
HEAD_WEIGHTS = (10.0, 6.0, 4.0, 2.0)
# The body's bm25() counts this much of a head column of weight 1.
BODY_WEIGHT = 2.0
SUMMARY_SNIPPET_WORDS = 64
BODY_SNIPPET_WORDS = 24


def _with_ids(statement: str):
    return text(statement).bindparams(bindparam("ids", expanding=True))


# bm25() is lower for better matches; negated, every score here is higher-is-better.
# `+rowid` keeps SQLite from handing FTS5 one look-up per id, each of which would recompute
# bm25's statistics: walking the matches once and filtering them is far cheaper.
_HEAD_SCORE = f"-bm25(search_head, {', '.join(map(str, HEAD_WEIGHTS))})"
_BEST_HEADS = text(
    f"SELECT rowid, {_HEAD_SCORE} AS score FROM search_head "
    "WHERE search_head MATCH :match ORDER BY score DESC, rowid LIMIT :limit"
)
_HEAD_SCORES = _with_ids(f"SELECT rowid, {_HEAD_SCORE} FROM search_head WHERE search_head MATCH :match AND +rowid IN :ids")
_BEST_BODIES = _with_ids(
    "SELECT rowid, -bm25(search_body) AS score FROM search_body "
    "WHERE search_body MATCH :match AND +rowid NOT IN :ids ORDER BY score DESC, rowid LIMIT :limit"
)
_BODY_SCORES = _with_ids("SELECT rowid, -bm25(search_body) FROM search_body WHERE search_body MATCH :match AND +rowid IN :ids")
_BODY_COUNT = "(SELECT count(*) FROM (SELECT 1 FROM search_body WHERE search_body MATCH :match{n} LIMIT :cap))"
_SUMMARY_SNIPPETS = _with_ids(
    f"SELECT rowid, snippet(search_head, 2, :start, :end, '…', {SUMMARY_SNIPPET_WORDS}) FROM search_head "
    "WHERE search_head MATCH :match AND +rowid IN :ids"
)
_BODY_SNIPPETS = _with_ids(
    f"SELECT rowid, snippet(search_body, 0, :start, :end, '…', {BODY_SNIPPET_WORDS}) FROM search_body "
    "WHERE search_body MATCH :match AND +rowid IN :ids"
)
_MARKS = {"start": MATCH_START, "end": MATCH_END}
_DELETE_HEADS = _with_ids("DELETE FROM search_head WHERE rowid IN :ids")
_DELETE_BODIES = _with_ids("DELETE FROM search_body WHERE rowid IN :ids")
_INSERT_HEAD = text(
    "INSERT INTO search_head (rowid, title, tags, summary, resources) VALUES (:id, :title, :tags, :summary, :resources)"
)
_INSERT_BODY = text("INSERT INTO search_body (rowid, body) VALUES (:id, :body)")


def match_expression(query: SearchQuery) -> str:
    """An FTS5 query from the terms alone: each phrase quoted, so nothing in it is an operator."""
    groups = []
    for group in query.groups:
        phrases = ['"' + " ".join(phrase) + '"' for phrase in group.phrases]
        if group.prefix:
            phrases.append(f'"{group.word}"*')
        groups.append("(" + " OR ".join(phrases) + ")")
    return " OR ".join(groups)


class SqliteSearchIndex(SearchIndex):
    body_weight = BODY_WEIGHT

    def _delete_words(self, ids: list[int]) -> None:
        self.connection.execute(_DELETE_HEADS, {"ids": ids})
        self.connection.execute(_DELETE_BODIES, {"ids": ids})

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        self.connection.execute(
            _INSERT_HEAD,
            [{"id": i, "title": d.title, "tags": d.tags, "summary": d.summary, "resources": d.resources} for i, d in rows],
        )
        self.connection.execute(_INSERT_BODY, [{"id": i, "body": d.body} for i, d in rows])

    def _match(self, query: SearchQuery) -> str:
        return match_expression(query)

    def _body_counts(self, matches: list[str], cap: int) -> list[int]:
        counts = ", ".join(_BODY_COUNT.format(n=n) for n in range(len(matches)))
        parameters = {f"match{n}": match for n, match in enumerate(matches)}
        return list(self.connection.execute(text(f"SELECT {counts}"), {**parameters, "cap": cap}).one())

    def _best_heads(self, match: str, limit: int) -> dict[int, float]:
        return dict(self.connection.execute(_BEST_HEADS, {"match": match, "limit": limit}).all())

    def _head_scores(self, match: str, ids: list[int]) -> dict[int, float]:
        return dict(self.connection.execute(_HEAD_SCORES, {"match": match, "ids": ids}).all())

    def _best_bodies(self, match: str, limit: int, exclude: list[int]) -> dict[int, float]:
        return dict(self.connection.execute(_BEST_BODIES, {"match": match, "limit": limit, "ids": exclude}).all())

    def _body_scores(self, match: str, ids: list[int]) -> dict[int, float]:
        return dict(self.connection.execute(_BODY_SCORES, {"match": match, "ids": ids}).all())

    def _summary_snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        return dict(self.connection.execute(_SUMMARY_SNIPPETS, {"match": match, "ids": ids, **_MARKS}).all())

    def _body_snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        return dict(self.connection.execute(_BODY_SNIPPETS, {"match": match, "ids": ids, **_MARKS}).all())
