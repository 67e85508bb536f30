"""Learners, the progress event log and the derived current status.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from skilltree.store.tables import EventId, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATUSES = "status IN ('not_started', 'learning', 'done', 'skipped')"


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=True),
        sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_learners"),
        sa.UniqueConstraint("username", name="uq_learners_username"),
    )
    op.create_table(
        "progress_events",
        sa.Column("id", EventId, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_progress_events"),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_progress_events_learner_id_learners"
        ),
        sa.CheckConstraint(STATUSES, name="ck_progress_events_status"),
        sa.CheckConstraint("source IN ('cli', 'web', 'api', 'import')", name="ck_progress_events_source"),
    )
    op.create_index("ix_progress_events_learner_at", "progress_events", ["learner_id", "at"])
    op.create_index("ix_progress_events_learner_topic", "progress_events", ["learner_id", "topic_id"])
    op.create_table(
        "topic_status",
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("first_at", UTCDateTime(), nullable=False),
        sa.Column("event_id", EventId, nullable=False),
        sa.PrimaryKeyConstraint("learner_id", "topic_id", name="pk_topic_status"),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_topic_status_learner_id_learners"
        ),
        sa.CheckConstraint(STATUSES, name="ck_topic_status_status"),
    )


def downgrade() -> None:
    op.drop_table("topic_status")
    op.drop_index("ix_progress_events_learner_topic", table_name="progress_events")
    op.drop_index("ix_progress_events_learner_at", table_name="progress_events")
    op.drop_table("progress_events")
    op.drop_table("learners")
