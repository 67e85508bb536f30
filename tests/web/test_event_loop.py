"""A database that makes requests wait holds up those requests only: the event loop, which also
answers /healthz and the static files, never waits for it (web/deps.py says why)."""

from __future__ import annotations

import inspect
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from served import database_held, running
from skilltree.web.deps import get_engine, get_units
from web_client import TestClient, api_token, sign_up

# A stalled event loop cannot answer a probe until the lock is released, and the lock is released only
# after the probes: a stalled probe times out however long PROMPT is. So PROMPT can be generous (four
# test workers on two cores once made a prompt /healthz take 1.43 s) without letting a stall pass.
PROMPT = 5.0  # seconds: what "answers promptly" means here, far above a real answer's few ms
BLOCKED_FOR = 2.0  # how long the lock is held after the probes, so requests that did not wait show


def test_a_waiting_database_does_not_stall_health_checks_or_static_files(app, database_url):
    visitor = TestClient(app)
    sign_up(visitor)
    session = visitor.cookies["skilltree_session"]
    token = api_token(visitor)  # never used yet: its first use writes last_used_at
    is_postgres = not database_url.startswith("sqlite")
    with (
        running(app) as base,
        ThreadPoolExecutor(2) as pool,
        httpx.Client(base_url=base, timeout=30) as client,
        httpx.Client(base_url=base, timeout=30, cookies={"skilltree_session": session}) as signed_in,
    ):
        with database_held(database_url):
            waiting = [pool.submit(client.put, "/api/v1/me/progress/git", json={"status": "done"},
                                   headers={"Authorization": f"Bearer {token}"})]
            if is_postgres:  # a signed-in page reads the session table, which SQLite readers never wait for
                waiting.append(pool.submit(signed_in.get, "/me"))
            time.sleep(0.3)  # the requests reach the database and wait there
            for probe in ("/healthz", "/static/style.css"):
                started = time.monotonic()
                try:
                    answer = httpx.get(base + probe, timeout=PROMPT * 2)
                except httpx.TimeoutException:
                    pytest.fail(f"{probe} did not answer while the database was held: the event loop waited for it")
                took = time.monotonic() - started
                assert (answer.status_code, took < PROMPT) == (200, True), f"{probe} took {took:.2f} s"
            time.sleep(BLOCKED_FOR)
            assert not any(request.done() for request in waiting), "the requests should be waiting for the database"
        answers = [request.result(timeout=20) for request in waiting]
        assert [answer.status_code for answer in answers] == [200] * len(waiting)



def test_no_route_or_dependency_that_is_given_the_database_runs_on_the_event_loop(app):
    # An `async def` given the engine (or the units of work) would run its statements on the
    # event loop: sync ones run on the route threads. Seven API routes once did.
    def on_the_loop(dependant, path):
        if inspect.iscoroutinefunction(dependant.call):
            given = {sub.call for sub in dependant.dependencies}
            if given & {get_engine, get_units}:
                yield f"{path} ({dependant.call.__name__})"
        for sub in dependant.dependencies:
            yield from on_the_loop(sub, path)

    routes = [(c.path, c.original_route) for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]
    assert len(routes) > 50
    assert [name for path, route in routes for name in on_the_loop(route.dependant, path)] == []
