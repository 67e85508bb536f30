"""Files and settings that would hang, exhaust or crash a command are refused at once, in one line."""

from __future__ import annotations

import os

import pytest


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
