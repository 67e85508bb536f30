"""Give every review question in content/topics an `id`, keeping the ids already there.

A learner's review card is (topic, question id), so an id must never change once given: this
script only fills in the missing ones, from the question's leading words, unique within the
topic. Running it again changes nothing. Questions are expected as one-line flow mappings,
`  - {q: "...", a: "..."}`, the form every bundled topic uses; any other form is reported.

usage: python scripts/add_review_ids.py [CONTENT_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

# Words that say nothing about which question it is; left out of the id.
FILLER = set(
    "a an and are as at be between by can could did do does for from how if in is it its mean must name of on "
    "or rather should such than that the this "
    "to what when where which who why with you your".split()
)
MAX_WORDS = 4
ITEM = re.compile(r"^(?P<indent>\s*- \{)(?P<rest>.*)$")


def id_for(question: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", question.lower())
    meaningful = [word for word in words if word not in FILLER] or words or ["question"]
    base = "-".join(meaningful[:MAX_WORDS])
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def add_ids(text: str, shown: str) -> tuple[str, int]:
    """The file's text with ids added to its review questions, and how many were added."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    start = next((i for i in range(1, end or 0) if lines[i].startswith("review:")), None)
    if start is None:
        return text, 0
    items = []
    for number in range(start + 1, end):
        if re.match(r"^[A-Za-z_]", lines[number]):  # the next field of the front matter
            break
        match = ITEM.match(lines[number])
        if not match:
            sys.exit(f"{shown}:{number + 1}: not a one-line review question; give it an id by hand")
        item = yaml.safe_load(lines[number].strip()[2:])
        items.append((number, match, item))
    taken = {item["id"] for _, _, item in items if "id" in item}
    added = 0
    for number, match, item in items:
        if "id" in item:
            continue
        new_id = id_for(str(item.get("q", "")), taken)
        taken.add(new_id)
        lines[number] = f"{match['indent']}id: {new_id}, {match['rest']}"
        added += 1
    return "\n".join(lines), added


def main() -> None:
    content = Path(sys.argv[1] if len(sys.argv) > 1 else "content")
    total = 0
    for topic in sorted((content / "topics").glob("*.md")):
        text = topic.read_text(encoding="utf-8")
        updated, added = add_ids(text, str(topic))
        if added:
            topic.write_text(updated, encoding="utf-8")
            total += added
    print(f"added {total} review question id(s)")


if __name__ == "__main__":
    main()
