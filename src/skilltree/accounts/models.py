"""API tokens, users as an administrator lists them, and the administrators' audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


@dataclass(frozen=True)
class ApiToken:
    """A learner's API token as they may see it: never its secret."""

    id: int
    name: str | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True)
class UserSummary:
    username: str
    display_name: str
    created_at: datetime
    last_active: datetime | None
    is_admin: bool
    disabled: bool


@dataclass(frozen=True)
class UserPage:
    users: tuple[UserSummary, ...]
    total: int
    offset: int
    limit: int


class AdminAction(str, Enum):
    """What the audit log records; each is one action of an administrator on an account."""

    DISABLE = "disable"
    ENABLE = "enable"
    GRANT_ADMIN = "grant-admin"
    REVOKE_ADMIN = "revoke-admin"
    DELETE = "delete"
    RESET_LINK = "reset-link"


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: AdminAction
    subject: str
    detail: str = ""


def last_admin_problem(*, target_is_admin: bool, admins: int, action: str) -> str | None:
    """Why removing an administrator (`action`: deleted, disabled, ...) is refused: a Skilltree
    keeps an administrator who can act."""
    if target_is_admin and admins <= 1:
        return f"the last administrator cannot be {action}; make another account an administrator first"
    return None
