"""Persistence: SQLAlchemy tables, the engine set-up, repositories and the unit of work."""
