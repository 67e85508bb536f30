"""`skilltree users ...`: administration from the server's terminal. Whoever runs it holds the
database, so it acts as an administrator; each action is in the audit log as '<os user> (command line)'."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Annotated

import typer

from skilltree.cli.database import load_settings, open_store
from skilltree.cli.exits import EXIT_PROBLEM, fail
from skilltree.cli.learner_session import learner_name
from skilltree.cli.options import JsonOption
from skilltree.cli.output import print_document

users_app = typer.Typer(help="Manage accounts: list, disable, enable, grant or revoke administrator, delete, reset links.",
                        no_args_is_help=True)
UsernameArgument = Annotated[str, typer.Argument(metavar="USERNAME", help="The account to act on.")]


@contextmanager
def _administration():
    """(factory of units of work, who acts for the audit log, the time); user mistakes exit cleanly."""
    from skilltree.errors import SkilltreeError
    from skilltree.services.administration import command_line_actor
    from skilltree.store.uow import units_of_work

    engine = open_store()
    try:
        yield units_of_work(engine), command_line_actor(learner_name(None)), datetime.now(timezone.utc)
    except SkilltreeError as exc:
        fail(exc.message, EXIT_PROBLEM)
    finally:
        engine.dispose()


def _print(as_json: bool, document: dict, text: str) -> None:
    if as_json:
        from skilltree.cli.output import print_json

        print_json(document)
    else:
        typer.echo(text)


@users_app.command("list")
def list_users(
    search: Annotated[str, typer.Option("--search", "-s", help="Only usernames or display names that hold this.")] = "",
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Accounts by username: display name, created, last active, administrator, disabled."""
    from skilltree.services.administration import list_users as users_of

    with _administration() as (units, _, _now), units() as uow:
        page = users_of(uow, search=search, limit=limit, offset=offset)
    print_document({"users": page.users, "total": page.total, "offset": page.offset, "limit": page.limit}, as_json, "render_users")


def _set(username: str, as_json: bool, *, disabled: bool | None = None, admin: bool | None = None) -> None:
    from skilltree.services import administration

    with _administration() as (units, actor, moment):
        if disabled is not None:
            learner = administration.set_disabled(units, actor=actor, username=username, disabled=disabled, now=moment)
        else:
            learner = administration.set_admin(units, actor=actor, username=username, is_admin=admin, now=moment)
    state = "disabled" if learner.disabled else "active"
    role = "administrator" if learner.is_admin else "learner"
    _print(as_json, {"username": learner.username, "disabled": learner.disabled, "admin": learner.is_admin},
           f"{learner.username}: {state}, {role}")


@users_app.command()
def disable(username: UsernameArgument, as_json: JsonOption = False) -> None:
    """Disable an account: its sessions and tokens stop working and it cannot sign in."""
    _set(username, as_json, disabled=True)


@users_app.command()
def enable(username: UsernameArgument, as_json: JsonOption = False) -> None:
    """Enable a disabled account again."""
    _set(username, as_json, disabled=False)


@users_app.command("grant-admin")
def grant_admin(username: UsernameArgument, as_json: JsonOption = False) -> None:
    """Make an account an administrator."""
    _set(username, as_json, admin=True)


@users_app.command("revoke-admin")
def revoke_admin(username: UsernameArgument, as_json: JsonOption = False) -> None:
    """Take the administrator role from an account (never from the last administrator)."""
    _set(username, as_json, admin=False)


@users_app.command()
def delete(
    username: UsernameArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Delete an account and everything in it: progress, notes, sessions, tokens, settings."""
    from skilltree.services.administration import delete_user

    if not yes and not typer.confirm(f"Delete {username} and everything in the account?"):
        fail("nothing deleted", EXIT_PROBLEM)
    with _administration() as (units, actor, moment):
        delete_user(units, actor=actor, username=username, now=moment)
    _print(as_json, {"username": username, "deleted": True}, f"deleted {username}")


@users_app.command("reset-link")
def reset_link(
    username: UsernameArgument,
    base_url: Annotated[str, typer.Option("--base-url", help="The address your Skilltree is served at.")] = "http://127.0.0.1:8000",
    as_json: JsonOption = False,
) -> None:
    """A one-time password-reset link (valid 24 hours) to hand to the user yourself."""
    from skilltree.services.administration import issue_reset_link

    # The server's key: the link's hash must be the one the server computes.
    settings_secret = load_settings().secret_key
    with _administration() as (units, actor, moment):
        link = issue_reset_link(units, actor=actor, username=username, now=moment, secret=settings_secret)
    url = base_url.rstrip("/") + link.path
    _print(as_json, {"url": url, "expires_at": link.expires_at},
           f"{url}\nworks once, until {link.expires_at:%Y-%m-%d %H:%M} UTC; hand it to {username} yourself")
