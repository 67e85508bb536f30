"""A note: Markdown of the learner's own and links (title + http/https URL); every save is a revision."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from skilltree.errors import Unprocessable

NOTE_MAX_BYTES = 100 * 1024
NOTE_MAX_LINKS = 50
LINK_TITLE_MAX_LENGTH = 200
LINK_URL_MAX_LENGTH = 2000
LINK_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class NoteLink:
    title: str
    url: str


@dataclass(frozen=True)
class NoteRevision:
    """One save of a note. An empty body without links is a deleted note."""

    topic_id: str
    body: str
    links: tuple[NoteLink, ...]
    saved_at: datetime

    @property
    def empty(self) -> bool:
        return not self.body.strip() and not self.links

    @property
    def first_line(self) -> str:
        """What a list of notes shows of it: the first line with text, else the first link's title."""
        for line in self.body.splitlines():
            if line.strip():
                return line.strip().lstrip("#").strip()
        return self.links[0].title if self.links else ""


def checked_note(body: str, links: Iterable[Mapping[str, str]]) -> tuple[str, tuple[NoteLink, ...]]:
    """The body and links to save, or Unprocessable naming the limit or the link that is wrong."""
    size = len(body.encode("utf-8"))
    if size > NOTE_MAX_BYTES:
        raise Unprocessable(f"the note is too long: {size:,} bytes, at most {NOTE_MAX_BYTES:,} (100 KB)")
    if "\x00" in body:
        raise Unprocessable("the note cannot hold a NUL character")
    links = list(links)
    if len(links) > NOTE_MAX_LINKS:
        raise Unprocessable(f"too many links: {len(links)}, at most {NOTE_MAX_LINKS} per note")
    return body.replace("\r\n", "\n"), tuple(_checked_link(index, link) for index, link in enumerate(links))


def _checked_link(index: int, link: Mapping[str, str]) -> NoteLink:
    where = f"links[{index}]"
    title, url = link.get("title", "").strip(), link.get("url", "").strip()
    if not title:
        raise Unprocessable(f"{where}.title: a link needs a title")
    if len(title) > LINK_TITLE_MAX_LENGTH:
        raise Unprocessable(f"{where}.title: too long, at most {LINK_TITLE_MAX_LENGTH} characters")
    if any(ord(character) < 32 for character in title):
        raise Unprocessable(f"{where}.title: cannot hold control characters")
    if len(url) > LINK_URL_MAX_LENGTH:
        raise Unprocessable(f"{where}.url: too long, at most {LINK_URL_MAX_LENGTH} characters")
    parts = urlsplit(url) if not any(ord(c) <= 32 or ord(c) == 127 for c in url) else None
    if parts is None or parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        raise Unprocessable(f"{where}.url: {url!r} is not an http or https address such as https://example.org/page")
    return NoteLink(title, url)
