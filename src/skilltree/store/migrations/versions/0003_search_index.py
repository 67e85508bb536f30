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

        # Heads and bodies in tables of their own: ranking reads every matching head, and narrow
        # rows keep that to a few pages instead of one page per article.
        for table, text_column in (("search_heads", "summary"), ("search_bodies", "body")):
            op.create_table(
                table,
                sa.Column("id", sa.Integer, nullable=False),
                sa.Column("words", TSVECTOR, nullable=False),
                # The text that ts_headline() cuts snippets from.
                sa.Column(text_column, sa.Text, nullable=False),
                sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
                sa.ForeignKeyConstraint(["id"], ["search_topics.id"], ondelete="CASCADE", name=f"fk_{table}_id_search_topics"),
            )
            op.create_index(f"ix_{table}_words", table, ["words"], postgresql_using="gin")
        # How many bodies hold each lexeme, kept up to date as topics are indexed: counting them
        # with the GIN index at query time would read a posting list per common word.
        op.create_table(
            "search_body_words",
            sa.Column("word", sa.Text(collation="C"), nullable=False),
            sa.Column("topics", sa.Integer, nullable=False),
            sa.PrimaryKeyConstraint("word", name="pk_search_body_words"),
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_body")
        op.execute("DROP TABLE search_head")
    else:
        op.drop_table("search_body_words")
        op.drop_table("search_bodies")
        op.drop_table("search_heads")
    op.drop_table("search_topics")
