"""A content directory written file by file in a temporary folder, for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

VALID_TOPIC = """\
---
title: {title}
summary: "What {title} is."
level: beginner
tags: [test]
prerequisites: {prerequisites}
resources:
  - {{type: docs, title: "Docs", url: "https://example.org/{id}"}}
review:
  - {{id: what, q: "What is {title}?", a: "Answer one."}}
  - {{id: why, q: "Why does {title} matter?", a: "Answer two."}}
---
{body}
"""


class ContentTree:
    """A content directory in a temporary folder, written file by file."""

    def __init__(self, root: Path):
        self.root = root
        for folder in ("topics", "paths", "ladders"):
            (root / folder).mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def topic(self, topic_id: str, prerequisites: str = "[]", body: str = "Some words of body.") -> Path:
        return self.write(
            f"topics/{topic_id}.md",
            VALID_TOPIC.format(id=topic_id, title=topic_id.title(), prerequisites=prerequisites, body=body),
        )

    def path(self, path_id: str, *topic_lists: str, start: bool = False) -> Path:
        sections = "".join(
            f"  - title: Section {n}\n    summary: About section {n}.\n    topics: {topics}\n"
            for n, topics in enumerate(topic_lists, 1)
        )
        flags = "start: true\n" if start else ""
        return self.write(f"paths/{path_id}.yaml", f"title: {path_id}\nsummary: A path.\n{flags}sections:\n{sections}")
