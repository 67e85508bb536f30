"""The Typer application: the commands, assembled from the modules that define them."""

from __future__ import annotations

import os

import typer
from typer.core import TyperCommand

from skilltree.cli.catalog_commands import check, ladder, paths, show, topic
from skilltree.cli.db_commands import db_app
from skilltree.cli.ladder_commands import assess, growth
from skilltree.cli.notes_commands import note, notes
from skilltree.cli.options import CONTENT_ENV, ContentOption
from skilltree.cli.progress_commands import export_command, history, import_command, mark, next_topic, progress
from skilltree.cli.review_commands import plan, review
from skilltree.cli.search_command import search
from skilltree.cli.users_commands import users_app
from skilltree.cli.web_commands import passwd, serve

app = typer.Typer(
    name="skilltree",
    help="Skilltree: learning roadmaps for backend engineers.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
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


# In the order `skilltree --help` lists them: reading the curriculum, your progress, then serving.
COMMANDS = {
    "check": check,
    "paths": paths,
    "show": show,
    "topic": topic,
    "ladder": ladder,
    "assess": assess,
    "growth": growth,
    "search": search,
    "mark": mark,
    "next": next_topic,
    "progress": progress,
    "history": history,
    "note": note,
    "notes": notes,
    "export": export_command,
    "import": import_command,
    "review": review,
    "plan": plan,
    "serve": serve,
    "passwd": passwd,
}
for name, command in COMMANDS.items():
    app.command(name, cls=PlainUsageCommand)(command)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
