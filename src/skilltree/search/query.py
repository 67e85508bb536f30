"""A learner's words turned into search terms: tokenised, stop words dropped, synonyms added.

Generic words (GENERIC_WORDS) count only when nothing else was typed.

Engines never see what was typed: each builds its own query syntax from these terms, which
hold only letters and digits, so no quote, operator or SQL fragment can reach them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

# Letters and digits, as both engines' tokenisers split words (an underscore separates).
WORD = re.compile(r"[^\W_]+")
# A question longer than this is a pasted paragraph; its first words say enough.
MAX_WORDS = 24
# Longer "words" are pasted identifiers or noise that no topic contains.
MAX_WORD_LENGTH = 40
# A shorter last word is not yet worth completing: "k" would match half the catalog.
PREFIX_MIN_LENGTH = 2

# PostgreSQL's English stop words (tsearch_data/english.stop), so both engines ignore the same
# words, and the fillers of learners' questions ("kafka vs rabbitmq").
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don should now
    vs versus difference differences explain explained please
    """.split()
)
# Words of wanting and doing that say nothing of the subject: "make my page load faster" is about
# page loads. They count only when the learner typed nothing else, so that they never lift a topic
# above one that matches the subject words.
GENERIC_WORDS = frozenset(
    """
    make makes making made faster fast quicker better best good work works working worked use uses
    using used get gets getting got want wants need needs way ways thing things something anything
    help know learn start started keep keeps really actually always never
    """.split()
)


@dataclass(frozen=True)
class TermGroup:
    """One word the learner typed, and the phrases that may stand for it (from the synonyms)."""

    word: str
    # The last word typed may be unfinished: it also matches as the start of a longer word.
    prefix: bool = False
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        return ((self.word,), *self.alternatives)


@dataclass(frozen=True)
class SearchQuery:
    """Any group may match (OR); the engines rank topics that match more, and better, first."""

    groups: tuple[TermGroup, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)


def words_of(text: str) -> list[str]:
    return [match.group().lower() for match in WORD.finditer(text)]


def parse_query(text: str, synonyms: Mapping[str, tuple[str, ...]] | None = None) -> SearchQuery:
    """The search terms of what a learner typed; empty when nothing in it can be searched for."""
    thesaurus = _thesaurus(tuple(synonyms.items())) if synonyms else {}
    matches = list(WORD.finditer(text))
    # The last word is still being typed unless something (a space, a '?') follows it.
    unfinished = matches[-1] if matches and matches[-1].end() == len(text) else None
    groups: dict[str, TermGroup] = {}
    for match in matches:
        word = match.group().lower()
        if len(word) > MAX_WORD_LENGTH or word in groups or (word in STOP_WORDS and word not in thesaurus):
            continue
        prefix = match is unfinished and len(word) >= PREFIX_MIN_LENGTH
        groups[word] = TermGroup(word, prefix, thesaurus.get(word, ()))
        if len(groups) == MAX_WORDS:
            break
    subject = tuple(group for group in groups.values() if group.word not in GENERIC_WORDS)
    return SearchQuery(subject or tuple(groups.values()))


@lru_cache(maxsize=8)
def _thesaurus(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """word -> phrases that may stand for it.

    A key stands for its values ("k8s" finds "kubernetes"); a one-word value also stands for its
    key and the key's other values ("postgres" finds "pg" and "postgresql"). A phrase typed in
    full is searched for as its words anyway, so longer values only work one way.
    """
    table: dict[str, dict[tuple[str, ...], None]] = {}
    for key, values in entries:
        phrases = [tuple(words_of(value)) for value in values]
        phrases = [phrase for phrase in phrases if phrase and phrase != (key,)]
        table.setdefault(key, {}).update(dict.fromkeys(phrases))
        for phrase in phrases:
            if len(phrase) == 1:
                siblings = [(key,), *(other for other in phrases if other != phrase)]
                table.setdefault(phrase[0], {}).update(dict.fromkeys(siblings))
    return {word: tuple(p for p in phrases if p != (word,)) for word, phrases in table.items()}
