"""'Did you mean ...' hints for unknown ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


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
