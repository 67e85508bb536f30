"""The catalog a long-running server serves: reloaded when the content changes, never replaced by a broken one."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from skilltree.bounded_load import RELOAD_MEMORY_BYTES, RELOAD_SECONDS, LoadFailed, load_catalog_bounded
from skilltree.catalog.loader import load_catalog
from skilltree.catalog.models import Catalog
from skilltree.catalog_cache import content_fingerprint

log = logging.getLogger("skilltree.catalog")


class LiveCatalog:
    """Holds the last good catalog of a content directory.

    At most every `check_every` seconds a request notices that a check is due and starts it on a
    thread of its own: loading the content and re-indexing it take a while, and requests are
    served on the event loop, so none of them waits for a check. A check looks at the content
    files' names, sizes and modification times; when they changed, the content is loaded again,
    in a child process stopped after `reload_seconds` or at `reload_memory_bytes`. A load with
    errors, or one that is stopped or dies, is logged in one line and ignored, so a bad edit never
    takes the server down.

    `keep_in_step` brings what depends on the catalog in step with it (the web app: the search
    index, which the database shares with every process that uses it). It is called at start-up,
    with each new catalog before it is served, and at every check with the catalog being served,
    so that what another process changed meanwhile is put back; it must cost little when nothing
    changed. When it fails for a new catalog, the failure is logged, the last good catalog is
    still served, and the next check tries again. At start-up there is no good catalog to fall
    back on: a failure there is raised.
    """

    def __init__(
        self,
        root: Path,
        *,
        check_every: float = 2.0,
        keep_in_step: Callable[[Catalog], None] | None = None,
        reload_seconds: float = RELOAD_SECONDS,
        reload_memory_bytes: int = RELOAD_MEMORY_BYTES,
    ):
        self.root = Path(root)
        self.check_every = check_every
        self.keep_in_step = keep_in_step
        self.reload_limits = {"seconds": reload_seconds, "memory_bytes": reload_memory_bytes}
        # Held while a check runs: at most one at a time, and refresh() waits for a running one.
        self._lock = threading.Lock()
        self._failing = False  # keep_in_step failed at the last attempt
        self._fingerprint = content_fingerprint(self.root)
        result = load_catalog(self.root)
        for problem in result.errors:
            log.warning("content error: %s", problem)
        self._catalog = result.catalog
        self.version = 1
        self._checked_at = time.monotonic()
        if keep_in_step:
            keep_in_step(self._catalog)

    def current(self) -> Catalog:
        """The last good catalog, at once; starts a check in the background when one is due."""
        if time.monotonic() - self._checked_at >= self.check_every and self._lock.acquire(blocking=False):
            try:
                threading.Thread(target=self._check_and_release, name="skilltree-content-check", daemon=True).start()
            except BaseException:
                self._lock.release()  # else no check would ever run again
                raise
        return self._catalog

    def refresh(self) -> Catalog:
        """Check the content now (after a check that is already running), and return the catalog then served."""
        with self._lock:
            self._check()
        return self._catalog

    def _check_and_release(self) -> None:
        try:
            self._check()
        finally:
            self._lock.release()

    def _check(self) -> None:
        try:
            if not self._content_changed():
                self._kept_in_step(self._catalog)
        finally:
            self._checked_at = time.monotonic()

    def _kept_in_step(self, catalog: Catalog) -> bool:
        """Whether keep_in_step accepted the catalog. A database that stays down fails every check:
        the first failure is logged in full, the next ones in a line each, until it works again."""
        if not self.keep_in_step:
            return True
        try:
            self.keep_in_step(catalog)
        except Exception as exc:
            if self._failing:
                log.warning("the catalog still cannot be kept in step (%s: %s); trying again at the next check",
                            type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
            else:
                log.exception("the catalog could not be kept in step; still serving the last good catalog, "
                              "and trying again at the next check")
            self._failing = True
            return False
        if self._failing:
            log.info("the catalog is kept in step again")
        self._failing = False
        return True

    def _content_changed(self) -> bool:
        """Whether the content differs from what is served; a good new catalog is served once kept in step."""
        try:
            fingerprint = content_fingerprint(self.root)
        except OSError as exc:
            log.error("cannot read the content directory %s: %s; still serving the last good catalog", self.root, exc)
            return True
        if fingerprint == self._fingerprint:
            return False
        try:
            result = load_catalog_bounded(self.root, **self.reload_limits)
        except LoadFailed as exc:
            self._fingerprint = fingerprint  # the same content would fail the same way: wait for an edit
            log.error("the new content could not be loaded: %s; still serving the last good catalog", exc)
            return True
        if result.errors:
            # Reported once: loading the same broken files again would only repeat it.
            self._fingerprint = fingerprint
            log.error("the new content has %d error(s), the first: %s; still serving the last good catalog",
                      len(result.errors), result.errors[0])
            return True
        if not self._kept_in_step(result.catalog):
            return True  # the fingerprint stays as it was, so the next check loads the content and tries again
        self._fingerprint = fingerprint
        self._catalog = result.catalog
        self.version += 1
        log.info("content reloaded: %d topics, %d paths", len(result.catalog.topics), len(result.catalog.paths))
        return True
