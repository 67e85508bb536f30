"""The administrators' audit log: appended to, never updated or deleted."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from skilltree.accounts.models import AdminAction, AuditEntry
from skilltree.store.tables import audit_log


class AuditRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def append(self, entry: AuditEntry) -> None:
        self.connection.execute(
            audit_log.insert().values(
                at=entry.at, actor=entry.actor, action=entry.action.value, subject=entry.subject, detail=entry.detail
            )
        )

    def entries(self, *, limit: int, offset: int = 0) -> list[AuditEntry]:
        """Newest first."""
        rows = self.connection.execute(
            select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit).offset(offset)
        )
        return [AuditEntry(row.at, row.actor, AdminAction(row.action), row.subject, row.detail) for row in rows]

    def count(self) -> int:
        return self.connection.execute(select(func.count()).select_from(audit_log)).scalar_one()
