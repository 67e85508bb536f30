"""Figures derived from a catalog, computed once per catalog object.

A catalog is never changed in place, and the server keeps the same one until its content
changes, so what a request derives from it (a path's topics with their minutes, say) need not be
derived again on the next request.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

from skilltree.catalog.models import Catalog

T = TypeVar("T")


def per_catalog(derive: Callable[..., T]) -> Callable[..., T]:
    """`derive(catalog, *args)`, remembered for each catalog object and arguments while the catalog lives.

    `derive.remember(catalog, value, *args)` takes `value` as that result without deriving it: one
    derived before for the same content, which the catalog cache keeps beside the catalog.
    """
    by_catalog: dict[int, dict[tuple[Hashable, ...], T]] = {}

    def known_for(catalog: Catalog) -> dict[tuple[Hashable, ...], T]:
        known = by_catalog.get(id(catalog))
        if known is None:
            known = by_catalog[id(catalog)] = {}
            # Forgotten with the catalog, before its id can be given to another object.
            weakref.finalize(catalog, by_catalog.pop, id(catalog), None)
        return known

    @functools.wraps(derive)
    def remembered(catalog: Catalog, *args: Hashable) -> T:
        known = known_for(catalog)
        if args not in known:
            known[args] = derive(catalog, *args)
        return known[args]

    def remember(catalog: Catalog, value: T, *args: Hashable) -> None:
        known_for(catalog)[args] = value

    remembered.remember = remember  # type: ignore[attr-defined]
    return remembered
