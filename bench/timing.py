"""Timing helpers shared by the benchmarks: medians of repeated runs, and the report line."""

from __future__ import annotations

import statistics
import subprocess
import time


def time_command(argv: list[str], runs: int = 5, expect_code: int = 0, env: dict[str, str] | None = None) -> float:
    """Median wall-clock seconds of running argv `runs` times (in the environment `env`, when given)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
        if done.returncode != expect_code:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout.decode()}{done.stderr.decode()}")
    return statistics.median(samples)


def report(name: str, seconds: float, target: float, baseline_name: str, baseline: float) -> bool:
    verdict = "ok" if seconds < target else "TOO SLOW"
    print(
        f"{name}: {seconds * 1000:.0f} ms (target < {target * 1000:.0f} ms: {verdict}); "
        f"{seconds / baseline:.1f}x {baseline_name} ({baseline * 1000:.0f} ms)"
    )
    return seconds < target


def median_ms(action, runs: int) -> float:
    """The median of `runs` calls of `action`, in milliseconds, after one call to warm it up."""
    action()  # warm-up: caches, prepared statements
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000
