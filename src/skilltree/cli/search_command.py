"""`skilltree search`: the topics that best answer what you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.database import open_store, reason_of
from skilltree.cli.exits import fail
from skilltree.cli.learner_session import learner_name
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT

if TYPE_CHECKING:
    from skilltree.catalog.models import Catalog
    from skilltree.store.sqlite_snapshot import SqliteSnapshot
    from skilltree.store.uow import UnitOfWork


def search(
    words: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="What you want to know, e.g. slow queries.", show_default=False)
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help="How many results to show.")] = DEFAULT_LIMIT,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Search titles, tags, summaries, articles and resources; the best match comes first."""
    from skilltree.errors import SkilltreeError

    query = " ".join(words)
    catalog = load_catalog_or_exit(content)
    asked = {"query": query, "learner": learner, "limit": limit}
    try:
        document = _from_default_file(catalog, **asked)
        if document is None:
            document = _from_store(catalog, **asked)
    except SkilltreeError as exc:
        fail(exc.message)
    print_document(document, as_json, "render_search", query=query)


def _from_default_file(catalog: Catalog, **asked) -> dict | None:
    """The answer from the default SQLite file read without SQLAlchemy, which keeps the command quick
    to start; None, to take the store, when the file is not at HEAD, its index does not hold this
    catalog yet, or it cannot be read."""
    import sqlite3

    from skilltree.data_location import plain_default_sqlite_file
    from skilltree.services.search import index_key
    from skilltree.store.sqlite_snapshot import sqlite_snapshot

    database = plain_default_sqlite_file()
    if database is None:
        return None
    try:
        with sqlite_snapshot(database) as snapshot:
            if snapshot is None or snapshot.search.catalog_key() != index_key(catalog):
                return None
            return _document(snapshot, catalog, **asked)
    except sqlite3.Error:
        return None


def _from_store(catalog: Catalog, **asked) -> dict:
    """The answer through the configured store, after bringing its index in step with the catalog."""
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.services.search import index_catalog
    from skilltree.store.uow import UnitOfWork, units_of_work

    engine = open_store()
    try:
        index_catalog(units_of_work(engine), catalog)  # what changed in the content, if anything did
        with UnitOfWork(engine) as uow:
            return _document(uow, catalog, **asked)
    except SQLAlchemyError as exc:
        fail(f"cannot search the database: {reason_of(exc)}")
    finally:
        engine.dispose()


def _document(uow: UnitOfWork | SqliteSnapshot, catalog: Catalog, *, query: str, learner: str | None, limit: int) -> dict:
    """What the command shows, read in `uow` (a unit of work, or a snapshot of the default file)."""
    from skilltree.services.learners import find_learner
    from skilltree.services.notes import search_notes
    from skilltree.services.search import find

    # Your status on each result, if you have any progress; searching creates no learner.
    person = find_learner(uow, username=learner_name(learner))
    found = find(uow, catalog, query=query, learner=person, limit=limit)
    document = {"corrected_query": found.corrected_query, "results": [hit.as_dict() for hit in found.hits]}
    if person is not None:
        # Your own notes, a kind of result apart; nobody else's are ever searched.
        document["notes"] = [hit.as_dict() for hit in search_notes(uow, catalog, learner=person, query=query)]
    return document
