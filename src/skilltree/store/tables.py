"""The database schema. Migrations in migrations/versions/ create and evolve it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    JSON,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)

from skilltree.ladder.ratings import RATING_NAMES
from skilltree.progress.models import SOURCE_NAMES, STATUS_NAMES
from skilltree.teams.model import ROLE_NAMES, STUCK_DAYS_DEFAULT
from skilltree.review.cards import CARD_STATE_NAMES
from skilltree.review.cards import RATING_NAMES as GRADE_NAMES


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
    # Off until the learner turns it on: then /u/<username> shows the paths listed here (ids, in order).
    Column("public_profile", Boolean, nullable=False, default=False, server_default=false()),
    Column("public_paths", JSON, nullable=False, default=list, server_default="[]"),
    # Set by an administrator: the learner cannot sign in, and their sessions and tokens stop working.
    Column("disabled_at", UTCDateTime(), nullable=True),
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

# The ratings of ladder responsibilities: appended to, never updated or deleted, so an assessment's
# history is never lost; the latest record per (learner, rater, ladder, responsibility) is current.
# `rater_id` is who gave the rating: the learner themself for a self-assessment, so that a mentor's
# ratings on the same scale can sit in this table beside them. Ids stay as recorded when the
# responsibility leaves the ladder (it is shown as retired).
ladder_ratings = Table(
    "ladder_ratings",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("rater_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("ladder_id", String(100), nullable=False),
    Column("responsibility_id", String(100), nullable=False),
    Column("rating", String(16), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("source", String(8), nullable=False),
    # A mentor's rating (rater not the learner): the team it was given in, so that only that team's
    # mentors see it, and the team's name then, kept once the team is deleted (team_id NULL). No
    # foreign key: the rating is the member's for good. Both NULL on a self-rating.
    Column("team_id", Integer, nullable=True),
    Column("team_name", String(100), nullable=True),
    CheckConstraint(f"rating IN {RATING_NAMES}", name="rating"),
    CheckConstraint(f"source IN {SOURCES}", name="source"),
    Index("ix_ladder_ratings_learner_ladder", "learner_id", "ladder_id", "at"),
    Index("ix_ladder_ratings_team_id", "team_id"),
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
    # What the learner called it, to tell their tokens apart; tokens from before 0007 have none.
    Column("name", String(100), nullable=True),
    # Tokens from before 0007 never expire; new ones always do.
    Column("expires_at", UTCDateTime(), nullable=True),
)

# A learner's notes on topics: every save appends a revision, the latest one is the note. An empty
# body without links is a deleted note (its history stays, and is exported).
note_revisions = Table(
    "note_revisions",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", String(100), nullable=False),
    Column("body", Text, nullable=False),
    # The learner's own links, as a JSON list of {"title", "url"}.
    Column("links", Text, nullable=False),
    Column("saved_at", UTCDateTime(), nullable=False),
    Index("ix_note_revisions_learner_topic", "learner_id", "topic_id", "saved_at"),
)

# One-time password-reset links an administrator hands to a learner; only a keyed hash is kept.
reset_links = Table(
    "reset_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime(), nullable=True),
)

# What administrators did, appended to and never changed. Usernames, not ids: the record of an
# action outlives the accounts it names.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_audit_log_at", "at"),
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
    Index("ix_login_failures_username_client_at", "username", "client", "at"),
)

# Site-wide switches an admin can flip, such as whether anyone may sign up.
site_settings = Table(
    "site_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)


# Teams of learners. Deleting a team deletes its memberships and invites, never anyone's progress.
teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("stuck_days", Integer, nullable=False, default=STUCK_DAYS_DEFAULT),
)

team_members = Table(
    "team_members",
    metadata,
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(8), nullable=False),
    Column("joined_at", UTCDateTime(), nullable=False),
    # The member's choice: whether the team's mentors see their ladder self-ratings and evidence.
    Column("shares_ratings", Boolean, nullable=False, default=False, server_default=false()),
    CheckConstraint(f"role IN {ROLE_NAMES}", name="role"),
    Index("ix_team_members_learner_id", "learner_id"),
)

# Invite links: the code is shown once; the table keeps its keyed hash (services/accounts.digest).
team_invites = Table(
    "team_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("uses_left", Integer, nullable=False),
    Column("revoked_at", UTCDateTime(), nullable=True),
    Index("ix_team_invites_team_id", "team_id"),
)

# Paths a team's owners and mentors assign: to the whole team (no rows in assignment_members, so
# whoever joins later has it too) or to the members listed there.
team_assignments = Table(
    "team_assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("path_id", String(100), nullable=False),
    Column("assigned_by", Integer, ForeignKey("learners.id", ondelete="SET NULL"), nullable=True),
    Column("due", Date, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_team_assignments_team_id", "team_id"),
)

assignment_members = Table(
    "assignment_members",
    metadata,
    Column("assignment_id", Integer, ForeignKey("team_assignments.id", ondelete="CASCADE"), primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_assignment_members_learner_id", "learner_id"),
)

# Accepts of unknown, expired or used-up invite codes, for throttling guessers per learner.
invite_failures = Table(
    "invite_failures",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_invite_failures_learner_at", "learner_id", "at"),
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


# A learner's review card for one question of one topic. The scheduling state is kept here for
# speed; review_records holds every grade, from which it can be derived again.
review_cards = Table(
    "review_cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("topic_id", String(100), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    # A skipped or reset topic's cards wait, with their history, until it is done again.
    Column("suspended", Boolean, nullable=False, default=False),
    Column("state", String(16), nullable=False),
    Column("due", UTCDateTime(), nullable=False),
    Column("step", Integer, nullable=True),
    Column("stability", Float, nullable=True),
    Column("difficulty", Float, nullable=True),
    Column("last_review", UTCDateTime(), nullable=True),
    CheckConstraint(f"state IN {CARD_STATE_NAMES}", name="state"),
    UniqueConstraint("learner_id", "topic_id", "question_id", name="uq_review_cards_question"),
    # The due queue counts and orders a learner's active cards by state and moment due from this
    # index alone, reading only the rows it shows; the forecast counts each day as a range of it.
    Index("ix_review_cards_queue", "learner_id", "suspended", "state", "due", "stability", "last_review"),
    # New cards are met oldest first.
    Index("ix_review_cards_learner_state", "learner_id", "state", "id"),
    # The cards a learner made since the last look (services.retired_cards).
    Index("ix_review_cards_learner_id", "learner_id", "id"),
)

# Every grade: appended, never updated or deleted.
review_records = Table(
    "review_records",
    metadata,
    Column("id", EventId, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("card_id", Integer, ForeignKey("review_cards.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("rating", String(8), nullable=False),
    Column("reviewed_at", UTCDateTime(), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    # The desired retention the grade was scheduled with: replay needs it.
    Column("retention", Float, nullable=False),
    # The card's state before and after, as review.cards.Memory.as_dict() in JSON; the state's
    # name apart, because statistics count by it.
    Column("state_before", String(16), nullable=False),
    Column("memory_before", Text, nullable=False),
    Column("memory_after", Text, nullable=False),
    CheckConstraint(f"rating IN {GRADE_NAMES}", name="rating"),
    CheckConstraint(f"state_before IN {CARD_STATE_NAMES}", name="state_before"),
    # The daily limit (today's grades of new cards) and the memory figures read a learner's recent
    # grades from this index alone.
    Index("ix_review_records_learner_at", "learner_id", "reviewed_at", "state_before", "rating"),
)

# A learner's review and calendar settings; no row: the defaults.
study_settings = Table(
    "study_settings",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("desired_retention", Float, nullable=False),
    Column("new_cards_per_day", Integer, nullable=False),
    # The calendar feed's address is a keyed hash of this random value: the database alone does
    # not give it away, and a new value (regenerate) retires the old address.
    Column("calendar_nonce", String(64), nullable=True),
    # SHA-256 of the address's secret, to find the learner from a feed request.
    Column("calendar_key", String(64), nullable=True, unique=True),
)

# A learner's plan for a path: how much time, on which weekdays, from when, and by when.
study_plans = Table(
    "study_plans",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("path_id", String(100), primary_key=True),
    Column("minutes_per_week", Integer, nullable=False),
    Column("weekdays", String(32), nullable=False),  # "mon,wed,fri"
    Column("start_date", Date, nullable=False),
    Column("target_date", Date, nullable=True),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# The sessions a plan laid out. Planning again replaces the sessions from today on and keeps the
# past ones: they are what the learner was asked to do, against which on-track is measured.
plan_sessions = Table(
    "plan_sessions",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("path_id", String(100), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("topic_ids", Text, nullable=False),  # space-separated, in order
    Column("topic_minutes", Integer, nullable=False),
    Column("review_minutes", Integer, nullable=False),
)
