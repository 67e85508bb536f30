"""Notes as plain data: their limits, link checks, and how a learner's words find them."""

from __future__ import annotations

import pytest

from skilltree.errors import Unprocessable
from skilltree.notes.matching import match_note
from skilltree.notes.model import NOTE_MAX_BYTES, NOTE_MAX_LINKS, NoteLink, checked_note
from skilltree.search.hits import MATCH_END, MATCH_START
from skilltree.search.query import parse_query


def refusal(body: str = "", links=()) -> str:
    with pytest.raises(Unprocessable) as error:
        checked_note(body, links)
    return error.value.message


def test_a_note_at_the_limits_is_kept_and_one_beyond_is_refused_naming_the_limit():
    body, links = checked_note("é" * (NOTE_MAX_BYTES // 2), [{"title": "t", "url": "https://e.org"}] * NOTE_MAX_LINKS)
    assert len(links) == NOTE_MAX_LINKS and len(body.encode()) == NOTE_MAX_BYTES
    assert refusal("x" * (NOTE_MAX_BYTES + 1)) == "the note is too long: 102,401 bytes, at most 102,400 (100 KB)"
    assert refusal(links=[{"title": "t", "url": "https://e.org"}] * 51) == "too many links: 51, at most 50 per note"


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"title": "", "url": "https://e.org"}, "links[0].title: a link needs a title"),
        ({"title": "x", "url": "javascript:alert(1)"}, "links[0].url: 'javascript:alert(1)' is not an http or https address such as https://example.org/page"),
        ({"title": "x", "url": "https://"}, "links[0].url: 'https://' is not an http or https address such as https://example.org/page"),
        ({"title": "x", "url": "ftp://e.org/f"}, "links[0].url: 'ftp://e.org/f' is not an http or https address such as https://example.org/page"),
        ({"title": "x", "url": "https://e.org/a b"}, "links[0].url: 'https://e.org/a b' is not an http or https address such as https://example.org/page"),
    ],
)
def test_a_link_must_have_a_title_and_an_http_address(link, message):
    assert refusal(links=[link]) == message


def test_links_are_trimmed_and_line_ends_made_plain():
    body, links = checked_note("a\r\nb", [{"title": " Docs ", "url": " https://e.org/x "}])
    assert body == "a\nb" and links == (NoteLink("Docs", "https://e.org/x"),)


def marked(snippet: str) -> list[str]:
    return [piece.split(MATCH_END)[0] for piece in snippet.split(MATCH_START)[1:]]


def test_a_note_is_found_word_for_word_with_the_last_word_as_a_prefix():
    text = "Consumer lag: how far a consumer is behind. Check it before scaling."
    match = match_note(text, parse_query("kafka consum"))
    assert match.groups == 1 and marked(match.snippet) == ["Consumer", "consumer"]
    assert match_note(text, parse_query("consum ")) is None  # a finished word is matched whole
    assert match_note(text, parse_query("how the")) is None  # small words are not searched


def test_synonyms_find_a_note_too():
    match = match_note("Scaling pods in Kubernetes", parse_query("k8s", {"k8s": ("kubernetes",)}))
    assert match is not None and marked(match.snippet) == ["Kubernetes"]
