"""Which content a command reads, and loading it: content errors are summarised, not fatal."""

from __future__ import annotations

from pathlib import Path

from skilltree.cli.exits import EXIT_USAGE, fail


def load_content_or_exit(content: Path | None):
    """The LoadResult of `content` (default: the bundled curriculum), from the cache when unchanged."""
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.catalog.load_result import ContentDirError
    from skilltree.catalog_cache import load_catalog_cached
    from skilltree.cli.output import error_console

    try:
        result = load_catalog_cached(content or BUNDLED_CONTENT)
    except ContentDirError as exc:
        fail(str(exc), EXIT_USAGE)
    if result.errors:
        error_console().print(
            f"[yellow]warning:[/] the content has {len(result.errors)} error(s); "
            f"run 'skilltree check' to see them",
            highlight=False,
        )
    return result


def load_catalog_or_exit(content: Path | None):
    return load_content_or_exit(content).catalog
