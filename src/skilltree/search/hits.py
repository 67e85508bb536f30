"""A search result: the topic, where it is used, and a snippet with the matching words marked."""

from __future__ import annotations

from dataclasses import dataclass

# The engines mark matches with control characters, which indexed text never contains
# (documents.plain_text removes them), so a marker can never be confused with content.
MATCH_START = "\x02"
MATCH_END = "\x03"
# How the JSON faces mark a match: Markdown's strong emphasis, which indexed text never contains.
JSON_MARK = "**"


@dataclass(frozen=True)
class SearchHit:
    topic_id: str
    title: str
    level: str
    minutes: int
    path_ids: tuple[str, ...]
    # Text with matches between MATCH_START and MATCH_END; see snippet_parts().
    snippet: str
    # The learner's status on the topic, when search was asked on behalf of a learner.
    status: str | None = None

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a match) pieces, for faces that style the matches."""
        return snippet_parts(self.snippet)

    def as_dict(self) -> dict:
        marked = json_snippet(self.snippet)
        document = {
            "id": self.topic_id,
            "title": self.title,
            "snippet": marked,
            "level": self.level,
            "minutes": self.minutes,
            "paths": list(self.path_ids),
        }
        if self.status is not None:
            document["status"] = self.status
        return document


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet with matches between MATCH_START and MATCH_END as (text, is a match) pieces."""
    parts = []
    for index, piece in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return parts


def json_snippet(snippet: str) -> str:
    """The snippet as the JSON faces give it: each match between JSON_MARK pairs."""
    return "".join(f"{JSON_MARK}{text}{JSON_MARK}" if match else text for text, match in snippet_parts(snippet))
