"""Commands that read the curriculum: check, paths, show, topic."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from skilltree.cli.app import (
    EXIT_PROBLEM,
    EXIT_USAGE,
    ContentOption,
    JsonOption,
    LearnerOption,
    app,
    fail,
    load_catalog_or_exit,
    print_document,
)


@app.command()
def check(
    directory: Annotated[
        Optional[Path], typer.Argument(help="Content directory (default: the bundled curriculum).", show_default=False)
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    as_json: JsonOption = False,
    content: ContentOption = None,
) -> None:
    """Validate a content directory and report every problem as file:line: field: message."""
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.catalog.loader import ContentDirError, load_catalog
    from skilltree.cli.output import console, print_json

    root = directory or content or BUNDLED_CONTENT
    try:
        result = load_catalog(root)
    except ContentDirError as exc:
        fail(str(exc), EXIT_USAGE)
    errors, warnings = result.errors, result.warnings
    failed = bool(errors) or (strict and bool(warnings))
    if as_json:
        print_json(
            {
                "ok": not failed,
                "errors": len(errors),
                "warnings": len(warnings),
                "topics": len(result.catalog.topics),
                "paths": len(result.catalog.paths),
                "ladders": len(result.catalog.ladders),
                "problems": [problem.as_dict() for problem in result.problems],
            }
        )
    else:
        out = console()
        for problem in result.problems:
            style = "red" if problem.severity.value == "error" else "yellow"
            out.print(str(problem), style=style, markup=False, soft_wrap=True)
        catalog = result.catalog
        counts = f"{len(catalog.topics)} topics, {len(catalog.paths)} paths, {len(catalog.ladders)} ladders"
        verdict = "[bold red]failed[/]" if failed else "[bold green]ok[/]"
        out.print(f"{verdict}: {counts}; {len(errors)} error(s), {len(warnings)} warning(s)")
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


@app.command()
def paths(as_json: JsonOption = False, content: ContentOption = None) -> None:
    """List the learning paths with their figures."""
    from skilltree.services.catalog import path_summaries

    summaries = path_summaries(load_catalog_or_exit(content))
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"paths": summaries})
        return
    from rich.table import Table

    from skilltree.cli.output import console

    table = Table(title="Learning paths", title_justify="left")
    # Ids and counts stay whole; on a narrow terminal the prose columns wrap instead of vanishing.
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title", min_width=12)
    table.add_column("topics", justify="right", no_wrap=True)
    table.add_column("reading time", min_width=9)
    table.add_column("level mix", min_width=14)
    for item in summaries:
        figures = item["figures"]
        table.add_row(item["id"], item["title"], str(figures["topics"]), figures["reading_time"], figures["level_mix_text"])
    console().print(table)


@app.command()
def show(
    path_id: Annotated[str, typer.Argument(metavar="PATH", help="Path id, e.g. starter-kit.")],
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Show a path's roadmap: sections in order, each topic with level, minutes and your status."""
    from skilltree.errors import NotFound
    from skilltree.services.catalog import path_outline

    catalog = load_catalog_or_exit(content)
    try:
        outline = path_outline(catalog, path_id=path_id)
    except NotFound as exc:
        fail(exc.message, EXIT_PROBLEM)
    from skilltree.cli.progress_commands import current_statuses

    statuses = current_statuses(learner)
    if as_json:
        from skilltree.cli.output import print_json

        for section in outline["sections"]:
            for item in section["topics"]:
                item["status"] = statuses.get(item["id"], "not_started")
        print_json(outline)
        return
    from skilltree.cli.render import render_outline

    render_outline(outline, statuses)


@app.command()
def topic(
    topic_id: Annotated[str, typer.Argument(metavar="ID", help="Topic id, e.g. git.")],
    as_json: JsonOption = False,
    content: ContentOption = None,
) -> None:
    """Show a topic: summary, level, minutes, prerequisites, the article and its resources."""
    from skilltree.errors import NotFound
    from skilltree.services.catalog import topic_detail

    try:
        detail = topic_detail(load_catalog_or_exit(content), topic_id=topic_id)
    except NotFound as exc:
        fail(exc.message, EXIT_PROBLEM)
    print_document(detail, as_json, "render_topic")


@app.command()
def ladder(
    ladder_id: Annotated[
        Optional[str], typer.Argument(metavar="[LADDER]", help="Ladder id (default: the only ladder).", show_default=False)
    ] = None,
    me: Annotated[bool, typer.Option("--me", help="Your standing instead: readiness per level and your ratings.")] = False,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Show a seniority ladder: each responsibility, the level that first holds it, and the topics that prepare for it."""
    from skilltree.errors import NotFound
    from skilltree.services.catalog import find_ladder, ladder_outline, ladder_summaries

    catalog = load_catalog_or_exit(content)
    if me:
        from skilltree.cli.ladder_commands import chosen_ladder, print_standing

        print_standing(chosen_ladder(catalog, ladder_id), catalog, learner, as_json)
        return
    if ladder_id is None and len(catalog.ladders) != 1:
        print_document({"ladders": ladder_summaries(catalog)}, as_json, "render_ladder_list")
        return
    ladder_id = ladder_id or next(iter(catalog.ladders))
    try:
        find_ladder(catalog, ladder_id=ladder_id)  # before the database: a typo touches nothing
    except NotFound as exc:
        fail(exc.message, EXIT_PROBLEM)
    from skilltree.cli.progress_commands import current_statuses

    outline = ladder_outline(catalog, ladder_id=ladder_id, statuses=current_statuses(learner))
    print_document(outline, as_json, "render_ladder")
