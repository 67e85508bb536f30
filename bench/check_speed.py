"""`skilltree check` on a synthetic catalog of 10,000 topics and 200 paths: target under 2 s.

The baseline is the start-up of `python -c "import yaml"`, measured in the same run.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from synthetic_catalog import write_catalog
from timing import report, time_command

SKILLTREE = str(Path(sys.executable).with_name("skilltree"))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_catalog(Path(tmp) / "catalog", topics=10_000, paths=200)
        baseline = time_command([sys.executable, "-c", "import yaml"])
        seconds = time_command([SKILLTREE, "check", str(root), "--strict"], runs=3)
        ok = report("check 10,000 topics / 200 paths", seconds, 2.0, "python -c 'import yaml'", baseline)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
