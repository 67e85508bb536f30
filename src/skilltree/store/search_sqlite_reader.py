"""Reading the SQLite search index (two FTS5 tables, search_head and search_body) on a plain sqlite3
connection: its ranking, with bm25() by the rules of store/search_rules.py, and the key of the
catalog it holds.

SqliteSearchIndex (store/search_sqlite.py) ranks with it on its driver's connection; `skilltree
search` reads the default SQLite file with it, without SQLAlchemy (store/sqlite_snapshot.py).
Statements are cheap in-process, so ranking runs as a few small ones.
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from skilltree.search.hits import MATCH_END, MATCH_START, SearchHit
from skilltree.search.query import SearchQuery
from skilltree.store.search_rules import CANDIDATES, CATALOG_KEY_SETTING, COMMON_SCAN, RARE_WORD_TOPICS, search_hit

# bm25() column weights of search_head: title, tags, summary, resource titles, asks. A title or
# tag match counts most, as PostgreSQL's weight A does for both; a learner's question is worded
# like the questions a topic answers, so asks count more than the summary.
HEAD_WEIGHTS = (10.0, 10.0, 4.0, 2.0, 5.0)
# The body's bm25() counts this much of a head column of weight 1.
BODY_WEIGHT = 3.0
# bm25() already weighs rare words up; only the level needs a factor.
ADVANCED_WEIGHT = 0.9
SUMMARY_SNIPPET_WORDS = 64
BODY_SNIPPET_WORDS = 24


# The ranking's statements are plain SQL on a sqlite3 connection (through SQLAlchemy, its driver's
# connection, in the unit of work's transaction), with a list of ids passed as one JSON array
# (json_each): their text never changes, so sqlite3 prepares each once per connection, and
# SQLAlchemy's rendering of a list parameter (more than the statement itself costs here) is skipped.
def _id_list(ids) -> str:
    return json.dumps(list(ids))


_IDS = "(SELECT value FROM json_each(:ids))"
# bm25() is lower for better matches; negated, every score here is higher-is-better.
# `+rowid` keeps SQLite from handing FTS5 one look-up per id, each of which would read the
# query's posting lists again (and recompute bm25's statistics): walking the matches once and
# filtering them is far cheaper.
_HEAD_SCORE = f"-bm25(search_head, {', '.join(map(str, HEAD_WEIGHTS))})"
_BEST_HEADS = (
    f"SELECT rowid, {_HEAD_SCORE} AS score FROM search_head "
    "WHERE search_head MATCH :match ORDER BY score DESC, rowid LIMIT :limit"
)
_SAMPLED_HEADS = (
    f"SELECT rowid, score FROM (SELECT rowid, {_HEAD_SCORE} AS score FROM search_head "
    "WHERE search_head MATCH :match LIMIT :scan) ORDER BY score DESC, rowid LIMIT :limit"
)
_HEAD_SCORES = f"SELECT rowid, {_HEAD_SCORE} FROM search_head WHERE search_head MATCH :match AND +rowid IN {_IDS}"
_BEST_BODIES = (
    "SELECT rowid, -bm25(search_body) AS score FROM search_body "
    f"WHERE search_body MATCH :match AND +rowid NOT IN {_IDS} ORDER BY score DESC, rowid LIMIT :limit"
)
_FILL = (
    "SELECT rowid FROM (SELECT rowid, -bm25(search_body) AS score FROM search_body "
    f"WHERE search_body MATCH :match AND +rowid NOT IN {_IDS} LIMIT :scan) ORDER BY score DESC, rowid LIMIT :limit"
)
_BODY_SCORES = f"SELECT rowid, -bm25(search_body) FROM search_body WHERE search_body MATCH :match AND +rowid IN {_IDS}"
_TOPIC_COUNT = "(SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH :match{n} LIMIT :cap))"
_SUMMARY_SNIPPETS = (
    f"SELECT rowid, snippet(search_head, 2, :start, :end, '…', {SUMMARY_SNIPPET_WORDS}) FROM search_head "
    f"WHERE search_head MATCH :match AND +rowid IN {_IDS}"
)
_BODY_SNIPPETS = (
    f"SELECT rowid, snippet(search_body, 0, :start, :end, '…', {BODY_SNIPPET_WORDS}) FROM search_body "
    f"WHERE search_body MATCH :match AND +rowid IN {_IDS}"
)
_ADVANCED = f"SELECT id FROM search_topics WHERE level = 'advanced' AND id IN {_IDS}"
_TOPICS = f"SELECT id, topic_id, title, level, minutes, path_ids FROM search_topics WHERE id IN {_IDS}"
_MARKS = {"start": MATCH_START, "end": MATCH_END}
_CATALOG_KEY = "SELECT value FROM site_settings WHERE key = ?"


class _TopicRow(NamedTuple):
    """A search_topics row as _TOPICS reads it, by the names search_hit() reads."""

    id: int
    topic_id: str
    title: str
    level: str
    minutes: int
    path_ids: str


def match_expression(query: SearchQuery) -> str:
    """An FTS5 query from the terms alone: each phrase quoted, so nothing in it is an operator."""
    groups = []
    for group in query.groups:
        phrases = ['"' + " ".join(phrase) + '"' for phrase in group.phrases]
        if group.prefix:
            # The prefix also matches the whole word; both would count its matches twice.
            phrases[0] += "*"
        groups.append("(" + " OR ".join(phrases) + ")")
    return " OR ".join(groups)


class SqliteSearchReader:
    """The search index read on `connection` (sqlite3's, not SQLAlchemy's)."""

    # bm25 lets one rare word of a summary decide ("writing" put shell scripting first for "my
    # database is too slow for writes"). Measured from 0.2 to 1: at 0.5 the issue's four questions
    # find their topic in the top 3 (two did not at 0.2) for one of 191 tuning questions falling
    # to fourth. PostgreSQL keeps 0.2: there, more cost tuning questions and gained none.
    meaning_weight = 0.5

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def catalog_key(self) -> str | None:
        """The key of the catalog the index holds; None before anything was indexed (as SearchIndex.catalog_key)."""
        row = self.connection.execute(_CATALOG_KEY, (CATALOG_KEY_SETTING,)).fetchone()
        return row[0] if row else None

    def search(self, query: SearchQuery, *, limit: int) -> list[SearchHit]:
        """The best `limit` topics for `query`, best first; none for an empty query."""
        if not query:
            return []
        counts = self._topic_counts(query)
        rare = SearchQuery(tuple(group for group, n in zip(query.groups, counts) if n <= RARE_WORD_TOPICS))
        ranked = self._ranked(query, rare, limit)
        return self._hits(query, rare, ranked) if ranked else []

    def _ranked(self, query: SearchQuery, rare: SearchQuery, limit: int) -> list[int]:
        """The search_topics ids of the best `limit` topics, best first."""
        run = self._rows
        match = match_expression(query)
        pool = max(CANDIDATES, limit)
        scores = dict(run(_SAMPLED_HEADS, {"match": match, "scan": COMMON_SCAN, "limit": pool}))
        if rare:
            rare_match = match_expression(rare)
            # Heads score the whole query, whichever words found them.
            best = run(_BEST_HEADS, {"match": rare_match, "limit": pool})
            found = [row_id for row_id, _ in best if row_id not in scores]
            if found:
                scores |= dict(run(_HEAD_SCORES, {"match": match, "ids": _id_list(found)}))
            bodies = run(_BEST_BODIES, {"match": rare_match, "limit": pool, "ids": _id_list(scores)})
            if bodies:
                found = [row_id for row_id, _ in bodies]
                scores |= dict.fromkeys(found, 0.0) | dict(run(_HEAD_SCORES, {"match": match, "ids": _id_list(found)}))
            for row_id, score in run(_BODY_SCORES, {"match": rare_match, "ids": _id_list(scores)}):
                scores[row_id] += BODY_WEIGHT * score
        if scores:
            for (row_id,) in run(_ADVANCED, {"ids": _id_list(scores)}):
                scores[row_id] *= ADVANCED_WEIGHT
        # Ties by id, so that the same query always gives the same order.
        order = sorted(scores, key=lambda row_id: (-scores[row_id], row_id))[:limit]
        if len(order) < limit:
            fill = {"match": match, "limit": limit - len(order), "ids": _id_list(scores), "scan": COMMON_SCAN}
            order += [row_id for (row_id,) in run(_FILL, fill)]
        return order

    def _rows(self, statement: str, parameters: dict) -> list[tuple]:
        """The rows of one of the ranking's statements (see _id_list)."""
        return self.connection.execute(statement, parameters).fetchall()

    def _topic_counts(self, query: SearchQuery) -> list[int]:
        """For each word group, how many bodies or heads hold it (the more of the two), counted up to one more than rare.

        A word in every head but no body (a catalog that titles every topic "Topic N") is common
        too: taken for rare, it would rank every head.
        """
        counts = ", ".join(
            f"max({_TOPIC_COUNT.format(table='search_body', n=n)}, {_TOPIC_COUNT.format(table='search_head', n=n)})"
            for n in range(len(query.groups))
        )
        matches = {f"match{n}": match_expression(SearchQuery((group,))) for n, group in enumerate(query.groups)}
        return list(self._rows(f"SELECT {counts}", {**matches, "cap": RARE_WORD_TOPICS + 1})[0])

    def _hits(self, query: SearchQuery, rare: SearchQuery, ids: list[int]) -> list[SearchHit]:
        """The results for these topics, in this order, each with its snippet."""
        summaries = dict(self._rows(_SUMMARY_SNIPPETS, {"match": match_expression(query), "ids": _id_list(ids), **_MARKS}))
        unmarked = [row_id for row_id in ids if MATCH_START not in summaries.get(row_id, "")]
        bodies = {}
        if unmarked and rare:
            parameters = {"match": match_expression(rare), "ids": _id_list(unmarked), **_MARKS}
            bodies = dict(self._rows(_BODY_SNIPPETS, parameters))
        rows = {row[0]: _TopicRow(*row) for row in self._rows(_TOPICS, {"ids": _id_list(ids)})}
        return [search_hit(rows[row_id], summaries.get(row_id), bodies.get(row_id)) for row_id in ids if row_id in rows]
