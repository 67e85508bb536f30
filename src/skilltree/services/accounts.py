"""Accounts: sign-up, passwords, sign-in throttling, web sessions, API tokens, preferences."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from functools import cache

from skilltree.errors import InvalidInput, SkilltreeError
from skilltree.progress.models import Learner
from skilltree.services.progress import normalise_username
from skilltree.store.uow import UnitOfWork

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024
SESSION_LIFETIME = timedelta(days=30)
THROTTLE_WINDOW = timedelta(minutes=15)
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_CLIENT = 20
SIGNUP_OPEN = "signup_open"


class AuthenticationFailed(SkilltreeError):
    code = "unauthorized"


class Throttled(SkilltreeError):
    code = "too_many_requests"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class Conflict(SkilltreeError):
    code = "conflict"


class Forbidden(SkilltreeError):
    code = "forbidden"


@cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Verified against when the username is unknown, so both cases take the same time.
    return _hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _password_matches(password_hash: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise InvalidInput(f"the password is too short: use at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise InvalidInput(f"the password is too long: use at most {PASSWORD_MAX_LENGTH} characters")


def digest(token: str, *, secret: str) -> str:
    """What the database keeps of a session or API token: a keyed hash, never the token."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def signup_open(uow: UnitOfWork) -> bool:
    return uow.accounts.setting(SIGNUP_OPEN) != "false"


def set_signup_open(uow: UnitOfWork, *, admin: Learner, is_open: bool) -> None:
    if not admin.is_admin:
        raise Forbidden("only an administrator can open or close sign-up")
    uow.accounts.set_setting(SIGNUP_OPEN, "true" if is_open else "false")


def sign_up(uow: UnitOfWork, *, username: str, password: str, display_name: str, now: datetime) -> Learner:
    """A new account; the first account with a password becomes the administrator."""
    username = normalise_username(username)
    first_account = not uow.learners.any_admin()
    if not first_account and not signup_open(uow):
        raise Forbidden("sign-up is closed on this Skilltree; ask an administrator for an account")
    check_password(password)
    existing = uow.learners.get(username)
    if existing is not None and existing.has_password:
        raise Conflict(f"the username {username!r} is taken")
    if existing is not None:
        raise Conflict(
            f"{username!r} is a learner of this machine's command line; "
            f"set its web password with 'skilltree passwd {username}' instead"
        )
    learner = uow.learners.get_or_create(username, display_name.strip() or username, now)
    uow.learners.set_password_hash(learner.id, hash_password(password))
    if first_account:
        uow.learners.set_admin(learner.id, True)
    return uow.learners.get_by_id(learner.id)


def set_password(uow: UnitOfWork, *, username: str, password: str, now: datetime) -> Learner:
    """Give a learner (created if need be) a web password; used by `skilltree passwd`."""
    username = normalise_username(username)
    check_password(password)
    learner = uow.learners.get(username) or uow.learners.get_or_create(username, username, now)
    uow.learners.set_password_hash(learner.id, hash_password(password))
    if not uow.learners.any_admin():
        uow.learners.set_admin(learner.id, True)
    return uow.learners.get_by_id(learner.id)


def authenticate(uow: UnitOfWork, *, username: str, password: str, client: str, now: datetime) -> Learner:
    """The learner, or AuthenticationFailed; Throttled after too many recent failures.

    Failures are recorded by the caller's unit of work, so the caller commits even on failure.
    """
    name = username.strip().lower()[:64]
    since = now - THROTTLE_WINDOW
    retry_after = int(THROTTLE_WINDOW.total_seconds())
    if uow.accounts.login_failures_since(username=name, since=since) >= FAILURES_PER_ACCOUNT:
        raise Throttled("too many failed sign-ins for this account; try again in 15 minutes", retry_after)
    if uow.accounts.login_failures_since(client=client, since=since) >= FAILURES_PER_CLIENT:
        raise Throttled("too many failed sign-ins from your address; try again in 15 minutes", retry_after)
    if _password_matches(uow.learners.password_hash(name), password):
        uow.accounts.forget_login_failures(username=name)
        return uow.learners.get(name)
    uow.accounts.add_login_failure(username=name, client=client, now=now)
    raise AuthenticationFailed("wrong username or password")


def open_session(uow: UnitOfWork, *, learner: Learner, now: datetime, secret: str) -> tuple[str, str]:
    """(session token for the cookie, CSRF token for the forms)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    uow.accounts.delete_expired_sessions(now)
    uow.accounts.add_session(
        token_hash=digest(token, secret=secret), learner_id=learner.id, csrf_token=csrf, now=now, expires_at=now + SESSION_LIFETIME
    )
    return token, csrf


def session_learner(uow: UnitOfWork, *, token: str, now: datetime, secret: str) -> tuple[Learner, str] | None:
    return uow.accounts.session(digest(token, secret=secret), now)


def close_session(uow: UnitOfWork, *, token: str, secret: str) -> None:
    uow.accounts.delete_session(digest(token, secret=secret))


def issue_token(uow: UnitOfWork, *, learner: Learner, now: datetime, secret: str) -> str:
    token = secrets.token_urlsafe(32)
    uow.accounts.add_token(token_hash=digest(token, secret=secret), learner_id=learner.id, now=now)
    return token


def token_learner(uow: UnitOfWork, *, token: str, secret: str) -> Learner | None:
    learner_id = uow.accounts.token_learner(digest(token, secret=secret))
    return uow.learners.get_by_id(learner_id) if learner_id is not None else None


def revoke_token(uow: UnitOfWork, *, token: str, now: datetime, secret: str) -> None:
    uow.accounts.revoke_token(digest(token, secret=secret), now)


def set_hide_minutes(uow: UnitOfWork, *, learner: Learner, hide: bool) -> None:
    uow.learners.set_hide_minutes(learner.id, hide)
