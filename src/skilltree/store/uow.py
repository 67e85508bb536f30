"""The unit of work: one transaction, committed explicitly, rolled back otherwise."""

from __future__ import annotations

from functools import cached_property, partial
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine

from skilltree.store.engine import write_lock_for

if TYPE_CHECKING:
    from skilltree.store.accounts import AccountRepository
    from skilltree.store.assessments import AssessmentRepository
    from skilltree.store.audit import AuditRepository
    from skilltree.store.notes import NoteRepository
    from skilltree.store.plans import PlanRepository
    from skilltree.store.repositories import LearnerRepository, ProgressRepository
    from skilltree.store.review import ReviewRepository
    from skilltree.store.search_index import SearchIndex
    from skilltree.store.search_vectors import SearchVectors
    from skilltree.store.team_progress import TeamProgressRepository
    from skilltree.store.teams import TeamRepository


class UnitOfWork:
    """`with UnitOfWork(engine, write=True) as uow: ...; uow.commit()`.

    `write=True` takes SQLite's write lock when the transaction begins, so concurrent
    writers queue up instead of failing; read-only work leaves it False. On PostgreSQL a
    read-only unit of work is a READ ONLY transaction: it cannot write, so it has nothing to undo
    and ends with COMMIT, because psycopg forgets every prepared statement on ROLLBACK and would
    otherwise plan each search afresh.

    Each repository is made, and its module imported, when the work first uses it: a command that
    touches two tables (`skilltree search`) should not pay for importing all of them. A unit of
    work is entered once (the factory makes a new one for each use), so they stay bound to its
    connection.
    """

    def __init__(self, engine: Engine, *, write: bool = False):
        self.engine = engine
        self.write = write

    def __enter__(self) -> UnitOfWork:
        self._lock = write_lock_for(self.engine) if self.write else None
        if self._lock:
            self._lock.acquire()
        self.connection = None
        self._read_only = not self.write and self.engine.dialect.name == "postgresql"
        options = {"postgresql_readonly": True} if self._read_only else {}
        try:
            self.connection = self.engine.connect().execution_options(skilltree_write=self.write, **options)
            self.transaction = self.connection.begin()
        except BaseException:
            # A failed BEGIN (e.g. another program holding SQLite's lock past the timeout) must
            # not keep our writers' queue locked for every later unit of work in this process.
            try:
                if self.connection is not None:
                    self.connection.close()
            finally:
                self._release()
            raise
        return self

    @cached_property
    def learners(self) -> LearnerRepository:
        from skilltree.store.repositories import LearnerRepository

        return LearnerRepository(self.connection)

    @cached_property
    def progress(self) -> ProgressRepository:
        from skilltree.store.repositories import ProgressRepository

        return ProgressRepository(self.connection)

    @cached_property
    def accounts(self) -> AccountRepository:
        from skilltree.store.accounts import AccountRepository

        return AccountRepository(self.connection)

    @cached_property
    def assessments(self) -> AssessmentRepository:
        from skilltree.store.assessments import AssessmentRepository

        return AssessmentRepository(self.connection)

    @cached_property
    def notes(self) -> NoteRepository:
        from skilltree.store.notes import NoteRepository

        return NoteRepository(self.connection)

    @cached_property
    def audit(self) -> AuditRepository:
        from skilltree.store.audit import AuditRepository

        return AuditRepository(self.connection)

    @cached_property
    def teams(self) -> TeamRepository:
        from skilltree.store.teams import TeamRepository

        return TeamRepository(self.connection)

    @cached_property
    def team_progress(self) -> TeamProgressRepository:
        from skilltree.store.team_progress import TeamProgressRepository

        return TeamProgressRepository(self.connection)

    @cached_property
    def review(self) -> ReviewRepository:
        from skilltree.store.review import ReviewRepository

        return ReviewRepository(self.connection)

    @cached_property
    def plans(self) -> PlanRepository:
        from skilltree.store.plans import PlanRepository

        return PlanRepository(self.connection)

    @cached_property
    def search(self) -> SearchIndex:
        from skilltree.store.search_index import search_index_for

        return search_index_for(self.connection)

    @cached_property
    def search_vectors(self) -> SearchVectors:
        from skilltree.store.search_vectors import SearchVectors

        return SearchVectors(self.connection)

    @property
    def database(self) -> str:
        """Which database this works on (its URL, without a password), for what a process keeps of it."""
        return str(self.engine.url)

    def commit(self) -> None:
        self.transaction.commit()

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            if self.transaction.is_active:
                if self._read_only and exc_type is None:
                    self.transaction.commit()
                else:
                    self.transaction.rollback()
        finally:
            try:
                self.connection.close()
            finally:
                self._release()

    def _release(self) -> None:
        if self._lock:
            self._lock.release()
            self._lock = None


class UnitOfWorkFactory(Protocol):
    """What a writing service is given: it opens, commits and closes its own units of work.
    Tests of service rules pass a factory of in-memory fakes instead (tests/fakes.py)."""

    def __call__(self, *, write: bool = False) -> UnitOfWork: ...


def units_of_work(engine: Engine) -> UnitOfWorkFactory:
    return partial(UnitOfWork, engine)
