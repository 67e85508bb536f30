"""Pure domain of search: what a topic's searchable document is, and what a learner's words ask for."""
