"""Search through the service layer, on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from skilltree.catalog.loader import load_catalog
from skilltree.errors import InvalidInput
from skilltree.progress.models import Source, Status
from skilltree.search import embedding
from skilltree.search.hits import MATCH_START
from skilltree.services import progress
from skilltree.services.search import IndexChanges, index_catalog, search
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def find(engine, catalog, query: str, **options):
    with UnitOfWork(engine) as uow:
        return search(uow, catalog, query=query, **options)


def ids(engine, catalog, query: str, **options) -> list[str]:
    return [hit.topic_id for hit in find(engine, catalog, query, **options)]


def small_tree(tree):
    tree.topic("postgres-basics", body="Tables, rows and the VACUUM process that reclaims space.")
    tree.topic("redis-basics", body="An in-memory store used as a cache in front of slower databases.")
    tree.topic("kafka-basics", body="A distributed log of events with consumer groups.")
    tree.path("data", "[postgres-basics, redis-basics, kafka-basics]")
    return load_catalog(tree.root).catalog


def test_indexing_writes_only_what_changed(engine, tree):
    catalog = small_tree(tree)
    assert index_catalog(units_of_work(engine), catalog) == IndexChanges(added=3)
    assert index_catalog(units_of_work(engine), catalog) == IndexChanges()

    tree.topic("redis-basics", body="An in-memory data structure server, often a cache in front of PostgreSQL.")
    tree.topic("sqlite-basics", body="A database in one file, with a write-ahead log.")
    (tree.root / "topics" / "kafka-basics.md").unlink()
    tree.path("data", "[postgres-basics, redis-basics, sqlite-basics]")
    catalog = load_catalog(tree.root).catalog
    assert index_catalog(units_of_work(engine), catalog) == IndexChanges(added=1, updated=1, removed=1)

    # The removed topic's words are gone; the new and the changed topic's words find them first
    # (meaning may list the others after them).
    assert ids(engine, catalog, "consumer groups") == []
    assert ids(engine, catalog, "write-ahead log")[0] == "sqlite-basics"
    assert ids(engine, catalog, "structure server")[0] == "redis-basics"


def test_a_topic_that_joins_a_path_is_indexed_again_with_its_paths(engine, tree):
    catalog = small_tree(tree)
    index_catalog(units_of_work(engine), catalog)
    tree.path("caching", "[redis-basics]")
    catalog = load_catalog(tree.root).catalog
    assert index_catalog(units_of_work(engine), catalog) == IndexChanges(updated=1)
    assert find(engine, catalog, "in-memory")[0].path_ids == ("caching", "data")


def test_the_server_puts_back_an_index_that_another_catalog_overwrote(engine, tree, catalog):
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.live_catalog import LiveCatalog

    live = LiveCatalog(BUNDLED_CONTENT, check_every=3600, keep_in_step=lambda c: index_catalog(units_of_work(engine), c))
    # Then `skilltree search --content tiny` indexed another catalog into the same database.
    tree.topic("alpha", body="Indexes, queries and databases, in one tiny catalog.")
    tree.path("p", "[alpha]")
    tiny = load_catalog(tree.root).catalog
    assert index_catalog(units_of_work(engine), tiny).removed == len(catalog.topics)
    # Until the server's next check, its searches never show the other catalog's topics...
    assert ids(engine, live.current(), "indexes") == []
    # ...and the check brings its own back, writing only what differs.
    assert ids(engine, live.refresh(), "indexes")[0] == "indexes"
    assert index_catalog(units_of_work(engine), live.current()) == IndexChanges()
    assert ids(engine, tiny, "indexes") == []


def test_topics_missing_from_the_catalog_are_never_shown_and_pages_stay_full(searchable, catalog):
    every = ids(searchable, catalog, "database", limit=40)
    gone = set(every[:12:2])
    # A server whose content lost some topics, searching before its next check re-indexes.
    smaller = replace(catalog, topics={key: topic for key, topic in catalog.topics.items() if key not in gone})
    shown = ids(searchable, smaller, "database")
    assert len(shown) == 10 and not gone & set(shown)
    assert ids(searchable, smaller, "database", limit=5, offset=5) == shown[5:10]


def test_concurrent_indexing_of_the_same_catalog_does_the_work_once(engine, catalog):
    results, errors = [], []

    def run():
        try:
            results.append(index_catalog(units_of_work(engine), catalog))
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result.added for result in results) == len(catalog.topics)
    assert index_catalog(units_of_work(engine), catalog) == IndexChanges()


def test_a_match_in_a_title_or_a_tag_weighs_more_than_one_in_the_summary(engine, tree):
    # Listed first, so that on a tie the summary's topic would come first.
    for topic_id, title, tags, summary in (
        ("a-summary", "Animals", "[animals]", "Where a zebra lives."),
        ("b-tag", "Stripes", "[zebra]", "Where stripes come from."),
        ("c-title", "Zebra", "[animals]", "Where stripes are worn."),
    ):
        tree.write(
            f"topics/{topic_id}.md",
            f"---\ntitle: {title}\nsummary: {summary}\nlevel: beginner\ntags: {tags}\nprerequisites: []\n"
            "resources:\n  - {type: docs, title: Docs, url: 'https://example.org'}\n"
            "review:\n  - {q: One?, a: One.}\n  - {q: Two?, a: Two.}\n---\nThe same body for every topic.\n",
        )
    tree.path("p", "[a-summary, b-tag, c-title]")
    catalog = load_catalog(tree.root).catalog
    index_catalog(units_of_work(engine), catalog)
    found = ids(engine, catalog, "zebra")
    assert set(found[:2]) == {"b-tag", "c-title"} and found[2] == "a-summary"


def test_a_result_shows_the_topic_its_paths_and_a_marked_snippet(searchable, catalog):
    hit = find(searchable, catalog, "slow queries")[0]
    indexes = catalog.topics["indexes"]
    assert (hit.topic_id, hit.title, hit.level, hit.minutes) == ("indexes", "Indexes", "intermediate", indexes.minutes)
    assert hit.path_ids == tuple(path.id for path in catalog.paths_containing("indexes"))
    assert hit.status is None
    assert hit.as_dict()["snippet"] == (
        "Extra data structures, usually B-trees, that let a database find rows without reading the whole table; "
        "the first thing to check when a **query** is **slow**, and a cost on every write."
    )


def test_a_match_only_in_the_body_shows_a_fragment_of_the_body(searchable, catalog):
    hit = next(hit for hit in find(searchable, catalog, "serializable") if hit.topic_id == "isolation-levels")
    snippet = hit.as_dict()["snippet"]
    assert snippet.startswith("…") and "**serializ" in snippet.lower()
    assert len(snippet) < 300


def test_the_learners_status_comes_with_each_result(searchable, catalog):
    units = units_of_work(searchable)
    ada = progress.ensure_learner(units, username="ada", now=NOW)
    progress.mark_topics(units, catalog, learner=ada, topic_ids=["kafka"], status=Status.DONE, source=Source.CLI, now=NOW)
    hits = find(searchable, catalog, "kafka vs rabbitmq", learner=ada)
    statuses = {hit.topic_id: hit.status for hit in hits}
    assert statuses["kafka"] == "done" and statuses["rabbitmq"] == "not_started"


def test_the_last_word_is_completed_as_it_is_typed(searchable, catalog):
    assert ids(searchable, catalog, "idempot")[0] == "idempotency"
    assert ids(searchable, catalog, "rabbit")[0] == "rabbitmq"
    assert ids(searchable, catalog, "autosc")[0] == "kubernetes-scaling"
    # A word followed by a space is finished: no longer a prefix.
    assert ids(searchable, catalog, "rabbit ") == []


def test_synonyms_from_the_content_widen_the_search(searchable, catalog, monkeypatch):
    # Words alone: the meaning of "k8s" would find Kubernetes with or without the synonyms.
    monkeypatch.setenv(embedding.SETTING, embedding.NO_MODEL)
    # Without synonyms "k8s" finds only articles that spell it (an API group such as node.k8s.io).
    assert "kubernetes" not in ids(searchable, replace(catalog, synonyms={}), "k8s")
    assert "kubernetes" in ids(searchable, catalog, "k8s")[:3]
    assert ids(searchable, catalog, "pg vacuum")[0] == "postgresql"


def test_limit(searchable, catalog):
    assert len(ids(searchable, catalog, "database", limit=3)) == 3
    assert len(ids(searchable, catalog, "database", limit=100)) > 10
    for limit in (0, 101):
        with pytest.raises(InvalidInput) as raised:
            find(searchable, catalog, "database", limit=limit)
        assert raised.value.message == f"the limit must be between 1 and 100, not {limit}"


def test_nothing_to_search_for_or_nothing_found_is_an_empty_answer(searchable, catalog):
    for query in ("", "?!", "the and of", "zqxjvw", "😀"):
        assert ids(searchable, catalog, query) == [], query


def test_the_same_query_always_gives_the_same_order(searchable, catalog):
    first = ids(searchable, catalog, "testing")
    assert all(ids(searchable, catalog, "testing") == first for _ in range(3))


def test_a_role_that_does_not_own_the_search_tables_can_still_index(engine, database_url, catalog, caplog):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL roles only")
    import logging
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from skilltree.store.engine import make_engine

    role = f"reader_{uuid.uuid4().hex[:8]}"
    schema = make_url(database_url).query["options"].removeprefix("-csearch_path=")
    with engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        connection.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
        connection.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"'))
    reader = make_engine(make_url(database_url).set(username=role).render_as_string(hide_password=False))
    try:
        with caplog.at_level(logging.WARNING, logger="skilltree.search"):
            assert index_catalog(units_of_work(reader), catalog).added == len(catalog.topics)
        assert "search tables left for autovacuum to settle: must be owner of" in caplog.text
        assert ids(reader, catalog, "slow queries")[0] == "indexes"
    finally:
        reader.dispose()
        with engine.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
