"""A content edit that cannot be loaded, or whose load runs away in time or memory, leaves the
running server on its last good catalog, with one clear line in the log."""

from __future__ import annotations

import logging

import pytest

from skilltree.live_catalog import LiveCatalog
from hostile_yaml import deeply_nested
from test_live_catalog import NEVER, retitle, touch_later


@pytest.fixture
def served(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    return tree


def reload_log(live, caplog) -> list[str]:
    with caplog.at_level(logging.INFO, logger="skilltree.catalog"):
        assert live.refresh().topics["a"].title == "A" and live.version == 1
    return [record.getMessage() for record in caplog.records]


def test_nesting_40000_deep_added_while_serving_is_one_content_error(served, caplog):
    live = LiveCatalog(served.root, check_every=NEVER)
    retitle(served, "Alpha", 1)
    deep = served.write("topics/b.md", f"---\ntitle: B\ndeep: {deeply_nested(40_000)}\n---\nBody.\n")
    touch_later(deep, 1)
    assert reload_log(live, caplog) == [
        f"the new content has 1 error(s), the first: {deep}:3: deep: YAML nested more than 64 levels deep; still serving the last good catalog"
    ]


def test_many_errors_are_still_one_line(served, caplog):
    live = LiveCatalog(served.root, check_every=NEVER)
    broken = served.write("topics/a.md", "---\ntitle: [A\n---\n")
    touch_later(broken, 1)
    served.write("topics/c.md", "no front matter")
    assert reload_log(live, caplog) == [
        f"the new content has 2 error(s), the first: {broken}:2: title: YAML syntax error: did not find expected "
        "',' or ']' while parsing a flow sequence; line 2 reads 'title: [A'; still serving the last good catalog"
    ]


def test_a_reload_past_its_time_is_stopped(served, caplog):
    live = LiveCatalog(served.root, check_every=NEVER, reload_seconds=0.001)
    retitle(served, "Alpha", 1)
    assert reload_log(live, caplog) == [
        "the new content could not be loaded: it took longer than 0.001 s; still serving the last good catalog"
    ]


def test_a_reload_past_its_memory_is_stopped(served, caplog):
    live = LiveCatalog(served.root, check_every=NEVER, reload_memory_bytes=32 * 2**20)
    for n in range(16):  # each just under the 1 MiB a content file may have
        served.topic(f"big-{n}", body="word " * 200_000)
    assert reload_log(live, caplog) == [
        "the new content could not be loaded: it needed more than 32 MiB of memory; still serving the last good catalog"
    ]
    # The limit only stops the load: once the content is back within it, an edit is served again.
    live.reload_limits["memory_bytes"] = 2**30
    retitle(served, "Alpha", 1)
    assert live.refresh().topics["a"].title == "Alpha" and live.version == 2


def test_a_dangling_symlink_is_one_content_error_not_a_failed_check_every_time(served, caplog):
    live = LiveCatalog(served.root, check_every=NEVER)
    dangling = served.root / "topics" / "gone.md"
    dangling.symlink_to(served.root / "nowhere.md")
    assert reload_log(live, caplog) == [
        f"the new content has 1 error(s), the first: {dangling}:1: -: cannot read file: No such file or directory; "
        "still serving the last good catalog"
    ]
    caplog.clear()
    assert reload_log(live, caplog) == []  # the same content: nothing new to say
