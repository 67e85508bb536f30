"""A hostile edit of the content while the server runs: it keeps serving the last good catalog."""

from __future__ import annotations

import logging
import os

from skilltree.web.app import create_app

from hostile_yaml import billion_laughs, deeply_nested
from web_client import TestClient, make_settings


def test_hostile_files_added_while_serving_leave_the_pages_as_they_were(tree, database_url, tmp_path, caplog):
    tree.topic("a")
    tree.path("p", "[a]")
    app = create_app(make_settings(database_url, tmp_path, content_dir=tree.root))
    try:
        client = TestClient(app)
        assert "<h1>A</h1>" in client.get("/topics/a").text
        tree.write("topics/a.md", f"---\ntitle: Deep\ndeep: {deeply_nested(40_000)}\n---\nBody.\n")
        tree.write("synonyms.yaml", billion_laughs())
        os.mkfifo(tree.root / "topics" / "x.md")
        with caplog.at_level(logging.INFO, logger="skilltree.catalog"):
            app.state.live_catalog.refresh()
        assert [record.getMessage() for record in caplog.records] == [
            f"the new content has 3 error(s), the first: {tree.root}/synonyms.yaml:4: l3: YAML aliases repeat more "
            "than 10,000 values; write the values out instead; still serving the last good catalog"
        ]
        page = client.get("/topics/a")
        assert page.status_code == 200 and "<h1>A</h1>" in page.text
        assert client.get("/healthz").status_code == 200
    finally:
        app.state.engine.dispose()
