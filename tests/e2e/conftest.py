"""Run the real `skilltree` command in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SKILLTREE = Path(sys.executable).with_name("skilltree")


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture(scope="session")
def catalog_cache_dir(tmp_path_factory) -> Path:
    """One catalog cache for the session: the bundled content is read from its files once, not
    once per test (the cache is keyed by each content directory and its files' sizes and times)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def cli_environment(tmp_path, database_url, catalog_cache_dir) -> dict[str, str]:
    """What `skilltree` runs with in these tests: a fresh database on each engine, the bundled
    curriculum, 120 columns, no colour, learner ada."""
    inherited = {k: v for k, v in os.environ.items() if k != "SKILLTREE_CONTENT_DIR"}
    return {
        **inherited,
        "COLUMNS": "120",
        "NO_COLOR": "1",
        "SKILLTREE_DATA_DIR": str(tmp_path / "data"),
        "SKILLTREE_DATABASE_URL": database_url,
        "SKILLTREE_LEARNER": "ada",
        "SKILLTREE_CACHE_DIR": str(catalog_cache_dir),
    }


@pytest.fixture
def cli(cli_environment):
    """cli("show", "starter-kit") -> Run, against a fresh database on each engine."""

    def run(*args: str, env: dict | None = None, input: str | None = None) -> Run:
        done = subprocess.run(
            [str(SKILLTREE), *args],
            capture_output=True,
            text=True,
            env={**cli_environment, **(env or {})},
            input=input,
            timeout=120,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
