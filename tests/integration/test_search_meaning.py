"""Search in a learner's own words: meaning as well as words, typos corrected, asks, related topics, no network."""

from __future__ import annotations

import socket

import pytest

from skilltree.search import embedding
from skilltree.services.search import find, related_topics
from skilltree.store.uow import UnitOfWork


def top_three(engine, catalog, query: str) -> list[str]:
    with UnitOfWork(engine) as uow:
        return [hit.topic_id for hit in find(uow, catalog, query=query).hits][:3]


# The questions the issue quotes, which the ranking used to miss.
@pytest.mark.parametrize(
    ("question", "topics"),
    [
        ("which user may delete this record", {"authorization"}),
        ("storage engine optimised for writes", {"lsm-trees"}),
        ("my database is too slow for writes", {"lsm-trees", "database-internals", "indexes"}),
        ("make my page load faster", {"http-caching", "cdn", "caching"}),
    ],
)
def test_the_issues_questions_find_their_topics(searchable, catalog, question, topics):
    assert topics & set(top_three(searchable, catalog, question))


def test_a_typo_is_corrected_and_said(searchable, catalog):
    with UnitOfWork(searchable) as uow:
        found = find(uow, catalog, query="kuberentes autoscalng")
    assert found.corrected_query == "kubernetes autoscaling"
    assert found.hits[0].topic_id == "kubernetes-scaling"


def test_known_words_and_a_word_being_typed_are_not_corrected(searchable, catalog):
    with UnitOfWork(searchable) as uow:
        assert find(uow, catalog, query="slow queries").corrected_query is None
        assert find(uow, catalog, query="kafka consu").corrected_query is None


def test_related_topics_leave_out_prerequisites_and_unlocks(searchable, catalog):
    with UnitOfWork(searchable) as uow:
        related = related_topics(uow, catalog, topic_id="isolation-levels")
    neighbours = set(catalog.topics["isolation-levels"].prerequisites)
    neighbours |= {t.id for t in catalog.topics.values() if "isolation-levels" in t.prerequisites}
    assert len(related) == 5 and "isolation-levels" not in related
    assert not set(related) & neighbours


def test_no_search_needs_the_network(searchable, catalog, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(embedding, "_loaded", {})  # load the model again, with the network blocked
    assert embedding.current_embedder() is not None
    # On PostgreSQL the test's pool already holds its connection, made before the network was blocked.
    assert "kubernetes-scaling" in top_three(searchable, catalog, "kuberentes autoscalng")


def test_without_a_model_search_uses_words_alone_and_warns_once(searchable, catalog, monkeypatch, caplog):
    monkeypatch.setenv(embedding.SETTING, "/nowhere/no-such-model")
    monkeypatch.setattr(embedding, "_loaded", {})
    assert top_three(searchable, catalog, "kafka consumer lag")[0] == "kafka"
    assert top_three(searchable, catalog, "kafka consumer lag")[0] == "kafka"
    warnings = [r.getMessage() for r in caplog.records if r.name == "skilltree.search"]
    assert len(warnings) == 1 and warnings[0].startswith(
        "search uses full text only: the embedding model '/nowhere/no-such-model' did not load"
    )
