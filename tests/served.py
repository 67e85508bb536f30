"""The app under a real uvicorn server, and another program holding the database: what an
in-process test client cannot show (threads, timeouts, keep-alive connections)."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager

import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def running(app):
    """The app under a real uvicorn server in a thread; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def database_held(database_url: str):
    """Another program holding what the requests need: on PostgreSQL an exclusive lock on the
    token and session tables (even reads wait), on SQLite the write lock (writes wait)."""
    if database_url.startswith("sqlite"):
        holder = sqlite3.connect(make_url(database_url).database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.rollback()
            holder.close()
        return
    engine = create_engine(database_url)
    try:
        with engine.connect() as holder, holder.begin():
            holder.execute(text("LOCK TABLE api_tokens, web_sessions IN ACCESS EXCLUSIVE MODE"))
            yield
    finally:
        engine.dispose()
