"""`skilltree search`: the topics that best answer what you type."""

from __future__ import annotations

from typing import Annotated

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.database import open_store, reason_of
from skilltree.cli.exits import fail
from skilltree.cli.learner_session import learner_name
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT


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
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.errors import SkilltreeError
    from skilltree.services.notes import search_notes
    from skilltree.services.learners import find_learner
    from skilltree.services.search import find, index_catalog
    from skilltree.store.uow import UnitOfWork, units_of_work

    query = " ".join(words)
    catalog = load_catalog_or_exit(content)
    engine = open_store()
    try:
        index_catalog(units_of_work(engine), catalog)  # what changed in the content, if anything did
        with UnitOfWork(engine) as uow:
            # Your status on each result, if you have any progress; searching creates no learner.
            person = find_learner(uow, username=learner_name(learner))
            found = find(uow, catalog, query=query, learner=person, limit=limit)
            # Your own notes, a kind of result apart; nobody else's are ever searched.
            note_hits = search_notes(uow, catalog, learner=person, query=query)
    except SkilltreeError as exc:
        fail(exc.message)
    except SQLAlchemyError as exc:
        fail(f"cannot search the database: {reason_of(exc)}")
    finally:
        engine.dispose()
    document = {"corrected_query": found.corrected_query, "results": [hit.as_dict() for hit in found.hits]}
    if person is not None:
        document["notes"] = [hit.as_dict() for hit in note_hits]
    print_document(document, as_json, "render_search", query=query)
