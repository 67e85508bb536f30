"""The daily loop: review cards and their records, study settings, study plans and their sessions.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from skilltree.store.tables import EventId, UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration must keep creating what it created the day it was written.
CARD_STATES = ("new", "learning", "review", "relearning")
RATINGS = ("again", "hard", "good", "easy")


def upgrade() -> None:
    learner = lambda: sa.ForeignKey("learners.id", ondelete="CASCADE")  # noqa: E731
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, learner(), nullable=False),
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("due", UTCDateTime(), nullable=False),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("last_review", UTCDateTime(), nullable=True),
        sa.CheckConstraint(f"state IN {CARD_STATES}", name="ck_review_cards_state"),
        sa.UniqueConstraint("learner_id", "topic_id", "question_id", name="uq_review_cards_question"),
    )
    op.create_index(
        "ix_review_cards_queue", "review_cards", ["learner_id", "suspended", "state", "due", "stability", "last_review"]
    )
    op.create_index("ix_review_cards_learner_state", "review_cards", ["learner_id", "state", "id"])
    op.create_index("ix_review_cards_learner_id", "review_cards", ["learner_id", "id"])
    op.create_table(
        "review_records",
        sa.Column("id", EventId, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, learner(), nullable=False),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("review_cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rating", sa.String(8), nullable=False),
        sa.Column("reviewed_at", UTCDateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("retention", sa.Float, nullable=False),
        sa.Column("state_before", sa.String(16), nullable=False),
        sa.Column("memory_before", sa.Text, nullable=False),
        sa.Column("memory_after", sa.Text, nullable=False),
        sa.CheckConstraint(f"rating IN {RATINGS}", name="ck_review_records_rating"),
        sa.CheckConstraint(f"state_before IN {CARD_STATES}", name="ck_review_records_state_before"),
    )
    op.create_index("ix_review_records_card_id", "review_records", ["card_id"])
    op.create_index("ix_review_records_learner_at", "review_records", ["learner_id", "reviewed_at", "state_before", "rating"])
    op.create_table(
        "study_settings",
        sa.Column("learner_id", sa.Integer, learner(), primary_key=True),
        sa.Column("desired_retention", sa.Float, nullable=False),
        sa.Column("new_cards_per_day", sa.Integer, nullable=False),
        sa.Column("calendar_nonce", sa.String(64), nullable=True),
        sa.Column("calendar_key", sa.String(64), nullable=True),
        sa.UniqueConstraint("calendar_key", name="uq_study_settings_calendar_key"),
    )
    op.create_table(
        "study_plans",
        sa.Column("learner_id", sa.Integer, learner(), primary_key=True),
        sa.Column("path_id", sa.String(100), primary_key=True),
        sa.Column("minutes_per_week", sa.Integer, nullable=False),
        sa.Column("weekdays", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("target_date", sa.Date, nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "plan_sessions",
        sa.Column("learner_id", sa.Integer, learner(), primary_key=True),
        sa.Column("path_id", sa.String(100), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("topic_ids", sa.Text, nullable=False),
        sa.Column("topic_minutes", sa.Integer, nullable=False),
        sa.Column("review_minutes", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("plan_sessions", "study_plans", "study_settings", "review_records", "review_cards"):
        op.drop_table(table)
