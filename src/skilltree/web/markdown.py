"""Markdown to HTML for topic bodies, with raw HTML disabled (it is shown as text, never run)."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> Markup:
    return Markup(_renderer.render(text))
