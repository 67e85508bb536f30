"""Whether a learner's note answers their search, and the piece of it to show.

A learner holds few notes, so they are matched here, in the same way on both engines, rather than
in the topic index: word for word (the last word typed also as the start of a longer one), each
synonym phrase as consecutive words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skilltree.search.hits import MATCH_END, MATCH_START
from skilltree.search.query import WORD, SearchQuery, TermGroup

SNIPPET_WORDS = 24
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NoteMatch:
    groups: int  # how many of the query's words (or their synonyms) the note holds
    snippet: str  # marked with MATCH_START and MATCH_END as a topic's snippet is


def match_note(text: str, query: SearchQuery) -> NoteMatch | None:
    tokens = list(WORD.finditer(text))
    words = [token.group().lower() for token in tokens]
    marked: set[int] = set()
    groups = 0
    for group in query.groups:
        found = _positions(words, group)
        if found:
            groups += 1
            marked |= found
    if not groups:
        return None
    return NoteMatch(groups, _snippet(text, tokens, marked))


def _positions(words: list[str], group: TermGroup) -> set[int]:
    found: set[int] = set()
    for phrase in group.phrases:
        is_prefix = group.prefix and phrase == (group.word,)
        for start in range(len(words) - len(phrase) + 1):
            window = words[start : start + len(phrase)]
            if window == list(phrase) or (is_prefix and window[0].startswith(phrase[0])):
                found.update(range(start, start + len(phrase)))
    return found


def _snippet(text: str, tokens: list, marked: set[int]) -> str:
    first = min(marked)
    start = max(0, first - SNIPPET_WORDS // 3)
    end = min(len(tokens), start + SNIPPET_WORDS)
    pieces = ["…"] if start > 0 else []
    cursor = tokens[start].start()
    for index in range(start, end):
        token = tokens[index]
        pieces.append(_SPACES.sub(" ", text[cursor : token.start()]))
        pieces.append(f"{MATCH_START}{token.group()}{MATCH_END}" if index in marked else token.group())
        cursor = token.end()
    pieces.append(" …" if end < len(tokens) else _SPACES.sub(" ", text[cursor:]))
    return "".join(pieces).strip()
