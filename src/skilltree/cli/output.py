"""Consoles and JSON output shared by the commands."""

from __future__ import annotations

import json
import sys
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
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
