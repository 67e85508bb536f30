"""What the search index's engines share that needs no SQLAlchemy: the ranking's rules and
numbers, how a result is made from its row, and where the key of the indexed catalog is kept.

Apart from store/search_index.py because `skilltree search` ranks on the default SQLite file
with the standard library alone (store/search_sqlite_reader.py): importing SQLAlchemy would
cost it about 0.2 s.

Ranking, on both engines:
1. Candidates: the CANDIDATES best heads and the CANDIDATES best bodies that hold the query's rare
   words (those in at most RARE_WORD_TOPICS bodies and as many heads), and the CANDIDATES best of the first
   COMMON_SCAN heads that hold any of its words. A common word can be in thousands of topics,
   and ranking all of them on every keystroke would cost a pass over the catalog; heads are
   small and rare words are in few bodies, so a query costs little whatever it holds.
2. Each candidate scores its head plus its body, weighted lower, with rare words counting more.
   A common word says little about a body, so it counts in heads only. An advanced topic counts
   a little less, so that when a more basic topic answers nearly as well, the learner meets the
   groundwork first.
3. Topics that match only through common words in their bodies fill any places left, ranked
   among the first COMMON_SCAN of them.
The snippet is the summary with its matches marked when it has any, else the fragment of the
body that best matches the query's rare words, else the summary as it is (best_snippet).
"""

from __future__ import annotations

from skilltree.search.hits import MATCH_START, SearchHit

# How many of the best heads, and of the best bodies, are ranked together: enough that a strong
# body lifts a topic from well down the list, few enough that reading their bodies stays cheap.
CANDIDATES = 50
# A word in at most this many bodies is rare enough to rank every body that holds it.
RARE_WORD_TOPICS = 200
# How many of the topics that hold a common word are ranked, when it is the only way to find them.
COMMON_SCAN = 300
# The site_settings row that holds the key of the indexed catalog: a key-value table that every
# schema since 0002 has, so no migration is needed for one value.
CATALOG_KEY_SETTING = "search_index_catalog"


def search_hit(row, summary: str | None, body: str | None) -> SearchHit:
    """A result from its search_topics row and its two possible snippets."""
    return SearchHit(
        topic_id=row.topic_id,
        title=row.title,
        level=row.level,
        minutes=row.minutes,
        path_ids=tuple(row.path_ids.split()),
        snippet=best_snippet(summary, body),
    )


def best_snippet(summary: str | None, body: str | None) -> str:
    """A match in the summary reads best; else one in the body; else the summary as it is."""
    for snippet in (summary, body):
        if snippet and MATCH_START in snippet:
            return snippet
    return summary or body or ""
