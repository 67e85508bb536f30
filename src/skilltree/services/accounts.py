"""Accounts: sign-up, passwords, sign-in throttling, web sessions, API tokens, preferences."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import TypeVar

from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import InvalidInput, SkilltreeError
from skilltree.progress.models import Learner
from skilltree.services.progress import normalise_username
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024
DISPLAY_NAME_MAX_LENGTH = 128  # the column's size
SESSION_LIFETIME = timedelta(days=30)
# api_tokens.last_used_at says which tokens are still in use; it is written at most this often per
# token, so that the API's reads do not each become a write.
TOKEN_USE_PRECISION = timedelta(minutes=1)
THROTTLE_WINDOW = timedelta(minutes=15)
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_CLIENT = 20
SIGNUP_OPEN = "signup_open"

T = TypeVar("T")
# What a successful sign-up or sign-in hands out, written in the same transaction: called as
# grant(uow, learner=...), e.g. functools.partial(open_session, now=..., secret=...).
Grant = Callable[..., T]


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
    """The stored form of a new password, once its length is acceptable."""
    check_password(password)
    return _hasher().hash(password)


def _password_matches(password_hash: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _checked_display_name(text: str) -> str:
    name = text.strip()
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise InvalidInput(f"the display name is too long: use at most {DISPLAY_NAME_MAX_LENGTH} characters")
    if any(ord(character) < 32 or ord(character) == 127 for character in name):
        raise InvalidInput("the display name cannot hold control characters")
    return name


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


def signup_allowed(uow: UnitOfWork) -> bool:
    """Whether a visitor may create an account: always the first one, then as the administrator chose."""
    return not uow.learners.any_admin() or signup_open(uow)


def set_signup_open(uow: UnitOfWork, *, admin: Learner, is_open: bool) -> None:
    if not admin.is_admin:
        raise Forbidden("only an administrator can open or close sign-up")
    uow.accounts.set_setting(SIGNUP_OPEN, "true" if is_open else "false")


# Password hashing and checking (argon2, about 0.1 s each) happen outside write transactions: a
# writer holds SQLite's write lock, and every other writer waits for it meanwhile. What the check
# decided is then written in a short transaction that takes the accounts lock and checks again.


def sign_up(uows: UnitOfWorkFactory, *, username: str, password: str, display_name: str, now: datetime, grant: Grant[T]) -> T:
    """A new account and what `grant` gives it; the first account becomes the administrator."""
    username = normalise_username(username)
    display_name = _checked_display_name(display_name) or username
    with uows() as uow:
        _refuse_sign_up(uow, username)  # before spending a hash on it
    password_hash = hash_password(password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        first_account = not uow.learners.any_admin()
        _refuse_sign_up(uow, username)  # again, under the lock
        learner = uow.accounts.create_account(
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            is_admin=first_account,
            now=now,
        )
        if learner is None:
            raise _taken(uow.learners.get(username))
        granted = grant(uow, learner=learner)
        uow.commit()
    return granted


def _refuse_sign_up(uow: UnitOfWork, username: str) -> None:
    if not signup_allowed(uow):
        raise Forbidden("sign-up is closed on this Skilltree; ask an administrator for an account")
    existing = uow.learners.get(username)
    if existing is not None:
        raise _taken(existing)


def _taken(existing: Learner) -> Conflict:
    if existing.has_password:
        return Conflict(f"the username {existing.username!r} is taken")
    return Conflict(
        f"{existing.username!r} is a learner of this machine's command line; "
        f"set its web password with 'skilltree passwd {existing.username}' instead"
    )


def set_password(uows: UnitOfWorkFactory, *, username: str, password: str, now: datetime) -> Learner:
    """Give a learner (created if need be) a web password; used by `skilltree passwd`.

    Ends the learner's sessions and revokes their API tokens: whoever knew the old password
    may hold one.
    """
    username = normalise_username(username)
    password_hash = hash_password(password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        learner = uow.learners.get(username) or uow.learners.get_or_create(username, username, now)
        uow.learners.set_password_hash(learner.id, password_hash)
        uow.accounts.delete_sessions_of(learner.id)
        uow.accounts.revoke_tokens_of(learner.id, now)
        if not uow.learners.any_admin():
            uow.learners.set_admin(learner.id, True)
        learner = uow.learners.get_by_id(learner.id)
        uow.commit()
    return learner


def sign_in(uows: UnitOfWorkFactory, *, username: str, password: str, client: str, now: datetime, grant: Grant[T]) -> T:
    """What `grant` gives the learner whose password this is; else AuthenticationFailed, or
    Throttled after too many recent failures for the account or from the client's address."""
    # Whatever was typed is recorded against throttling, but PostgreSQL refuses NUL in text.
    name = username.strip().lower().replace("\x00", "")[:64]
    with uows() as uow:
        _refuse_if_throttled(uow, username=name, client=client, now=now)  # before spending a hash on it
        checked_hash = uow.learners.password_hash(name)
    matches = _password_matches(checked_hash, password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        # Again, under the lock: guesses sent at the same time all passed the first check.
        _refuse_if_throttled(uow, username=name, client=client, now=now)
        # A password set in the meantime makes the checked one stale.
        if not matches or uow.learners.password_hash(name) != checked_hash:
            uow.accounts.add_login_failure(username=name, client=client, now=now)
            uow.commit()
            raise AuthenticationFailed("wrong username or password")
        uow.accounts.forget_login_failures(username=name)
        granted = grant(uow, learner=uow.learners.get(name))
        uow.commit()
    return granted


def _refuse_if_throttled(uow: UnitOfWork, *, username: str, client: str, now: datetime) -> None:
    since = now - THROTTLE_WINDOW
    retry_after = int(THROTTLE_WINDOW.total_seconds())
    if uow.accounts.login_failures_since(username=username, since=since) >= FAILURES_PER_ACCOUNT:
        raise Throttled("too many failed sign-ins for this account; try again in 15 minutes", retry_after)
    if uow.accounts.login_failures_since(client=client, since=since) >= FAILURES_PER_CLIENT:
        raise Throttled("too many failed sign-ins from your address; try again in 15 minutes", retry_after)


def open_session(
    uow: UnitOfWork, *, learner: Learner, now: datetime, secret: str, replacing: str | None = None
) -> tuple[str, str]:
    """(session token for the cookie, CSRF token for the forms). The browser's previous session,
    `replacing`, ends: signing in again must not leave it valid behind the new cookie."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    if replacing:
        close_session(uow, token=replacing, secret=secret)
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


def token_learner(uows: UnitOfWorkFactory, *, token: str, secret: str, now: datetime) -> Learner | None:
    """The learner of a live API token, or None; notes the use (see TOKEN_USE_PRECISION)."""
    token_hash = digest(token, secret=secret)
    with uows() as uow:
        found = uow.accounts.token_use(token_hash)
        learner = uow.learners.get_by_id(found[0]) if found else None
    stale = now - TOKEN_USE_PRECISION
    if found and (found[1] is None or found[1] <= stale):
        with uows(write=True) as uow:
            uow.accounts.note_token_use(token_hash, now, not_since=stale)
            uow.commit()
    return learner


def revoke_token(uows: UnitOfWorkFactory, *, token: str, now: datetime, secret: str) -> None:
    with uows(write=True) as uow:
        uow.accounts.revoke_token(digest(token, secret=secret), now)
        uow.commit()


def sign_out(uows: UnitOfWorkFactory, *, token: str, secret: str) -> None:
    """End the web session behind `token`."""
    with uows(write=True) as uow:
        close_session(uow, token=token, secret=secret)
        uow.commit()


def save_preferences(
    uows: UnitOfWorkFactory, *, learner: Learner, time_zone: str, hide_minutes: bool, signup_open: bool | None = None
) -> None:
    """All of the settings form or none: a time zone (an IANA name such as Europe/Berlin, in which
    the learner's days are counted; blank: UTC), whether to hide reading times and, for an
    administrator (`signup_open` not None), whether visitors may sign up."""
    name = time_zone.strip()
    if name and name not in time_zone_names():
        raise InvalidInput(
            f"unknown time zone {name!r}{did_you_mean(name, time_zone_names())}; "
            "use a name such as Europe/Berlin or America/New_York"
        )
    with uows(write=True) as uow:
        uow.learners.set_time_zone(learner.id, name or None)
        uow.learners.set_hide_minutes(learner.id, hide_minutes)
        if signup_open is not None:
            set_signup_open(uow, admin=learner, is_open=signup_open)
        uow.commit()


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zones this machine knows (reading them takes a while, hence once)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())
