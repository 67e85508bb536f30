"""The search index on PostgreSQL: tsvectors with GIN indexes, ranked with ts_rank().

search_heads.words holds title and tags (weight A), summary (B), resource titles (C) and the
questions the topic answers (asks, D);
search_bodies.words the article (D); search_body_words how many bodies hold each lexeme.
Every statement is a round trip to the server, so a search is one statement that ranks and
returns the results, and one more for fragments of bodies when a summary has no match.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import MATCH_END, MATCH_START, SearchHit
from skilltree.search.query import SearchQuery, TermGroup
from skilltree.store.search_index import SearchIndex
from skilltree.store.search_rules import CANDIDATES, COMMON_SCAN, RARE_WORD_TOPICS, search_hit
from skilltree.store.statement_watchdog import lift_timeouts

log = logging.getLogger("skilltree.search")
# ts_rank() weights of the head's labels, in PostgreSQL's order {D, C, B, A}: asks count more
# than the summary, as on SQLite.
HEAD_WEIGHTS = [0.5, 0.2, 0.4, 1.0]
# The body's ts_rank() (every word weight D, counted 0.1) counts this much beside the head's.
BODY_WEIGHT = 4.0
# ts_rank()'s scores spread wider than bm25()'s, so the level's factor is stronger than on SQLite.
ADVANCED_WEIGHT = 0.7
SUMMARY_HEADLINE = f"StartSel={MATCH_START}, StopSel={MATCH_END}, HighlightAll=true"
BODY_HEADLINE = f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxFragments=1, MaxWords=24, MinWords=12"
# ts_headline() parses all the text it is given, which is slow on a whole article: it gets a
# window of the body around the first word that starts like a query word (stems differ from
# words only at their ends, so a few first letters find "queries" for "query").
WINDOW_BEFORE, WINDOW_LENGTH, WINDOW_PREFIX = 120, 400, 5
# Any constant: indexing sessions queue on this advisory lock instead of racing on the same rows.
_INDEX_LOCK = 0x5EA_4C4

# The results, in the order of `ranked` (a row source of id and position), with the summary's
# headline and, where the summary has no match but the body holds the query's rare words (their
# positions in the array `rare_groups`), the body for a fragment. OFFSET 0 keeps the planner from
# computing the headline twice (once more for the CASE).
_RESULTS = """
    SELECT t.id, t.topic_id, t.title, t.level, t.minutes, t.path_ids, s.summary,
           {rare_groups} AS rare_groups, CASE WHEN strpos(s.summary, chr(2)) = 0 AND b.words @@ {rare_query} THEN b.body END AS body
    FROM ranked JOIN search_topics t ON t.id = ranked.id JOIN search_heads h ON h.id = t.id
    JOIN search_bodies b ON b.id = t.id CROSS JOIN to_tsquery('english', :match) AS query
    CROSS JOIN LATERAL (SELECT ts_headline('english', h.summary, query, :summary_options) AS summary OFFSET 0) AS s
    ORDER BY ranked.position
"""
# ts_rank() scores every word alike, so a word in every article would count as much as the one
# that names the topic: each word group's score is weighed by its rarity, an inverse document
# frequency from the number of bodies that hold it (up to the cap), estimated from the counts of its
# words: a phrase is in no more bodies than its rarest word, and a prefix in all its words' bodies
# (those that go on in ASCII: chr(127) is the bound every server encoding accepts).
# A common word counts in heads only: reading every body that holds it costs a pass over the catalog.
# A word in more heads than a rare word's bodies (a catalog that titles every topic "Topic N") is
# common too: taken for rare, it would rank every head. Below that, heads leave its rarity alone.
_SEARCH = text(
    """
    WITH in_bodies AS (
        SELECT g.query, g.n,
               greatest(
                   (SELECT max((SELECT coalesce(min(c.topics), 0)
                                FROM unnest(tsvector_to_array(to_tsvector('english', phrase))) AS l(word)
                                LEFT JOIN search_body_words c ON c.word = l.word))
                    FROM unnest(string_to_array(g.phrases, '|')) AS phrase),
                   (SELECT sum(c.topics) FROM search_body_words c, unnest(to_tsvector('english', g.prefix)) AS p
                    WHERE c.word >= p.lexeme AND c.word < p.lexeme || chr(127)),
                   0) AS topics
        FROM unnest(CAST(:queries AS text[]), CAST(:phrases AS text[]), CAST(:prefixes AS text[]))
             WITH ORDINALITY AS g(query, phrases, prefix, n)
    ), groups AS (
        -- Heads are counted only for a word that bodies leave rare: CASE, unlike greatest(), skips
        -- what cannot change the answer.
        SELECT to_tsquery('english', g.query) AS q, g.query, g.n,
               CASE WHEN g.topics >= :cap THEN g.topics
                    ELSE greatest(g.topics, (SELECT CASE WHEN count(*) = :cap THEN :cap ELSE 0 END
                                             FROM (SELECT 1 FROM search_heads h
                                                   WHERE h.words @@ to_tsquery('english', g.query) LIMIT :cap) AS held))
               END AS topics
        FROM in_bodies g
    ), whole AS (
        SELECT to_tsquery('english', :match) AS q
    ), rare AS (
        SELECT to_tsquery('english', string_agg('(' || query || ')', ' | ')) AS q FROM groups WHERE topics < :cap
    ), heads AS (
        (SELECT h.id FROM search_heads h, rare WHERE h.words @@ rare.q
         ORDER BY ts_rank(CAST(:weights AS float4[]), h.words, rare.q) DESC, h.id LIMIT :pool)
        UNION
        (SELECT id FROM (SELECT h.id, ts_rank(CAST(:weights AS float4[]), h.words, whole.q) AS score
                         FROM search_heads h, whole WHERE h.words @@ whole.q LIMIT :scan) AS sampled
         ORDER BY score DESC, id LIMIT :pool)
    ), bodies AS (
        SELECT b.id FROM search_bodies b, rare WHERE b.words @@ rare.q AND b.id NOT IN (SELECT id FROM heads)
        ORDER BY ts_rank(b.words, rare.q) DESC, b.id LIMIT :pool
    ), scored AS (
        SELECT c.id, sum(ln(1 + CAST(:cap AS float8) / greatest(g.topics, 1))
                         * (ts_rank(CAST(:weights AS float4[]), w.head_words, g.q)
                            + CASE WHEN g.topics < :cap THEN :body_weight * ts_rank(w.body_words, g.q) ELSE 0 END)) AS score
        FROM (SELECT id FROM heads UNION SELECT id FROM bodies) AS c
        -- Each candidate's rows by key: OFFSET 0 keeps the planner from hashing every head
        -- instead (it takes the candidates for more than they are).
        CROSS JOIN LATERAL (SELECT h.words AS head_words, b.words AS body_words
                            FROM search_heads h JOIN search_bodies b ON b.id = h.id WHERE h.id = c.id OFFSET 0) AS w
        CROSS JOIN groups AS g
        GROUP BY c.id
    ), ranked AS (
        SELECT s.id, row_number() OVER (
            ORDER BY s.score * CASE WHEN (SELECT t.level FROM search_topics t WHERE t.id = s.id) = 'advanced'
                                    THEN :advanced ELSE 1 END DESC, s.id
        ) AS position
        FROM scored s ORDER BY position LIMIT :limit
    )
    """
    + _RESULTS.format(
        rare_groups="(SELECT array_agg(n ORDER BY n) FROM groups WHERE topics < :cap)", rare_query="(SELECT q FROM rare)"
    )
)
# Topics that match only through common words in their bodies, for the places left.
_FILL = text(
    """
    WITH ranked AS (
        SELECT id, row_number() OVER (ORDER BY score DESC, id) AS position FROM (
            SELECT b.id, ts_rank(b.words, query) AS score
            FROM search_bodies b CROSS JOIN to_tsquery('english', :match) AS query
            WHERE b.words @@ query AND NOT (b.id = ANY(CAST(:ids AS integer[]))) LIMIT :scan
        ) AS matches ORDER BY position LIMIT :limit
    )
    """
    + _RESULTS.format(rare_groups="CAST(NULL AS bigint[])", rare_query="CAST(NULL AS tsquery)")
)
_HEADLINES = text(
    "SELECT ts_headline('english', fragment, to_tsquery('english', :match), :options) "
    "FROM unnest(CAST(:fragments AS text[])) WITH ORDINALITY AS f(fragment, n) ORDER BY n"
)
_INSERT_HEAD = text(
    "INSERT INTO search_heads (id, words, summary) VALUES (:id, setweight(to_tsvector('english', :title || ' ' || :tags), 'A') "
    "|| setweight(to_tsvector('english', :summary), 'B') "
    "|| setweight(to_tsvector('english', :resources), 'C') "
    "|| setweight(to_tsvector('english', :asks), 'D'), :summary)"
)
_INSERT_BODY = text("INSERT INTO search_bodies (id, words, body) VALUES (:id, to_tsvector('english', :body), :body)")
_BODY_WORDS_OF = (
    "SELECT u.lexeme, count(*) AS topics FROM search_bodies b CROSS JOIN unnest(b.words) AS u "
    "WHERE b.id = ANY(CAST(:ids AS integer[])) GROUP BY u.lexeme"
)
_COUNT_WORDS = text(
    f"INSERT INTO search_body_words (word, topics) {_BODY_WORDS_OF} "
    "ON CONFLICT (word) DO UPDATE SET topics = search_body_words.topics + excluded.topics"
)
_UNCOUNT_WORDS = text(
    f"UPDATE search_body_words w SET topics = w.topics - gone.topics FROM ({_BODY_WORDS_OF}) AS gone "
    "WHERE w.word = gone.lexeme"
)
_FORGET_WORDS = text("DELETE FROM search_body_words WHERE topics <= 0")
_MERGE_PENDING_LISTS = text(
    "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
    "WHERE a.amname = 'gin' AND i.indrelid IN ('search_heads'::regclass, 'search_bodies'::regclass)"
)


def tsquery_text(query: SearchQuery) -> str:
    """A to_tsquery() input from the terms alone: each word quoted, so nothing in it is an operator."""
    return " | ".join(_group_text(group) for group in query.groups)


def _group_text(group: TermGroup) -> str:
    phrases = [" <-> ".join(f"'{word}'" for word in phrase) for phrase in group.phrases]
    if group.prefix:
        # The prefix also matches the whole word; both would count its matches twice.
        phrases[0] += ":*"
    return "(" + " | ".join(phrases) + ")"


class PostgresSearchIndex(SearchIndex):
    def lock(self) -> None:
        # Indexing a catalog is work in the background, not a request: it may wait and run past
        # SKILLTREE_DATABASE_TIMEOUT, which bounds requests.
        lift_timeouts(self.connection)
        self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INDEX_LOCK})

    def _settle_bulk_change(self) -> None:
        # New rows wait in each GIN index's pending list until autovacuum merges it, up to a
        # minute later; every search meanwhile reads the whole list (a 10,000-topic index: 30 ms
        # instead of 3). Merge it now, and give the planner the new tables' statistics. Both need
        # the tables' owner: a role that is not merely waits for autovacuum.
        try:
            with self.connection.begin_nested():
                self.connection.execute(_MERGE_PENDING_LISTS)
                self.connection.execute(text("ANALYZE search_topics, search_heads, search_bodies, search_body_words"))
        except ProgrammingError as exc:
            log.warning("search tables left for autovacuum to settle: %s", str(exc.orig).splitlines()[0])

    def _delete_words(self, ids: list[int]) -> None:
        # The rows themselves go with their search_topics rows (ON DELETE CASCADE).
        self.connection.execute(_UNCOUNT_WORDS, {"ids": ids})
        self.connection.execute(_FORGET_WORDS)

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        self.connection.execute(
            _INSERT_HEAD,
            [
                {"id": i, "title": d.title, "tags": d.tags, "summary": d.summary, "resources": d.resources, "asks": d.asks}
                for i, d in rows
            ],
        )
        self.connection.execute(_INSERT_BODY, [{"id": i, "body": d.body} for i, d in rows])
        self.connection.execute(_COUNT_WORDS, {"ids": [i for i, _ in rows]})

    def _search(self, query: SearchQuery, limit: int) -> list[SearchHit]:
        match = tsquery_text(query)
        parameters = {
            "match": match,
            "queries": [_group_text(group) for group in query.groups],
            "phrases": ["|".join(" ".join(phrase) for phrase in group.phrases) for group in query.groups],
            "prefixes": [group.word if group.prefix else "" for group in query.groups],
            "cap": RARE_WORD_TOPICS + 1,
            "pool": max(CANDIDATES, limit),
            "scan": COMMON_SCAN,
            "weights": HEAD_WEIGHTS,
            "body_weight": BODY_WEIGHT,
            "advanced": ADVANCED_WEIGHT,
            "limit": limit,
            "summary_options": SUMMARY_HEADLINE,
        }
        rows = self.connection.execute(_SEARCH, parameters).all()
        if len(rows) < limit:
            fill = {"match": match, "ids": [row.id for row in rows], "scan": COMMON_SCAN, "limit": limit - len(rows)}
            rows += self.connection.execute(_FILL, {**fill, "summary_options": SUMMARY_HEADLINE}).all()
        bodies = {row.id: row.body for row in rows if row.body is not None}
        rare_positions = rows[0].rare_groups or () if rows else ()
        rare = SearchQuery(tuple(query.groups[n - 1] for n in rare_positions))
        fragments = self._body_fragments(rare, bodies) if bodies else {}
        return [search_hit(row, row.summary, fragments.get(row.id)) for row in rows]

    def _body_fragments(self, rare: SearchQuery, bodies: dict[int, str]) -> dict[int, str]:
        """A fragment of each body around the query's rare words, marked."""
        windows = [body_window(body, rare) for body in bodies.values()]
        parameters = {"match": tsquery_text(rare), "fragments": windows, "options": BODY_HEADLINE}
        headlines = self.connection.execute(_HEADLINES, parameters)
        return {
            row_id: marked_fragment(body, headline) for (row_id, body), headline in zip(bodies.items(), headlines.scalars())
        }


def body_window(body: str, query: SearchQuery) -> str:
    """The part of `body` that ts_headline() is given: around the first word that starts like a query word."""
    words = {phrase[0] for group in query.groups for phrase in group.phrases}
    # The word as typed first: its first letters alone may start another word ("serial" for "serializable").
    found = _first_start(body, words) or _first_start(body, {word[:WINDOW_PREFIX] for word in words})
    at = found.start() if found else 0
    start = 0 if at <= WINDOW_BEFORE else body.find(" ", at - WINDOW_BEFORE) + 1
    return body[start : start + WINDOW_LENGTH]


def _first_start(body: str, starts: set[str]) -> re.Match | None:
    return re.search(r"\b(?:" + "|".join(map(re.escape, sorted(starts))) + ")", body, re.IGNORECASE)


def marked_fragment(body: str, headline: str) -> str:
    """The headline, with '…' where the body goes on before or after it, as FTS5's snippet() does."""
    plain = headline.replace(MATCH_START, "").replace(MATCH_END, "")
    return ("" if body.startswith(plain) else "…") + headline + ("" if body.endswith(plain) else "…")
