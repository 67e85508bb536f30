"""A running server reloads edited content, and keeps the last good catalog when an edit is broken."""

from __future__ import annotations

import logging
import os
import threading

from skilltree.live_catalog import LiveCatalog

# Checks only when a test calls refresh(): a background check could read a file half written.
NEVER = 3600


def touch_later(path, seconds: int) -> None:
    """Move the file's modification time forward, as an edit a moment later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def retitle(tree, title: str, seconds: int) -> None:
    path = tree.write("topics/a.md", (tree.root / "topics/a.md").read_text().replace("title: A", f"title: {title}"))
    touch_later(path, seconds)


def test_reloads_good_edits_and_ignores_broken_ones(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    reloaded = []
    live = LiveCatalog(tree.root, check_every=NEVER, keep_in_step=reloaded.append)
    assert live.current().topics["a"].title == "A" and live.version == 1

    retitle(tree, "Alpha", 1)
    assert live.refresh().topics["a"].title == "Alpha" and live.version == 2

    path = tree.write("topics/a.md", "---\ntitle: [broken\n---\n")
    touch_later(path, 2)
    assert live.refresh().topics["a"].title == "Alpha"  # still the last good one
    assert live.version == 2
    assert [catalog.topics["a"].title for catalog in reloaded] == ["A", "Alpha"]
    # Every check keeps the served catalog in step, so that what another process changed is put back.
    assert live.refresh().topics["a"].title == "Alpha"
    assert len(reloaded) == 3 and reloaded[2] is reloaded[1]


def test_unchanged_content_is_not_reloaded(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    live = LiveCatalog(tree.root, check_every=NEVER)
    first = live.current()
    assert live.refresh() is first and live.current() is first and live.version == 1


def test_a_due_check_runs_in_the_background_and_no_request_waits_for_it(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    indexing, finish = threading.Event(), threading.Event()

    def slow_index(catalog):
        if catalog.topics["a"].title != "A":  # the start-up load goes through at once
            indexing.set()
            assert finish.wait(10)

    live = LiveCatalog(tree.root, check_every=0, keep_in_step=slow_index)
    retitle(tree, "Alpha", 1)
    assert live.current().topics["a"].title == "A"
    assert indexing.wait(10)
    # The check is stuck in keep_in_step: a request still gets the last good catalog, at once.
    assert live.current().topics["a"].title == "A"
    finish.set()
    assert live.refresh().topics["a"].title == "Alpha" and live.version == 2


def test_a_failed_reindex_keeps_the_last_good_catalog_and_is_retried(tree, caplog):
    tree.topic("a")
    tree.path("p", "[a]")
    indexed, failing = [], [False]

    def index(catalog):
        if failing[0]:
            raise ConnectionError("the database went away")
        indexed.append(catalog.topics["a"].title)

    live = LiveCatalog(tree.root, check_every=NEVER, keep_in_step=index)
    retitle(tree, "Alpha", 1)
    failing[0] = True
    with caplog.at_level(logging.INFO, logger="skilltree.catalog"):
        assert live.refresh().topics["a"].title == "A" and live.version == 1
        first = caplog.text
        caplog.clear()
        assert live.refresh().topics["a"].title == "A"
        again = caplog.records
    assert "the catalog could not be kept in step; still serving the last good catalog" in first
    assert first.count("Traceback") == 1 and "the database went away" in first
    # A database that stays down is not a traceback at every check.
    assert [record.getMessage() for record in again] == [
        "the catalog still cannot be kept in step (ConnectionError: the database went away); trying again at the next check"
    ]

    failing[0] = False
    with caplog.at_level(logging.INFO, logger="skilltree.catalog"):
        assert live.refresh().topics["a"].title == "Alpha" and live.version == 2
    assert "the catalog is kept in step again" in caplog.text
    assert indexed == ["A", "Alpha"]
