"""Commands that read the curriculum: check, paths, show, topic, ladder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit, load_content_or_exit
from skilltree.cli.exits import EXIT_PROBLEM, EXIT_USAGE, fail
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document


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
    from skilltree.catalog.load_result import ContentDirError
    from skilltree.catalog.loader import load_catalog

    try:
        result = load_catalog(directory or content or BUNDLED_CONTENT)
    except ContentDirError as exc:
        fail(str(exc), EXIT_USAGE)
    errors, warnings, catalog = result.errors, result.warnings, result.catalog
    failed = bool(errors) or (strict and bool(warnings))
    report = {
        "ok": not failed,
        "errors": len(errors),
        "warnings": len(warnings),
        "topics": len(catalog.topics),
        "paths": len(catalog.paths),
        "ladders": len(catalog.ladders),
        "problems": [problem.as_dict() for problem in result.problems],
    }
    print_document(report, as_json, "render_check")
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


def paths(as_json: JsonOption = False, content: ContentOption = None) -> None:
    """List the learning paths with their figures."""
    from skilltree.services.catalog import path_summaries

    print_document({"paths": path_summaries(load_catalog_or_exit(content))}, as_json, "render_paths", public="PathListPublic")


def show(
    path_id: Annotated[str, typer.Argument(metavar="PATH", help="Path id, e.g. starter-kit.")],
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Show a path's roadmap: sections in order, each topic with level, minutes and your status."""
    from skilltree.errors import NotFound
    from skilltree.services.catalog import find_path, path_outline

    loaded = load_content_or_exit(content)
    try:
        find_path(loaded.catalog, path_id=path_id)  # before the database: a typo touches nothing
    except NotFound as exc:
        fail_unknown(loaded, "paths", path_id, exc.message)
    from skilltree.cli.learner_session import current_states

    outline = path_outline(loaded.catalog, path_id=path_id, states=current_states(learner))
    print_document(outline, as_json, "render_outline", public="PathPublic")


def topic(
    topic_id: Annotated[str, typer.Argument(metavar="ID", help="Topic id, e.g. git.")],
    answers: Annotated[bool, typer.Option("--answers", help="Show the answers of the review questions.")] = False,
    as_json: JsonOption = False,
    content: ContentOption = None,
) -> None:
    """Show a topic: summary, level, minutes, prerequisites, the article, its resources and review questions."""
    from skilltree.errors import NotFound
    from skilltree.services.catalog import topic_detail

    loaded = load_content_or_exit(content)
    try:
        detail = topic_detail(loaded.catalog, topic_id=topic_id)
    except NotFound as exc:
        fail_unknown(loaded, "topics", topic_id, exc.message)
    print_document(detail, as_json, "render_topic", public="TopicPublic", answers=answers)


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

    loaded = load_content_or_exit(content)
    catalog = loaded.catalog
    if me:
        from skilltree.cli.ladder_commands import chosen_ladder, print_standing

        print_standing(chosen_ladder(catalog, ladder_id), catalog, learner, as_json)
        return
    if ladder_id is None and len(catalog.ladders) != 1:
        print_document({"ladders": ladder_summaries(catalog)}, as_json, "render_ladder_list", public="LadderListPublic")
        return
    ladder_id = ladder_id or next(iter(catalog.ladders))
    try:
        find_ladder(catalog, ladder_id=ladder_id)  # before the database: a typo touches nothing
    except NotFound as exc:
        fail_unknown(loaded, "ladders", ladder_id, exc.message)
    from skilltree.cli.learner_session import current_states

    outline = ladder_outline(catalog, ladder_id=ladder_id, states=current_states(learner))
    print_document(outline, as_json, "render_ladder", public="LadderPublic")


def fail_unknown(loaded, folder: str, document_id: str, not_found: str) -> NoReturn:
    """An id the catalog lacks: when its file is there but broken, say so with the file's first
    error (the did-you-mean of `not_found` would point elsewhere); otherwise `not_found`."""
    from skilltree.catalog.loader import document_errors

    errors = document_errors(loaded, folder, document_id)
    if not errors:
        fail(not_found, EXIT_PROBLEM)
    first = errors[0]
    fail(
        f"{first.file} has {len(errors)} error(s), so {document_id!r} cannot be shown; the first:\n  {first}",
        EXIT_PROBLEM,
    )
