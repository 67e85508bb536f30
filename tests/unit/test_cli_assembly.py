"""A run builds only the command it runs; what it runs is read past the whole program's options."""

from __future__ import annotations

import pytest
from typer.main import get_command

from skilltree.cli.app import build_app, command_named


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["show", "starter-kit"], "show"),
        (["--content", "show", "paths"], "paths"),  # a directory named like a command is the option's value
        (["--content=content", "search", "kafka"], "search"),
        (["db", "upgrade"], "db"),
        (["--help"], None),
        (["--content", "content", "--help"], None),
        ([], None),
    ],
)
def test_the_command_a_run_names(arguments, command):
    assert command_named(arguments) == command


def test_a_run_builds_its_command_alone_and_anything_else_builds_them_all():
    assert sorted(get_command(build_app("show")).commands) == ["show"]
    assert sorted(get_command(build_app("team")).commands) == ["team"]
    every = sorted(get_command(build_app()).commands)
    assert "show" in every and "team" in every and len(every) > 20
    assert sorted(get_command(build_app("nosuch")).commands) == every  # so that Click can say it has none
