"""The CLI and the web server share one database; serve refuses insecure settings."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.config import Settings
from skilltree.web.app import create_app

from web_client import TestClient, csrf_of

SKILLTREE = Path(sys.executable).with_name("skilltree")


def test_progress_marked_in_the_cli_shows_on_the_web(cli, database_url, tmp_path):
    assert cli("mark", "git", "sql", "done").code == 0
    run = cli("passwd", "--password-stdin", input="a long enough password\n")
    assert run.code == 0, run.err
    assert run.out.strip() == "web password set for ada (administrator); sign in at /login"
    app = create_app(Settings(database_url=database_url, data_dir=tmp_path / "web", content_dir=BUNDLED_CONTENT))
    client = TestClient(app, follow_redirects=False)
    token = csrf_of(client.get("/login").text)
    signed_in = client.post("/login", data={"username": "ada", "password": "a long enough password", "csrf_token": token})
    assert signed_in.status_code == 303
    html = client.get("/paths/starter-kit?view=list").text
    assert 'class="card topic-card status-done" id="topic-git"' in html
    assert 'class="card topic-card status-done" id="topic-sql"' in html
    app.state.engine.dispose()


def test_passwd_refuses_a_short_password(cli):
    run = cli("passwd", "--create", "--password-stdin", input="short\n")
    assert (run.code, run.err.strip()) == (1, "error: the password is too short: use at least 8 characters")


def test_serve_refuses_insecure_production_settings(cli):
    run = cli("serve", env={"SKILLTREE_ENV": "production"})
    assert run.code == 2
    assert run.err.strip().startswith(
        "error: refusing to start:\n  SKILLTREE_SECRET_KEY must be a random value of at least 32 characters when SKILLTREE_ENV=production"
    )


def test_serve_refuses_a_port_or_host_it_cannot_use(cli):
    run = cli("serve", "--port", "99999")
    assert run.code == 2 and run.out == ""
    assert "Invalid value for '--port': 99999 is not in the range 1<=x<=65535." in run.err
    run = cli("serve", "--host", "no-such-host.invalid")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("error: --host 'no-such-host.invalid' is not an address to listen on: ")
    assert len(run.err.splitlines()) == 1


def test_serve_on_a_busy_port_is_one_line_and_no_banner(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("serve", "--port", str(port))
    assert (run.code, run.out) == (1, "")
    assert run.err == f"error: cannot listen on 127.0.0.1:{port}: the port is in use by another program; choose another with --port\n"


def test_serve_announces_only_once_it_listens(cli_environment):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(SKILLTREE), "serve", "--port", str(port)], env=cli_environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        banner = server.stdout.readline()
        assert banner == f"Skilltree on http://127.0.0.1:{port} (development); press Ctrl+C to stop\n"
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # listening as soon as it says so
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == 200
        assert fastest_keep_alive_answer(port) < 0.03, "answers on a kept-alive connection wait for a delayed ACK"
    finally:
        server.terminate()
        server.wait(timeout=30)


def fastest_keep_alive_answer(port: int) -> float:
    """Seconds of the fastest of five /healthz answers on one connection. Without TCP_NODELAY on the
    accepted socket each answer after the first waits ~40 ms for the client's delayed ACK."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    took = []
    for _ in range(5):
        started = time.monotonic()
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        took.append(time.monotonic() - started)
    connection.close()
    return min(took[1:])


def wait_for(url: str) -> int:
    """The status of `url` once the app answers (the socket accepts before the app has started)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status
        except OSError:  # refused, reset or timed out (URLError is one too)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_passwd_refuses_an_unknown_learner_unless_asked_to_create_one(cli):
    assert cli("mark", "git", "done").code == 0  # ada exists from now on
    run = cli("passwd", "adaa", "--password-stdin", input="a long enough password\n")
    assert (run.code, run.err) == (1, "error: no learner 'adaa' (did you mean 'ada'?); add --create to give a new learner a password\n")
    run = cli("passwd", "nobody", "--password-stdin", input="a long enough password\n")
    assert (run.code, run.err) == (1, "error: no learner 'nobody'; add --create to give a new learner a password\n")
    run = cli("passwd", "nobody", "--create", "--password-stdin", input="a long enough password\n")
    assert (run.code, run.out) == (0, "web password set for nobody (administrator); sign in at /login\n")
