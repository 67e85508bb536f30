"""Typos: a word no topic holds is replaced by the closest word some topic does hold."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from skilltree.catalog.memo import per_catalog
from skilltree.catalog.models import Catalog
from skilltree.search.query import MAX_WORD_LENGTH, STOP_WORDS, WORD

# How alike a word and its correction must be (rapidfuzz's normalised Indel similarity, 0-100):
# "kuberentes" and "kubernetes" score 90, "autoscalng" and "autoscaling" 95.
MIN_SIMILARITY = 80
# Shorter words have too many close neighbours to correct safely ("db" is not a typo of "dns").
MIN_LENGTH = 4
# Corrections remembered per catalog: results as you type correct the same words again and again.
REMEMBERED_CORRECTIONS = 10_000


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    # The same words in order, so that whether a word starts some known word is one bisection.
    in_order: tuple[str, ...]
    # What a typo may be corrected to: every word but numbers, which a typo never meant.
    spellings: tuple[str, ...]
    _corrections: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def starts_a_word(self, start: str) -> bool:
        index = bisect_left(self.in_order, start)
        return index < len(self.in_order) and self.in_order[index].startswith(start)

    def closest(self, word: str) -> str | None:
        """The known word most like `word`, when one is alike enough."""
        if word in self._corrections:
            return self._corrections[word]
        from rapidfuzz import fuzz, process

        best = process.extractOne(word, self.spellings, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
        if len(self._corrections) >= REMEMBERED_CORRECTIONS:
            self._corrections.clear()  # a bound for a long-running server; common words come back soon
        self._corrections[word] = best[0] if best else None
        return best[0] if best else None


@per_catalog
def vocabulary(catalog: Catalog) -> Vocabulary:
    """Every word of every topic's indexed text, computed once per catalog object."""
    found: set[str] = set(catalog.synonyms)
    for topic in catalog.topics.values():
        text = " ".join([topic.title, " ".join(topic.tags), topic.summary, *topic.asks, topic.body])
        # Markup splits words as spaces do, so the raw Markdown gives the same words, faster.
        found.update(WORD.findall(text.lower()))
    in_order = tuple(sorted(found))
    return Vocabulary(frozenset(found), in_order, tuple(word for word in in_order if not word.isdigit()))


def corrected(text: str, catalog: Catalog) -> str | None:
    """The words of `text` with each unknown one replaced by its closest known word; None when none needed it.

    Only words are kept (as the engines see them), so nothing else typed is ever echoed back. The
    last word may still be being typed: it is left alone while some known word starts with it.
    """
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
            best = known.closest(word)
            if best:
                word, changed = best, True
        words.append(word)
    return " ".join(words) if changed else None
