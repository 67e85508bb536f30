"""A learner's public profile: off by default, and the paths it shows.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("learners") as batch:
        batch.add_column(sa.Column("public_profile", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("public_paths", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("learners") as batch:
        batch.drop_column("public_paths")
        batch.drop_column("public_profile")
