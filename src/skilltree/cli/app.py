"""The Typer application: the commands, assembled from the modules that define them.

A run builds only the command it runs: importing every command's module and turning each
signature into options costs start-up time (a tenth of `skilltree show`) that one command does
not need. `--help`, no command or an unknown one build them all, so that they are listed.
"""

from __future__ import annotations

import os
from importlib import import_module

import typer
from typer.core import TyperCommand

from skilltree.cli.options import CONTENT_ENV, ContentOption

# In the order `skilltree --help` lists them: reading the curriculum, your progress, then serving.
# Each as (module, function).
COMMANDS = {
    "check": ("catalog_commands", "check"),
    "paths": ("catalog_commands", "paths"),
    "show": ("catalog_commands", "show"),
    "topic": ("catalog_commands", "topic"),
    "ladder": ("catalog_commands", "ladder"),
    "assess": ("ladder_commands", "assess"),
    "growth": ("ladder_commands", "growth"),
    "search": ("search_command", "search"),
    "mark": ("progress_commands", "mark"),
    "next": ("progress_commands", "next_topic"),
    "progress": ("progress_commands", "progress"),
    "history": ("progress_commands", "history"),
    "note": ("notes_commands", "note"),
    "notes": ("notes_commands", "notes"),
    "teams": ("team_commands", "teams"),
    "assignments": ("team_commands", "assignments"),
    "export": ("progress_commands", "export_command"),
    "import": ("progress_commands", "import_command"),
    "review": ("review_commands", "review"),
    "plan": ("review_commands", "plan"),
    "serve": ("web_commands", "serve"),
    "passwd": ("web_commands", "passwd"),
}
# Commands with commands of their own, as (module, Typer app).
GROUPS = {
    "db": ("db_commands", "db_app"),
    "users": ("users_commands", "users_app"),
    "team": ("team_commands", "team_app"),
}


def options_before_the_command(content: ContentOption = None) -> None:
    # `skilltree --content DIR paths` means the same as `skilltree paths --content DIR`: the
    # command's own option reads the variable (its parameters are parsed after this runs), and so
    # does `serve`, whose workers read their settings from the environment.
    if content is not None:
        os.environ[CONTENT_ENV] = str(content)


class PlainUsageCommand(TyperCommand):
    """Usage lines as people write them, `skilltree mark [OPTIONS] TOPIC... STATUS`: Typer puts
    required arguments in braces, which read as a choice."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [piece.removeprefix("{").removesuffix("}") for piece in super().collect_usage_pieces(ctx)]


def build_app(only: str | None = None) -> typer.Typer:
    """The application with every command, or with the command named `only` when there is one."""
    if only not in COMMANDS and only not in GROUPS:
        only = None
    app = typer.Typer(
        name="skilltree",
        help="Skilltree: learning roadmaps for backend engineers.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    app.callback()(options_before_the_command)
    for name, (module, function) in COMMANDS.items():
        if only in (None, name):
            app.command(name, cls=PlainUsageCommand)(getattr(import_module(f"skilltree.cli.{module}"), function))
    for name, (module, group) in GROUPS.items():
        if only in (None, name):
            app.add_typer(getattr(import_module(f"skilltree.cli.{module}"), group), name=name)
    return app


def command_named(arguments: list[str]) -> str | None:
    """The command that `arguments` (the command line after `skilltree`) run, read past the options
    of the whole program; None when something else comes first (--help, say)."""
    remaining = iter(arguments)
    for argument in remaining:
        if argument == "--content":
            next(remaining, None)  # its value
        elif not argument.startswith("--content="):
            return None if argument.startswith("-") else argument
    return None
