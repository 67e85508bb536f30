"""`skilltree search` on the default SQLite file: answered without SQLAlchemy when the file is at
HEAD and its index holds the catalog, the same answer as the full store gives; the store otherwise."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SKILLTREE = Path(sys.executable).with_name("skilltree")
FIXTURES = Path(__file__).parents[1] / "fixtures" / "databases"


@pytest.fixture
def home(tmp_path, catalog_cache_dir) -> dict[str, str]:
    """An environment that leaves the database where it is by default: under XDG_DATA_HOME."""
    chosen = {"SKILLTREE_CONTENT_DIR", "SKILLTREE_DATA_DIR", "SKILLTREE_DATABASE_URL"}
    inherited = {k: v for k, v in os.environ.items() if k.upper() not in chosen and not k.startswith("XDG_")}
    return {
        **inherited,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "COLUMNS": "120",
        "NO_COLOR": "1",
        "SKILLTREE_LEARNER": "ada",
        "SKILLTREE_CACHE_DIR": str(catalog_cache_dir),
    }


@pytest.fixture
def default_file(home) -> Path:
    return Path(home["XDG_DATA_HOME"]) / "skilltree" / "skilltree.db"


@pytest.fixture
def indexed_default_file(database_templates, default_file) -> Path:
    """The default file at HEAD, its index holding the bundled catalog."""
    default_file.parent.mkdir(parents=True)
    with database_templates.copy("sqlite", "indexed", default_file.parent):
        yield default_file


def skilltree(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-X", "importtime", str(SKILLTREE), *args], capture_output=True, text=True, env=env, timeout=120
    )


def search(env: dict, *args: str) -> tuple[dict, bool]:
    """The JSON document of `skilltree search ARGS --json`, and whether the run imported SQLAlchemy."""
    done = skilltree(env, "search", *args, "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout), bool(re.search(r"\|\s*sqlalchemy$", done.stderr, re.MULTILINE))


def through_the_store(env: dict, database: Path) -> dict:
    """The same database, named in SKILLTREE_DATABASE_URL: the full store answers."""
    return {**env, "SKILLTREE_DATABASE_URL": f"sqlite:///{database}"}


def test_the_default_file_answers_as_the_store_does_without_sqlalchemy(home, indexed_default_file):
    assert skilltree(home, "mark", "kafka", "done").returncode == 0
    assert skilltree(home, "note", "kafka", "--set", "Consumer lag: alert on the slowest partition.").returncode == 0
    store = through_the_store(home, indexed_default_file)
    answers = {}
    for args in (
        ("kafka", "consumer", "lag"),
        ("kuberentes", "autoscalng"),
        ("zqxjvw",),
        ("partition", "--limit", "3"),
        ("kafka", "--learner", "zed"),
    ):
        fast, imported = search(home, *args)
        assert not imported, args
        slow, imported = search(store, *args)
        assert imported, args
        assert fast == slow, args
        answers[" ".join(args)] = fast
    kafka = answers["kafka consumer lag"]
    assert (kafka["results"][0]["id"], kafka["results"][0]["status"]) == ("kafka", "done")
    assert [note["topic"] for note in kafka["notes"]] == ["kafka"] and "**lag**" in kafka["notes"][0]["snippet"]
    assert answers["kuberentes autoscalng"]["corrected_query"] == "kubernetes autoscaling"
    assert answers["zqxjvw"] == {"corrected_query": None, "results": [], "notes": []}
    assert len(answers["partition --limit 3"]["results"]) == 3 and answers["partition --limit 3"]["notes"]
    nobody = answers["kafka --learner zed"]  # no statuses, and no notes at all
    assert "notes" not in nobody and "status" not in nobody["results"][0]
    # The text face prints the same document.
    assert skilltree(home, "search", "kafka").stdout.startswith(" 1. Apache Kafka  kafka  intermediate")


def test_the_first_search_creates_and_indexes_the_default_file(home, default_file):
    first, imported = search(home, "kafka")
    assert imported and first["results"][0]["id"] == "kafka"
    assert default_file.exists()
    assert search(home, "kafka") == (first, False)


def test_an_index_of_other_content_is_brought_in_step_by_the_store(home, indexed_default_file, tree):
    tree.topic("alpha", body="A tiny catalog about indexes.")
    tree.path("tiny", "[alpha]")
    other = ["indexes", "--content", str(tree.root)]
    found, imported = search(home, *other)
    assert imported and [result["id"] for result in found["results"]] == ["alpha"]
    assert search(home, *other) == (found, False)
    bundled, imported = search(home, "indexes")  # the bundled catalog again: the index is stale
    assert imported and bundled["results"][0]["id"] == "indexes"
    assert search(home, "indexes") == (bundled, False)


def test_an_index_key_that_differs_is_not_trusted(home, indexed_default_file):
    expected, _ = search(home, "slow", "queries")
    with sqlite3.connect(indexed_default_file) as connection:
        connection.execute("UPDATE site_settings SET value = 'another catalog' WHERE key = 'search_index_catalog'")
    connection.close()
    assert search(home, "slow", "queries") == (expected, True)
    assert search(home, "slow", "queries") == (expected, False)


def test_a_file_at_an_older_revision_is_upgraded_by_the_store(home, default_file):
    default_file.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "0012.sqlite", default_file)
    found, imported = search(home, "slow", "queries")
    assert imported and found["results"][0]["id"] == "indexes"
    assert search(home, "slow", "queries") == (found, False)


def test_a_file_of_a_newer_skilltree_or_no_database_at_all_is_refused_as_the_store_refuses_it(home, indexed_default_file):
    with sqlite3.connect(indexed_default_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    done = skilltree(home, "search", "kafka")
    assert done.returncode == 1 and "newer than this Skilltree knows" in done.stderr and "Traceback" not in done.stderr
    indexed_default_file.write_bytes(b"not a database at all" * 100)
    done = skilltree(home, "search", "kafka")
    assert done.returncode == 1 and "file is not a database" in done.stderr and "Traceback" not in done.stderr
