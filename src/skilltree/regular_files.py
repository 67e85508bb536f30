"""Reading a file that someone else chose, with bounds: a FIFO would block the reader forever,
/dev/zero never ends, and a huge file would be read whole before anything could refuse it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class NotRegularFile(Exception):
    def __init__(self, kind: str):
        super().__init__(f"not a regular file but {kind}")
        self.kind = kind


class FileTooLarge(Exception):
    pass


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file (symbolic links followed) of at most `limit`
    bytes; NotRegularFile or FileTooLarge otherwise, OSError when it cannot be read."""
    _check(os.stat(path), limit)  # before opening: opening a device can have effects of its own
    # Non-blocking, so a file swapped for a FIFO since the check cannot hang the open.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        status = os.fstat(fd)
        _check(status, limit)
        data = _read_at_most(fd, limit + 1, expected=status.st_size)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew since the check
        raise FileTooLarge
    return data


def _check(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise NotRegularFile(next((name for is_kind, name in _KINDS if is_kind(status.st_mode)), "a special file"))
    if status.st_size > limit:
        raise FileTooLarge


def _read_at_most(fd: int, limit: int, *, expected: int) -> bytes:
    """Up to `limit` bytes; asks for the size the file had, so no buffer is much larger than the file."""
    chunks = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(limit - total, max(expected + 1 - total, 2**16)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
