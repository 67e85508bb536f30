"""Loading a content directory into a Catalog, with every problem found on the way."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from skilltree.catalog import checks
from skilltree.catalog.fields import ID_RULE, is_valid_id
from skilltree.catalog.load_result import ContentDirError, LoadResult
from skilltree.catalog.models import Catalog
from skilltree.catalog.problems import Problem, Severity, shown
from skilltree.catalog.schema import read_ladder, read_path, read_topic
from skilltree.catalog.synonyms import SYNONYMS_FILE, read_synonyms
from skilltree.catalog.source import (
    ContentFile,
    UnreadableFile,
    read_markdown_file,
    read_yaml_file,
)


# The file names each folder's documents have.
_PATTERNS = {"topics": ("*.md",), "paths": ("*.yaml", "*.yml"), "ladders": ("*.yaml", "*.yml")}


def document_errors(result: LoadResult, folder: str, document_id: str) -> list[Problem]:
    """The errors in the file that defines `document_id` in `folder` ("topics", "paths", "ladders"),
    in line order: why a document whose file is there can be missing from the catalog."""
    found = []
    for problem in result.errors:
        file = FilePath(problem.file)
        if file.stem == document_id and any(file.match(pattern) for pattern in _PATTERNS[folder]) and folder in file.parent.parts:
            found.append(problem)
    return sorted(found, key=lambda problem: problem.line)


@dataclass
class _Loaded:
    """Per kind of document: id -> (object, file) for the first definition of each id."""

    items: dict = field(default_factory=dict)
    files: dict[str, ContentFile] = field(default_factory=dict)
    # Ids whose file exists but could not be read: references to them are not "unknown".
    unreadable_ids: set[str] = field(default_factory=set)


def load_catalog(root: FilePath) -> LoadResult:
    """Load and validate `root`; raises ContentDirError only when it is not content at all."""
    root = FilePath(root)
    if not root.is_dir():
        raise ContentDirError(f"{root}: no such content directory")
    if not any((root / part).is_dir() for part in ("topics", "paths", "ladders")):
        raise ContentDirError(
            f"{root}: not a content directory (expected topics/, paths/ or ladders/ inside)"
        )
    with _cyclic_gc_paused():
        return _load(root)


@contextmanager
def _cyclic_gc_paused():
    """Loading makes many small acyclic objects; the cyclic collector's passes over them are waste."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(root: FilePath) -> LoadResult:
    unreadable: list[Problem] = []
    topics = _load_kind(_files(root / "topics", _PATTERNS["topics"], recursive=True), "topic", unreadable)
    paths = _load_kind(_files(root / "paths", _PATTERNS["paths"]), "path", unreadable)
    ladders = _load_kind(_files(root / "ladders", _PATTERNS["ladders"]), "ladder", unreadable)
    synonyms, synonyms_problems = _load_synonyms(root / SYNONYMS_FILE)
    catalog = Catalog(topics=topics.items, paths=paths.items, ladders=ladders.items, synonyms=synonyms)
    checks.check_catalog(catalog, topics.files, paths.files, ladders.files, topics.unreadable_ids)
    problems = unreadable + synonyms_problems + [
        problem
        for loaded in (topics, paths, ladders)
        for file in loaded.files.values()
        for problem in file.problems
    ]
    problems.sort(key=lambda p: (p.severity is Severity.WARNING, p.file, p.line, p.field))
    return LoadResult(catalog=catalog, problems=problems)


_READERS = {
    "topic": (read_markdown_file, read_topic),
    "path": (read_yaml_file, read_path),
    "ladder": (read_yaml_file, read_ladder),
}


def _load_synonyms(file_path: FilePath) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    """The synonyms for search, when the content has a synonyms file (it is optional)."""
    if not os.path.lexists(file_path):
        return {}, []
    try:
        content_file = read_yaml_file(file_path, str(file_path))
    except UnreadableFile as exc:
        return {}, [exc.problem]
    return read_synonyms(content_file), content_file.problems


def _files(base: FilePath, patterns: tuple[str, ...], recursive: bool = False) -> list[FilePath]:
    if not base.is_dir():
        return []
    found = {p for pattern in patterns for p in (base.rglob(pattern) if recursive else base.glob(pattern))}
    return sorted(found, key=str)


def _load_kind(file_paths: list[FilePath], kind: str, unreadable: list[Problem]) -> _Loaded:
    read_file, read_document = _READERS[kind]
    loaded = _Loaded()
    for file_path in file_paths:
        shown_path = str(file_path)
        doc_id = file_path.stem
        id_problem = None
        if not is_valid_id(doc_id):
            id_problem = Problem(shown_path, 1, "id", f"{shown(doc_id)} is not a valid id ({ID_RULE}): rename the file")
        elif doc_id in loaded.files:
            first = loaded.files[doc_id].shown_path
            id_problem = Problem(shown_path, 1, "id", f"{shown(doc_id)} is already defined in {first}")
        if id_problem:
            unreadable.append(id_problem)
        try:
            content_file = read_file(file_path, shown_path)
        except UnreadableFile as exc:
            unreadable.append(exc.problem)
            if not id_problem:
                loaded.unreadable_ids.add(doc_id)
            continue
        document = read_document(doc_id, content_file)
        if id_problem:
            # Kept out of the catalog, but its own fields are checked too: every problem at once.
            unreadable.extend(content_file.problems)
            continue
        loaded.items[doc_id] = document
        # The domain object holds what matters now; the text is read again only for a line number.
        content_file.forget_text()
        loaded.files[doc_id] = content_file
    return loaded
