"""A hostile or broken content file is one content error with file:line, read with bounds: it never
blocks, exhausts memory, spins the CPU or crashes the process that loads it."""

from __future__ import annotations

import os

import pytest

from skilltree.catalog import yaml_fast
from skilltree.catalog.loader import load_catalog
from skilltree.catalog.source import MAX_CONTENT_FILE_BYTES

from hostile_yaml import billion_laughs, deeply_nested


def errors(tree) -> list[str]:
    root = str(tree.root)
    return [str(p).replace(root + "/", "") for p in load_catalog(tree.root).errors]


@pytest.fixture
def valid(tree):
    """A valid tree: topic a in path p, so each test adds only its hostile file."""
    tree.topic("a")
    tree.path("p", "[a]")
    return tree


def test_a_fifo_is_refused_without_blocking(valid):
    os.mkfifo(valid.root / "topics" / "x.md")
    assert errors(valid) == ["topics/x.md:1: -: not a regular file but a FIFO: content files must be plain files"]


def test_a_symlink_to_dev_zero_is_refused_without_reading(valid):
    (valid.root / "topics" / "zero.md").symlink_to("/dev/zero")
    assert errors(valid) == ["topics/zero.md:1: -: not a regular file but a device: content files must be plain files"]


def test_a_directory_named_like_a_topic_is_refused(valid):
    (valid.root / "topics" / "folder.md").mkdir()
    assert errors(valid) == ["topics/folder.md:1: -: not a regular file but a directory: content files must be plain files"]


def test_a_file_over_one_mib_is_refused_and_the_limit_named(valid):
    valid.write("paths/huge.yaml", "title: " + "x" * MAX_CONTENT_FILE_BYTES)
    assert errors(valid) == ["paths/huge.yaml:1: -: larger than 1 MiB, the limit for a content file"]


def test_a_file_of_exactly_one_mib_is_read(valid):
    topic = valid.topic("b", body="")
    padding = MAX_CONTENT_FILE_BYTES - topic.stat().st_size
    topic.write_text(topic.read_text() + "word " * (padding // 5) + "x" * (padding % 5))
    assert topic.stat().st_size == MAX_CONTENT_FILE_BYTES
    valid.path("p", "[a, b]")
    assert errors(valid) == []


def test_windows_line_endings_still_read_as_lines(valid):
    valid.write("topics/b.md", valid.topic("b").read_text().replace("\n", "\r\n").replace("level: beginner", "level: expert"))
    valid.path("p", "[a, b]")
    assert errors(valid) == ["topics/b.md:4: level: 'expert' is not one of: beginner, intermediate, advanced"]


def test_nesting_40000_deep_is_refused_at_its_line_before_anything_recurses(valid):
    # libyaml's composer crashed the whole process near 32,000 levels.
    valid.write("topics/b.md", f"---\ntitle: B\nlevel: beginner\ndeep: {deeply_nested(40_000)}\n---\nBody.\n")
    assert errors(valid) == ["topics/b.md:4: deep: YAML nested more than 64 levels deep"]


def test_deep_nesting_under_a_tag_is_refused_before_the_safe_loader_reads_it(valid):
    # A tag sends the document to PyYAML's own loader, which recurses.
    valid.write("paths/q.yaml", f"title: Q\nsections: !!seq {deeply_nested(40_000)}\n")
    assert errors(valid) == ["paths/q.yaml:2: sections: YAML nested more than 64 levels deep"]


def test_nesting_up_to_the_limit_is_read():
    assert yaml_fast.load(deeply_nested(yaml_fast.MAX_DEPTH)) == yaml_fast.load(deeply_nested(yaml_fast.MAX_DEPTH))
    with pytest.raises(yaml_fast.YamlTooComplex):
        yaml_fast.load(deeply_nested(yaml_fast.MAX_DEPTH + 1))


def test_an_alias_bomb_in_tags_is_refused_at_the_alias_that_crosses_the_limit(valid):
    front_matter = billion_laughs().replace("l8: &l8", "tags:")
    valid.write("topics/b.md", f"---\ntitle: B\n{front_matter}---\nBody.\n")
    # l1 and l2 repeat 110 and 1,110 values (l0 is 11 values as written out); l3 would repeat 11,110.
    assert errors(valid) == ["topics/b.md:6: l3: YAML aliases repeat more than 10,000 values; write the values out instead"]


def test_an_alias_bomb_in_synonyms_is_refused(valid):
    valid.write("synonyms.yaml", billion_laughs())
    assert errors(valid) == ["synonyms.yaml:4: l3: YAML aliases repeat more than 10,000 values; write the values out instead"]


def test_a_few_aliases_are_read_as_before(valid):
    valid.write("synonyms.yaml", "pg: &pg [postgresql, postgres]\npsql: *pg\n")
    assert errors(valid) == []
    assert load_catalog(valid.root).catalog.synonyms == {"pg": ("postgresql", "postgres"), "psql": ("postgresql", "postgres")}
