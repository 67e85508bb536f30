"""Problems found in content files, reported as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# A location inside a parsed YAML document: mapping keys and sequence indexes.
FieldPath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        suffix = " (warning)" if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}: {self.field}: {self.message}{suffix}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


def field_name(where: FieldPath) -> str:
    """Render ("resources", 1, "url") as "resources[1].url"."""
    text = ""
    for part in where:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "-"


def shown(value: object) -> str:
    """A value as quoted in messages, cut short so a huge value stays readable."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
