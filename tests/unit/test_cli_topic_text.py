"""`skilltree topic` at 80 columns: every word of every bundled article reaches the text, in order."""

from __future__ import annotations

import pytest

from skilltree.cli import output, render
from skilltree.services.catalog import topic_detail

from article_words import article_words, missing_words


@pytest.fixture
def eighty_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    output.console.cache_clear()
    yield
    output.console.cache_clear()


def test_every_article_is_wrapped_whole_at_80_columns(catalog, eighty_columns, capsys):
    for topic_id in sorted(catalog.topics):
        detail = topic_detail(catalog, topic_id=topic_id)
        render.render_topic(detail)
        text = capsys.readouterr().out
        assert missing_words(article_words(detail.body), text) == [], topic_id
        too_wide = [line for line in text.splitlines() if len(line) > 80]
        assert too_wide == [], topic_id
        assert [line for line in text.splitlines() if line != line.rstrip()] == [], topic_id


def test_the_word_check_notices_a_cropped_line():
    words = article_words("- git restore throws away unstaged edits; they cannot be recovered.\n")
    assert missing_words(words, " • git restore throws away unstaged edits; they cannot b\n") == ["be", "recovered."]


def test_the_word_check_notices_a_table_cell_cut_short():
    words = article_words("| Data | Kept for |\n|---|---|\n| Orders | 90 days |\n")
    assert missing_words(words, " Data    Kept for\n Orders  90 days\n") == []
    assert missing_words(words, " Data    Kept for\n Orders  90 da…\n") == ["days"]
