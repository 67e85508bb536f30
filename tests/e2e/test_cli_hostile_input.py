"""Files and settings that would hang, exhaust or crash a command are refused at once, in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SKILLTREE = Path(sys.executable).with_name("skilltree")


def test_import_refuses_dev_zero_at_once(cli):
    run = cli("import", "/dev/zero")
    assert (run.code, run.err.strip()) == (1, "error: cannot read /dev/zero: not a regular file but a device; import reads an export file")


def test_import_refuses_a_fifo_without_blocking(cli, tmp_path):
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    run = cli("import", str(fifo))  # nobody writes to it: reading it would wait forever
    assert (run.code, run.err.strip()) == (1, f"error: cannot read {fifo}: not a regular file but a FIFO; import reads an export file")


def test_import_checks_the_size_before_reading(cli, tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(64 * 2**20 + 1)  # sparse: no disk used
    run = cli("import", str(huge))
    assert (run.code, run.err.strip()) == (1, f"error: {huge} is larger than 64 MiB, far more than any export; is it the right file?")


@pytest.mark.parametrize("field", ["version", "learner"])
def test_import_refuses_a_number_of_5000_digits(cli, tmp_path, field):
    document = tmp_path / "digits.json"
    document.write_text('{"format": "skilltree-export", "%s": %s}' % (field, "9" * 5000))
    run = cli("import", str(document))
    assert (run.code, run.err.strip()) == (
        1, f"error: {document}: not a Skilltree export: it holds a number of more than 4300 digits"
    )


IN_MEMORY = "an in-memory SQLite database would lose every write when the command or server ends; give a file: sqlite:///PATH"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite+pysqlite:///:memory:"])
@pytest.mark.parametrize("command", [("mark", "git", "done"), ("serve", "--port", "1")])
def test_an_in_memory_database_url_is_refused(cli, url, command):
    # It printed "done" and kept nothing; serve said it was ready and then failed every sign-up.
    run = cli(*command, env={"SKILLTREE_DATABASE_URL": url})
    assert (run.code, run.err.strip()) == (2, f"error: invalid setting SKILLTREE_DATABASE_URL={url!r}: {IN_MEMORY}")


def test_a_port_that_is_not_a_number_is_one_line(cli):
    run = cli("mark", "git", "done", env={"SKILLTREE_DATABASE_URL": "postgresql+psycopg://u:secret@127.0.0.1:notaport/db"})
    assert (run.code, run.err.strip()) == (
        2, "error: invalid setting SKILLTREE_DATABASE_URL='postgresql+psycopg://u:***@127.0.0.1:notaport/db': the port is not a number"
    )


def run_in_read_only(directory: Path, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """argv with `directory` read-only: by its mode, or for root (whom modes do not stop) by a
    read-only bind mount in a mount namespace of the command's own."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
        finally:
            directory.chmod(0o755)
    remount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return subprocess.run(["unshare", "--mount", "sh", "-c", remount, str(directory), *argv],
                          capture_output=True, text=True, env=env, timeout=60)


def test_mark_in_a_read_only_data_directory_says_it_is_read_only(cli, cli_environment, tmp_path):
    data = tmp_path / "readonly"
    url = f"sqlite:///{data}/skilltree.db"
    assert cli("mark", "git", "done", env={"SKILLTREE_DATABASE_URL": url}).code == 0
    run = run_in_read_only(data, [str(SKILLTREE), "mark", "sql", "done"], {**cli_environment, "SKILLTREE_DATABASE_URL": url})
    assert (run.returncode, run.stderr.strip()) == (
        1, f"error: cannot open the database {url}: unable to open database file; {data} is read-only"
    )


def test_a_write_lock_that_cannot_be_created_is_one_line(cli, tmp_path):
    data = tmp_path / "data"
    url = f"sqlite:///{data}/skilltree.db"
    assert cli("mark", "git", "done", env={"SKILLTREE_DATABASE_URL": url}).code == 0
    lock = data / "skilltree.db.write-lock"
    lock.unlink()
    lock.mkdir()  # what a read-only directory does to the lock, for any user: it cannot be opened for writing
    run = cli("mark", "sql", "done", env={"SKILLTREE_DATABASE_URL": url})
    assert (run.code, run.err.strip()) == (1, f"error: the database failed: {lock}: Is a directory")
