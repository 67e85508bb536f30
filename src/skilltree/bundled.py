"""Where the bundled curriculum lives (the repository's content/ directory)."""

from pathlib import Path

BUNDLED_CONTENT = Path(__file__).resolve().parents[2] / "content"
