"""A PostgreSQL server frozen mid-statement (SIGSTOP: its kernel still acknowledges every packet,
so neither statement_timeout nor TCP notices): the waiting call gives up after
SKILLTREE_DATABASE_TIMEOUT and a grace, the request answers 503, and the server is usable again
once it thaws. Runs a private server: the shared test server must never be frozen."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from private_postgres import private_postgres
from served import running
from skilltree.store.engine import make_engine
from skilltree.store.statement_watchdog import GRACE_SECONDS
from skilltree.web.app import create_app
from web_client import TestClient, api_token, make_settings, sign_up

TIMEOUT = 1.0  # SKILLTREE_DATABASE_TIMEOUT in these tests
# The watchdog looks four times a second; a loaded machine adds its own delays.
BOUND = TIMEOUT + GRACE_SECONDS + 2.0


@pytest.fixture(scope="module")
def server():
    with private_postgres() as started:
        yield started


def test_a_statement_waiting_on_a_frozen_server_gives_up_and_the_pool_moves_on(server):
    engine = make_engine(server.url, timeout=TIMEOUT)
    try:
        with engine.connect() as connection:
            # Frozen while the statement runs, before the server would cancel it (statement_timeout).
            timer = threading.Timer(TIMEOUT / 2, server.freeze)
            timer.start()
            started = time.monotonic()
            with pytest.raises(OperationalError) as lost:
                connection.execute(text("SELECT pg_sleep(3)"))
            took = time.monotonic() - started
            timer.join()
        assert TIMEOUT + GRACE_SECONDS - 0.5 < took < BOUND, f"gave up after {took:.1f} s"
        assert lost.value.connection_invalidated  # the pool will not hand that connection out again
        server.thaw()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        server.thaw()
        engine.dispose()


def test_requests_to_a_frozen_server_answer_503_while_health_answers_at_once(server, tmp_path):
    app = create_app(make_settings(server.url, tmp_path, database_timeout=TIMEOUT))
    visitor = TestClient(app)
    sign_up(visitor, "ada")
    token = {"Authorization": f"Bearer {api_token(visitor, 'ada')}"}
    try:
        with running(app) as base, httpx.Client(base_url=base, timeout=60) as client:
            assert client.get("/api/v1/me/progress", headers=token).status_code == 200  # a pooled connection, in use before
            server.freeze()
            started = time.monotonic()
            frozen = client.get("/api/v1/me/progress", headers=token)
            took = time.monotonic() - started
            assert (frozen.status_code, frozen.json()["error"]["code"]) == (503, "unavailable")
            assert frozen.headers["retry-after"] == "1"
            # The pool's check of its idle connection waits its bound, then a new connection its connect timeout (2 s).
            assert took < BOUND + 2, f"answered after {took:.1f} s"
            health_started = time.monotonic()
            assert client.get("/healthz").status_code == 200 and time.monotonic() - health_started < 1
            server.thaw()
            assert client.get("/api/v1/me/progress", headers=token).status_code == 200  # the same keep-alive connection
    finally:
        server.thaw()
        app.state.engine.dispose()
