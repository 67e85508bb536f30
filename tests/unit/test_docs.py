"""Every command and every setting is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from skilltree.cli.app import build_app

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()


def test_every_command_is_in_the_readme():
    commands = sorted(get_command(build_app()).commands)
    assert commands
    missing = [name for name in commands if f"skilltree {name}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme():
    from skilltree.config import FIELDS

    source = "\n".join(p.read_text() for p in (REPO / "src").rglob("*.py"))
    settings = set(re.findall(r"SKILLTREE_[A-Z_]+", source))
    settings |= {f"SKILLTREE_{name.upper()}" for name in FIELDS}
    assert "SKILLTREE_DATABASE_URL" in settings
    missing = sorted(name for name in settings if f"`{name}`" not in README)
    assert missing == []
