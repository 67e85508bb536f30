"""Start-up of `skilltree --help` and `skilltree show starter-kit`: target under 0.3 s each.

The baseline is `python -c pass`, measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timing import report, time_command

SKILLTREE = str(Path(sys.executable).with_name("skilltree"))


def main() -> int:
    baseline = time_command([sys.executable, "-c", "pass"], runs=10)
    ok = True
    for args in (["--help"], ["show", "starter-kit"], ["paths"]):
        seconds = time_command([SKILLTREE, *args], runs=10)
        ok &= report(f"skilltree {' '.join(args)}", seconds, 0.3, "python -c pass", baseline)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
