"""A cache of the loaded catalog, so that reading commands start fast.

The cache is keyed by the content directory and by the name, size and
modification time of every content file: any edit, addition or removal makes
a new key. `skilltree check` never uses it: validation always reads the files.

Beside the catalog it keeps the catalog's search digest (search.documents): computing it hashes
every article, which on a large catalog costs more than a search command may take, and a command
that searches compares it with the index before anything else. For the same reason it keeps the
catalog's vocabulary (search.typos), which every search looks its words up in, and which takes
a pass over every article to find.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from skilltree.catalog.load_result import LoadResult
from skilltree.search.documents import INDEX_FORMAT, CatalogDigest, catalog_digest
from skilltree.search.typos import Vocabulary, vocabulary

# Bump when the pickled classes change shape or place, so an old cache is never read.
# 4: the catalog's search digest is kept beside it.
# 5: LoadResult lives in catalog.load_result, so reading the cache never imports the loader; the
#    search vocabulary is kept beside the digest.
CACHE_FORMAT = 5
_CONTENT_PATTERNS = (("topics", "**/*.md"), ("paths", "*.y*ml"), ("ladders", "*.y*ml"), ("", "synonyms.yaml"))


def cache_dir() -> Path:
    configured = os.environ.get("SKILLTREE_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("skilltree"))


def content_fingerprint(root: Path) -> str:
    """Changes whenever a content file is added, removed or edited (by name, size and mtime)."""
    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    for folder, pattern in _CONTENT_PATTERNS:
        for path in sorted((root / folder).glob(pattern)):
            try:
                stat = path.stat()
            except OSError as exc:  # a dangling link, say: the loader reports the file itself
                digest.update(f"\0{path}\0{exc.errno}".encode())
                continue
            digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load_catalog_cached(root: Path) -> LoadResult:
    """The same result as load_catalog(root), from the cache when the content is unchanged."""
    root = Path(root)
    try:
        # A digest of another index format would tell the search index that it is in step when it is not.
        key = f"{content_fingerprint(root)} {INDEX_FORMAT}"
    except OSError:
        return _load(root)
    # One cache file per content directory, holding (fingerprint, result, search digest, vocabulary).
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    cache_file = cache_dir() / f"catalog-{name}.pickle"
    try:
        with cache_file.open("rb") as stream:
            cached_key, result, digest, known = pickle.load(stream)
        if cached_key == key:
            catalog_digest.remember(result.catalog, digest)
            vocabulary.remember(result.catalog, known)
            return result
    except Exception:  # missing, stale or unreadable: load the files instead
        pass
    result = _load(root)
    _store(cache_file, (key, result, catalog_digest(result.catalog), vocabulary(result.catalog)))
    return result


def _load(root: Path) -> LoadResult:
    from skilltree.catalog.loader import load_catalog  # only when the cache cannot answer: YAML parsing costs start-up time

    return load_catalog(root)


def _store(cache_file: Path, entry: tuple[str, LoadResult, CatalogDigest, Vocabulary]) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache_file)
    except OSError:
        pass  # a read-only home directory only costs speed
