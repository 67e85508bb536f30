"""`skilltree db ...`: database administration."""

from __future__ import annotations

import typer

from skilltree.cli.exits import fail

db_app = typer.Typer(help="Manage the database.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade() -> None:
    """Bring the database schema up to date (also done automatically on first use)."""
    from sqlalchemy.exc import SQLAlchemyError

    from skilltree.cli.database import load_settings, reason_of, safe_url
    from skilltree.cli.output import console
    from skilltree.errors import SkilltreeError
    from skilltree.store.engine import make_engine
    from skilltree.store.migrate import upgrade as run_upgrade

    url = load_settings().effective_database_url
    try:
        before, after = run_upgrade(make_engine(url))
    except SkilltreeError as exc:
        fail(f"cannot upgrade the database {safe_url(url)}: {exc.message}")
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot upgrade the database {safe_url(url)}: {reason_of(exc)}")
    if before == after:
        console().print(f"{safe_url(url)} is up to date (revision {after})", markup=False)
    else:
        console().print(f"{safe_url(url)} upgraded from {before or 'empty'} to {after}", markup=False)
