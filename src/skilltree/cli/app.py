"""The Typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from skilltree.bundled import BUNDLED_CONTENT

app = typer.Typer(
    name="skilltree",
    help="Skilltree: learning roadmaps for backend engineers.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

ContentOption = Annotated[
    Path,
    typer.Option(
        "--content",
        envvar="SKILLTREE_CONTENT_DIR",
        help="Content directory to read (default: the bundled curriculum).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]

# Exit codes that mean something to scripts.
EXIT_OK = 0
EXIT_PROBLEM = 1  # content errors, unknown ids, refused input
EXIT_USAGE = 2  # wrong arguments or a directory that is not content


def fail(message: str, code: int = EXIT_PROBLEM) -> NoReturn:
    print_error(message)
    raise typer.Exit(code)


def print_error(message: str) -> None:
    from rich.markup import escape

    from skilltree.cli.output import error_console

    error_console().print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)


def print_document(document: dict, as_json: bool, renderer: str) -> None:
    """With --json the document as it is, for scripts; otherwise shown to people by the function
    of cli/render.py named `renderer` (imported only then: Rich's tables cost start-up time)."""
    if as_json:
        from skilltree.cli.output import print_json

        print_json(document)
        return
    from skilltree.cli import render

    getattr(render, renderer)(document)


def load_catalog_or_exit(content: Path | None):
    """The catalog of `content`; content errors are summarised on stderr, not fatal."""
    from skilltree.catalog.loader import ContentDirError
    from skilltree.catalog_cache import load_catalog_cached
    from skilltree.cli.output import error_console

    try:
        result = load_catalog_cached(content or BUNDLED_CONTENT)
    except ContentDirError as exc:
        fail(str(exc), EXIT_USAGE)
    if result.errors:
        error_console().print(
            f"[yellow]warning:[/] the content has {len(result.errors)} error(s); "
            f"run 'skilltree check' to see them",
            highlight=False,
        )
    return result.catalog


LearnerOption = Annotated[
    Optional[str],
    typer.Option(
        "--learner",
        envvar="SKILLTREE_LEARNER",
        help="Whose progress to use (default: your operating-system user name).",
        show_default=False,
    ),
]


def load_settings():
    """The SKILLTREE_* settings; a bad value exits with the variable, the value and what is wrong."""
    from pydantic import ValidationError

    from skilltree.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"SKILLTREE_{'_'.join(map(str, error['loc'])).upper()}={_shown_setting(error['loc'], error['input'])}: "
            + error["msg"].removeprefix("Value error, ")
            for error in exc.errors()
        ]
        fail("invalid setting " + "; ".join(problems), EXIT_USAGE)


def _shown_setting(location: tuple, value: object) -> str:
    """A setting's value as an error message may show it: never a secret or a password."""
    if location == ("secret_key",):
        return "(hidden)"
    if location == ("database_url",) and isinstance(value, str):
        return repr(safe_url(value))
    return repr(value)


def open_store():
    """The engine of the configured database, brought up to date; created on first use."""
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.errors import SkilltreeError
    from skilltree.store.engine import make_engine
    from skilltree.store.migrate import ensure_schema

    settings = load_settings()
    try:
        engine = make_engine(settings.effective_database_url)
        ensure_schema(engine)
    except SkilltreeError as exc:
        fail(f"cannot open the database {safe_url(settings.effective_database_url)}: {exc.message}")
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot open the database {safe_url(settings.effective_database_url)}: {reason_of(exc)}")
    return engine


def safe_url(url: str) -> str:
    """The URL with its password hidden; a URL too malformed to parse is not shown at all."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(SKILLTREE_DATABASE_URL, which is not a valid database URL)"


def reason_of(exc: Exception) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0]


def learner_name(learner: str | None) -> str:
    if learner:
        return learner
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id, as in some containers
        fail("cannot tell your user name; pass --learner NAME or set SKILLTREE_LEARNER")


# Commands register themselves on `app` when their modules are imported.
from skilltree.cli import catalog_commands, db_commands, progress_commands, review_commands, search_command, web_commands  # noqa: E402,F401
