"""Where commands print: the consoles, and the one helper that prints a document as JSON or for people.

Rich is imported on first use only: `--json` and `--help` never need it.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime
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
    """Print a document, the typed results of services included (a dataclass as its fields)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_fields) + "\n")


def _fields(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def print_document(document: object, as_json: bool, renderer: str, *, public: str | None = None, **shown_with: object) -> None:
    """With --json the document as it is, for scripts, in the shape of the API's model named
    `public` (web/schemas.py) when it has one, so that every face answers alike; otherwise shown
    to people by the function of cli/render.py named `renderer`, given the document and
    `shown_with` (choices that change only what people see, such as --answers). Both are imported
    only then: Rich's tables and pydantic cost start-up time."""
    if as_json:
        if public is not None:
            from skilltree.web import schemas

            document = getattr(schemas, public).model_validate(document).model_dump(mode="json", by_alias=True)
        print_json(document)
        return
    from skilltree.cli import render

    getattr(render, renderer)(document, **shown_with)
