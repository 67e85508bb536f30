"""Layouts kept per catalog: computed at the first request for a map, dropped when the content changes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from skilltree.catalog.models import Catalog
from skilltree.maps.layout import MapLayout


class LayoutCache:
    """Layouts of one catalog, keyed by what they draw (a path, a topic's neighbourhood).

    A reloaded catalog is a new object, so comparing identity is enough to notice it; its layouts
    replace the old ones. Two requests may compute the same layout at once: both get the same
    picture, since the layout is deterministic, and one of them is kept.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._layouts: dict[Hashable, MapLayout] = {}

    def get(self, catalog: Catalog, key: Hashable, compute: Callable[[], MapLayout]) -> MapLayout:
        with self._lock:
            if catalog is not self._catalog:
                self._catalog, self._layouts = catalog, {}
            found = self._layouts.get(key)
        if found is not None:
            return found
        layout = compute()
        with self._lock:
            if catalog is self._catalog:
                self._layouts[key] = layout
        return layout
