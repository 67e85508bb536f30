"""The options several commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

CONTENT_ENV = "SKILLTREE_CONTENT_DIR"

ContentOption = Annotated[
    Optional[Path],
    typer.Option(
        "--content",
        envvar=CONTENT_ENV,
        help="Content directory to read (default: the bundled curriculum).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]
LearnerOption = Annotated[
    Optional[str],
    typer.Option(
        "--learner",
        envvar="SKILLTREE_LEARNER",
        help="Whose progress to use (default: your operating-system user name).",
        show_default=False,
    ),
]
