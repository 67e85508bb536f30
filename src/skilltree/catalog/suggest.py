"""'Did you mean ...' hints for unknown ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from skilltree.errors import InvalidInput

Choice = TypeVar("Choice", bound=Enum)


def close_matches(value: str, known: Iterable[str], limit: int = 3) -> list[str]:
    known = list(known)
    matches = difflib.get_close_matches(value, known, n=limit, cutoff=0.6)
    # A prefix or substring is a strong hint even when the ratio is low ("kube" -> "kubernetes").
    for candidate in sorted(known):
        if len(matches) >= limit:
            break
        if len(value) >= 3 and value in candidate and candidate not in matches:
            matches.append(candidate)
    return matches


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'a' or 'b'?)', or '' when nothing is close."""
    matches = close_matches(value, known)
    if not matches:
        return ""
    quoted = [f"'{match}'" for match in matches]
    options = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {options}?)"


def parse_choice(choices: type[Choice], text: str, *, what: str) -> Choice:
    """`text` as one of an enum's values, forgiving case, spaces and hyphens ("In progress" is
    in_progress), or InvalidInput naming the values and the closest ones."""
    name = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return choices(name)
    except ValueError:
        names = [choice.value for choice in choices]
        raise InvalidInput(f"unknown {what} {text!r}{did_you_mean(name, names)}; use one of: {', '.join(names)}") from None
