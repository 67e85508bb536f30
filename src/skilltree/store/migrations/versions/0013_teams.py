"""Teams, their members with roles, invite links (kept as keyed hashes), failed invite accepts, the
paths assigned to a team or to some of its members, and the team a mentor's ladder rating was given in.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from skilltree.store.tables import EventId, UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("stuck_days", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("shares_ratings", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("team_id", "learner_id", name="pk_team_members"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE", name="fk_team_members_team_id_teams"),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_team_members_learner_id_learners"),
        sa.CheckConstraint("role IN ('owner', 'mentor', 'member')", name="ck_team_members_role"),
    )
    op.create_index("ix_team_members_learner_id", "team_members", ["learner_id"])
    op.create_table(
        "team_invites",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("uses_left", sa.Integer, nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_team_invites"),
        sa.UniqueConstraint("code_hash", name="uq_team_invites_code_hash"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE", name="fk_team_invites_team_id_teams"),
    )
    op.create_index("ix_team_invites_team_id", "team_invites", ["team_id"])
    op.create_table(
        "team_assignments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("path_id", sa.String(100), nullable=False),
        sa.Column("assigned_by", sa.Integer, nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_team_assignments"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE", name="fk_team_assignments_team_id_teams"),
        sa.ForeignKeyConstraint(["assigned_by"], ["learners.id"], ondelete="SET NULL", name="fk_team_assignments_assigned_by_learners"),
    )
    op.create_index("ix_team_assignments_team_id", "team_assignments", ["team_id"])
    op.create_table(
        "assignment_members",
        sa.Column("assignment_id", sa.Integer, nullable=False),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("assignment_id", "learner_id", name="pk_assignment_members"),
        sa.ForeignKeyConstraint(["assignment_id"], ["team_assignments.id"], ondelete="CASCADE",
                                name="fk_assignment_members_assignment_id_team_assignments"),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_assignment_members_learner_id_learners"),
    )
    op.create_index("ix_assignment_members_learner_id", "assignment_members", ["learner_id"])
    op.create_table(
        "invite_failures",
        sa.Column("id", EventId, nullable=False, autoincrement=True),
        sa.Column("learner_id", sa.Integer, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invite_failures"),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE", name="fk_invite_failures_learner_id_learners"),
    )
    op.create_index("ix_invite_failures_learner_at", "invite_failures", ["learner_id", "at"])
    # A mentor's rating belongs to the member for good: no foreign key, so deleting the team keeps it
    # (store/teams.delete detaches it: team_id NULL) and the team's name as it was stays beside it.
    op.add_column("ladder_ratings", sa.Column("team_id", sa.Integer, nullable=True))
    op.add_column("ladder_ratings", sa.Column("team_name", sa.String(100), nullable=True))
    op.create_index("ix_ladder_ratings_team_id", "ladder_ratings", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_ladder_ratings_team_id", table_name="ladder_ratings")
    with op.batch_alter_table("ladder_ratings") as batch:
        batch.drop_column("team_name")
        batch.drop_column("team_id")
    op.drop_index("ix_invite_failures_learner_at", table_name="invite_failures")
    op.drop_table("invite_failures")
    op.drop_index("ix_assignment_members_learner_id", table_name="assignment_members")
    op.drop_table("assignment_members")
    op.drop_index("ix_team_assignments_team_id", table_name="team_assignments")
    op.drop_table("team_assignments")
    op.drop_index("ix_team_invites_team_id", table_name="team_invites")
    op.drop_table("team_invites")
    op.drop_index("ix_team_members_learner_id", table_name="team_members")
    op.drop_table("team_members")
    op.drop_table("teams")
