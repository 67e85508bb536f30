"""A real server in a subprocess and the Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
SKILLTREE = str(Path(sys.executable).with_name("skilltree"))
PASSWORD = "correct horse battery"
# How long an expect() keeps looking before it fails (Playwright's default is 5 s). It returns as soon
# as the page is as expected; 5 s is too short for Swagger UI to render while parallel test workers
# and other programs keep both cores busy.
expect.set_options(timeout=30_000)


# Seconds: starting takes a second or two, many more while the parallel test workers load the machine.
STARTS_WITHIN = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _announcement(process: subprocess.Popen, port: int) -> str | None:
    """None once the server says it listens on `port` (so it, not another program, holds the port);
    otherwise what it printed before it exited or the deadline passed."""
    printed = []
    deadline = time.monotonic() + STARTS_WITHIN
    while select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))[0]:
        line = process.stdout.readline().decode()
        if not line:
            process.wait()
            return "".join(printed)
        if line.startswith(f"Skilltree on http://127.0.0.1:{port} "):
            return None
        printed.append(line)
    process.kill()
    return "".join(printed) + f"(it did not say it listens within {STARTS_WITHIN} s)"


@contextmanager
def running_server(database_url: str, folder: Path) -> Iterator[str]:
    """The app under `skilltree serve`, as a user starts it; yields its base URL."""
    env = {
        **os.environ,
        "SKILLTREE_DATABASE_URL": database_url,
        "SKILLTREE_DATA_DIR": str(folder / "data"),
        "SKILLTREE_CACHE_DIR": str(folder / "cache"),
    }
    env.pop("SKILLTREE_CONTENT_DIR", None)
    for _ in range(3):  # a port free a moment ago may be taken (by another test worker) before the server binds it
        port = free_port()
        process = subprocess.Popen([SKILLTREE, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        trouble = _announcement(process, port)
        if trouble is None:
            break
        if "the port is in use" not in trouble:
            pytest.fail("the server did not start:\n" + trouble)
    else:
        pytest.fail("the server did not start: three free ports were taken before it could listen")
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTS_WITHIN
    while True:  # it listens before the app in it has started
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the server did not start:\n" + process.stdout.read().decode())
            time.sleep(0.1)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def database_url(indexed_database_url: str) -> str:
    """The server serves the bundled content: its database starts as a server started on it leaves it."""
    return indexed_database_url


@pytest.fixture
def server(database_url, tmp_path):
    with running_server(database_url, tmp_path) as base:
        yield base


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server on SQLite for a module's many page checks, where the engine makes no difference."""
    folder = tmp_path_factory.mktemp("server")
    with running_server(f"sqlite:///{folder / 'skilltree.db'}", folder) as base:
        yield base


def _sign_up(page, base: str, username: str) -> None:
    page.goto(base + "/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile("^Password(?! again)")).fill(PASSWORD)
    page.get_by_label(re.compile("^Password again")).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(base + "/paths/starter-kit")


@pytest.fixture(scope="session")
def sign_up():
    """sign_up(page, base, username): through the sign-up form, as a newcomer does; lands on the Starter Kit."""
    return _sign_up


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests (apt-get install -y chromium)")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # Without the networking flags Chromium keeps trying to reach Google's hosts.
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def shots(request):
    """shots("roadmap", page): saves a screenshot for a person to look at, under test-output/screenshots."""
    folder = SHOTS / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str, page) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
