"""Checks every form post goes through."""

from __future__ import annotations

from skilltree.web.deps import Viewer
from skilltree.web.security import csrf_matches


class CsrfFailed(Exception):
    """A form post without the token of the page it came from; answered with 403."""


def check_csrf(given: str, viewer: Viewer) -> None:
    if not csrf_matches(given, viewer.csrf):
        raise CsrfFailed()


def safe_return_path(candidate: str, default: str) -> str:
    """Only a path on this site: never another host ('//evil', 'https://...')."""
    if candidate.startswith("/") and not candidate.startswith("//") and "\\" not in candidate:
        return candidate
    return default
