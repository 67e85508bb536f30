"""Alembic environment: runs on the connection (and transaction) that store.migrate hands over."""

from alembic import context

from skilltree.store.tables import metadata

connection = context.config.attributes["connection"]
# Batch mode rewrites tables where SQLite's ALTER TABLE cannot.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
