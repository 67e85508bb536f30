"""The SQLite writers' queue across processes: a waiting writer is woken when the other lets go,
gives up after its timeout, and a wait given up on never keeps the lock or frees another's."""

from __future__ import annotations

import fcntl
import os
import signal
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


@pytest.fixture
def hold_elsewhere():
    """hold_elsewhere(path): another program holding the lock, stopped at the end of the test if still there."""
    holders = []

    def hold(path) -> subprocess.Popen:
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        holders.append(holder)
        assert holder.stdout.readline() == "held\n"
        return holder

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()


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


def test_a_writer_waiting_for_another_process_takes_the_lock_when_it_lets_go(tmp_path, hold_elsewhere):
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


def descriptors_of(path) -> int:
    """How many of this process's descriptors are open on `path`."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:
            pass  # closed meanwhile (listdir's own descriptor)
    return count


def eventually(condition, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_writers_give_up_after_their_timeout_and_their_waits_keep_nothing(tmp_path, hold_elsewhere):
    path = tmp_path / "db.write-lock"
    lock = SqliteWriteLock(path, timeout=0.2)
    holder = hold_elsewhere(path)
    started = time.monotonic()
    for _ in range(3):
        with pytest.raises(DatabaseUnavailable, match=r"stayed busy with other writers for 0\.2 s"):
            lock.acquire()
    assert 0.6 <= time.monotonic() - started < 5
    # Each writer took over the wait the one before gave up: one descriptor of its own, and this
    # process's, however many writers gave up.
    assert descriptors_of(path) == 2
    let_go(holder)
    lock.acquire()
    assert not free_for_others(path)
    lock.release()
    assert eventually(lambda: free_for_others(path)), "a wait given up on kept the lock"
    assert eventually(lambda: descriptors_of(path) == 1)


def test_a_wait_interrupted_by_a_signal_keeps_nothing(tmp_path, hold_elsewhere):
    # What Ctrl+C does to a command waiting for another program's writer.
    path = tmp_path / "db.write-lock"
    lock = SqliteWriteLock(path, timeout=10)
    holder = hold_elsewhere(path)

    class Interrupted(Exception):
        pass

    def interrupt(_signal, _frame):
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(Interrupted):
            lock.acquire()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    let_go(holder)
    assert eventually(lambda: free_for_others(path)), "an interrupted wait kept the lock"
    lock.acquire()
    lock.release()


def test_a_child_forked_while_its_parent_writes_waits_for_the_parent(tmp_path):
    path = tmp_path / "db.write-lock"
    lock = SqliteWriteLock(path, timeout=10)
    lock.acquire()
    child = os.fork()
    if child == 0:  # the parent's lock is not the child's: it takes its own turn
        code = 1
        try:
            lock.acquire()
            lock.release()
            code = 0
        finally:
            os._exit(code)
    try:
        time.sleep(0.3)
        assert os.waitpid(child, os.WNOHANG) == (0, 0), "the child wrote while its parent held the lock"
    finally:
        lock.release()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
