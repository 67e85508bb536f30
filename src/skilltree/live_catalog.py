"""The catalog a long-running server serves: reloaded when the content changes, never replaced by a broken one."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from skilltree.catalog.loader import load_catalog
from skilltree.catalog.models import Catalog
from skilltree.catalog_cache import content_fingerprint

log = logging.getLogger("skilltree.catalog")


class LiveCatalog:
    """Holds the last good catalog of a content directory.

    At most every `check_every` seconds a request looks at the content files' names, sizes and
    modification times; when they changed, the content is loaded again. A load with errors is
    logged and ignored, so a bad edit never takes the server down.
    """

    def __init__(self, root: Path, *, check_every: float = 2.0, on_reload: Callable[[Catalog], None] | None = None):
        self.root = Path(root)
        self.check_every = check_every
        self.on_reload = on_reload
        self._lock = threading.Lock()
        self._fingerprint = content_fingerprint(self.root)
        result = load_catalog(self.root)
        for problem in result.errors:
            log.warning("content error: %s", problem)
        self._catalog = result.catalog
        self.version = 1
        self._checked_at = time.monotonic()
        if on_reload:
            on_reload(self._catalog)

    def current(self) -> Catalog:
        if time.monotonic() - self._checked_at >= self.check_every and self._lock.acquire(blocking=False):
            try:
                self._reload_if_changed()
            finally:
                self._checked_at = time.monotonic()
                self._lock.release()
        return self._catalog

    def _reload_if_changed(self) -> None:
        try:
            fingerprint = content_fingerprint(self.root)
        except OSError as exc:
            log.error("cannot read the content directory %s: %s; still serving the last good catalog", self.root, exc)
            return
        if fingerprint == self._fingerprint:
            return
        self._fingerprint = fingerprint
        result = load_catalog(self.root)
        if result.errors:
            for problem in result.errors:
                log.error("content error: %s", problem)
            log.error("the new content has %d error(s); still serving the last good catalog", len(result.errors))
            return
        self._catalog = result.catalog
        self.version += 1
        log.info("content reloaded: %d topics, %d paths", len(result.catalog.topics), len(result.catalog.paths))
        if self.on_reload:
            self.on_reload(self._catalog)
