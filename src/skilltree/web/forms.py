"""What form posts share besides their CSRF check (deps.CsrfChecked)."""

from __future__ import annotations


def safe_return_path(candidate: str, default: str) -> str:
    """Only a path on this site: never another host ('//evil', 'https://...')."""
    if candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate:
        return candidate
    return default
