"""Typed reads of YAML mappings that record a problem, instead of raising, on bad input."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from skilltree.catalog.problems import FieldPath, shown
from skilltree.catalog.source import ContentFile

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RULE = "lowercase letters, digits and single hyphens"
_MISSING = object()


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def is_valid_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced '[' in the host
        return False
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


class Fields:
    """Reads one mapping of a content file; every problem goes to the file, with its field path."""

    def __init__(self, file: ContentFile, data: object, where: FieldPath = (), what: str = "a mapping"):
        self.file = file
        self.where = where
        self.ok = isinstance(data, dict)
        self.data: dict = data if self.ok else {}
        if not self.ok:
            file.error(where, f"must be {what} of fields, not {shown(data)}")

    def at(self, key: str | int) -> FieldPath:
        return (*self.where, key)

    def _get(self, key: str, required: bool) -> object:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required and self.ok:
                self.file.error(self.at(key), "required field is missing")
            return _MISSING
        return value

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.file.error(self.at(key), f"must be text, not {shown(value)}")
            return default
        if not value.strip():
            self.file.error(self.at(key), "must not be empty")
            return default
        return value.strip()

    def choice(self, key: str, choices: Iterable[str], *, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        options = tuple(choices)
        if value not in options:
            self.file.error(self.at(key), f"{shown(value)} is not one of: {', '.join(options)}")
            return None
        return value

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.file.error(self.at(key), f"must be true or false, not {shown(value)}")
            return default
        return value

    def positive_int(self, key: str) -> int | None:
        value = self._get(key, False)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.file.error(self.at(key), f"must be a whole number of at least 1, not {shown(value)}")
            return None
        return value

    def items(self, key: str, *, required: bool = True) -> list:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.file.error(self.at(key), f"must be a list, not {shown(value)}")
            return []
        return value

    def id(self, key: str) -> str:
        """A required id ("" when missing or invalid, once reported): it ends up in addresses."""
        value = self.text(key)
        if value and not is_valid_id(value):
            self.file.error(self.at(key), f"{shown(value)} is not a valid id ({ID_RULE})")
            return ""
        return value

    def id_list(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        ids = []
        for index, value in enumerate(self.items(key, required=required)):
            if is_valid_id(value):
                ids.append(value)
            else:
                self.file.error(self.at(key) + (index,), f"{shown(value)} is not a valid id ({ID_RULE})")
        return tuple(ids)

    def text_list(self, key: str) -> tuple[str, ...]:
        texts = []
        for index, value in enumerate(self.items(key, required=False)):
            if isinstance(value, str) and value.strip():
                texts.append(value.strip())
            else:
                self.file.error(self.at(key) + (index,), f"must be text, not {shown(value)}")
        return tuple(texts)

    def count(self, key: str, found: int, low: int, high: int, noun: str) -> None:
        """`noun` is singular; the message says e.g. "1 question given; 2 to 6 are needed"."""
        if self.ok and key in self.data and not low <= found <= high:
            plural = noun if found == 1 else noun + "s"
            self.file.error(self.at(key), f"{found} {plural} given; {low} to {high} are needed")

    def only(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                self.file.error(
                    self.at(str(key)), f"unknown field (allowed: {', '.join(allowed)})"
                )
