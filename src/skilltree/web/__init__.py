"""The web face: server-rendered pages and the JSON API, over the same services as the CLI."""
