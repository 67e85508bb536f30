"""Whatever a learner types, search answers with results or none, never an error, on both engines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
OPERATORS = ['"', "'", "*", ":", "^", "-", "+", "(", ")", "{", "}", "&", "|", "!", "<->", "AND", "OR", "NOT", "NEAR", ":*"]
WORDS = ["kafka", "sql", "index", "the", "queries", "k8s", "pg", "tls", "a", "x"]


def answer(engine, catalog, query: str) -> list[dict]:
    with UnitOfWork(engine) as uow:
        return [hit.as_dict() for hit in search(uow, catalog, query=query)]


@pytest.mark.parametrize("query", BROKEN, ids=lambda q: repr(q[:30]))
def test_a_broken_query_is_answered(searchable, catalog, query):
    results = answer(searchable, catalog, query)
    assert isinstance(results, list) and len(results) <= 10


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
