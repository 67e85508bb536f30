"""Commands about a learner's progress: mark, next, progress, history, export, import."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from skilltree.cli.app import (
    EXIT_PROBLEM,
    ContentOption,
    JsonOption,
    LearnerOption,
    app,
    fail,
    learner_name,
    load_catalog_or_exit,
    open_store,
)


MAX_IMPORT_BYTES = 64 * 2**20  # an export of 100,000 changes is about 12 MiB


@contextmanager
def learner_store(learner: str | None, *, create: bool = True):
    """(factory of units of work, learner) for the chosen learner, created on first use (without
    `create`, None until then: reading commands write nothing); user mistakes exit cleanly."""
    from skilltree.errors import SkilltreeError
    from skilltree.services.progress import ensure_learner, find_learner
    from skilltree.store.uow import units_of_work

    engine = open_store()
    units = units_of_work(engine)
    try:
        if create:
            person = ensure_learner(units, username=learner_name(learner), now=datetime.now(timezone.utc))
        else:
            with units() as uow:
                person = find_learner(uow, username=learner_name(learner))
        yield units, person
    except SkilltreeError as exc:
        fail(exc.message, EXIT_PROBLEM)
    finally:
        engine.dispose()


@contextmanager
def learner_session(learner: str | None, *, create: bool = True):
    """(read-only unit of work, learner), as learner_store."""
    with learner_store(learner, create=create) as (units, person), units() as uow:
        yield uow, person


def current_statuses(learner: str | None) -> dict[str, str]:
    """The learner's statuses for a reading command. From the default SQLite file they are read
    without SQLAlchemy or the settings, which keeps `skilltree show` quick to start; otherwise
    through the store."""
    from skilltree.data_location import plain_default_sqlite_file
    from skilltree.errors import SkilltreeError
    from skilltree.services.progress import learner_statuses, normalise_username

    database = plain_default_sqlite_file()
    if database is not None:
        from skilltree.store.sqlite_snapshot import sqlite_statuses

        try:
            username = normalise_username(learner_name(learner))
        except SkilltreeError as exc:
            fail(exc.message, EXIT_PROBLEM)
        statuses = sqlite_statuses(database, username)
        if statuses is not None:
            return statuses
    with learner_session(learner, create=False) as (uow, person):
        return learner_statuses(uow, learner=person) if person else {}


@app.command()
def mark(
    topics: Annotated[list[str], typer.Argument(metavar="TOPIC... STATUS", help="One or more topic ids, then a status.")],
    status: Annotated[str, typer.Argument(metavar="", help="learning, done, skipped or not_started.", show_default=False)],
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
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"learner": person.username, "changes": changes})
        return
    from rich.text import Text

    from skilltree.cli.output import console
    from skilltree.cli.render import status_mark

    for change in changes:
        note = "" if change.changed else f" (already {change.status.value})"
        console().print(
            status_mark(change.status.value) + Text(f" {change.title} ({change.topic}): {change.status.value}{note}")
        )


@app.command("next")
def next_topic(
    path_id: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="Path id (default: every path you have started, or the Starter Kit).")] = None,
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
            path_ids = [r["path"] for r in progress_overview(uow, catalog, learner=person, started_only=True)]
            path_ids = path_ids or [p for p in ("starter-kit",) if p in catalog.paths] or sorted(catalog.paths)[:1]
        reports = [next_report(uow, catalog, learner=person, path_id=p) for p in path_ids]
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"learner": person.username, "paths": reports})
        return
    from skilltree.cli.render import render_next

    for report in reports:
        render_next(report)


@app.command()
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
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"learner": person.username, "paths": reports, "activity": activity})
        return
    from skilltree.cli.render import render_progress

    render_progress(reports, activity, detailed=path_id is not None)


@app.command()
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
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"learner": person.username, "events": events})
        return
    from skilltree.cli.render import render_history

    render_history(events)


@app.command("export")
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


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by 'skilltree export'.")],
    as_json: JsonOption = False,
    learner: LearnerOption = None,
) -> None:
    """Import data written by 'skilltree export'; importing the same file twice changes nothing."""
    from skilltree.services.transfer import import_learner, parse_export

    try:
        if file.stat().st_size > MAX_IMPORT_BYTES:
            fail(f"{file} is larger than {MAX_IMPORT_BYTES // 2**20} MiB, far more than any export; is it the right file?")
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")
    from skilltree.errors import SkilltreeError

    try:
        document = parse_export(text, name=str(file))
    except SkilltreeError as exc:
        fail(exc.message)
    with learner_store(learner) as (units, person):
        counts = import_learner(units, learner=person, document=document)
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"learner": person.username, **counts})
        return
    from skilltree.cli.output import console

    console().print(
        f"imported {counts['added']} new event(s) for {person.username}; {counts['already_there']} were already there",
        markup=False,
    )
