"""A running server reloads edited content, and keeps the last good catalog when an edit is broken."""

from __future__ import annotations

import os

from skilltree.live_catalog import LiveCatalog


def touch_later(path, seconds: int) -> None:
    """Move the file's modification time forward, as an edit a moment later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_reloads_good_edits_and_ignores_broken_ones(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    reloaded = []
    live = LiveCatalog(tree.root, check_every=0, on_reload=reloaded.append)
    assert live.current().topics["a"].title == "A" and live.version == 1

    path = tree.write("topics/a.md", (tree.root / "topics/a.md").read_text().replace("title: A", "title: Alpha"))
    touch_later(path, 1)
    assert live.current().topics["a"].title == "Alpha" and live.version == 2

    tree.write("topics/a.md", "---\ntitle: [broken\n---\n")
    touch_later(path, 2)
    assert live.current().topics["a"].title == "Alpha"  # still the last good one
    assert live.version == 2 and len(reloaded) == 2


def test_unchanged_content_is_not_reloaded(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    live = LiveCatalog(tree.root, check_every=0)
    first = live.current()
    assert live.current() is first and live.version == 1
