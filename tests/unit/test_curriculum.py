"""Invariants of the bundled curriculum, so that a later edit cannot quietly break them."""

from __future__ import annotations

import graphlib
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


STARTER_KIT = (
    "programming-language", "data-structures", "big-o",
    "version-control", "git", "code-review",
    "http", "rest", "tls",
    "databases", "sql", "indexes", "acid-transactions",
    "testing", "unit-testing", "ci-cd", "deployment", "monitoring", "logging",
)


def test_starter_kit_matches_the_source_figures():
    catalog = bundled().catalog
    path = catalog.paths["starter-kit"]
    assert [s.title for s in path.sections] == ["Foundations", "Tools", "Talking to the world", "Data", "Shipping it"]
    assert path.topic_ids == STARTER_KIT
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


# The topics issue 17 takes to full depth: a tutorial, not an overview (body words as the reading time counts them).
CORE_TOPICS = (
    "isolation-levels", "replication", "partitioning", "consensus", "caching", "system-design",
    "distributed-systems", "kubernetes", "postgresql", "python", "concurrency", "message-queues", "kafka",
    "observability", "authentication", "authorization", "api-design", "database-internals", "load-balancing", "rag",
)


@pytest.mark.parametrize("topic_id", CORE_TOPICS)
def test_a_core_topic_is_a_full_depth_article(topic_id):
    assert len(bundled().catalog.topics[topic_id].body.split()) >= 900


@pytest.mark.parametrize("topic_id", sorted(bundled().catalog.topics))
def test_every_article_opens_with_a_lead_paragraph_then_sections(topic_id):
    body = bundled().catalog.topics[topic_id].body
    lead = body.split("\n\n")[0]
    # Prose, not a heading, list, quote, table or code block.
    assert not re.match(r"(#|[-*+]\s|\d+\.\s|>|\||```|~~~)", lead), lead[:80]
    assert re.search(r"^## ", body, re.MULTILINE), "sections after the lead"


@pytest.mark.parametrize("topic_id", sorted(bundled().catalog.topics))
def test_the_practice_section_has_one_spelling(topic_id):
    body = bundled().catalog.topics[topic_id].body
    headings = re.findall(r"^#+\s*(?:how to\s+)?practi[cs]e\b.*$", body, re.MULTILINE | re.IGNORECASE)
    assert headings == ["## How to practise"]


def test_no_two_topics_ask_the_same_review_question():
    asked_by: dict[str, list[str]] = {}
    for topic in bundled().catalog.topics.values():
        for card in topic.review:
            words = re.sub(r"[^\w\s]", "", card.question.casefold()).split()
            asked_by.setdefault(" ".join(words), []).append(topic.id)
    assert {question: ids for question, ids in asked_by.items() if len(ids) > 1} == {}


BACKEND_2025_SECTIONS = [
    "Databases", "Relational databases", "NoSQL databases", "Graph databases", "Vector databases",
    "Data warehouses", "Message queues", "Programming", "Language-agnostic topics", "Python",
    "LLMs and AI systems: fundamentals", "LLMs and AI systems: development and integration",
    "LLMs and AI systems: limitations and considerations", "LLMs and AI systems: ethical considerations",
    "LLMs and AI systems: deployment and operations", "LLMs and AI systems: evaluation and testing",
    "Tools", "APIs", "QA", "Operating systems", "Hardware", "Infrastructure",
    "Distributed systems and software architecture", "Monitoring and alerting", "Networking",
    "Security", "Basic math and statistics", "Resources",
]


def test_backend_2025_has_every_source_section_in_order_and_enough_topics():
    path = bundled().catalog.paths["backend-2025"]
    assert [s.title for s in path.sections] == BACKEND_2025_SECTIONS
    assert len(path.topic_ids) >= 120
    assert all(section.entries for section in path.sections)


def test_backend_2025_networking_reads_from_the_bottom_of_the_stack_up():
    path = bundled().catalog.paths["backend-2025"]
    networking = next(s for s in path.sections if s.title == "Networking")
    order = [e.topic_id for e in networking.entries]
    assert order[0] == "networking-basics"
    assert order.index("tcp-and-udp") < order.index("tls") < order.index("http2-and-http3")


def mentions(name: str, text: str) -> bool:
    """Whether `text` names `name` as a whole word (a plural "s" allowed); "a|b" accepts either.

    A one-word name with a capital letter (USE, RED, SQS, Go, ReplicaSet, C++) must match its case,
    so "USE" is not found in "use" and "Go" not in "go"; anything else ignores case. The edges are
    look-arounds, not \b, so names that start or end with punctuation (C++, C#, Node.js) work too.
    """
    for alternative in name.split("|"):
        case_sensitive = alternative != alternative.lower() and " " not in alternative
        pattern = r"(?<!\w)" + re.escape(alternative) + r"s?(?!\w)"
        if re.search(pattern, text, 0 if case_sensitive else re.IGNORECASE):
            return True
    return False


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("USE", "we use it because it is used", False),
        ("USE", "the USE method", True),
        ("RED", "it is required and rendered", False),
        ("sed", "he used it; it is based on", False),
        ("sed", "run sed -i on the file", True),
        ("hook", "Git hooks run scripts", True),
        ("Go", "let go of it, go on", False),
        ("Go", "written in Go, like Docker", True),
        ("C++", "C, C# and C++ all compile", True),
        ("C++", "C and C# compile", False),
        ("C#", "Cassandra and C", False),
        ("Node.js|NodeJS", "NodeXjs", False),
        ("Node.js|NodeJS", "Node.js has one event loop", True),
        ("twelve-factor|12-factor", "a 12-factor app", True),
        ("DAG", "a DAG of tasks, or DAGs", True),
        ("DAG", "daggers", False),
        ("a/b testing", "A/B Testing prompts", True),
    ],
)
def test_the_name_matcher_matches_whole_words(name, text, expected):
    assert mentions(name, text) is expected


# Technologies and concepts the 2025 source names, section by section (read from the seed):
# each must be named in the title, summary or body of a topic of that section of the path.
NAMED_IN_2025 = {
    "Databases": ["write-ahead log|WAL", "buffer pool", "page", "index", "transaction"],
    "NoSQL databases": [
        "MongoDB", "DynamoDB", "Redis", "Neo4j", "Cassandra", "non-relational", "session", "atomic|atomicity",
        "transaction", "vertical scaling|vertically|scale up", "flexible schema|schemaless|schema-less|schema on read",
        "Rick Houlihan",
    ],
    "Vector databases": [
        "Pinecone", "Weaviate", "Milvus", "approximate nearest neighbour|approximate nearest neighbor", "ANN",
        "similarity search", "vector index|vector indexing", "dimension", "embedding",
    ],
    "Message queues": ["RabbitMQ", "SQS", "Kafka", "message broker|broker"],
    "Programming": ["Python", "Node.js|NodeJS", "Go", "Rust", "C#", "C++", "Java", "PHP", "Ruby", "ecosystem"],
    "Language-agnostic topics": [
        "SSTable", "LSM", "B-tree", "DAG", "Unicode", "character set|charset", "profiling", "tracing",
        "design pattern", "decorator", "sorting", "binary search", "traversal", "big O|big-O", "stack", "queue",
        "deque", "linked list", "hash map|hashmap", "graph", "concurrency", "unit test", "integration test",
        "contract test", "Cracking the Coding Interview",
    ],
    "LLMs and AI systems: fundamentals": [
        "machine learning", "neural network", "transformer", "attention", "token", "embedding", "context window",
        "base model", "instruction-tuned|instruction tuning", "fine-tuned|fine-tuning",
    ],
    "LLMs and AI systems: development and integration": [
        "LangChain", "LlamaIndex", "prompt engineering", "retrieval-augmented generation", "RAG",
        "vector database", "similarity search", "token", "rate limit", "cost",
    ],
    "LLMs and AI systems: limitations and considerations": [
        "hallucination", "context window", "prompt injection", "latency", "cache|caching",
    ],
    "LLMs and AI systems: ethical considerations": [
        "bias", "training data", "privacy", "content filtering|content filter", "safety", "attribution",
        "copyright", "responsible AI",
    ],
    "LLMs and AI systems: deployment and operations": [
        "deployment", "monitoring", "error handling", "fallback", "cost", "A/B testing|A/B test",
    ],
    "LLMs and AI systems: evaluation and testing": [
        "evaluation", "metric", "automated test|automated testing", "edge case", "failure", "regression|drift",
    ],
    "Tools": [
        "Git", "rebase", "bisect", "hook", "reflog", "cherry-pick", "sed", "awk", "jq", "JSON", "grep", "sort",
        "uniq", "Makefile",
    ],
    "Operating systems": ["Unix", "Linux"],
    "Infrastructure": [
        "Docker", "Kubernetes", "ReplicaSet", "affinity", "health check|liveness|readiness", "HPA", "VPA",
        "horizontal pod autoscaler|HorizontalPodAutoscaler", "vertical pod autoscaler|VerticalPodAutoscaler",
        "AWS", "Google Cloud", "Azure", "IAM", "EC2", "load balancer", "VPC", "Lambda", "ElastiCache",
        "fault tolerance", "twelve-factor|12-factor", "structured logging", "log aggregation", "Terraform",
        "infrastructure as code", "serverless", "Istio", "Linkerd", "service mesh",
    ],
    "Monitoring and alerting": [
        "USE", "RED", "Robust Perception", "instrumentation", "alerting", "Site Reliability Engineering|SRE",
        "Prometheus", "OpenTelemetry",
    ],
}


@pytest.mark.parametrize("section_title", sorted(NAMED_IN_2025))
def test_every_named_technology_has_a_place(section_title):
    catalog = bundled().catalog
    path = catalog.paths["backend-2025"]
    (section,) = [s for s in path.sections if s.title == section_title]
    topics = [catalog.topics[e.topic_id] for e in section.entries]
    text = " ".join(f"{t.title}. {t.summary} {t.body}" for t in topics)
    missing = [name for name in NAMED_IN_2025[section_title] if not mentions(name, text)]
    assert missing == []


# The books the sources recommend: the canonical title, a word of the author line as the source gives
# it, and the topics it serves; it must be a book resource on every one of those topics. A title may
# be followed by ", <part>" to cite one chapter or section.
BOOKS = {
    "The Pragmatic Programmer": ("Hunt", ["clean-code"]),
    "A Philosophy of Software Design": ("Ousterhout", ["clean-code"]),
    "Designing Data-Intensive Applications": ("Kleppmann", ["databases", "distributed-systems", "replication"]),
    "Clean Code": ("Martin", ["clean-code"]),
    "Building Microservices": ("Newman", ["microservices"]),
    "Site Reliability Engineering, chapter 6: Monitoring Distributed Systems": ("Beyer", ["monitoring", "alerting"]),
    "Site Reliability Engineering, chapter 10: Practical Alerting": ("Beyer", ["alerting"]),
    "The Phoenix Project": ("Spafford", ["devops"]),
    "Accelerate: The Science of Lean Software and DevOps": ("Forsgren", ["devops", "process-improvement"]),
    "Kubernetes Patterns": ("Ibryam", ["kubernetes"]),
    "Fundamentals of Data Engineering": ("Reis", ["etl-pipelines"]),
    "Machine Learning Design Patterns": ("Lakshmanan", ["model-deployment"]),
    "Cracking the Coding Interview": ("McDowell", ["algorithms"]),
    "Problem Solving with Algorithms and Data Structures": ("Miller", ["data-structures", "algorithms"]),
    "Linux Bible": ("Negus", ["linux"]),
    "Code Complete": ("McConnell", ["clean-code"]),
}

# The "Resources" heading of the 2025 source and the books it lists there.
BOOKS_OF_THE_2025_RESOURCES = [
    "The Pragmatic Programmer", "A Philosophy of Software Design", "Designing Data-Intensive Applications",
    "Clean Code", "Building Microservices", "Site Reliability Engineering", "The Phoenix Project",
    "Accelerate: The Science of Lean Software and DevOps", "Kubernetes Patterns", "Fundamentals of Data Engineering",
    "Machine Learning Design Patterns",
]


def cites(resource, book: str) -> bool:
    return resource.type == "book" and (resource.title == book or resource.title.startswith(book + ", "))


@pytest.mark.parametrize("book", sorted(BOOKS))
def test_every_recommended_book_sits_on_the_topics_it_serves(book):
    catalog = bundled().catalog
    author, topic_ids = BOOKS[book]
    for topic_id in topic_ids:
        found = [r for r in catalog.topics[topic_id].resources if cites(r, book)]
        assert found, f"{book!r} is not a book resource of {topic_id!r}"
        assert all(author in (r.author or "") for r in found), (topic_id, [r.author for r in found])


def test_every_book_of_the_2025_resources_is_reachable_from_its_resources_section():
    # The source lists its books under "Resources"; a reader who opens that section finds every one,
    # not only those that happen to sit on topics of other sections.
    catalog = bundled().catalog
    resources_section = catalog.paths["backend-2025"].sections[-1]
    assert resources_section.title == "Resources"
    in_section = [r for e in resources_section.entries for r in catalog.topics[e.topic_id].resources]
    missing = [book for book in BOOKS_OF_THE_2025_RESOURCES if not any(cites(r, book) for r in in_section)]
    assert missing == []


def book_citations():
    catalog = bundled().catalog
    for topic in catalog.topics.values():
        for r in topic.resources:
            if r.type == "book":
                yield topic.id, r.title.split(", ")[0], r


def test_a_book_is_cited_the_same_way_everywhere():
    authors: dict[str, set[str]] = {}
    for _, base, resource in book_citations():
        authors.setdefault(base, set()).add(resource.author or "")
    differing = {base: names for base, names in authors.items() if len(names) > 1}
    assert differing == {}
    # One book under two titles ("Accelerate" and "Accelerate: The Science of ...") is the same mistake.
    titles = sorted(authors)
    shortened = [(a, b) for a in titles for b in titles if a != b and re.match(re.escape(a) + r"\W", b)]
    assert shortened == []


def test_a_part_of_a_book_is_cited_after_a_comma_not_in_brackets():
    bracketed = [
        (topic_id, r.title)
        for topic_id, _, r in book_citations()
        if re.search(r"\((chapter|section|part|appendix)", r.title, re.IGNORECASE)
    ]
    assert bracketed == []


def test_the_prerequisite_graph_has_no_cycle():
    catalog = bundled().catalog
    graph = {topic.id: set(topic.prerequisites) for topic in catalog.topics.values()}
    assert all(topic_id not in needs for topic_id, needs in graph.items()), "a topic requires itself"
    assert {p for needs in graph.values() for p in needs} <= set(graph), "unknown prerequisite"
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError, naming the cycle, if there is one


LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}


def test_no_topic_is_easier_than_one_of_its_prerequisites():
    catalog = bundled().catalog
    harder_prerequisites = [
        (topic.id, topic.level.value, p, catalog.topics[p].level.value)
        for topic in catalog.topics.values()
        for p in topic.prerequisites
        if LEVEL_RANK[catalog.topics[p].level.value] > LEVEL_RANK[topic.level.value]
    ]
    assert harder_prerequisites == []


def test_questionable_prerequisites_stay_gone():
    topics = bundled().catalog.topics
    assert "hash-tables" not in topics["probability-basics"].prerequisites
    assert "redis" not in topics["caching"].prerequisites  # a general idea is not gated on one product
    assert "cloud-providers" not in topics["fault-tolerance"].prerequisites
    # Distributed systems build on fault tolerance and sit among the fundamentals' foundations, before operations.
    assert "deployment" not in topics["fault-tolerance"].prerequisites
    # Quality attributes are the criteria a style is chosen by, not something a style teaches.
    assert "architecture-styles" not in topics["quality-attributes"].prerequisites
    assert topics["embeddings"].prerequisites, "transformers and rag build on embeddings, which builds on something"


FUNDAMENTALS_SECTIONS = [
    "Computer science foundations", "Writing high-quality code", "Service communication",
    "Backend application development", "Databases", "Common backend problems", "Security", "System design",
    "Development process", "System administration and operations", "Leadership and product",
]

# The knowledge-and-skills map of the fundamentals source, part by part: the section of the
# backend-fundamentals path that covers it and the topics that section must hold for it.
FUNDAMENTALS_MAP = [
    # Basic computer science knowledge
    ("algorithms and data structures", "Computer science foundations", ["data-structures", "big-o", "algorithms"]),
    ("computer architecture", "Computer science foundations", ["computer-architecture"]),
    ("operating systems", "Computer science foundations", ["linux", "processes-and-threads", "memory-management"]),
    ("computer networking", "Computer science foundations", ["networking-basics"]),
    ("databases", "Computer science foundations", ["databases"]),
    ("programming languages", "Computer science foundations", ["programming-language"]),
    ("compilers", "Computer science foundations", ["compilers"]),
    ("computer security", "Computer science foundations", ["cryptography-basics"]),
    ("distributed systems", "Computer science foundations", ["distributed-systems"]),
    # Coding
    ("coding in general", "Writing high-quality code", ["clean-code"]),
    ("component design", "Writing high-quality code", ["solid-principles"]),
    ("design patterns", "Writing high-quality code", ["design-patterns"]),
    ("refactoring", "Writing high-quality code", ["refactoring"]),
    ("testing", "Writing high-quality code", ["testing", "unit-testing", "integration-testing"]),
    ("legacy code", "Writing high-quality code", ["legacy-code"]),
    ("secure coding", "Security", ["secure-coding"]),
    ("Python", "Writing high-quality code", ["python"]),
    # Backend development: application development
    ("framework design patterns", "Backend application development", ["framework-patterns"]),
    ("layered vs onion/hexagonal architecture", "Backend application development", ["layered-architecture"]),
    ("micro vs full-fledged frameworks", "Backend application development", ["web-frameworks"]),
    ("architecture styles", "Backend application development", ["architecture-styles"]),
    # Backend development: common problems
    ("data persistence", "Common backend problems", ["orm"]),
    ("authentication", "Common backend problems", ["authentication"]),
    ("authorization", "Common backend problems", ["authorization"]),
    ("caching", "Common backend problems", ["caching"]),
    ("internationalization", "Common backend problems", ["internationalization"]),
    ("data validation", "Common backend problems", ["data-validation"]),
    ("error handling", "Common backend problems", ["error-handling"]),
    ("workflow orchestration, background jobs", "Common backend problems", ["background-jobs"]),
    ("distributed and long-running transactions", "Common backend problems", ["distributed-transactions"]),
    ("config and secret management", "Common backend problems", ["twelve-factor-app", "secrets-management"]),
    ("observability: health checks, logging, metrics, tracing", "System administration and operations",
     ["logging", "metrics", "distributed-tracing", "observability"]),
    # Backend development: service communication
    ("client-server and server-server communication", "Service communication", ["service-communication"]),
    ("sync vs async, messaging", "Service communication", ["service-communication", "message-queues"]),
    ("polling vs WebSockets vs server-sent events", "Service communication", ["websockets-and-sse"]),
    ("REST vs GraphQL vs RPC", "Service communication", ["rest", "graphql", "grpc"]),
    ("RESTful API design", "Service communication", ["api-design"]),
    # Backend development: database, security, microservices
    ("database types and trade-offs", "Databases", ["sql", "nosql"]),
    ("relational databases and schema design", "Databases", ["relational-model", "database-normalization", "schema-design"]),
    ("security", "Security", ["owasp-top-10", "injection-attacks", "xss-and-csrf"]),
    ("microservices", "System design", ["microservices"]),
    # System design
    ("architecture design process and quality attributes", "System design",
     ["quality-attributes", "architecture-decisions"]),
    ("architecture patterns and practices", "System design", ["microservices", "event-driven-architecture"]),
    ("domain-driven design", "System design", ["domain-driven-design"]),
    ("distributed system design", "System design", ["consistency-models", "replication", "partitioning"]),
    ("real-world systems", "System design", ["system-design"]),
    # Software development process
    ("Lean and Agile", "Development process", ["agile"]),
    ("DevOps and CALMS", "Development process", ["devops"]),
    ("shift-left", "Development process", ["shift-left"]),
    ("continuous integration and delivery", "Development process", ["ci-cd"]),
    ("trunk-based development", "Development process", ["trunk-based-development"]),
    # System administration and software operation
    ("how software is built, delivered and operated", "System administration and operations",
     ["docker", "deployment", "kubernetes", "monitoring", "incident-management"]),
    ("Linux", "Computer science foundations", ["linux-command-line", "linux"]),
]


def test_the_fundamentals_path_holds_every_prerequisite_of_its_required_topics():
    # A learner who reads the path through is never sent outside it, however deep the prerequisites go.
    catalog = bundled().catalog
    path = catalog.paths["backend-fundamentals"]
    graph = {topic.id: set(topic.prerequisites) for topic in catalog.topics.values()}
    needed = set()
    waiting = [e.topic_id for e in path.entries if not e.optional]
    while waiting:
        topic_id = waiting.pop()
        needed.add(topic_id)
        waiting.extend(graph[topic_id] - needed)
    assert sorted(needed - set(path.topic_ids)) == []


def test_backend_fundamentals_covers_the_whole_knowledge_map():
    path = bundled().catalog.paths["backend-fundamentals"]
    assert [s.title for s in path.sections] == FUNDAMENTALS_SECTIONS
    sections = {s.title: {e.topic_id for e in s.entries} for s in path.sections}
    missing = [(part, section, topic_id) for part, section, topic_ids in FUNDAMENTALS_MAP
               for topic_id in topic_ids if topic_id not in sections[section]]
    assert missing == []


# Every responsibility of the fundamentals source: its area, our id, the level the source tags it with,
# the source's wording, words our title or description must use for it, and topics that must prepare for it.
LADDER_FROM_SEED = [
    (
        "technical", "architecture-design", "senior",
        "Architecture Design",
        ["architecture", "review"],
        ["architecture-styles", "system-design"],
    ),
    (
        "technical", "api-design", "junior",
        "APIs design",
        ["API"],
        ["api-design", "rest"],
    ),
    (
        "technical", "schema-design", "junior",
        "Database schema design",
        ["schema"],
        ["schema-design"],
    ),
    (
        "technical", "component-design", "junior",
        "Component Design",
        ["component"],
        ["design-patterns", "solid-principles"],
    ),
    (
        "technical", "quality-attributes", "senior",
        "Understand software quality attributes and tradeoffs when designing solutions",
        ["testability", "security", "reliability", "availability", "performance efficiency", "cost effectiveness"],
        ["quality-attributes"],
    ),
    (
        "technical", "code-quality", "junior",
        "Write, review, and maintain high-quality code",
        ["code", "review"],
        ["clean-code", "code-review"],
    ),
    (
        "technical", "testing", "junior",
        "Write and perform tests, including unit tests, integration tests, and performance tests",
        ["unit", "integration", "performance"],
        ["unit-testing", "integration-testing", "performance-testing"],
    ),
    (
        "technical", "ci-cd-pipelines", "senior",
        "Write, review, and maintain CI/CD pipelines",
        ["pipeline"],
        ["ci-cd"],
    ),
    (
        "technical", "production-operations", "senior",
        "Operate, troubleshoot, and debug software applications in the production environment",
        ["production"],
        ["monitoring", "logging", "incident-management"],
    ),
    (
        "leadership", "mentoring", "senior",
        "Mentoring & coaching team members",
        ["mentoring", "coaching"],
        ["mentoring"],
    ),
    (
        "leadership", "technical-strategy", "principal",
        "Define technical strategies, principles, best practices, and roadmap",
        ["strategy", "principles", "roadmap"],
        ["technical-strategy"],
    ),
    (
        "leadership", "process-improvement", "principal",
        "Refine development processes",
        ["process"],
        ["process-improvement"],
    ),
    (
        "leadership", "management-partnership", "principal",
        "Consult engineering managers on resources management, hiring plan, team organization, and culture building",
        ["managers", "hiring", "culture"],
        ["engineering-management-partnership"],
    ),
    (
        "business", "business-understanding", "senior",
        "Have a deep understanding of the business, customers, and products",
        ["business", "customers", "product"],
        ["product-thinking"],
    ),
    (
        "business", "product-collaboration", "senior",
        "Actively consult product managers on finding opportunities, ideas generation, solution design, roadmap, "
        "and prioritization",
        ["product managers", "opportunities", "ideas", "prioritising|prioritizing"],
        ["product-discovery"],
    ),
    (
        "business", "dogfooding", "junior",
        "Participate in product testing, dogfooding",
        ["testing", "dogfooding"],
        ["dogfooding"],
    ),
    (
        "business", "launches", "senior",
        "Participate in product launching and post-launch assessment",
        ["launches|launching"],
        ["product-launches"],
    ),
]


def test_the_ladder_has_the_source_levels():
    ladder = bundled().catalog.ladders["backend-engineer"]
    levels = [(level.id, level.title) for level in ladder.levels]
    assert levels == [("junior", "Junior"), ("senior", "Senior"), ("principal", "Principal")]
    assert [area.id for area in ladder.areas] == ["technical", "leadership", "business"]


def test_the_ladder_holds_every_responsibility_of_the_source_and_nothing_else():
    ladder = bundled().catalog.ladders["backend-engineer"]
    ours = [(area.id, duty.id) for area in ladder.areas for duty in area.responsibilities]
    assert ours == [(area, duty) for area, duty, *_ in LADDER_FROM_SEED]


@pytest.mark.parametrize(
    ("area_id", "duty_id", "level", "source_wording", "words", "topics"),
    LADDER_FROM_SEED,
    ids=[row[1] for row in LADDER_FROM_SEED],
)
def test_the_ladder_holds_each_responsibility_at_its_level(area_id, duty_id, level, source_wording, words, topics):
    ladder = bundled().catalog.ladders["backend-engineer"]
    area = next(a for a in ladder.areas if a.id == area_id)
    duty = next(d for d in area.responsibilities if d.id == duty_id)
    assert duty.from_level == level, source_wording
    text = f"{duty.title}. {duty.description}"
    assert [w for w in words if not mentions(w, text)] == [], source_wording
    assert set(topics) <= set(duty.topics), source_wording
