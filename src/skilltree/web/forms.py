"""What form posts share besides their CSRF check (deps.CsrfChecked)."""

from __future__ import annotations

from dataclasses import dataclass

from skilltree.notes.model import NoteRevision


def safe_return_path(candidate: str, default: str) -> str:
    """Only a path on this site: never another host ('//evil', 'https://...')."""
    if candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate:
        return candidate
    return default


# Empty link rows the note form offers below the links a note has: without JavaScript a learner adds
# a link or two, saves, and gets fresh empty rows.
EMPTY_LINK_ROWS = 2


@dataclass(frozen=True)
class NoteForm:
    """The note form's fields: as saved, or as typed when the save was refused."""

    body: str
    links: tuple[tuple[str, str], ...]  # (title, url) rows, the empty ones included

    @classmethod
    def of(cls, note: NoteRevision | None) -> NoteForm:
        links = tuple((link.title, link.url) for link in note.links) if note else ()
        return cls(note.body if note else "", links + (("", ""),) * EMPTY_LINK_ROWS)

    @classmethod
    def typed(cls, body: str, titles: list[str], urls: list[str]) -> NoteForm:
        rows = list(zip(titles, urls))
        return cls(body, tuple(rows) + (("", ""),) * max(0, EMPTY_LINK_ROWS - sum(1 for t, u in rows if not (t or u))))

    def filled_links(self) -> list[dict[str, str]]:
        """The rows with anything in them; a row left empty is no link."""
        return [{"title": title, "url": url} for title, url in self.links if title.strip() or url.strip()]
