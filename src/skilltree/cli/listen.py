"""The socket `skilltree serve` listens on, bound before anything is announced.

Binding it here, and handing it to uvicorn, means a mistake (an unknown host, a port in use) is one
line and an exit code instead of a banner followed by uvicorn's own error.
"""

from __future__ import annotations

import errno
import socket

from skilltree.cli.exits import EXIT_PROBLEM, EXIT_USAGE, fail


def bind_listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port and listening, which worker processes can inherit."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        fail(f"--host {host!r} is not an address to listen on: {getattr(exc, 'strerror', None) or exc}", EXIT_USAGE)
    listener = socket.socket(family, kind, proto)
    # As uvicorn does: a restarted server may take the port over from connections still closing.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
        listener.listen(2048)
    except OSError as exc:
        listener.close()
        shown = url_host(host) + f":{port}"
        if exc.errno == errno.EADDRINUSE:
            fail(f"cannot listen on {shown}: the port is in use by another program; choose another with --port")
        if exc.errno == errno.EACCES:
            fail(f"cannot listen on {shown}: permission denied (ports below 1024 need privileges)")
        if exc.errno == errno.EADDRNOTAVAIL:
            fail(f"cannot listen on {shown}: {host} is not an address of this machine", EXIT_USAGE)
        fail(f"cannot listen on {shown}: {exc.strerror or exc}", EXIT_PROBLEM)
    listener.set_inheritable(True)
    return listener


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address goes in brackets."""
    return f"[{host}]" if ":" in host else host
