"""Loading a content directory in a child process, bounded in time and memory.

A running server reloads content that anyone with write access to it may have edited. The
loader reads files with bounds of its own (catalog/source.py), but a thread cannot be stopped
or capped: a load that runs away would take the worker with it. A child process can be killed
at a deadline and given a memory limit, and whatever happens to it, the server keeps serving.
"""

from __future__ import annotations

import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

from skilltree.catalog.loader import LoadResult, load_catalog

RELOAD_SECONDS = 60.0  # the 10,000-topic synthetic catalog loads in a few seconds
RELOAD_MEMORY_BYTES = 2 * 2**30  # of address space; the same catalog needs a few hundred MiB
_OUT_OF_MEMORY = 3  # the child's exit status when its memory limit stopped it


class LoadFailed(Exception):
    """The load was stopped or died; the message says why, in a phrase."""


def load_catalog_bounded(root: Path, *, seconds: float = RELOAD_SECONDS, memory_bytes: int = RELOAD_MEMORY_BYTES) -> LoadResult:
    """What load_catalog(root) returns, loaded in a child process; LoadFailed when the child takes
    longer than `seconds`, needs more than `memory_bytes` or dies."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "skilltree.bounded_load", str(root), str(memory_bytes)],
            capture_output=True,
            timeout=seconds,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise LoadFailed(f"it took longer than {seconds:g} s") from None
    if done.returncode == _OUT_OF_MEMORY:
        raise LoadFailed(f"it needed more than {memory_bytes // 2**20} MiB of memory")
    if done.returncode < 0:
        raise LoadFailed(f"the loading process died of {signal.Signals(-done.returncode).name}")
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        raise LoadFailed(f"the loading process failed: {lines[-1] if lines else f'exit status {done.returncode}'}")
    return pickle.loads(done.stdout)


def _child(root: str, memory_bytes: int) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        result = load_catalog(Path(root))
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return _OUT_OF_MEMORY
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2])))
