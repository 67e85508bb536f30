"""What a search may ask for, in one place for the service, the API, the pages and the CLI
(a module of its own: the CLI reads these without importing the store)."""

# The longest query the API accepts; the search page cuts a longer one to this.
QUERY_MAX_LENGTH = 4_000
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_OFFSET = 1000
