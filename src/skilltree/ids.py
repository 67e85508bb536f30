"""The largest ids the database's columns hold on PostgreSQL. A larger number names nothing, and
the database would refuse it, so routes and commands refuse it first (404/422, exit 2)."""

MAX_ID = 2**31 - 1  # INTEGER: teams, invites, tokens, review cards
MAX_EVENT_ID = 2**63 - 1  # BIGINT: progress events
