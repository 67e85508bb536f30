"""content/synonyms.yaml: abbreviations and other words that search should treat as the same.

    k8s: [kubernetes]
    ci: [continuous integration]

A key is one lowercase word (as search splits words: letters and digits); its value lists one
or more words or phrases that a search for the key also finds.
"""

from __future__ import annotations

from skilltree.catalog.problems import shown
from skilltree.catalog.source import ContentFile
from skilltree.search.query import WORD, words_of

SYNONYMS_FILE = "synonyms.yaml"
KEY_RULE = "letters and digits only"


def read_synonyms(file: ContentFile) -> dict[str, tuple[str, ...]]:
    """The valid entries of the file; every problem is recorded on the file."""
    if file.data is None:  # an empty file: no synonyms
        return {}
    if not isinstance(file.data, dict):
        file.error((), f"must be a mapping of words to lists of synonyms, not {shown(file.data)}")
        return {}
    synonyms = {}
    for key, value in file.data.items():
        where = (str(key),)
        if not (isinstance(key, str) and WORD.fullmatch(key) and key == key.lower()):
            file.error(where, f"{shown(key)} is not a lowercase word ({KEY_RULE})")
            continue
        if not isinstance(value, list):
            file.error(where, f"must be a list of synonyms, not {shown(value)}")
            continue
        if not value:
            file.error(where, "must list at least one synonym")
            continue
        found = []
        for index, item in enumerate(value):
            problem = _item_problem(key, item)
            if problem:
                file.error((*where, index), problem)
            else:
                found.append(item.strip())
        if found:
            synonyms[key] = tuple(found)
    return synonyms


def _item_problem(key: str, item: object) -> str | None:
    if not isinstance(item, str):
        return f"must be text, not {shown(item)}"
    if not item.strip():
        return "must not be empty"
    words = words_of(item)
    if not words:
        return f"{shown(item)} has no letters or digits to search for"
    if words == [key]:
        return f"{shown(key)} maps to itself"
    return None
