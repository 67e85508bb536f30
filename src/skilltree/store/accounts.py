"""Web sessions, API tokens, failed sign-ins and site settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, or_, select, text, update

from skilltree.progress.models import Learner
from skilltree.store.repositories import dialect_insert, learner_from_row
from skilltree.store.site_settings import read_setting, write_setting
from skilltree.store.tables import api_tokens, learners, login_failures, web_sessions

# A one-key advisory lock that no other of ours uses: search_postgres.py has its own key, and the
# per-learner locks of repositories.py use two keys, a space that does not overlap this one.
_ACCOUNTS_LOCK = 0xACC0_0175


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
        row = self.connection.execute(
            select(learners, web_sessions.c.csrf_token)
            .join(web_sessions, web_sessions.c.learner_id == learners.c.id)
            .where(web_sessions.c.token_hash == token_hash, web_sessions.c.expires_at > now)
        ).first()
        return (learner_from_row(row), row.csrf_token) if row else None

    def delete_session(self, token_hash: str) -> None:
        self.connection.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def delete_sessions_of(self, learner_id: int) -> None:
        self.connection.execute(delete(web_sessions).where(web_sessions.c.learner_id == learner_id))

    def delete_expired_sessions(self, now: datetime) -> None:
        self.connection.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))

    # API tokens
    def add_token(self, *, token_hash: str, learner_id: int, now: datetime) -> None:
        self.connection.execute(api_tokens.insert().values(token_hash=token_hash, learner_id=learner_id, created_at=now))

    def token_use(self, token_hash: str) -> tuple[int, datetime | None] | None:
        """(learner id, last used) of a live token, or None."""
        row = self.connection.execute(
            select(api_tokens.c.learner_id, api_tokens.c.last_used_at)
            .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
        ).first()
        return (row.learner_id, row.last_used_at) if row else None

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

    def revoke_tokens_of(self, learner_id: int, now: datetime) -> None:
        self.connection.execute(
            update(api_tokens).where(api_tokens.c.learner_id == learner_id, api_tokens.c.revoked_at.is_(None)).values(revoked_at=now)
        )

    # Sign-in throttling
    def add_login_failure(self, *, username: str, client: str, now: datetime) -> None:
        self.connection.execute(login_failures.insert().values(username=username, client=client, at=now))

    def login_failures_since(self, *, username: str | None = None, client: str | None = None, since: datetime) -> int:
        query = select(func.count()).select_from(login_failures).where(login_failures.c.at >= since)
        if username is not None:
            query = query.where(login_failures.c.username == username)
        if client is not None:
            query = query.where(login_failures.c.client == client)
        return self.connection.execute(query).scalar_one()

    def forget_login_failures(self, *, username: str) -> None:
        self.connection.execute(delete(login_failures).where(login_failures.c.username == username))

    # Site settings
    def setting(self, key: str) -> str | None:
        return read_setting(self.connection, key)

    def set_setting(self, key: str, value: str) -> None:
        write_setting(self.connection, key, value)
