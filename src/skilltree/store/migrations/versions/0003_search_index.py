"""Full-text search: what search shows of each topic, and an engine-specific word index beside it.

Each topic is indexed in two parts: its head (title, tags, summary, resource titles) and its body.
Ranking reads the heads, which are small, and only the best candidates' bodies, so the cost of a
query stays bounded even when a common word appears in every article.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_topics",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("topic_id", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("path_ids", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_topics"),
        sa.UniqueConstraint("topic_id", name="uq_search_topics_topic_id"),
    )
    if op.get_bind().dialect.name == "sqlite":
        # rowid = search_topics.id. Porter stems English ("queries" finds "query"); the prefix
        # indexes make the search-as-you-type term ("quer*") as cheap as a whole word.
        op.execute(
            "CREATE VIRTUAL TABLE search_head USING fts5("
            "title, tags, summary, resources, tokenize = 'porter unicode61', prefix = '2 3')"
        )
        op.execute("CREATE VIRTUAL TABLE search_body USING fts5(body, tokenize = 'porter unicode61', prefix = '2 3')")
    else:
        from sqlalchemy.dialects.postgresql import TSVECTOR

        op.create_table(
            "search_vectors",
            sa.Column("id", sa.Integer, nullable=False),
            # Title weight A, tags and summary B, resource titles C.
            sa.Column("head", TSVECTOR, nullable=False),
            # Weight D.
            sa.Column("body", TSVECTOR, nullable=False),
            # The text that ts_headline() cuts snippets from.
            sa.Column("summary_text", sa.Text, nullable=False),
            sa.Column("body_text", sa.Text, nullable=False),
            sa.PrimaryKeyConstraint("id", name="pk_search_vectors"),
            sa.ForeignKeyConstraint(
                ["id"], ["search_topics.id"], ondelete="CASCADE", name="fk_search_vectors_id_search_topics"
            ),
        )
        op.create_index("ix_search_vectors_head", "search_vectors", ["head"], postgresql_using="gin")
        op.create_index("ix_search_vectors_body", "search_vectors", ["body"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_body")
        op.execute("DROP TABLE search_head")
    else:
        op.drop_table("search_vectors")
    op.drop_table("search_topics")
