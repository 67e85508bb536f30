"""The SQLite writers' queue across processes: a waiting writer is woken when the other lets go,
gives up after its timeout, and a wait given up on never keeps the lock or frees another's."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

import pytest

from skilltree.store.faults import DatabaseUnavailable
from skilltree.store.write_lock import SqliteWriteLock

# Another program's writer: holds the lock file until its standard input closes.
HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


def hold_elsewhere(path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder


def let_go(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=10)


def free_for_others(path) -> bool:
    """Whether another descriptor (as another process would) can take the lock now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_writer_waiting_for_another_process_takes_the_lock_when_it_lets_go(tmp_path):
    path = tmp_path / "db.write-lock"
    lock = SqliteWriteLock(path, timeout=10)
    holder = hold_elsewhere(path)
    taken = threading.Event()

    def write():
        lock.acquire()
        taken.set()

    threading.Thread(target=write, daemon=True).start()
    assert not taken.wait(0.3)  # still held by the other program
    let_go(holder)
    assert taken.wait(5)
    assert not free_for_others(path)
    lock.release()
    assert free_for_others(path)


def test_a_writer_gives_up_after_its_timeout_and_its_wait_keeps_nothing(tmp_path):
    path = tmp_path / "db.write-lock"
    lock = SqliteWriteLock(path, timeout=0.3)
    holder = hold_elsewhere(path)
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match=r"stayed busy with other writers for 0\.3 s"):
        lock.acquire()
    assert 0.3 <= time.monotonic() - started < 3
    # This process writes again while the wait it gave up on is still queued in the kernel.
    let_go(holder)
    lock.acquire()
    assert not free_for_others(path)
    for _ in range(10):  # meanwhile the given-up wait gets its turn: it must not free this writer's lock
        time.sleep(0.05)
        assert not free_for_others(path)
    lock.release()
    deadline = time.monotonic() + 5
    while not free_for_others(path):
        assert time.monotonic() < deadline, "a wait given up on kept the lock"
        time.sleep(0.02)
