"""Start-up of `skilltree --help` and `skilltree show starter-kit`: target under 0.3 s each; `skilltree
search` (the semantic model loaded, the index already in step): target under 0.6 s.

`show` runs as a learner with progress in the default database (a fresh home directory, so the
figure does not depend on whoever runs the benchmark). The baseline is `python -c pass`,
measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import report, time_command

SKILLTREE = str(Path(sys.executable).with_name("skilltree"))


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "SKILLTREE_DATA_DIR", "SKILLTREE_DATABASE_URL"):
            os.environ.pop(name, None)
        subprocess.run([SKILLTREE, "mark", "programming-language", "git", "http", "done"], check=True, capture_output=True)
        baseline = time_command([sys.executable, "-c", "pass"], runs=10)
        ok = True
        for args in (["--help"], ["show", "starter-kit"], ["paths"]):
            seconds = time_command([SKILLTREE, *args], runs=10)
            ok &= report(f"skilltree {' '.join(args)}", seconds, 0.3, "python -c pass", baseline)
        search = [SKILLTREE, "search", "kafka", "consumer", "lag"]
        subprocess.run(search, check=True, capture_output=True)  # the first search indexes the catalog
        ok &= report("skilltree search kafka consumer lag", time_command(search, runs=10), 0.6, "python -c pass", baseline)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
