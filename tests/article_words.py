"""The words of a topic's article, as people should find them in any text rendering of it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt


def article_words(body: str) -> list[str]:
    """Every word of the Markdown's prose and code, in order, without the Markdown syntax."""
    words = []
    for token in MarkdownIt().enable("strikethrough").enable("table").parse(body):
        if token.type == "inline":
            text = "".join(" " if child.type in ("softbreak", "hardbreak") else child.content for child in token.children)
            words += text.split()
        elif token.type in ("fence", "code_block"):
            words += token.content.split()
    return words


def missing_words(words: list[str], output: str) -> list[str]:
    """The words not found in `output`, in order, wherever its lines were wrapped (whitespace is
    ignored, so a word folded across two lines still counts)."""
    text = re.sub(r"\s+", "", output)
    missing, position = [], 0
    for word in words:
        found = text.find(word, position)
        if found == -1:
            missing.append(word)
        else:
            position = found + len(word)
    return missing
