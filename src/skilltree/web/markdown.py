"""Markdown to HTML, with raw HTML disabled (it is shown as text, never run).

Topic bodies come from the curriculum; evidence comes from learners, so it is held tighter: links
only to http(s) addresses (no javascript:, data: or relative ones) and no images, which would
make every reader's browser fetch from wherever the writer chose.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> Markup:
    return Markup(_renderer.render(text))


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


_evidence_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_evidence_renderer.validateLink = _is_web_address


@lru_cache(maxsize=1024)
def render_evidence(text: str) -> Markup:
    return Markup(_evidence_renderer.render(text))
