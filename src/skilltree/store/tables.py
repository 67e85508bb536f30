"""The database schema. Migrations in migrations/versions/ create and evolve it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from skilltree.progress.models import SOURCE_NAMES, STATUS_NAMES


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on both engines (SQLite would otherwise hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


# Named constraints, so that batch migrations on SQLite can find and alter them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
EventId = BigInteger().with_variant(Integer(), "sqlite")

learners = Table(
    "learners",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(128), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("password_hash", String(256), nullable=True),
    Column("is_admin", Boolean, nullable=False, default=False),
    # A learner may find time estimates stressful and hide them everywhere.
    Column("hide_minutes", Boolean, nullable=False, default=False),
    # An IANA name such as Europe/Berlin; none: UTC. The web counts the learner's days in it.
    Column("time_zone", String(64), nullable=True),
)

STATUSES = STATUS_NAMES
SOURCES = SOURCE_NAMES

# The history: appended to, never updated or deleted.
progress_events = Table(
    "progress_events",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", String(100), nullable=False),
    Column("status", String(16), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("source", String(8), nullable=False),
    CheckConstraint(f"status IN {STATUSES}", name="status"),
    CheckConstraint(f"source IN {SOURCES}", name="source"),
    Index("ix_progress_events_learner_at", "learner_id", "at"),
    Index("ix_progress_events_learner_topic", "learner_id", "topic_id"),
)

# The current status of each (learner, topic), derived from the latest event in the same transaction.
topic_status = Table(
    "topic_status",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", String(100), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
    Column("first_at", UTCDateTime(), nullable=False),
    Column("event_id", EventId, nullable=False),
    CheckConstraint(f"status IN {STATUSES}", name="status"),
)


# Web sign-in sessions; the cookie holds a random token, the table only its keyed hash (an HMAC-SHA-256
# with the site's secret key: services/accounts.digest).
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
)

# Bearer tokens for the JSON API, stored as the same keyed hash; revoking sets revoked_at, and
# last_used_at follows use to the minute (services/accounts.TOKEN_USE_PRECISION).
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_used_at", UTCDateTime(), nullable=True),
    Column("revoked_at", UTCDateTime(), nullable=True),
)

# Failed sign-ins, for throttling per account and per client address.
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_login_failures_username_at", "username", "at"),
    Index("ix_login_failures_client_at", "client", "at"),
)

# Site-wide switches an admin can flip, such as whether anyone may sign up.
site_settings = Table(
    "site_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)


# What search shows of each topic, kept in step with the catalog by services.search.index_catalog.
# The words themselves are indexed beside it, keyed by `id`, in an engine-specific structure that
# SQLAlchemy does not model: FTS5 tables on SQLite, tsvector columns on PostgreSQL (store/search_*.py).
search_topics = Table(
    "search_topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("topic_id", String(100), nullable=False, unique=True),
    # search.documents.fingerprint(): a topic whose hash is unchanged is not indexed again.
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("minutes", Integer, nullable=False),
    # Ids of the paths that contain the topic, space-separated, in catalog order.
    Column("path_ids", Text, nullable=False),
)

# Each topic's vector for semantic search (search.embedding), computed when the topic is indexed.
search_vectors = Table(
    "search_vectors",
    metadata,
    Column("topic_id", String(100), primary_key=True),
    # The topic's fingerprint and the model the vector came from: when either changes, it is computed again.
    Column("content_hash", String(64), nullable=False),
    Column("model", String(100), nullable=False),
    # float32 values, little-endian.
    Column("vector", LargeBinary, nullable=False),
)
