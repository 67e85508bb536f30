"""Notes with their revisions, named and expiring API tokens, disabled learners, password-reset
links, the administrators' audit log, and an index for throttling per (account, address).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from skilltree.store.tables import EventId, UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("learners") as batch:
        batch.add_column(sa.Column("disabled_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("name", sa.String(100), nullable=True))
        batch.add_column(sa.Column("expires_at", UTCDateTime(), nullable=True))
    op.create_table(
        "note_revisions",
        sa.Column("id", EventId, nullable=False, autoincrement=True),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("links", sa.Text, nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_note_revisions"),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_note_revisions_learner_id_learners"),
    )
    op.create_index("ix_note_revisions_learner_topic", "note_revisions", ["learner_id", "topic_id", "saved_at"])
    op.create_table(
        "reset_links",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_reset_links"),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_reset_links_learner_id_learners"),
    )
    op.create_index("ix_reset_links_learner_id", "reset_links", ["learner_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", EventId, nullable=False, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_login_failures_username_client_at", "login_failures", ["username", "client", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_username_client_at", table_name="login_failures")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_reset_links_learner_id", table_name="reset_links")
    op.drop_table("reset_links")
    op.drop_index("ix_note_revisions_learner_topic", table_name="note_revisions")
    op.drop_table("note_revisions")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
        batch.drop_column("name")
    with op.batch_alter_table("learners") as batch:
        batch.drop_column("disabled_at")
