"""The queue of SQLite writers: one writer at a time per database file, across threads and processes."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from queue import SimpleQueue

from skilltree.store.faults import write_lock_refused, write_lock_timed_out


class SqliteWriteLock:
    """Queues SQLite writers in the kernel instead of in SQLite's busy handler.

    SQLite makes a blocked writer sleep and retry with growing pauses (up to 100 ms), which
    under load gives multi-second tail latencies. An exclusive flock on a side file wakes the
    next writer the moment the previous one is done, across threads and processes alike.
    """

    def __init__(self, path: Path, timeout: float):
        self.path = path
        self.timeout = timeout
        self._threads = threading.Lock()
        self._fd: int | None = None
        self._held_fd: int | None = None
        self._pid: int | None = None
        self._claims: SimpleQueue[_Claim] | None = None

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        # Threads of this process queue on a lock that wakes the next at once; the one at its
        # head takes the file lock, from the kernel, which wakes it when another process lets go.
        if not self._threads.acquire(timeout=self.timeout):
            raise write_lock_timed_out(self.path, self.timeout)
        try:
            if self._pid != os.getpid():  # a forked child must not share the parent's lock or threads
                self._fd = self._open()
                self._claims = None
                self._pid = os.getpid()
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._held_fd = self._fd
            except BlockingIOError:
                self._held_fd = self._wait_for_other_processes(deadline)
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            if self._held_fd == self._fd:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            else:
                os.close(self._held_fd)  # a waiting claim's own descriptor: closing it lets go
        finally:
            self._held_fd = None
            self._threads.release()

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise write_lock_refused(self.path, exc) from exc

    def _wait_for_other_processes(self, deadline: float) -> int:
        """The descriptor of a claim that holds the lock, taken within the deadline.

        flock() cannot give up after a while, so a helper thread blocks in it. Polling instead
        left the lock to whichever process held it: its next writer takes it again at once, while
        another process sleeping between tries rarely finds it free (PUT /api/v1/me/progress/{id}
        on 2 workers, 32 connections: polling every 2 ms 0.084-0.088x /healthz, p99 147-170 ms;
        waiting in the kernel 0.113-0.115x, p99 65-74 ms).
        The claim opens a descriptor of its own: one given up on may still get the lock later,
        and then lets go of it alone, without releasing a lock this process took meanwhile.
        """
        claim = _Claim(self._open())
        if self._claims is None:
            # A daemon thread: a claim stuck behind a writer that never lets go must not keep
            # this process from exiting, as an executor's threads would.
            self._claims = SimpleQueue()
            threading.Thread(target=_take_claims, args=(self._claims,), name="skilltree-write-lock", daemon=True).start()
        self._claims.put(claim)
        if claim.wait(max(0.0, deadline - time.monotonic())):
            return claim.fd
        if claim.error:
            raise write_lock_refused(self.path, claim.error)
        raise write_lock_timed_out(self.path, self.timeout)


def _take_claims(claims: SimpleQueue[_Claim]) -> None:
    while True:
        claims.get().take()


class _Claim:
    """One wait for the file lock on a descriptor of its own, which its waiter may give up on."""

    def __init__(self, fd: int):
        self.fd = fd
        self.error: OSError | None = None
        self._settled = threading.Lock()
        self._done = threading.Event()
        self._given_up = False

    def take(self) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:
            self.error = exc
        with self._settled:
            if self.error or self._given_up:
                os.close(self.fd)
            self._done.set()

    def wait(self, seconds: float) -> bool:
        """Whether the claim took the lock within `seconds`. If not, it is given up: it lets go
        of the lock as soon as it gets it."""
        self._done.wait(seconds)
        with self._settled:
            self._given_up = not self._done.is_set()
            return not self._given_up and self.error is None
