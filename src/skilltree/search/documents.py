"""What search knows of a topic: its text fields as plain text, and a fingerprint of them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from skilltree.catalog.memo import per_catalog
from skilltree.catalog.models import Catalog, Topic

# Part of every fingerprint: bump it when what is indexed changes, and every topic is indexed again.
# 2: tags weigh as much as titles on PostgreSQL (weight A instead of B).
# 3: the questions a topic answers (asks) are indexed.
INDEX_FORMAT = 3


@dataclass(frozen=True)
class SearchDocument:
    topic_id: str
    content_hash: str
    title: str
    level: str
    minutes: int
    # The paths that contain the topic, in catalog order: search results show them.
    path_ids: tuple[str, ...]
    tags: str
    summary: str
    resources: str
    # The questions the topic answers, one after another.
    asks: str
    body: str


def fingerprint(topic: Topic, path_ids: tuple[str, ...]) -> str:
    """Changes whenever anything indexed about the topic changes; cheap, so unchanged topics cost little."""
    parts = (
        str(INDEX_FORMAT), topic.title, topic.level.value, str(topic.minutes), " ".join(path_ids),
        "\x1f".join(topic.tags), topic.summary, "\x1f".join(r.title for r in topic.resources), "\x1f".join(topic.asks), topic.body,
    )
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class CatalogDigest:
    """What the search index must hold for a catalog: each topic's fingerprint, and one key for them all.

    The index stores the key of the catalog it holds, so that index_catalog can tell with one
    read whether the index is another catalog's (see services.search).
    """

    path_ids: dict[str, tuple[str, ...]]
    fingerprints: dict[str, str]
    key: str


# Computed once per catalog object, for as long as it lives (catalog.memo): hashing every article
# of a large catalog takes a tenth of a second, and the server compares the key at every content check.
@per_catalog
def catalog_digest(catalog: Catalog) -> CatalogDigest:
    """The digest of `catalog`, computed once per catalog object (catalogs are never changed in place)."""
    path_ids = paths_by_topic(catalog)
    fingerprints = {topic.id: fingerprint(topic, path_ids.get(topic.id, ())) for topic in catalog.topics.values()}
    listing = "".join(f"{topic_id} {fingerprints[topic_id]}\n" for topic_id in sorted(fingerprints))
    return CatalogDigest(path_ids, fingerprints, hashlib.sha256(listing.encode()).hexdigest())


def search_document(topic: Topic, path_ids: tuple[str, ...], content_hash: str) -> SearchDocument:
    return SearchDocument(
        topic_id=topic.id,
        content_hash=content_hash,
        title=plain_text(topic.title),
        level=topic.level.value,
        minutes=topic.minutes,
        path_ids=path_ids,
        tags=" ".join(topic.tags),
        summary=plain_text(topic.summary),
        resources=" · ".join(plain_text(resource.title) for resource in topic.resources),
        asks=" · ".join(plain_text(ask) for ask in topic.asks),
        body=plain_text(topic.body),
    )


def paths_by_topic(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """topic id -> ids of the paths that contain it, in one pass over the paths."""
    found: dict[str, list[str]] = {}
    for path in catalog.paths.values():
        for topic_id in dict.fromkeys(path.topic_ids):
            found.setdefault(topic_id, []).append(path.id)
    return {topic_id: tuple(path_ids) for topic_id, path_ids in found.items()}


_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.MULTILINE)
_TABLE_EDGE = re.compile(r"^[ \t]*\||\|[ \t]*$", re.MULTILINE)
_LINE_MARKUP = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.MULTILINE)
# A single '*' only where it wraps a word, so that 'SELECT *' keeps its star.
_STAR = re.compile(r"(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")
# Control characters never belong in text, and the engines' highlight markers are made of them.
_CONTROL = dict.fromkeys([*range(0x20), 0x7F], " ")


def plain_text(markdown: str) -> str:
    """Markdown without its markup, on one line: what a snippet of it should show.

    Each pattern runs only when its mark is in the text: most text has no tables or links, and
    indexing a large catalog spends most of its time here.
    """
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "|" in text:
        text = _TABLE_EDGE.sub(" ", _TABLE_RULE.sub(" ", text))
    text = _LINE_MARKUP.sub("", text).replace("**", "").replace("`", "")
    if "*" in text:
        text = _STAR.sub("", text)
    return " ".join(text.translate(_CONTROL).split())
