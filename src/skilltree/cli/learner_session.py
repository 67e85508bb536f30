"""Whose progress a command uses, and the unit of work it reads or writes it in."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone

from skilltree.cli.database import open_store
from skilltree.cli.exits import EXIT_PROBLEM, fail


def learner_name(learner: str | None) -> str:
    if learner:
        return learner
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id, as in some containers
        fail("cannot tell your user name; pass --learner NAME or set SKILLTREE_LEARNER")


@contextmanager
def learner_session(learner: str | None, *, write: bool = False, create: bool = True):
    """(unit of work, learner) for the chosen learner, created on first use (without `create`, None
    until then: reading commands write nothing); user mistakes exit cleanly."""
    from skilltree.errors import SkilltreeError
    from skilltree.services.progress import find_learner, learner_for
    from skilltree.store.uow import UnitOfWork

    engine = open_store()
    try:
        with UnitOfWork(engine) as uow:
            person = find_learner(uow, username=learner_name(learner))
        if person is None and create:
            with UnitOfWork(engine, write=True) as uow:
                person = learner_for(uow, username=learner_name(learner), now=datetime.now(timezone.utc))
                uow.commit()
        with UnitOfWork(engine, write=write) as uow:
            yield uow, person
    except SkilltreeError as exc:
        fail(exc.message, EXIT_PROBLEM)
    finally:
        engine.dispose()


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
