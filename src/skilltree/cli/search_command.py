"""`skilltree search`: the topics that best answer what you type."""

from __future__ import annotations

from typing import Annotated

import typer

from skilltree.cli.app import (
    ContentOption,
    JsonOption,
    LearnerOption,
    app,
    fail,
    learner_name,
    load_catalog_or_exit,
    open_store,
)


@app.command()
def search(
    words: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="What you want to know, e.g. slow queries.", show_default=False)
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many results to show.")] = 10,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Search titles, tags, summaries, articles and resources; the best match comes first."""
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.cli.app import reason_of
    from skilltree.errors import SkilltreeError
    from skilltree.services.progress import find_learner
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
    except SkilltreeError as exc:
        fail(exc.message)
    except SQLAlchemyError as exc:
        fail(f"cannot search the database: {reason_of(exc)}")
    finally:
        engine.dispose()
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"corrected_query": found.corrected_query, "results": [hit.as_dict() for hit in found.hits]})
        return
    _render(query, found)


def _render(query: str, found) -> None:
    from rich.text import Text

    from skilltree.cli.output import LEVEL_STYLES, console
    from skilltree.cli.render import status_mark

    out = console()
    hits = found.hits
    if found.corrected_query:
        out.print(Text(f"Showing results for {found.corrected_query!r}", style="dim"))
    if not hits:
        out.print(Text(f"no topics match {query!r}", style="dim"))
        return
    for number, hit in enumerate(hits, 1):
        line = Text(f"{number:>2}. ", style="dim") + Text(hit.title, style="bold")
        line += Text(f"  {hit.topic_id}", style="dim")
        line += Text("  ") + Text(hit.level, style=LEVEL_STYLES.get(hit.level, "")) + Text(f" · {hit.minutes} min")
        if hit.status is not None:
            line += Text("  ") + status_mark(hit.status) + Text(f" {hit.status.replace('_', ' ')}", style="dim")
        out.print(line)
        snippet = Text("    ")
        for text, is_match in hit.snippet_parts():
            snippet.append(text, style="bold yellow" if is_match else "")
        out.print(snippet)
        if hit.path_ids:
            out.print(Text(f"    in {', '.join(hit.path_ids)}", style="dim"))
