"""A stuck, unreachable, full or read-only database: requests that need it give up after
SKILLTREE_DATABASE_TIMEOUT with 503 and Retry-After, and the rest of the server keeps answering."""

from __future__ import annotations

import http.client
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from served import database_held, running
from skilltree.store.engine import make_engine
from skilltree.web.app import create_app
from web_client import PASSWORD, TestClient, api_token, make_settings, sign_up

TIMEOUT = 1.0  # SKILLTREE_DATABASE_TIMEOUT in these tests
MORE_THAN_THE_THREADS = 50  # anyio runs sync routes on 40 threads: these would take them all


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(make_settings(database_url, tmp_path, database_timeout=TIMEOUT))
    yield app
    app.state.engine.dispose()


# The held-database test keeps every thread waiting this long, so that a probe which needed a thread
# (and so waited at least this long) is told apart from a prompt answer even on a loaded test machine,
# where four test workers share two cores and a prompt answer can take more than a second.
HELD_TIMEOUT = 3.0
HELD_PROMPT = 1.5


def test_a_held_database_answers_503_after_the_timeout_while_health_and_static_answer_at_once(database_url, tmp_path):
    app = create_app(make_settings(database_url, tmp_path, database_timeout=HELD_TIMEOUT))
    visitor = TestClient(app)
    sign_up(visitor)
    token = api_token(visitor)
    with (
        running(app) as base,
        ThreadPoolExecutor(MORE_THAN_THE_THREADS) as pool,
        # One client for all: a client each would spend the test's (and the server's) GIL on TLS set-up.
        httpx.Client(base_url=base, timeout=30, limits=httpx.Limits(max_connections=MORE_THAN_THE_THREADS)) as client,
        database_held(database_url),
    ):
        def mark() -> tuple[httpx.Response, float]:
            started = time.monotonic()
            answer = client.put("/api/v1/me/progress/git", json={"status": "done"}, headers={"Authorization": f"Bearer {token}"})
            return answer, time.monotonic() - started

        waiting = [pool.submit(mark) for _ in range(MORE_THAN_THE_THREADS)]
        time.sleep(0.3)  # every thread is taken, waiting on the database
        for probe in ("/healthz", "/static/style.css"):
            started = time.monotonic()
            answer = httpx.get(base + probe, timeout=HELD_TIMEOUT * 5)
            took = time.monotonic() - started
            assert (answer.status_code, took < HELD_PROMPT) == (200, True), f"{probe} took {took:.2f} s"
        answers = [request.result(timeout=60) for request in waiting]
    app.state.engine.dispose()
    assert {answer.status_code for answer, _ in answers} == {503}
    assert {answer.json()["error"]["code"] for answer, _ in answers} == {"unavailable"}
    assert {answer.headers["retry-after"] for answer, _ in answers} == {"3"}
    # No request hangs: each gave up after the timeout, plus its wait for a free thread.
    assert max(took for _, took in answers) < 10 * HELD_TIMEOUT
    message = answers[0][0].json()["error"]["message"]
    assert f"within {HELD_TIMEOUT:g} s" in message or f"for {HELD_TIMEOUT:g} s" in message, message


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_database_is_503_and_the_connection_stays_open(app, database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite file has no server to be unreachable; a lost file is in test_probes_and_errors.py")
    visitor = TestClient(app)
    sign_up(visitor)
    token = api_token(visitor)
    session = visitor.cookies["skilltree_session"]
    app.state.engine.dispose()
    port = closed_port()
    # The server stops answering: the app's database is now a port nobody listens on.
    app.state.engine = make_engine(make_url(database_url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False), timeout=TIMEOUT)
    with running(app) as base:
        connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
        connection.request("GET", "/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"})
        answer = connection.getresponse()
        body = answer.read().decode()
        socket_used = connection.sock
        assert answer.status == 503, body
        assert answer.getheader("retry-after") == "1"
        assert answer.getheader("connection") != "close"
        assert body == ('{"error":{"code":"unavailable","message":"the database 127.0.0.1:%d/%s does not answer; try again later"}}'
                        % (port, make_url(database_url).database))
        connection.request("GET", "/me", headers={"Cookie": f"skilltree_session={session}"})
        page = connection.getresponse()
        html = page.read().decode()
        assert page.status == 503 and "Try again later" in html and f"127.0.0.1:{port}" in html
        connection.request("GET", "/readyz")
        ready = connection.getresponse()
        assert ready.status == 503 and b'"unavailable"' in ready.read()
        connection.request("GET", "/healthz")
        alive = connection.getresponse()
        assert (alive.status, alive.read()) == (200, b'{"status":"ok"}')
        assert connection.sock is socket_used, "the server closed the keep-alive connection after the 503"
        connection.close()


def make_full(app, database_url) -> None:
    """The disk fills up: SQLite may grow the file no further; PostgreSQL answers every new
    progress row with its own disk-full error (SQLSTATE 53100), raised by the real server."""
    engine = app.state.engine
    if engine.dialect.name == "sqlite":
        engine.dispose()

        @event.listens_for(engine, "connect")
        def no_more_pages(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")
        return
    with create_engine(database_url).begin() as connection:
        connection.execute(text(
            "CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$"
        ))
        connection.execute(text("CREATE TRIGGER disk_is_full BEFORE INSERT ON progress_events FOR EACH ROW EXECUTE FUNCTION disk_is_full()"))


def test_a_full_disk_is_503_saying_so_and_readyz_reports_it(app, database_url):
    client = TestClient(app)
    sign_up(client)
    token = {"Authorization": f"Bearer {api_token(client)}"}
    assert client.get("/readyz").status_code == 200
    make_full(app, database_url)
    # SQLite fills the free room of its last pages first: mark until a write needs a new one.
    for attempt in range(2000):
        answer = client.put("/api/v1/me/progress/git", json={"status": ["done", "learning"][attempt % 2]}, headers=token)
        if answer.status_code != 200:
            break
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "60"
    message = answer.json()["error"]["message"]
    assert answer.json()["error"]["code"] == "unavailable"
    expected = (f"the disk of the database {make_url(database_url).database} is full; try again later"
                if database_url.startswith("sqlite") else "has no disk space left; try again later")
    assert message.endswith(expected), message
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["error"]["message"] == message


def test_a_read_only_database_is_503_saying_what_is_read_only(app, database_url, tmp_path):
    client = TestClient(app)
    sign_up(client)
    app.state.engine.dispose()
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        database = url.database
        if os.geteuid() == 0:
            # root writes whatever the file's mode says: the file is opened read-only instead.
            app.state.engine = make_engine(f"sqlite:///file:{database}?mode=ro&uri=true", timeout=TIMEOUT)
        else:
            os.chmod(database, 0o444)
            os.chmod(os.path.dirname(database), 0o555)
        expected = f"the database file {database} or its directory is read-only"
    else:
        # The server refuses the write with the error a hot standby gives (SQLSTATE 25006).
        # A standby also fails /readyz (pg_is_in_recovery), which a test server cannot become.
        with create_engine(database_url).begin() as connection:
            connection.execute(text(
                "CREATE FUNCTION read_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'cannot execute INSERT in a read-only transaction' USING ERRCODE = 'read_only_sql_transaction'; END $$"
            ))
            connection.execute(text("CREATE TRIGGER read_only BEFORE INSERT ON api_tokens FOR EACH ROW EXECUTE FUNCTION read_only()"))
        expected = f"the database server {url.host}:{url.port}/{url.database} accepts no writes (read-only)"
    try:
        answer = client.post("/api/v1/tokens", json={"username": "ada", "password": PASSWORD})
        assert answer.status_code == 503, answer.text
        assert answer.json() == {"error": {"code": "unavailable", "message": f"{expected}; try again later"}}
        assert answer.headers["retry-after"] == "60"
        if url.get_backend_name() == "sqlite":
            ready = client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["error"]["message"] == f"{expected}; try again later"
        assert client.get("/api/v1/paths").status_code == 200  # reading needs no writes
    finally:
        if url.get_backend_name() == "sqlite" and os.geteuid() != 0:
            os.chmod(os.path.dirname(url.database), 0o755)
            os.chmod(url.database, 0o644)


def test_a_database_error_that_is_a_bug_stays_a_logged_500(app, database_url, caplog):
    client = TestClient(app, raise_server_exceptions=False)
    sign_up(client)
    with create_engine(database_url).begin() as connection:
        connection.execute(text("DROP TABLE api_tokens"))  # as a migration that was never run would leave it
    answer = client.post("/api/v1/tokens", json={"username": "ada", "password": PASSWORD})
    assert answer.status_code == 500
    assert answer.json() == {"error": {"code": "internal", "message": "something went wrong on our side; it has been logged"}}
    assert "unexpected error on POST /api/v1/tokens" in caplog.text
