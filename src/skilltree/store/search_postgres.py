"""The search index on PostgreSQL: weighted tsvectors in search_vectors, GIN-indexed, ranked with ts_rank()."""

from __future__ import annotations

from sqlalchemy import text

from skilltree.search.documents import SearchDocument
from skilltree.search.hits import MATCH_END, MATCH_START
from skilltree.search.query import SearchQuery
from skilltree.store.search_index import CANDIDATES, SearchIndex, best_first, best_snippet

# ts_rank() weights of the head's labels, in PostgreSQL's order {D, C, B, A}: title A, tags and
# summary B, resource titles C (D is not used in the head).
HEAD_WEIGHTS = [0.0, 0.2, 0.4, 1.0]
# The body's ts_rank() (every word weight D, counted 0.1) counts this much beside the head's.
BODY_WEIGHT = 1.0
SUMMARY_HEADLINE = f"StartSel={MATCH_START}, StopSel={MATCH_END}, HighlightAll=true"
BODY_HEADLINE = f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxFragments=1, MaxWords=24, MinWords=12"
# Any constant: indexing sessions queue on this advisory lock instead of racing on the same rows.
_INDEX_LOCK = 0x5EA_4C4

_QUERY = "to_tsquery('english', :tsquery) AS query"
_HEADS = text(
    f"SELECT v.id, ts_rank(CAST(:weights AS float4[]), v.head, query) AS score FROM search_vectors v CROSS JOIN {_QUERY} "
    "WHERE v.head @@ query ORDER BY score DESC, v.id LIMIT :candidates"
)
_BODIES = text(f"SELECT v.id, ts_rank(v.body, query) FROM search_vectors v CROSS JOIN {_QUERY} WHERE v.id = ANY(CAST(:ids AS integer[]))")
_BODY_ONLY = text(
    f"SELECT v.id, ts_rank(v.body, query) AS score FROM search_vectors v CROSS JOIN {_QUERY} "
    "WHERE v.body @@ query AND NOT (v.id = ANY(CAST(:ids AS integer[]))) ORDER BY score DESC, v.id LIMIT :missing"
)
_SUMMARY_HEADLINES = text(
    f"SELECT v.id, ts_headline('english', v.summary_text, query, :options) FROM search_vectors v CROSS JOIN {_QUERY} "
    "WHERE v.id = ANY(CAST(:ids AS integer[]))"
)
# ts_headline() returns a bare fragment of the body: mark where text was left out, as FTS5 does.
_BODY_HEADLINES = text(
    "SELECT id, CASE WHEN starts_with(body_text, plain) THEN '' ELSE '…' END || headline "
    "|| CASE WHEN right(body_text, length(plain)) = plain THEN '' ELSE '…' END "
    f"FROM (SELECT v.id, v.body_text, ts_headline('english', v.body_text, query, :options) AS headline "
    f"FROM search_vectors v CROSS JOIN {_QUERY} WHERE v.id = ANY(CAST(:ids AS integer[]))) AS fragment, "
    "LATERAL (SELECT translate(headline, chr(2) || chr(3), '') AS plain) AS unmarked"
)
_INSERT = text(
    "INSERT INTO search_vectors (id, head, body, summary_text, body_text) VALUES (:id, "
    "setweight(to_tsvector('english', :title), 'A') || setweight(to_tsvector('english', :tags || ' ' || :summary), 'B') "
    "|| setweight(to_tsvector('english', :resources), 'C'), to_tsvector('english', :body), :summary, :body)"
)


def tsquery_text(query: SearchQuery) -> str:
    """A to_tsquery() input from the terms alone: each word quoted, so nothing in it is an operator."""
    groups = []
    for group in query.groups:
        phrases = [" <-> ".join(f"'{word}'" for word in phrase) for phrase in group.phrases]
        if group.prefix:
            phrases.append(f"'{group.word}':*")
        groups.append("(" + " | ".join(phrases) + ")")
    return " | ".join(groups)


class PostgresSearchIndex(SearchIndex):
    def lock(self) -> None:
        self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INDEX_LOCK})

    def _delete_words(self, ids: list[int]) -> None:
        pass  # search_vectors rows go with their search_topics rows (ON DELETE CASCADE)

    def _insert_words(self, rows: list[tuple[int, SearchDocument]]) -> None:
        self.connection.execute(
            _INSERT,
            [
                {"id": i, "title": d.title, "tags": d.tags, "summary": d.summary, "resources": d.resources, "body": d.body}
                for i, d in rows
            ],
        )

    def _ranked(self, query: SearchQuery, limit: int) -> dict[int, str]:
        tsquery = tsquery_text(query)
        run = self.connection.execute
        heads = dict(
            run(_HEADS, {"tsquery": tsquery, "weights": HEAD_WEIGHTS, "candidates": max(CANDIDATES, limit)}).all()
        )
        bodies = dict(run(_BODIES, {"tsquery": tsquery, "ids": list(heads)}).all()) if heads else {}
        order = best_first(heads, bodies, BODY_WEIGHT)[:limit]
        if len(order) < limit:
            fill = run(_BODY_ONLY, {"tsquery": tsquery, "ids": list(heads), "missing": limit - len(order)})
            order += [row_id for row_id, _ in fill]
        if not order:
            return {}
        summaries = dict(run(_SUMMARY_HEADLINES, {"tsquery": tsquery, "ids": order, "options": SUMMARY_HEADLINE}).all())
        unmarked = [row_id for row_id in order if MATCH_START not in summaries.get(row_id, "")]
        bodies = (
            dict(run(_BODY_HEADLINES, {"tsquery": tsquery, "ids": unmarked, "options": BODY_HEADLINE}).all())
            if unmarked
            else {}
        )
        return {row_id: best_snippet(summaries.get(row_id), bodies.get(row_id)) for row_id in order}
