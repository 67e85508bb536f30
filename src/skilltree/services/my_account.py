"""A learner's own account: display name, public profile, password, and deleting the account with everything in it."""

from __future__ import annotations

from datetime import datetime

from skilltree.accounts.models import last_admin_problem
from skilltree.catalog.models import Catalog
from skilltree.progress.models import Learner
from skilltree.services.accounts import (
    AuthenticationFailed,
    Conflict,
    checked_display_name,
    digest,
    hash_password,
    password_matches,
)
from skilltree.services.profiles import checked_public_paths, write_public_profile
from skilltree.services.progress import lock_learner
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory


def update_account(
    uows: UnitOfWorkFactory, catalog: Catalog, *, learner: Learner,
    display_name: str | None = None, public_profile: bool | None = None, public_paths: list[str] | None = None,
) -> Learner:
    """Change what was given (None: leave as it is), all of it or, when any part is refused, none."""
    name = None if display_name is None else checked_display_name(display_name) or learner.username
    public_paths = checked_public_paths(catalog, public_paths)
    with uows(write=True) as uow:
        lock_learner(uow, learner=learner)
        if name is not None:
            uow.learners.set_display_name(learner.id, name)
        if public_profile is not None or public_paths is not None:
            write_public_profile(uow, learner=learner, public=public_profile, path_ids=public_paths)
        changed = uow.learners.get_by_id(learner.id)
        uow.commit()
    return changed


def _check_password(uows: UnitOfWorkFactory, learner: Learner, password: str) -> str:
    """The stored hash the password was checked against; AuthenticationFailed if it is not theirs.
    Hashing takes a while, so it happens outside any write transaction (see services/accounts.py)."""
    with uows() as uow:
        stored = uow.learners.password_hash(learner.username)
    if stored is None or not password_matches(stored, password):
        raise AuthenticationFailed("the password is not right")
    return stored


def change_password(
    uows: UnitOfWorkFactory,
    *,
    learner: Learner,
    current_password: str,
    new_password: str,
    secret: str,
    now: datetime,
    keep_session: str | None = None,
    keep_token: str | None = None,
) -> None:
    """Set a new password once the current one is given. Every other session and API token of
    the learner ends (whoever knew the old password may hold one); the one in use stays."""
    checked = _check_password(uows, learner, current_password)
    new_hash = hash_password(new_password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        lock_learner(uow, learner=learner)
        if uow.learners.password_hash(learner.username) != checked:
            raise Conflict("the password was changed meanwhile; sign in again")
        uow.learners.set_password_hash(learner.id, new_hash)
        uow.accounts.delete_sessions_of(learner.id, keep=digest(keep_session, secret=secret) if keep_session else None)
        uow.accounts.revoke_tokens_of(learner.id, now, keep=digest(keep_token, secret=secret) if keep_token else None)
        uow.commit()


def delete_account(uows: UnitOfWorkFactory, *, learner: Learner, password: str) -> None:
    """Erase the learner and everything they own, once their password is typed again."""
    _check_password(uows, learner, password)
    with uows(write=True) as uow:
        erase_learner(uow, learner=learner)
        uow.commit()


def erase_learner(uow: UnitOfWork, *, learner: Learner) -> None:
    """In the caller's transaction: the learner's events, statuses, notes, sessions, tokens, reset
    links and settings, at once (the foreign keys cascade); the username becomes free. The last
    administrator stays until there is another."""
    uow.accounts.lock()  # against a concurrent change of who is administrator
    lock_learner(uow, learner=learner)  # waits for the learner's writes under way, then none start
    current = uow.learners.get_by_id(learner.id)
    problem = last_admin_problem(
        target_is_admin=current.is_admin and not current.disabled, admins=uow.learners.admin_count(), action="deleted"
    )
    if problem:
        raise Conflict(problem)
    uow.learners.delete(learner.id)
