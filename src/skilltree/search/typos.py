"""Typos: a word no topic holds is replaced by the closest word some topic does hold."""

from __future__ import annotations

import weakref

from skilltree.catalog.models import Catalog
from skilltree.search.query import MAX_WORD_LENGTH, STOP_WORDS, WORD

# How alike a word and its correction must be (rapidfuzz's normalised Indel similarity, 0-100):
# "kuberentes" and "kubernetes" score 90, "autoscalng" and "autoscaling" 95.
MIN_SIMILARITY = 80
# Shorter words have too many close neighbours to correct safely ("db" is not a typo of "dns").
MIN_LENGTH = 4

_vocabularies: dict[int, frozenset[str]] = {}


def vocabulary(catalog: Catalog) -> frozenset[str]:
    """Every word of every topic's indexed text, computed once per catalog object."""
    words = _vocabularies.get(id(catalog))
    if words is None:
        found: set[str] = set(catalog.synonyms)
        for topic in catalog.topics.values():
            text = " ".join([topic.title, " ".join(topic.tags), topic.summary, *topic.asks, topic.body])
            # Markup splits words as spaces do, so the raw Markdown gives the same words, faster.
            found.update(WORD.findall(text.lower()))
        words = frozenset(found)
        _vocabularies[id(catalog)] = words
        weakref.finalize(catalog, _vocabularies.pop, id(catalog), None)
    return words


def corrected(text: str, catalog: Catalog) -> str | None:
    """The words of `text` with each unknown one replaced by its closest known word; None when none needed it.

    Only words are kept (as the engines see them), so nothing else typed is ever echoed back. The
    last word may still be being typed: it is left alone while some known word starts with it.
    """
    from rapidfuzz import fuzz, process

    known = vocabulary(catalog)
    matches = list(WORD.finditer(text))
    words, changed = [], False
    for match in matches:
        word = match.group().lower()
        unfinished = match is matches[-1] and match.end() == len(text)
        if (
            word not in known
            and word not in STOP_WORDS
            and MIN_LENGTH <= len(word) <= MAX_WORD_LENGTH
            and not word.isdigit()
            and not (unfinished and any(candidate.startswith(word) for candidate in known))
        ):
            best = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
            if best:
                word, changed = best[0], True
        words.append(word)
    return " ".join(words) if changed else None
