"""`skilltree note TOPIC` (write, show or delete your note on a topic) and `skilltree notes`."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.exits import EXIT_USAGE, fail
from skilltree.cli.learner_session import learner_store
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document


def note(
    topic_id: Annotated[str, typer.Argument(metavar="TOPIC", help="The topic your note is on.")],
    set_text: Annotated[Optional[str], typer.Option("--set", metavar="TEXT", help="Save TEXT as the note (for scripts).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", metavar="FILE", help="Save the note from FILE ('-': standard input).")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the note.")] = False,
    delete: Annotated[bool, typer.Option("--delete", help="Delete the note (its revisions stay in your export).")] = False,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Write your note on a topic in $EDITOR (like 'git commit'); --set or --file for scripts, --show to print it."""
    from skilltree.errors import SkilltreeError
    from skilltree.services import notes as notes_service

    chosen = [name for name, given in (("--set", set_text is not None), ("--file", file), ("--show", show), ("--delete", delete)) if given]
    if len(chosen) > 1:
        fail(f"choose one of {', '.join(chosen)}", EXIT_USAGE)
    body = _read_file(file) if file is not None else set_text
    catalog = load_catalog_or_exit(content)
    moment = datetime.now(timezone.utc)
    with learner_store(learner) as (units, person):
        with units() as uow:
            current = notes_service.note_of(uow, catalog, learner=person, topic_id=topic_id)
        if show:
            _print_note(topic_id, current, as_json)
            return
        if delete:
            notes_service.delete_note(units, catalog, learner=person, topic_id=topic_id, now=moment)
            _said(as_json, {"topic": topic_id, "deleted": True}, f"deleted your note on {topic_id}")
            return
        if body is None:
            body = _edited(current.body if current else "")
            if body is None:
                _said(as_json, {"topic": topic_id, "saved": False}, "note not changed (the editor did not save)")
                return
        links = [{"title": link.title, "url": link.url} for link in current.links] if current else []
        try:
            saved = notes_service.save_note(units, catalog, learner=person, topic_id=topic_id, body=body, links=links, now=moment)
        except SkilltreeError as exc:
            fail(f"{topic_id}: {exc.message}")
    _said(as_json, {"topic": topic_id, "saved": True, "updated_at": saved.saved_at}, f"saved your note on {topic_id}")


def _read_file(file: Path) -> str:
    import sys

    try:
        return sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")


def _edited(text: str) -> str | None:
    """The note as the learner left it in $VISUAL or $EDITOR; None when they did not save."""
    import click

    try:
        return click.edit(text, extension=".md", require_save=True)
    except click.ClickException as exc:
        fail(f"{exc.message}; set EDITOR to your editor, or use --set TEXT or --file FILE")


def _said(as_json: bool, document: dict, text: str) -> None:
    if as_json:
        from skilltree.cli.output import print_json

        print_json(document)
        return
    typer.echo(text)


def _print_note(topic_id: str, current, as_json: bool) -> None:
    if as_json:
        from skilltree.cli.output import print_json

        print_json({"topic": topic_id, "note": current})
        return
    if current is None:
        typer.echo(f"you have no note on {topic_id}", err=True)
        return
    typer.echo(current.body.rstrip("\n"))
    for link in current.links:
        typer.echo(f"- {link.title}: {link.url}")


def notes(
    text: Annotated[Optional[str], typer.Argument(metavar="[TEXT]", help="Only notes whose topic, title or text holds TEXT.")] = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """List the topics you have notes on, the most recently changed first."""
    from skilltree.services import notes as notes_service

    catalog = load_catalog_or_exit(content)
    with learner_store(learner, create=False) as (units, person):
        found = []
        if person is not None:
            with units() as uow:
                found = notes_service.list_notes(uow, catalog, learner=person, text=text or "")
    print_document({"notes": found}, as_json, "render_notes", filtered_by=text)
