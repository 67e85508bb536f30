"""Web sessions, API tokens, password-reset links, failed sign-ins and site settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, func, or_, select, text, update

from skilltree.accounts.models import ApiToken
from skilltree.progress.models import Learner
from skilltree.store.repositories import dialect_insert
from skilltree.store.rows import learner_from_row
from skilltree.store.site_settings import read_setting, write_setting
from skilltree.store.tables import api_tokens, learners, login_failures, reset_links, web_sessions


def _token(row) -> ApiToken:
    return ApiToken(row.id, row.name, row.created_at, row.last_used_at, row.expires_at)


# A one-key advisory lock that no other of ours uses: search_postgres.py has its own key, and the
# per-learner locks of repositories.py use two keys, a space that does not overlap this one.
_ACCOUNTS_LOCK = 0xACC0_0175
_SIGN_UP_REFUSAL = "SIGN-UP"  # the username a refused sign-up is counted under (see below)

# Every signed-in request runs one of these: built once, not at each request.
_SESSION = (
    select(learners, web_sessions.c.csrf_token)
    .join(web_sessions, web_sessions.c.learner_id == learners.c.id)
    .where(
        web_sessions.c.token_hash == bindparam("token_hash"),
        web_sessions.c.expires_at > bindparam("now"),
        learners.c.disabled_at.is_(None),
    )
)
_TOKEN = select(api_tokens).where(api_tokens.c.token_hash == bindparam("token_hash"), api_tokens.c.revoked_at.is_(None))


class AccountRepository:
    def __init__(self, connection: Connection):
        self.connection = connection

    def lock(self) -> None:
        """Serialise account writes until the transaction ends, so that a check and the write that
        follows it see the same data: who is the first account, whether a username is free, how
        many failed sign-ins there were. SQLite's write lock already does this; PostgreSQL's
        READ COMMITTED does not, so it takes an advisory lock."""
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ACCOUNTS_LOCK})

    def create_account(
        self, *, username: str, display_name: str, password_hash: str, is_admin: bool, now: datetime
    ) -> Learner | None:
        """A new learner with a password, or None when the username exists (then nothing changes)."""
        insert = dialect_insert(self.connection.dialect.name)
        created = self.connection.execute(
            insert(learners)
            .values(
                username=username,
                display_name=display_name,
                created_at=now,
                password_hash=password_hash,
                is_admin=is_admin,
                hide_minutes=False,
            )
            .on_conflict_do_nothing(index_elements=[learners.c.username])
            .returning(*learners.c)
        ).first()
        return learner_from_row(created) if created else None

    # Sessions
    def add_session(self, *, token_hash: str, learner_id: int, csrf_token: str, now: datetime, expires_at: datetime) -> None:
        self.connection.execute(
            web_sessions.insert().values(
                token_hash=token_hash, learner_id=learner_id, csrf_token=csrf_token, created_at=now, expires_at=expires_at
            )
        )

    def session(self, token_hash: str, now: datetime) -> tuple[Learner, str] | None:
        """(learner, CSRF token) of a live session, in one query since every page asks; or None."""
        row = self.connection.execute(_SESSION, {"token_hash": token_hash, "now": now}).first()
        return (learner_from_row(row), row.csrf_token) if row else None

    def delete_session(self, token_hash: str) -> None:
        self.connection.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def delete_sessions_of(self, learner_id: int, *, keep: str | None = None) -> None:
        """End the learner's sessions, but the one whose hash is `keep`."""
        query = delete(web_sessions).where(web_sessions.c.learner_id == learner_id)
        if keep is not None:
            query = query.where(web_sessions.c.token_hash != keep)
        self.connection.execute(query)

    def delete_expired_sessions(self, now: datetime) -> None:
        self.connection.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))

    # API tokens
    def add_token(
        self, *, token_hash: str, learner_id: int, now: datetime, name: str | None, expires_at: datetime
    ) -> ApiToken:
        created = self.connection.execute(
            api_tokens.insert()
            .values(token_hash=token_hash, learner_id=learner_id, created_at=now, name=name, expires_at=expires_at)
            .returning(*api_tokens.c)
        ).one()
        return _token(created)

    def token(self, token_hash: str) -> tuple[int, ApiToken] | None:
        """(learner id, token) of a token that was not revoked, expired or not; or None."""
        row = self.connection.execute(_TOKEN, {"token_hash": token_hash}).first()
        return (row.learner_id, _token(row)) if row else None

    def tokens_of(self, learner_id: int) -> list[ApiToken]:
        """The learner's tokens that were not revoked, newest first."""
        rows = self.connection.execute(
            select(api_tokens)
            .where(api_tokens.c.learner_id == learner_id, api_tokens.c.revoked_at.is_(None))
            .order_by(api_tokens.c.created_at.desc(), api_tokens.c.id.desc())
        )
        return [_token(row) for row in rows]

    def revoke_token_of(self, learner_id: int, token_id: int, now: datetime) -> bool:
        """Revoke one of the learner's tokens; False when they have no such live token."""
        result = self.connection.execute(
            update(api_tokens)
            .where(api_tokens.c.id == token_id, api_tokens.c.learner_id == learner_id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return result.rowcount == 1

    def note_token_use(self, token_hash: str, now: datetime, *, not_since: datetime) -> None:
        """Sets last_used_at unless it is already later than not_since: of requests racing on
        several workers, one writes and the others change nothing."""
        self.connection.execute(
            update(api_tokens)
            .where(
                api_tokens.c.token_hash == token_hash,
                or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at <= not_since),
            )
            .values(last_used_at=now)
        )

    def revoke_token(self, token_hash: str, now: datetime) -> None:
        self.connection.execute(
            update(api_tokens).where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None)).values(revoked_at=now)
        )

    def revoke_tokens_of(self, learner_id: int, now: datetime, *, keep: str | None = None) -> None:
        """Revoke the learner's tokens, but the one whose hash is `keep`."""
        query = update(api_tokens).where(api_tokens.c.learner_id == learner_id, api_tokens.c.revoked_at.is_(None))
        if keep is not None:
            query = query.where(api_tokens.c.token_hash != keep)
        self.connection.execute(query.values(revoked_at=now))

    # Password-reset links
    def add_reset_link(self, *, token_hash: str, learner_id: int, now: datetime, expires_at: datetime) -> None:
        self.connection.execute(
            reset_links.insert().values(token_hash=token_hash, learner_id=learner_id, created_at=now, expires_at=expires_at)
        )

    def reset_link_learner(self, token_hash: str, now: datetime) -> int | None:
        """The learner of a reset link that is unused and unexpired; else None."""
        return self.connection.execute(
            select(reset_links.c.learner_id).where(
                reset_links.c.token_hash == token_hash, reset_links.c.used_at.is_(None), reset_links.c.expires_at > now
            )
        ).scalar()

    def use_reset_link(self, token_hash: str, now: datetime) -> bool:
        """Mark the link used; False when it was used already (by a request that got there first)."""
        result = self.connection.execute(
            update(reset_links)
            .where(reset_links.c.token_hash == token_hash, reset_links.c.used_at.is_(None), reset_links.c.expires_at > now)
            .values(used_at=now)
        )
        return result.rowcount == 1

    # Sign-in and sign-up throttling. A refused sign-up is kept among the failed sign-ins under a
    # username no sign-in records (those are lower-cased), so one table and its indexes serve both.
    def add_login_failure(self, *, username: str, client: str, now: datetime) -> None:
        self.connection.execute(login_failures.insert().values(username=username, client=client, at=now))

    def login_failures_since(self, *, username: str | None = None, client: str | None = None, since: datetime) -> int:
        query = select(func.count()).select_from(login_failures).where(login_failures.c.at >= since)
        if username is not None:
            query = query.where(login_failures.c.username == username)
        else:
            query = query.where(login_failures.c.username != _SIGN_UP_REFUSAL)
        if client is not None:
            query = query.where(login_failures.c.client == client)
        return self.connection.execute(query).scalar_one()

    def add_sign_up_refusal(self, *, client: str, now: datetime) -> None:
        self.add_login_failure(username=_SIGN_UP_REFUSAL, client=client, now=now)

    def sign_up_refusals_since(self, *, client: str, since: datetime) -> int:
        return self.login_failures_since(username=_SIGN_UP_REFUSAL, client=client, since=since)

    def forget_login_failures(self, *, username: str, client: str) -> None:
        """A right password from an address clears that address's failures for the account; other
        addresses' stay, so that a stranger's guessing elsewhere stays counted."""
        self.connection.execute(
            delete(login_failures).where(login_failures.c.username == username, login_failures.c.client == client)
        )

    # Site settings
    def setting(self, key: str) -> str | None:
        return read_setting(self.connection, key)

    def set_setting(self, key: str, value: str) -> None:
        write_setting(self.connection, key, value)
