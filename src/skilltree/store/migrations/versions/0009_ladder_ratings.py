"""Ladder self-assessments: every rating of a responsibility, appended, with its evidence.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from skilltree.store.tables import EventId, UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# As they were when this migration was written; later scales change in migrations of their own.
RATINGS = "rating IN ('not_yet', 'growing', 'consistent')"
SOURCES = "source IN ('cli', 'web', 'api', 'import')"


def upgrade() -> None:
    op.create_table(
        "ladder_ratings",
        sa.Column("id", EventId, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("rater_id", sa.Integer, nullable=False),
        sa.Column("ladder_id", sa.String(100), nullable=False),
        sa.Column("responsibility_id", sa.String(100), nullable=False),
        sa.Column("rating", sa.String(16), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ladder_ratings"),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_ladder_ratings_learner_id_learners"
        ),
        sa.ForeignKeyConstraint(["rater_id"], ["learners.id"], ondelete="CASCADE", name="fk_ladder_ratings_rater_id_learners"),
        sa.CheckConstraint(RATINGS, name="ck_ladder_ratings_rating"),
        sa.CheckConstraint(SOURCES, name="ck_ladder_ratings_source"),
    )
    op.create_index("ix_ladder_ratings_learner_ladder", "ladder_ratings", ["learner_id", "ladder_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_ladder_ratings_learner_ladder", table_name="ladder_ratings")
    op.drop_table("ladder_ratings")
