"""Whether the database can take writes now: what /readyz reports."""

from __future__ import annotations

from sqlalchemy import Engine, event, text

from skilltree.store.faults import DatabaseFault, FaultKind
from skilltree.store.uow import UnitOfWork


class SpaceWatch:
    """Remembers that a write failed for lack of space until a write commits again.

    A full disk cannot be probed without filling it: a probe that writes a page may still fit
    while a real write does not. So readiness goes by what the last real writes of this process met.
    """

    def __init__(self, engine: Engine):
        self.fault: DatabaseFault | None = None
        event.listen(engine, "commit", self._committed)

    def saw(self, fault: DatabaseFault) -> None:
        if fault.kind is FaultKind.FULL:
            self.fault = fault

    def _committed(self, connection) -> None:
        if connection.get_execution_options().get("skilltree_write"):
            self.fault = None


def write_blocker(engine: Engine) -> DatabaseFault | None:
    """Why a write would fail now, or None. Raises what the database raises when it does not answer."""
    with UnitOfWork(engine, write=True) as uow:
        if engine.dialect.name == "sqlite":
            # Takes SQLite's write lock and marks the header page dirty, rolled back: fails as a
            # real write would on a read-only file or directory, without changing anything.
            version = uow.connection.execute(text("PRAGMA user_version")).scalar_one()
            uow.connection.execute(text(f"PRAGMA user_version = {int(version)}"))
        elif uow.connection.execute(text("SELECT pg_is_in_recovery()")).scalar_one():  # a standby takes no writes
            server = engine.url.render_as_string(hide_password=True)
            return DatabaseFault(FaultKind.READ_ONLY, f"the database server {server} accepts no writes (read-only)")
    return None
