"""Commands for the web face: serve, and passwd to give a local learner a web password."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from skilltree.cli.database import load_settings, open_store
from skilltree.cli.exits import EXIT_PROBLEM, EXIT_USAGE, fail
from skilltree.cli.learner_session import learner_name


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on (1-65535).")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (production: one per core).")] = 1,
) -> None:
    """Serve the web pages and the JSON API (http://127.0.0.1:8000 by default)."""
    settings = load_settings()
    reasons = settings.insecure_reasons()
    if reasons:
        fail("refusing to start:\n  " + "\n  ".join(reasons), EXIT_USAGE)
    if not settings.content_dir.is_dir():
        fail(f"{settings.content_dir}: no such content directory (SKILLTREE_CONTENT_DIR)", EXIT_USAGE)
    from skilltree.cli.listen import bind_listening_socket, url_host

    open_store().dispose()  # create or upgrade the database once, before the workers start
    listener = bind_listening_socket(host, port)
    import uvicorn

    typer.echo(f"Skilltree on http://{url_host(host)}:{port} ({settings.env}); press Ctrl+C to stop")
    config = uvicorn.Config(
        "skilltree.web.app:create_app_from_environment",
        factory=True,
        workers=workers,
        log_level="warning",
        access_log=False,
        proxy_headers=settings.trust_proxy_headers,
    )
    # The socket object itself, not its fd: uvicorn takes a bare fd for a Unix socket, and a TCP
    # connection accepted as one never gets TCP_NODELAY, so every keep-alive answer waited ~40 ms
    # for a delayed ACK (GET /healthz fell from ~10,000 to ~700 req/s).
    try:
        if workers > 1:
            from uvicorn.supervisors import Multiprocess

            Multiprocess(config, sockets=[listener]).run()
        else:
            uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        pass


def passwd(
    username: Annotated[
        Optional[str],
        typer.Argument(envvar="SKILLTREE_LEARNER", help="Learner to set the password of (default: you).", show_default=False),
    ] = None,
    create: Annotated[bool, typer.Option("--create", help="Create the learner if there is none of that name.")] = False,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Set a learner's web password, so the progress marked here shows on the web after signing in."""
    import sys

    from skilltree.errors import NotFound, SkilltreeError
    from skilltree.services.accounts import set_password
    from skilltree.services.progress import existing_learner
    from skilltree.store.uow import units_of_work

    name = learner_name(username)
    engine = open_store()
    try:
        units = units_of_work(engine)
        if not create:  # before the prompt: a mistyped name costs no password typed twice
            with units() as uow:
                existing_learner(uow, username=name)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt(f"New web password for {name}", hide_input=True, confirmation_prompt=True)
        learner = set_password(units, username=name, password=password, now=datetime.now(timezone.utc))
    except NotFound as exc:
        fail(f"{exc.message}; add --create to give a new learner a password", EXIT_PROBLEM)
    except SkilltreeError as exc:
        fail(exc.message, EXIT_PROBLEM)
    finally:
        engine.dispose()
    role = " (administrator)" if learner.is_admin else ""
    typer.echo(f"web password set for {learner.username}{role}; sign in at /login")
