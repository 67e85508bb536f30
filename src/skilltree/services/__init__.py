"""Use cases shared by the CLI, the web pages and the JSON API."""
