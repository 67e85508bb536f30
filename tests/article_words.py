"""The words of a topic's article, as people should find them in any text rendering of it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from markdown_it import MarkdownIt


@dataclass
class ArticleWords:
    # Prose and code, in reading order.
    running: list[str] = field(default_factory=list)
    # Table cells: a table's columns wrap side by side, so their words are found in no fixed order.
    in_tables: list[str] = field(default_factory=list)


def article_words(body: str) -> ArticleWords:
    """Every word of the Markdown's prose, code and tables, without the Markdown syntax."""
    words = ArticleWords()
    in_table = False
    for token in MarkdownIt().enable("strikethrough").enable("table").parse(body):
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif token.type == "inline":
            text = "".join(" " if child.type in ("softbreak", "hardbreak") else child.content for child in token.children)
            (words.in_tables if in_table else words.running).extend(text.split())
        elif token.type in ("fence", "code_block"):
            words.running.extend(token.content.split())
    return words


def missing_words(words: ArticleWords, output: str) -> list[str]:
    """The words not found in `output`: the running words in order, wherever the lines were
    wrapped (whitespace is ignored, so a word folded across two lines still counts), and each
    table word as a word of its own."""
    text = re.sub(r"\s+", "", output)
    missing, position = [], 0
    for word in words.running:
        found = text.find(word, position)
        if found == -1:
            missing.append(word)
        else:
            position = found + len(word)
    left_out = Counter(words.in_tables) - Counter(output.split())
    return missing + sorted(left_out.elements())
