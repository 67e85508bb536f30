"""Invariants of the bundled curriculum, so that a later edit cannot quietly break them."""

from __future__ import annotations

import re
from functools import cache

import pytest

from skilltree.catalog.figures import path_figures
from skilltree.catalog.loader import load_catalog

from skilltree.bundled import BUNDLED_CONTENT as CONTENT


@cache
def bundled():
    return load_catalog(CONTENT)


def test_the_bundled_content_has_no_errors_or_warnings():
    result = bundled()
    assert [str(p) for p in result.problems] == []


def test_starter_kit_matches_the_source_figures():
    catalog = bundled().catalog
    path = catalog.paths["starter-kit"]
    assert [s.title for s in path.sections] == ["Foundations", "Tools", "Talking to the world", "Data", "Shipping it"]
    assert path.topic_ids == (
        "programming-language", "data-structures", "big-o",
        "version-control", "git", "code-review",
        "http", "rest", "tls",
        "databases", "sql", "indexes", "acid-transactions",
        "testing", "unit-testing", "ci-cd", "deployment", "monitoring", "logging",
    )
    assert [e.topic_id for e in path.entries if e.optional] == ["big-o", "tls", "acid-transactions"]
    figures = path_figures(path, catalog)
    assert figures.topics == 19
    assert figures.level_mix == {"beginner": 13, "intermediate": 6}
    # The source says ~70 min (+20 min optional); ours is computed and must land within 10%.
    assert 63 <= figures.required_minutes <= 77
    assert 18 <= figures.optional_minutes <= 22


def test_starter_kit_topics_are_full_articles():
    catalog = bundled().catalog
    for topic_id in catalog.paths["starter-kit"].topic_ids:
        topic = catalog.topics[topic_id]
        assert 2 <= len(topic.resources) <= 6, topic_id
        assert 3 <= len(topic.review) <= 5, topic_id
        assert len(topic.body.split()) >= 600, topic_id


@pytest.mark.parametrize("topic_id", sorted(bundled().catalog.topics))
def test_every_topic_meets_the_bar(topic_id):
    topic = bundled().catalog.topics[topic_id]
    assert topic.summary and topic.tags, "summary and tags"
    assert len(topic.body.split()) >= 250, "a body of at least 250 words"
    assert 1 <= len(topic.resources) <= 8
    assert 2 <= len(topic.review) <= 6
    assert not re.match(r"#\s", topic.body), "the page shows the title; the body must not repeat it"


BACKEND_2025_SECTIONS = [
    "Databases", "Relational databases", "NoSQL databases", "Graph databases", "Vector databases",
    "Data warehouses", "Message queues", "Programming", "Language-agnostic topics", "Python",
    "LLMs and AI systems: fundamentals", "LLMs and AI systems: development and integration",
    "LLMs and AI systems: limitations and considerations", "LLMs and AI systems: ethical considerations",
    "LLMs and AI systems: deployment and operations", "LLMs and AI systems: evaluation and testing",
    "Tools", "APIs", "QA", "Operating systems", "Hardware", "Infrastructure",
    "Distributed systems and software architecture", "Monitoring and alerting", "Networking",
    "Security", "Basic math and statistics",
]


def test_backend_2025_has_every_source_section_in_order_and_enough_topics():
    path = bundled().catalog.paths["backend-2025"]
    assert [s.title for s in path.sections] == BACKEND_2025_SECTIONS
    assert len(path.topic_ids) >= 120
    assert all(section.entries for section in path.sections)


# Technologies the 2025 source names: each must be a topic or be named inside one of its section.
NAMED_IN_2025 = {
    "Databases": [],
    "NoSQL databases": ["MongoDB", "DynamoDB", "Redis", "Neo4j", "Cassandra"],
    "Vector databases": ["Pinecone", "Weaviate", "Milvus", "approximate nearest"],
    "Message queues": ["RabbitMQ", "SQS", "Kafka"],
    "Language-agnostic topics": ["SSTable", "LSM", "B-tree", "DAG", "Unicode", "profil", "design pattern"],
    "LLMs and AI systems: development and integration": ["LangChain", "LlamaIndex", "retrieval"],
    "LLMs and AI systems: limitations and considerations": ["prompt injection", "hallucinat"],
    "Tools": ["rebase", "bisect", "hook", "reflog", "cherry-pick", "sed", "awk", "jq", "grep", "uniq", "Makefile"],
    "Infrastructure": ["Docker", "Kubernetes", "IAM", "EC2", "VPC", "Lambda", "ElastiCache", "twelve-factor", "Terraform", "Istio", "Linkerd", "serverless"],
    "Monitoring and alerting": ["USE", "RED", "Prometheus", "OpenTelemetry"],
}


@pytest.mark.parametrize("section_title", sorted(NAMED_IN_2025))
def test_every_named_technology_has_a_place(section_title):
    catalog = bundled().catalog
    path = catalog.paths["backend-2025"]
    section = next(s for s in path.sections if s.title.startswith(section_title))
    text = " ".join(
        f"{catalog.topics[e.topic_id].title} {catalog.topics[e.topic_id].body}" for e in section.entries
    ).lower()
    missing = [name for name in NAMED_IN_2025[section_title] if name.lower() not in text]
    assert missing == []


BOOKS = {
    "The Pragmatic Programmer", "A Philosophy of Software Design", "Designing Data-Intensive Applications",
    "Clean Code", "Building Microservices", "Site Reliability Engineering", "The Phoenix Project",
    "Accelerate", "Kubernetes Patterns", "Fundamentals of Data Engineering", "Machine Learning Design Patterns",
    "Cracking the Coding Interview", "Linux Bible",
}


def test_every_recommended_book_is_a_book_resource():
    catalog = bundled().catalog
    titles = {r.title for t in catalog.topics.values() for r in t.resources if r.type == "book"}
    missing = [book for book in BOOKS if not any(title.startswith(book) for title in titles)]
    assert missing == []


def test_the_ladder_holds_every_responsibility_at_its_level():
    ladder = bundled().catalog.ladders["backend-engineer"]
    assert [level.id for level in ladder.levels] == ["junior", "senior", "principal"]
    by_area = {area.id: {duty.id: duty.from_level for duty in area.responsibilities} for area in ladder.areas}
    assert by_area == {
        "technical": {
            "architecture-design": "senior", "api-design": "junior", "schema-design": "junior",
            "component-design": "junior", "quality-attributes": "senior", "code-quality": "junior",
            "testing": "junior", "ci-cd-pipelines": "senior", "production-operations": "senior",
        },
        "leadership": {
            "mentoring": "senior", "technical-strategy": "principal",
            "process-improvement": "principal", "management-partnership": "principal",
        },
        "business": {
            "business-understanding": "senior", "product-collaboration": "senior",
            "dogfooding": "junior", "launches": "senior",
        },
    }
    for area in ladder.areas:
        for duty in area.responsibilities:
            assert duty.topics, duty.id
