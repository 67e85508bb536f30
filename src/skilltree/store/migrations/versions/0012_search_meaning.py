"""Search in a learner's own words: each topic's questions (asks) indexed, and a vector per topic.

On SQLite the head table gains an `asks` column (FTS5 tables cannot be altered, so it is made
again); on PostgreSQL asks take the head's unused weight D. Either way the index is emptied, so
that the next content check indexes every topic afresh.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_HEAD = "CREATE VIRTUAL TABLE search_head USING fts5({columns}, tokenize = 'porter unicode61', prefix = '2 3')"


def _empty_index(head_columns: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_head")
        op.execute(_HEAD.format(columns=head_columns))
        op.execute("DELETE FROM search_body")
    else:
        op.execute("DELETE FROM search_body_words")
    op.execute("DELETE FROM search_topics")  # heads and bodies go with them on PostgreSQL (cascade)
    op.execute("DELETE FROM site_settings WHERE key = 'search_index_catalog'")


def upgrade() -> None:
    op.create_table(
        "search_vectors",
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("topic_id", name="pk_search_vectors"),
    )
    _empty_index("title, tags, summary, resources, asks")


def downgrade() -> None:
    op.drop_table("search_vectors")
    _empty_index("title, tags, summary, resources")
