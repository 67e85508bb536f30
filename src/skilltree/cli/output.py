"""Where commands print: the consoles, and the one helper that prints a document as JSON or for people.

Rich is imported on first use only: `--json` and `--help` never need it.
"""

from __future__ import annotations

import json
import sys
from functools import cache


@cache
def console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@cache
def error_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_document(document: dict, as_json: bool, renderer: str, **shown_with: object) -> None:
    """With --json the document as it is, for scripts; otherwise shown to people by the function
    of cli/render.py named `renderer`, given the document and `shown_with` (choices that change
    only what people see, such as --answers). The renderer is imported only then: Rich's tables
    cost start-up time."""
    if as_json:
        print_json(document)
        return
    from skilltree.cli import render

    getattr(render, renderer)(document, **shown_with)
