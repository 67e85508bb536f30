"""Typos: a word no topic holds is replaced by the closest word some topic does hold."""

from __future__ import annotations

import weakref
from bisect import bisect_left
from dataclasses import dataclass

from skilltree.catalog.models import Catalog
from skilltree.search.query import MAX_WORD_LENGTH, STOP_WORDS, WORD

# How alike a word and its correction must be (rapidfuzz's normalised Indel similarity, 0-100):
# "kuberentes" and "kubernetes" score 90, "autoscalng" and "autoscaling" 95.
MIN_SIMILARITY = 80
# Shorter words have too many close neighbours to correct safely ("db" is not a typo of "dns").
MIN_LENGTH = 4

@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    # The same words in order, so that whether a word starts some known word is one bisection.
    in_order: tuple[str, ...]

    def starts_a_word(self, start: str) -> bool:
        index = bisect_left(self.in_order, start)
        return index < len(self.in_order) and self.in_order[index].startswith(start)


_vocabularies: dict[int, Vocabulary] = {}


def vocabulary(catalog: Catalog) -> Vocabulary:
    """Every word of every topic's indexed text, computed once per catalog object."""
    known = _vocabularies.get(id(catalog))
    if known is None:
        found: set[str] = set(catalog.synonyms)
        for topic in catalog.topics.values():
            text = " ".join([topic.title, " ".join(topic.tags), topic.summary, *topic.asks, topic.body])
            # Markup splits words as spaces do, so the raw Markdown gives the same words, faster.
            found.update(WORD.findall(text.lower()))
        known = Vocabulary(frozenset(found), tuple(sorted(found)))
        _vocabularies[id(catalog)] = known
        weakref.finalize(catalog, _vocabularies.pop, id(catalog), None)
    return known


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
            word not in known.words
            and word not in STOP_WORDS
            and MIN_LENGTH <= len(word) <= MAX_WORD_LENGTH
            and not word.isdigit()
            and not (unfinished and known.starts_a_word(word))
        ):
            best = process.extractOne(word, known.in_order, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
            if best:
                word, changed = best[0], True
        words.append(word)
    return " ".join(words) if changed else None
