"""Whatever a learner types, search answers with results or none, never an error, on both engines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltree.search.query import MAX_WORDS, parse_query, words_of
from skilltree.services.search import search
from skilltree.store.uow import UnitOfWork

BROKEN = [
    '"',
    '"unbalanced quote',
    "it's a 'half quoted",
    "NEAR(kafka rabbitmq, 2)",
    "kafka AND OR NOT rabbitmq",
    "* kafka* *",
    "title:git body:",
    "{title tags}: git",
    "-git +sql ^http",
    "a:* | b & !c <-> d",
    "((((((sql",
    "'; DROP TABLE search_topics; --",
    "' OR 1=1 --",
    "SELECT * FROM learners WHERE 1=1",
    "?!.,;:…",
    "😀🔥💥",
    "\\ \\\\ \\'",
    "\x00\x01\x02\x03 control",
    "ﬁ ² ǅ İ ß",
    "indexes " * 2000,
    "x" * 10_000,
    "データベース インデックス",
    "NULL",
]
# Nothing in these can be searched for: the answer is empty, never an error.
NOTHING_TO_SEARCH = [
    "😀", "🔥💥🚀" * 100, "👩‍💻", "🇫🇷",
    "?", "!!!???", "...", "—–-", "()[]{}<>", "@#$%^&*", "«»„“”‘’", "¿¡", "・、。",
    '"', "'", "*", "^", ":", "-", "+", "|", "&", "!", "<->", ":*", "(", ")",
    '"""', "''", "\"'\"'", "the and or not of", "AND OR NOT",
    "\x00", "\x00" * 1000, "".join(map(chr, range(32))) + "\x7f", "\x02\x03", "\x1b[31m", "\u200b\u200d\ufeff",
    "\u2028\u2029",
    # What a command gets for bytes that are not UTF-8 (Python decodes argv with surrogateescape).
    "\ud800", "\udfff\ud800", "\udcff\udcfe",
]
# Fragments of query languages and SQL: only their words are searched for.
SYNTAX = [
    "'; DROP TABLE topics; --",
    "'; DROP TABLE search_topics; --",
    '"; DELETE FROM site_settings; --',
    "1; SELECT pg_sleep(10)",
    "NEAR", "kafka NEAR rabbitmq", "NEAR(kafka rabbitmq)", "kafka AND rabbitmq", "kafka OR rabbitmq", "kafka NOT rabbitmq",
    "kafka*", "*kafka", "^kafka", '"kafka', 'kafka"', '"kafka rabbitmq', "title:kafka", "-kafka", "kafka -rabbitmq",
    "kafka:*", "kafka:A", "kafka & !rabbitmq", "kafka <-> rabbitmq", "kafka <2> rabbitmq",
    "kafka\x00rabbitmq", "kafka\x00", "\x00kafka", "kafka\udcff", "\ud800kafka",
]
OPERATORS = ['"', "'", "*", ":", "^", "-", "+", "(", ")", "{", "}", "&", "|", "!", "<->", "AND", "OR", "NOT", "NEAR", ":*"]
WORDS = ["kafka", "sql", "index", "the", "queries", "k8s", "pg", "tls", "a", "x"]


def answer(engine, catalog, query: str) -> list[dict]:
    with UnitOfWork(engine) as uow:
        return [hit.as_dict() for hit in search(uow, catalog, query=query)]


@pytest.mark.parametrize("query", BROKEN, ids=lambda q: repr(q[:30]))
def test_a_broken_query_is_answered(searchable, catalog, query):
    results = answer(searchable, catalog, query)
    assert isinstance(results, list) and len(results) <= 10


@pytest.mark.parametrize("query", NOTHING_TO_SEARCH, ids=ascii)
def test_a_query_with_nothing_to_search_for_is_an_empty_answer(searchable, catalog, query):
    assert answer(searchable, catalog, query) == []


@pytest.mark.parametrize("query", SYNTAX, ids=ascii)
def test_syntax_is_only_text_and_harms_nothing(searchable, catalog, query):
    results = answer(searchable, catalog, query)
    if "kafka" in query:
        assert "kafka" in [result["id"] for result in results[:3]]
    # The index, and the tables beside it, are all still there.
    assert answer(searchable, catalog, "slow queries")[0]["id"] == "indexes"


def test_a_long_query_of_the_same_few_words_is_answered(searchable, catalog):
    query = ("database index query " * 500)[:10_000]
    # Each word once, and "data", where the cut leaves a word being typed.
    assert len(query) == 10_000 and len(parse_query(query, catalog.synonyms).groups) == 4
    assert "indexes" in [result["id"] for result in answer(searchable, catalog, query)[:3]]


def test_a_long_query_of_many_different_words_is_answered_from_its_first_words(searchable, catalog):
    # Kafka's article first, then every other one, each word once.
    articles = words_of(" ".join(topic.body for topic in [catalog.topics["kafka"], *catalog.topics.values()]))
    query = " ".join(dict.fromkeys(articles))[:10_000]
    assert len(query) == 10_000
    # A pasted paragraph costs no more than a question of MAX_WORDS words.
    assert len(parse_query(query, catalog.synonyms).groups) == MAX_WORDS
    results = answer(searchable, catalog, query)
    assert len(results) == 10
    assert "kafka" in [result["id"] for result in results[:3]]


def test_a_query_that_looks_like_syntax_still_finds_its_words(searchable, catalog):
    assert answer(searchable, catalog, 'NEAR("kafka" AND rabbitmq*')[0]["id"] in ("kafka", "rabbitmq")
    assert answer(searchable, catalog, "title:idempotency")[0]["id"] == "idempotency"


@settings(max_examples=150, deadline=None)
@given(
    query=st.text(max_size=300)
    | st.lists(st.sampled_from(OPERATORS + WORDS) | st.text(max_size=5), max_size=30).map(" ".join)
    | st.lists(st.sampled_from(OPERATORS + WORDS), max_size=30).map("".join)
)
def test_any_text_is_answered(searchable, catalog, query):
    for result in answer(searchable, catalog, query):
        assert result["id"] and isinstance(result["snippet"], str)
