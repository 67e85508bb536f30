"""The `skilltree` command line. Heavy libraries are imported inside the commands that need them."""

from skilltree.cli.app import app


def main() -> None:
    app()
