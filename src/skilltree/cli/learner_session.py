"""Whose progress a command uses, and the unit of work it reads or writes it in."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from datetime import datetime, timezone

from skilltree.cli.database import open_store
from skilltree.cli.exits import EXIT_PROBLEM, fail
from skilltree.progress.models import TopicState


def learner_name(learner: str | None) -> str:
    if learner:
        return learner
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id, as in some containers
        fail("cannot tell your user name; pass --learner NAME or set SKILLTREE_LEARNER")


@contextmanager
def learner_store(learner: str | None, *, create: bool = True):
    """(factory of units of work, learner) for the chosen learner, created on first use (without
    `create`, None until then: reading commands write nothing); user mistakes exit cleanly."""
    from skilltree.errors import SkilltreeError
    from skilltree.services.learners import find_learner
    from skilltree.services.progress import ensure_learner
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
    """(read-only unit of work, learner), as learner_store gives them."""
    with learner_store(learner, create=create) as (units, person), units() as uow:
        yield uow, person


def current_states(learner: str | None) -> Mapping[str, TopicState]:
    """The learner's state on each topic, for a reading command. From the default SQLite file they
    are read without SQLAlchemy or the settings, which keeps `skilltree show` quick to start;
    otherwise through the store."""
    from skilltree.data_location import plain_default_sqlite_file
    from skilltree.errors import SkilltreeError
    from skilltree.services.learners import normalise_username

    database = plain_default_sqlite_file()
    if database is not None:
        from skilltree.store.sqlite_snapshot import sqlite_states

        try:
            username = normalise_username(learner_name(learner))
        except SkilltreeError as exc:
            fail(exc.message, EXIT_PROBLEM)
        states = sqlite_states(database, username)
        if states is not None:
            return states
    from skilltree.services.progress import learner_states

    with learner_session(learner, create=False) as (uow, person):
        return learner_states(uow, learner=person) if person else {}
