"""What administrators do to accounts: list, disable and enable, grant and revoke the role, delete,
and issue one-time password-reset links. Every action is written to the audit log in the same
transaction as the change."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from skilltree.accounts.models import AdminAction, AuditEntry, UserPage, UserSummary, last_admin_problem
from skilltree.errors import InvalidInput, NotFound
from skilltree.progress.models import Learner
from skilltree.services.accounts import Conflict, digest, hash_password
from skilltree.services.my_account import erase_learner
from skilltree.services.learners import normalise_username
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

RESET_LINK_LIFETIME = timedelta(hours=24)
USERS_PAGE_MAX = 200
AUDIT_PAGE_MAX = 500


def admin_actor(viewer: Learner | None) -> str:
    """Who acts, for the audit log, if the viewer is an administrator. To anyone else the
    administration does not exist: NotFound, as for any page they may not see."""
    if viewer is None or not viewer.is_admin or viewer.disabled:
        raise NotFound("there is no page at this address")
    return viewer.username


def command_line_actor(os_user: str) -> str:
    """The operator at the server's terminal: they hold the database, so they may do anything."""
    return f"{os_user} (command line)"


def list_users(uow: UnitOfWork, *, search: str = "", limit: int = 50, offset: int = 0) -> UserPage:
    if not 1 <= limit <= USERS_PAGE_MAX:
        raise InvalidInput(f"the limit must be between 1 and {USERS_PAGE_MAX}, not {limit}")
    if offset < 0:
        raise InvalidInput(f"the offset cannot be negative, not {offset}")
    # No name holds NUL, and PostgreSQL refuses it in text: it matches nothing, so it is left out.
    return uow.learners.users(search=search.replace("\x00", "").strip(), limit=limit, offset=offset)


def user_summary(uow: UnitOfWork, *, username: str) -> UserSummary:
    name = normalise_username(username)
    found = [user for user in uow.learners.users(search=name, limit=USERS_PAGE_MAX, offset=0).users if user.username == name]
    if not found:
        raise NotFound(f"no user {username!r}")
    return found[0]


def audit_entries(uow: UnitOfWork, *, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    if not 1 <= limit <= AUDIT_PAGE_MAX:
        raise InvalidInput(f"the limit must be between 1 and {AUDIT_PAGE_MAX}, not {limit}")
    return uow.audit.entries(limit=limit, offset=max(offset, 0))


def _target(uow: UnitOfWork, username: str) -> Learner:
    uow.accounts.lock()  # who is administrator is checked and changed under one lock
    learner = uow.learners.get(normalise_username(username))
    if learner is None:
        raise NotFound(f"no user {username!r}")
    return learner


def _refuse_last_admin(uow: UnitOfWork, target: Learner, action: str) -> None:
    problem = last_admin_problem(
        target_is_admin=target.is_admin and not target.disabled, admins=uow.learners.admin_count(), action=action
    )
    if problem:
        raise Conflict(problem)


def _refuse_self(actor: str, target: Learner, what: str) -> None:
    if actor == target.username:
        raise Conflict(f"you cannot {what} your own account here")


def _record(uow: UnitOfWork, *, actor: str, action: AdminAction, subject: str, now: datetime, detail: str = "") -> None:
    uow.audit.append(AuditEntry(now, actor, action, subject, detail))


def set_disabled(uows: UnitOfWorkFactory, *, actor: str, username: str, disabled: bool, now: datetime) -> Learner:
    """Disable (sessions and tokens stop working at once, sign-in is refused) or enable an account."""
    with uows(write=True) as uow:
        target = _target(uow, username)
        if disabled and not target.disabled:
            _refuse_self(actor, target, "disable")
            _refuse_last_admin(uow, target, "disabled")
            uow.learners.set_disabled(target.id, now)
            uow.accounts.delete_sessions_of(target.id)
            uow.accounts.revoke_tokens_of(target.id, now)
            _record(uow, actor=actor, action=AdminAction.DISABLE, subject=target.username, now=now)
        elif not disabled and target.disabled:
            uow.learners.set_disabled(target.id, None)
            _record(uow, actor=actor, action=AdminAction.ENABLE, subject=target.username, now=now)
        changed = uow.learners.get_by_id(target.id)
        uow.commit()
    return changed


def set_admin(uows: UnitOfWorkFactory, *, actor: str, username: str, is_admin: bool, now: datetime) -> Learner:
    """Grant or revoke the administrator role; never from the last administrator."""
    with uows(write=True) as uow:
        target = _target(uow, username)
        if is_admin != target.is_admin:
            if not is_admin:
                _refuse_last_admin(uow, target, "removed as administrator")
            uow.learners.set_admin(target.id, is_admin)
            action = AdminAction.GRANT_ADMIN if is_admin else AdminAction.REVOKE_ADMIN
            _record(uow, actor=actor, action=action, subject=target.username, now=now)
        changed = uow.learners.get_by_id(target.id)
        uow.commit()
    return changed


def delete_user(uows: UnitOfWorkFactory, *, actor: str, username: str, now: datetime) -> None:
    """The same erasure as a learner's own deletion of their account."""
    with uows(write=True) as uow:
        target = _target(uow, username)
        _refuse_self(actor, target, "delete")
        erase_learner(uow, learner=target)
        _record(uow, actor=actor, action=AdminAction.DELETE, subject=target.username, now=now)
        uow.commit()


@dataclass(frozen=True)
class ResetLink:
    """The secret of a one-time reset link (shown once; the database keeps a keyed hash) and
    when it stops working. The face makes the address: /reset/<token>."""

    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        return f"/reset/{self.token}"


def issue_reset_link(uows: UnitOfWorkFactory, *, actor: str, username: str, now: datetime, secret: str) -> ResetLink:
    token = secrets.token_urlsafe(32)
    expires_at = now + RESET_LINK_LIFETIME
    with uows(write=True) as uow:
        target = _target(uow, username)
        uow.accounts.add_reset_link(token_hash=digest(token, secret=secret), learner_id=target.id, now=now, expires_at=expires_at)
        _record(uow, actor=actor, action=AdminAction.RESET_LINK, subject=target.username, now=now)
        uow.commit()
    return ResetLink(token, expires_at)


INVALID_RESET_LINK = "this password-reset link is unknown, expired or already used; ask an administrator for a new one"


def reset_link_learner(uow: UnitOfWork, *, token: str, secret: str, now: datetime) -> Learner:
    """Whose password the link resets, while it is unused and unexpired."""
    learner_id = uow.accounts.reset_link_learner(digest(token, secret=secret), now)
    learner = uow.learners.get_by_id(learner_id) if learner_id is not None else None
    if learner is None:
        raise NotFound(INVALID_RESET_LINK)
    return learner


def reset_password(uows: UnitOfWorkFactory, *, token: str, password: str, secret: str, now: datetime) -> Learner:
    """Set a new password through a reset link, which works once; the learner's sessions and
    tokens end."""
    with uows() as uow:
        reset_link_learner(uow, token=token, secret=secret, now=now)  # before spending a hash on it
    new_hash = hash_password(password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        learner = reset_link_learner(uow, token=token, secret=secret, now=now)
        if not uow.accounts.use_reset_link(digest(token, secret=secret), now):
            raise NotFound(INVALID_RESET_LINK)
        uow.learners.set_password_hash(learner.id, new_hash)
        uow.accounts.delete_sessions_of(learner.id)
        uow.accounts.revoke_tokens_of(learner.id, now)
        uow.commit()
    return learner
