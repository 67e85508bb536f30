"""Exit codes that mean something to scripts, and the one way a command gives up.

0 means the command did what was asked; a command that ends normally exits with it.
"""

from __future__ import annotations

from typing import NoReturn

import typer

EXIT_PROBLEM = 1  # content errors, unknown ids, refused input, a database that fails
EXIT_USAGE = 2  # wrong arguments, settings or a directory that is not content


def fail(message: str, code: int = EXIT_PROBLEM) -> NoReturn:
    print_error(message)
    raise typer.Exit(code)


def print_error(message: str) -> None:
    from rich.markup import escape

    from skilltree.cli.output import error_console

    error_console().print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
