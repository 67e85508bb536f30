"""The unit of work: one transaction, committed explicitly, rolled back otherwise."""

from __future__ import annotations

from sqlalchemy import Engine

from skilltree.store.accounts import AccountRepository
from skilltree.store.repositories import LearnerRepository, ProgressRepository


class UnitOfWork:
    """`with UnitOfWork(engine, write=True) as uow: ...; uow.commit()`.

    `write=True` takes SQLite's write lock when the transaction begins, so concurrent
    writers queue up instead of failing; read-only work leaves it False.
    """

    def __init__(self, engine: Engine, *, write: bool = False):
        self.engine = engine
        self.write = write

    def __enter__(self) -> UnitOfWork:
        self.connection = self.engine.connect().execution_options(skilltree_write=self.write)
        self.transaction = self.connection.begin()
        self.learners = LearnerRepository(self.connection)
        self.progress = ProgressRepository(self.connection)
        self.accounts = AccountRepository(self.connection)
        return self

    def commit(self) -> None:
        self.transaction.commit()

    def __exit__(self, *exc_info) -> None:
        try:
            if self.transaction.is_active:
                self.transaction.rollback()
        finally:
            self.connection.close()
