"""A PostgreSQL server of the test's own, which it may freeze: never the shared test server."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

# Where Debian puts the server's programs (.ci/run installs them there), else on PATH.
_BINARIES = [Path("/usr/lib/postgresql/15/bin"), *(Path(found).parent for found in filter(None, [shutil.which("initdb")]))]
# PostgreSQL refuses to run as root: then it runs as the postgres account that its package makes.
_SERVER_USER = "postgres" if os.geteuid() == 0 else None


def _binaries() -> Path:
    for directory in _BINARIES:
        if (directory / "initdb").exists() and (directory / "postgres").exists():
            return directory
    pytest.skip("no PostgreSQL server programs (initdb, postgres) to start a private server with")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateServer:
    def __init__(self, process: subprocess.Popen, url: str):
        self.process = process
        self.url = url

    def freeze(self) -> None:
        """Every process of the server stops where it is (SIGSTOP), as on a hung machine; the
        kernel still accepts connections and acknowledges packets for it. The postmaster first,
        so that it forks no new process meanwhile."""
        for pid in (self.process.pid, *self._children()):
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in (*self._children(), self.process.pid):
            os.kill(pid, signal.SIGCONT)

    def _children(self) -> list[int]:
        # Each server process makes itself a session of its own: a signal to the postmaster's
        # process group would reach none of them.
        listed = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in listed.split()]


@contextmanager
def private_postgres():
    binaries = _binaries()
    directory = Path(tempfile.mkdtemp(prefix="skilltree-pg-"))
    if _SERVER_USER:
        shutil.chown(directory, _SERVER_USER)
    data, port = directory / "data", _free_port()
    subprocess.run(
        [binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        user=_SERVER_USER, check=True, capture_output=True,
    )
    server = subprocess.Popen(
        [binaries / "postgres", "-D", data, "-p", str(port), "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
        user=_SERVER_USER, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_ready(port, server)
        yield PrivateServer(server, f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    finally:
        PrivateServer(server, "").thaw()  # a frozen server cannot act on the signal to stop
        server.send_signal(signal.SIGQUIT)  # immediate shutdown
        server.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


def _wait_until_ready(port: int, server: subprocess.Popen) -> None:
    import psycopg

    deadline = time.monotonic() + 60
    while True:
        try:
            psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            assert server.poll() is None and time.monotonic() < deadline, "the private PostgreSQL server did not start"
            time.sleep(0.1)
