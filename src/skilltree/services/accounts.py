"""Accounts: sign-up, passwords, sign-in throttling, web sessions, API tokens, preferences.

A learner's own changes to their account are in services/my_account.py; administrators' in
services/administration.py."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TypeVar

from skilltree.accounts.models import ApiToken
from skilltree.accounts.names import name_problem
from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import InvalidInput, NotFound, SkilltreeError
from skilltree.progress.models import Learner
from skilltree.services.learners import normalise_username
from skilltree.services.review import StudySettings, save_study_settings
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024
DISPLAY_NAME_MAX_LENGTH = 128  # the column's size
SESSION_LIFETIME = timedelta(days=30)
# api_tokens.last_used_at says which tokens are still in use; it is written at most this often per
# token, so that the API's reads do not each become a write.
TOKEN_USE_PRECISION = timedelta(minutes=1)
THROTTLE_WINDOW = timedelta(minutes=15)
# Failures within THROTTLE_WINDOW. The short lock counts one address's guesses at one account, so
# that a stranger guessing from elsewhere cannot lock the owner out; the much higher ceiling per
# account across addresses still stops guessing spread over many addresses.
FAILURES_PER_ACCOUNT_AND_CLIENT = 5
FAILURES_PER_ACCOUNT = 100
FAILURES_PER_CLIENT = 20
# Refused sign-ups from one address within THROTTLE_WINDOW: each answer says whether a username is
# taken, so unthrottled they would list the accounts of this Skilltree.
SIGN_UP_REFUSALS_PER_CLIENT = 20
_THROTTLE_SECONDS = int(THROTTLE_WINDOW.total_seconds())  # what Retry-After says
TOKEN_LIFETIME_DAYS = 90
TOKEN_MAX_LIFETIME_DAYS = 365
TOKEN_NAME_MAX_LENGTH = 100  # the column's size
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


class AccountDisabled(Forbidden):
    pass


DISABLED_MESSAGE = "this account is disabled; ask an administrator of this Skilltree"


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


def password_matches(password_hash: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def checked_display_name(text: str) -> str:
    name = text.strip()
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise InvalidInput(f"the display name is too long: use at most {DISPLAY_NAME_MAX_LENGTH} characters")
    if problem := name_problem(name):
        raise InvalidInput(f"display_name: {problem}")
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


def sign_up(
    uows: UnitOfWorkFactory, *, username: str, password: str, display_name: str, client: str, now: datetime, grant: Grant[T]
) -> T:
    """A new account and what `grant` gives it; the first account becomes the administrator.
    Throttled after too many refused sign-ups from the client's address."""
    with uows() as uow:
        _refuse_if_sign_ups_throttled(uow, client=client, now=now)
    try:
        return _create_account(uows, username=username, password=password, display_name=display_name, now=now, grant=grant)
    except (InvalidInput, Conflict):
        with uows(write=True) as uow:
            uow.accounts.lock()
            # Again, under the lock: attempts sent at the same time all passed the first check.
            _refuse_if_sign_ups_throttled(uow, client=client, now=now)
            uow.accounts.add_sign_up_refusal(client=client, now=now)
            uow.commit()
        raise


def _create_account(uows: UnitOfWorkFactory, *, username: str, password: str, display_name: str, now: datetime, grant: Grant[T]) -> T:
    username = normalise_username(username)
    display_name = checked_display_name(display_name) or username
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


def _refuse_if_sign_ups_throttled(uow: UnitOfWork, *, client: str, now: datetime) -> None:
    if uow.accounts.sign_up_refusals_since(client=client, since=now - THROTTLE_WINDOW) >= SIGN_UP_REFUSALS_PER_CLIENT:
        raise Throttled("too many refused sign-ups from your address; try again in 15 minutes", _THROTTLE_SECONDS)


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
    matches = password_matches(checked_hash, password)
    with uows(write=True) as uow:
        uow.accounts.lock()
        # Again, under the lock: guesses sent at the same time all passed the first check.
        _refuse_if_throttled(uow, username=name, client=client, now=now)
        # A password set in the meantime makes the checked one stale.
        if not matches or uow.learners.password_hash(name) != checked_hash:
            uow.accounts.add_login_failure(username=name, client=client, now=now)
            uow.commit()
            raise AuthenticationFailed("wrong username or password")
        learner = uow.learners.get(name)
        if learner.disabled:
            raise AccountDisabled(DISABLED_MESSAGE)
        uow.accounts.forget_login_failures(username=name, client=client)
        granted = grant(uow, learner=learner)
        uow.commit()
    return granted


def _refuse_if_throttled(uow: UnitOfWork, *, username: str, client: str, now: datetime) -> None:
    since = now - THROTTLE_WINDOW
    retry_after = _THROTTLE_SECONDS
    failures = uow.accounts.login_failures_since
    if failures(username=username, client=client, since=since) >= FAILURES_PER_ACCOUNT_AND_CLIENT:
        raise Throttled("too many failed sign-ins for this account from your address; try again in 15 minutes", retry_after)
    if failures(username=username, since=since) >= FAILURES_PER_ACCOUNT:
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


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: its secret, shown this once, and what the learner's list shows of it."""

    secret: str
    token: ApiToken


def issue_token(
    uow: UnitOfWork,
    *,
    learner: Learner,
    now: datetime,
    secret: str,
    name: str | None = None,
    expires_in_days: int = TOKEN_LIFETIME_DAYS,
) -> IssuedToken:
    name = (name or "").strip() or None
    if name is not None and len(name) > TOKEN_NAME_MAX_LENGTH:
        raise InvalidInput(f"the token name is too long: use at most {TOKEN_NAME_MAX_LENGTH} characters")
    if name is not None and (problem := name_problem(name)):
        raise InvalidInput(f"name: {problem}")
    if not 1 <= expires_in_days <= TOKEN_MAX_LIFETIME_DAYS:
        raise InvalidInput(f"expires_in_days must be between 1 and {TOKEN_MAX_LIFETIME_DAYS}, not {expires_in_days}")
    token = secrets.token_urlsafe(32)
    stored = uow.accounts.add_token(
        token_hash=digest(token, secret=secret), learner_id=learner.id, now=now, name=name,
        expires_at=now + timedelta(days=expires_in_days),
    )
    return IssuedToken(token, stored)


def create_token(
    uows: UnitOfWorkFactory, *, learner: Learner, now: datetime, secret: str, name: str | None, expires_in_days: int
) -> IssuedToken:
    """A new token for a signed-in learner (the settings page); the API's POST /tokens signs in instead."""
    with uows(write=True) as uow:
        issued = issue_token(uow, learner=learner, now=now, secret=secret, name=name, expires_in_days=expires_in_days)
        uow.commit()
    return issued


def token_learner(uows: UnitOfWorkFactory, *, token: str, secret: str, now: datetime) -> Learner:
    """The learner of a live API token, or AuthenticationFailed saying why it does not work (unknown
    or revoked, expired, a disabled account); notes the use (see TOKEN_USE_PRECISION)."""
    token_hash = digest(token, secret=secret)
    with uows() as uow:
        found = uow.accounts.token(token_hash)
        learner = uow.learners.get_by_id(found[0]) if found else None
    if found is None or learner is None:
        raise AuthenticationFailed("the API token is invalid or has been revoked")
    stored = found[1]
    if stored.expired(now):
        raise AuthenticationFailed(
            f"the API token expired on {stored.expires_at:%Y-%m-%d %H:%M} UTC; ask for a new one with POST /api/v1/tokens"
        )
    if learner.disabled:
        raise AuthenticationFailed(DISABLED_MESSAGE)
    stale = now - TOKEN_USE_PRECISION
    if stored.last_used_at is None or stored.last_used_at <= stale:
        with uows(write=True) as uow:
            uow.accounts.note_token_use(token_hash, now, not_since=stale)
            uow.commit()
    return learner


def tokens_of(uow: UnitOfWork, *, learner: Learner) -> list[ApiToken]:
    return uow.accounts.tokens_of(learner.id)


def revoke_token_of(uows: UnitOfWorkFactory, *, learner: Learner, token_id: int, now: datetime) -> None:
    """Revoke one of the learner's own tokens; another learner's is as unknown as a missing one."""
    with uows(write=True) as uow:
        if not uow.accounts.revoke_token_of(learner.id, token_id, now):
            raise NotFound(f"you have no API token {token_id}")
        uow.commit()


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
    uows: UnitOfWorkFactory,
    *,
    learner: Learner,
    time_zone: str,
    hide_minutes: bool,
    signup_open: bool | None = None,
    study: StudySettings | None = None,
) -> None:
    """All of the settings form or none: a time zone (an IANA name such as Europe/Berlin, in which
    the learner's days are counted; blank: UTC), whether to hide reading times, the review
    settings (`study`, checked with review.check_study_settings) and, for an administrator
    (`signup_open` not None), whether visitors may sign up."""
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
        if study is not None:
            save_study_settings(uow, learner=learner, settings=study)
        uow.commit()


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zones this machine knows (reading them takes a while, hence once)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())
