"""Commands about a learner's progress: mark, next, progress, history, export, import."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.exits import fail
from skilltree.cli.learner_session import learner_session, learner_store
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document


MAX_IMPORT_BYTES = 64 * 2**20  # an export of 100,000 changes is about 12 MiB


def mark(
    topics: Annotated[list[str], typer.Argument(metavar="TOPIC...", help="One or more topic ids.", show_default=False)],
    status: Annotated[str, typer.Argument(metavar="STATUS", help="learning, done, skipped or not_started.", show_default=False)],
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Set the status of one or more topics: skilltree mark git sql done."""
    from skilltree.errors import SkilltreeError
    from skilltree.progress.models import Source
    from skilltree.services.progress import mark_topics, parse_status

    try:
        wanted = parse_status(status)
    except SkilltreeError as exc:
        fail(exc.message)
    catalog = load_catalog_or_exit(content)
    with learner_store(learner) as (units, person):
        changes = mark_topics(
            units, catalog, learner=person, topic_ids=topics, status=wanted, source=Source.CLI, now=datetime.now(timezone.utc)
        )
    print_document({"learner": person.username, "changes": changes}, as_json, "render_changes")


def next_topic(
    path_id: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="Path id (default: every path you have started, or the path newcomers start with).")] = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Show what to read next on a path, or on each path you have started."""
    from skilltree.services.progress import next_report, progress_overview

    catalog = load_catalog_or_exit(content)
    with learner_session(learner) as (uow, person):
        if path_id:
            path_ids = [path_id]
        else:
            path_ids = [r.path for r in progress_overview(uow, catalog, learner=person, started_only=True)]
            start = catalog.start_path
            path_ids = path_ids or ([start.id] if start else sorted(catalog.paths)[:1])
        reports = [next_report(uow, catalog, learner=person, path_id=p) for p in path_ids]
    print_document({"learner": person.username, "paths": reports}, as_json, "render_next")


def progress(
    path_id: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="Path id (default: all paths).")] = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Show progress bars for one path's sections, or for every path."""
    from skilltree.services.progress import activity_report, path_report, progress_overview

    catalog = load_catalog_or_exit(content)
    with learner_session(learner) as (uow, person):
        if path_id:
            reports = [path_report(uow, catalog, learner=person, path_id=path_id)]
        else:
            reports = progress_overview(uow, catalog, learner=person)
        # A day at the terminal is the user's own day, in the machine's time zone.
        activity = activity_report(uow, learner=person, today=date.today(), tz=None)
    document = {"learner": person.username, "paths": reports, "activity": activity}
    print_document(document, as_json, "render_progress", public="MyProgressPublic", detailed=path_id is not None)


def history(
    topic_id: Annotated[Optional[str], typer.Argument(metavar="[TOPIC]", help="Only this topic's changes.")] = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """List your progress changes, newest first."""
    from skilltree.services.progress import history as history_of

    catalog = load_catalog_or_exit(content)
    with learner_session(learner) as (uow, person):
        events = history_of(uow, catalog, learner=person, topic_id=topic_id)
    print_document({"learner": person.username, "events": events}, as_json, "render_history")


def export_command(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    learner: LearnerOption = None,
) -> None:
    """Export your complete data as versioned JSON."""
    import sys

    from skilltree.services.transfer import export_learner, exported_json

    with learner_session(learner) as (uow, person):
        text = exported_json(export_learner(uow, learner=person))
    if output is None:
        sys.stdout.write(text)
        return
    partial = output.with_name(output.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by 'skilltree export'.")],
    as_json: JsonOption = False,
    learner: LearnerOption = None,
) -> None:
    """Import data written by 'skilltree export'; importing the same file twice changes nothing."""
    from skilltree.regular_files import FileTooLarge, NotRegularFile, read_regular_file
    from skilltree.services.transfer import import_learner, parse_export

    try:
        text = read_regular_file(file, MAX_IMPORT_BYTES).decode("utf-8")
    except FileTooLarge:
        fail(f"{file} is larger than {MAX_IMPORT_BYTES // 2**20} MiB, far more than any export; is it the right file?")
    except NotRegularFile as exc:
        fail(f"cannot read {file}: {exc}; import reads an export file")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")
    from skilltree.errors import SkilltreeError

    try:
        document = parse_export(text, name=str(file))
    except SkilltreeError as exc:
        fail(exc.message)
    with learner_store(learner) as (units, person):
        counts = import_learner(units, learner=person, document=document)
    print_document({"learner": person.username, **counts}, as_json, "render_import")
