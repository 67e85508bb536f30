"""`skilltree import` of an export holding 100,000 events, on PostgreSQL: target under 15 s.

The baseline is the same import into a SQLite file, measured in the same run: the figure that
matters is the ratio (each event used to cost PostgreSQL a round trip or two; 86 s against 8.4 s).

usage: python bench/import_speed.py [--database-url postgresql+psycopg://user@host:port/db] [--events 100000]
(default: SKILLTREE_TEST_POSTGRES_URL; the import runs in a schema of its own there, dropped afterwards)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from postgres_schema import fresh_schema
from timing import time_command

SKILLTREE = str(Path(sys.executable).with_name("skilltree"))
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
STATUSES = ("learning", "done", "skipped", "not_started")


def write_export(file: Path, events: int) -> None:
    """An export of `events` status changes over 500 topics, a minute apart."""
    document = {
        "format": "skilltree-export",
        "version": 1,
        "learner": {"username": "bench", "display_name": "Bench", "created_at": T0.isoformat()},
        "events": [
            {"topic": f"topic-{n % 500}", "status": STATUSES[n % 4], "at": (T0 + timedelta(minutes=n)).isoformat(), "source": "cli"}
            for n in range(events)
        ],
    }
    file.write_text(json.dumps(document), encoding="utf-8")




def time_import(export: Path, database_url: str) -> float:
    # A database made before the clock starts: only the import is timed.
    environment = {**os.environ, "SKILLTREE_DATABASE_URL": database_url, "SKILLTREE_LEARNER": "bench"}
    time_command([SKILLTREE, "db", "upgrade"], runs=1, env=environment)
    return time_command([SKILLTREE, "import", str(export)], runs=1, env=environment)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SKILLTREE_TEST_POSTGRES_URL"))
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    if not args.database_url:
        sys.exit("give a PostgreSQL server: --database-url postgresql+psycopg://user@host:port/db "
                 "(or set SKILLTREE_TEST_POSTGRES_URL)")
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.json"
        write_export(export, args.events)
        sqlite = time_import(export, f"sqlite:///{tmp}/bench.db")
        with fresh_schema(args.database_url, "bench_import") as url:
            postgres = time_import(export, url)
    verdict = "ok" if postgres < 15 else "TOO SLOW"
    print(
        f"import {args.events:,} events on PostgreSQL: {postgres:.1f} s (target < 15 s: {verdict}); "
        f"{postgres / sqlite:.1f}x the same import on SQLite ({sqlite:.1f} s)"
    )
    return 0 if postgres < 15 else 1


if __name__ == "__main__":
    sys.exit(main())
