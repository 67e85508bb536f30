"""The catalog cache hands back the catalog's search digest with it, and a new one once the content changed."""

from __future__ import annotations

from skilltree.catalog.loader import load_catalog
from skilltree.catalog_cache import load_catalog_cached
from skilltree.search import documents
from skilltree.search.documents import catalog_digest


def test_a_cached_catalog_brings_the_digest_of_its_content(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLTREE_CACHE_DIR", str(tmp_path / "cache"))
    tree.topic("kafka-basics", body="A distributed log of events.")
    tree.path("data", "[kafka-basics]")
    load_catalog_cached(tree.root)  # fills the cache

    cached = load_catalog_cached(tree.root).catalog
    with monkeypatch.context() as computing:
        computing.setattr(documents, "fingerprint", None)  # computing the digest would fail
        handed_over = catalog_digest(cached)  # handed over by the cache, not computed again
    assert handed_over == catalog_digest(load_catalog(tree.root).catalog)

    tree.topic("kafka-basics", body="A distributed, replicated log of events with consumer groups.")
    edited = load_catalog_cached(tree.root).catalog
    assert catalog_digest(edited) == catalog_digest(load_catalog(tree.root).catalog)
    assert catalog_digest(edited).key != catalog_digest(cached).key
