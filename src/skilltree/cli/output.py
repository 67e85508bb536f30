"""Consoles and JSON output shared by the commands."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime
from functools import cache

from rich.console import Console

LEVEL_STYLES = {"beginner": "green", "intermediate": "yellow", "advanced": "magenta"}


@cache
def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


@cache
def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: object) -> None:
    """Print a document, the typed results of services included (a dataclass as its fields)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_fields) + "\n")


def _fields(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
