"""What a worker process of `skilltree serve` does beyond building the app."""

from __future__ import annotations

import gc

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.web.app import create_app_from_environment
from skilltree.web.templating import templates


def serve_bundled_content(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SKILLTREE_DATABASE_URL", f"sqlite:///{tmp_path}/served.db")
    monkeypatch.setenv("SKILLTREE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SKILLTREE_CONTENT_DIR", str(BUNDLED_CONTENT))


def test_a_workers_long_lived_objects_are_left_out_of_the_cyclic_garbage_collector(tmp_path, monkeypatch):
    # A full collection walks every tracked object: with the catalog among them it stopped the
    # worker for ~100 ms every few seconds under load.
    serve_bundled_content(tmp_path, monkeypatch)
    app = create_app_from_environment()
    try:
        catalog = app.state.live_catalog.current()
        topic = catalog.topics["git"]
        assert gc.is_tracked(catalog) and gc.is_tracked(topic)
        # Frozen objects are in no generation, so no collection visits them.
        tracked = gc.get_objects()
        assert not any(thing is catalog or thing is topic for thing in tracked)
        assert gc.get_freeze_count() > len(catalog.topics)
    finally:
        gc.unfreeze()  # the test process goes on collecting as usual
        app.state.engine.dispose()


def test_a_worker_compiles_every_template_before_its_first_request(tmp_path, monkeypatch):
    # Compiled at the first request instead, they were compiled by several requests at once.
    serve_bundled_content(tmp_path, monkeypatch)
    templates.env.cache.clear()
    app = create_app_from_environment()
    try:
        compiled = {name for _, name in templates.env.cache.keys()}
        assert compiled == set(templates.env.list_templates())
        assert {"path.html", "map.svg", "topic.html", "base.html"} <= compiled
    finally:
        gc.unfreeze()
        app.state.engine.dispose()
