"""What loading a content directory gives: the catalog and every problem found on the way.

Apart from the loader, so that a command reading the catalog cache (catalog_cache.py) imports
neither the loader nor its YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skilltree.catalog.models import Catalog
from skilltree.catalog.problems import Problem, Severity


class ContentDirError(Exception):
    """The directory given is not a content directory at all (a usage mistake, not a content one)."""


@dataclass
class LoadResult:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]
