"""The roadmap map of the longest bundled path, for a signed-in learner, once its layout is cached.

Targets: the page with the map (/paths/backend-2025?view=map) in < 30 ms server time and < 250 KB;
each printed with its ratio to the list view of the same path (the baseline), measured in the same
run, in-process (the app's own handling, without a network), on SQLite. Also printed: map.svg alone,
and the layout's first computation, which the cache saves every later request.

usage: python bench/map_speed.py [--runs 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from web_client import TestClient, make_settings, page_csrf, sign_up

from skilltree.web.app import create_app

PATH = "backend-2025"
TARGET_MS = 30
TARGET_KB = 250


class ServerTime:
    """ASGI wrapper: how long the app takes from a request's arrival to its answer's last byte,
    without the test client's own threads and copies."""

    def __init__(self, app):
        self.app, self.last_ms = app, 0.0

    async def __call__(self, scope, receive, send):
        start = time.perf_counter()
        await self.app(scope, receive, send)
        self.last_ms = (time.perf_counter() - start) * 1000


def median_ms(client: TestClient, timer: ServerTime, url: str, runs: int) -> tuple[float, int]:
    """Median server milliseconds of GET url, and the size of the answer's body."""
    samples, size = [], 0
    for _ in range(runs):
        answer = client.get(url)
        samples.append(timer.last_ms)
        assert answer.status_code == 200, (url, answer.status_code)
        size = len(answer.content)
    return statistics.median(samples), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(make_settings(f"sqlite:///{tmp}/bench.db", Path(tmp)))
        timer = ServerTime(app)
        client = TestClient(timer, follow_redirects=False)
        sign_up(client, "bench")
        token = page_csrf(client, "/settings")
        for topic in ("databases", "sql", "git", "http", "python"):
            client.post(f"/topics/{topic}/status", data={"status": "done", "csrf_token": token})
        client.get(f"/paths/{PATH}/map.svg")  # computes and caches the layout
        first_ms = timer.last_ms
        nodes = len(app.state.map_layouts.get(app.state.live_catalog.current(), ("path", PATH), lambda: None).nodes)
        list_ms, list_size = median_ms(client, timer, f"/paths/{PATH}?view=list", runs)
        map_ms, map_size = median_ms(client, timer, f"/paths/{PATH}?view=map", runs)
        svg_ms, svg_size = median_ms(client, timer, f"/paths/{PATH}/map.svg", runs)
        app.state.engine.dispose()
    fast, light = map_ms < TARGET_MS, map_size < TARGET_KB * 1024
    print(f"{PATH}: {nodes} topics; first map.svg (layout computed): {first_ms:.0f} ms")
    print(f"map page: {map_ms:.1f} ms (target < {TARGET_MS} ms: {'ok' if fast else 'TOO SLOW'}); "
          f"{map_ms / list_ms:.2f}x the list view ({list_ms:.1f} ms)")
    print(f"map page weight: {map_size / 1024:.0f} KB (target < {TARGET_KB} KB: {'ok' if light else 'TOO HEAVY'}); "
          f"{map_size / list_size:.2f}x the list view ({list_size / 1024:.0f} KB)")
    print(f"map.svg alone: {svg_ms:.1f} ms, {svg_size / 1024:.0f} KB (its stylesheets inside)")
    sys.exit(0 if fast and light else 1)


if __name__ == "__main__":
    main()
