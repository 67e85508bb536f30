"""Web throughput under the production command (`skilltree serve --workers 2`, SQLite), measured with wrk.

Each figure is a ratio to GET /healthz of the same app in the same run, since the machine's speed
(and how busy it is) moves every absolute number. Targets, at 32 connections:
- the signed-in Starter Kit roadmap: >= 0.15x the /healthz rate, p99 < 50 ms, no error;
- the signed-in roadmap and topic pages: >= 90% of their own rate at 2 connections (no collapse
  under concurrency);
- PUT /api/v1/me/progress/{id}: >= 0.08x the /healthz rate, no error.

Needs Debian's wrk (apt-get install wrk). Traffic goes only to 127.0.0.1.
usage: python bench/web_speed.py [--seconds 10] [--connections 32]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

SKILLTREE = str(Path(sys.executable).with_name("skilltree"))
PUT_SCRIPT = """
-- Alternate statuses so that every request is a real write (a new event), not a no-op.
local statuses = {"learning", "done"}
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"status": "' .. statuses[counter % 2 + 1] .. '"}'
  return wrk.format("PUT", "/api/v1/me/progress/git", nil, body)
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(tmp: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "SKILLTREE_ENV": "production",
        "SKILLTREE_SECRET_KEY": secrets.token_urlsafe(48),
        "SKILLTREE_DATA_DIR": str(tmp),
        "SKILLTREE_CACHE_DIR": str(tmp / "cache"),
    }
    env.pop("SKILLTREE_DATABASE_URL", None)
    server = subprocess.Popen([SKILLTREE, "serve", "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("the server did not start")


def _request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    # http.client by hand: production cookies are Secure, which a cookie jar will not send over http.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def _cookie(response, name: str) -> str:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0]
    sys.exit(f"no {name} cookie in the answer")


def sign_up(port: int) -> tuple[str, str]:
    """(session cookie header, API token) of a new learner with some progress."""
    response, page = _request(port, "GET", "/signup")
    csrf_cookie = _cookie(response, "skilltree_csrf")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.decode()).group(1)
    form = urllib.parse.urlencode({"username": "bench", "password": "benchmark password", "password_again": "benchmark password", "csrf_token": csrf})
    response, _ = _request(port, "POST", "/signup", form.encode(),
                           {"Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie})
    session = _cookie(response, "skilltree_session")
    credentials = json.dumps({"username": "bench", "password": "benchmark password"}).encode()
    _, answer = _request(port, "POST", "/api/v1/tokens", credentials, {"Content-Type": "application/json"})
    token = json.loads(answer)["token"]
    for topic in ("programming-language", "data-structures", "version-control"):
        _request(port, "PUT", f"/api/v1/me/progress/{topic}", b'{"status": "done"}',
                 {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    return session, token


def wrk(url: str, seconds: int, connections: int, headers: list[str], script: str | None = None) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {"rate": rate, "p99_ms": p99_ms, "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


class Report:
    """Prints each run with its ratio to the baseline and whether it met its target."""

    def __init__(self, baseline: dict):
        self.baseline = baseline
        self.missed: list[str] = []

    def line(self, name: str, run: dict, target: str, ok: bool) -> None:
        errors = f"{run['errors']} errors" + (f", socket errors {run['socket_errors']}" if run["socket_errors"] else "")
        print(f"{name}: {run['rate']:.0f} req/s ({run['rate'] / self.baseline['rate']:.3f}x /healthz), "
              f"p99 {run['p99_ms']:.1f} ms, {errors}; target {target}: {'ok' if ok else 'MISSED'}")
        if not ok:
            self.missed.append(name)


def clean(run: dict) -> bool:
    return not run["errors"] and not run["socket_errors"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("this benchmark needs wrk: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(Path(tmp), port)
        try:
            cookie, token = sign_up(port)
            signed_in = [f"Cookie: {cookie}"]
            wrk(base + "/healthz", 2, args.connections, [])  # warm up both workers
            baseline = wrk(base + "/healthz", args.seconds, args.connections, [])
            print(f"baseline GET /healthz: {baseline['rate']:.0f} req/s, p99 {baseline['p99_ms']:.1f} ms")
            report = Report(baseline)
            for name, path in (("roadmap", "/paths/starter-kit"), ("topic", "/topics/git")):
                few = wrk(base + path, args.seconds, 2, signed_in)
                many = wrk(base + path, args.seconds, args.connections, signed_in)
                report.line(f"GET {path} (signed in), 2 connections", few, "no error", clean(few))
                if name == "roadmap":
                    report.line(f"GET {path} (signed in), {args.connections} connections", many,
                                ">= 0.15x /healthz, p99 < 50 ms, no error",
                                many["rate"] >= 0.15 * baseline["rate"] and many["p99_ms"] < 50 and clean(many))
                held = many["rate"] / few["rate"]
                report.line(f"GET {path} (signed in), {args.connections} vs 2 connections ({held:.0%} of the rate)", many,
                            ">= 90% of the 2-connection rate, no error", held >= 0.9 and clean(many))
            script = Path(tmp) / "put.lua"
            script.write_text(PUT_SCRIPT)
            put = wrk(base + "/api/v1/me/progress/git", args.seconds, args.connections,
                      [f"Authorization: Bearer {token}", "Content-Type: application/json"], str(script))
            report.line(f"PUT /api/v1/me/progress/git, {args.connections} connections", put, ">= 0.08x /healthz, no error",
                        put["rate"] >= 0.08 * baseline["rate"] and clean(put))
        finally:
            server.terminate()
            server.wait(timeout=20)
    if report.missed:
        print("missed: " + "; ".join(report.missed))
    return 1 if report.missed else 0


if __name__ == "__main__":
    sys.exit(main())
