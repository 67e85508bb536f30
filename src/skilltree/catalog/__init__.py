"""The curriculum domain: models, loading and validation, the prerequisite graph, figures."""
