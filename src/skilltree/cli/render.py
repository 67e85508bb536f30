"""Rich renderings of a path roadmap and a topic for people at a terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from skilltree.cli.output import LEVEL_STYLES, console


def _figures_line(figures: dict) -> Text:
    return Text.assemble(
        (f"{figures['topics']} topics", "bold"),
        f" in {figures['sections']} sections · ",
        (figures["reading_time"], "bold"),
        " · ",
        figures["level_mix_text"],
    )


def render_outline(outline: dict, statuses: dict[str, str] | None = None) -> None:
    """A path as the terminal shows it; with `statuses` (topic id -> status) each topic is marked."""
    out = console()
    out.print(Text(outline["title"], style="bold underline"))
    out.print(Text(outline["summary"], style="italic"))
    out.print(_figures_line(outline["figures"]))
    number = 0
    for section in outline["sections"]:
        out.print()
        out.print(Text(section["title"], style="bold cyan"))
        if section["summary"]:
            out.print(Text(section["summary"], style="dim"))
        table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
        if statuses is not None:
            table.add_column("status", no_wrap=True)
        table.add_column("#", justify="right", style="dim")
        table.add_column("topic")
        table.add_column("level", no_wrap=True)
        table.add_column("minutes", justify="right", no_wrap=True)
        table.add_column("optional", style="dim", no_wrap=True)
        for item in section["topics"]:
            number += 1
            row = [
                f"{number}.",
                Text(item["title"]) + Text(f"  {item['id']}", style="dim"),
                Text(item["level"], style=LEVEL_STYLES[item["level"]]),
                f"{item['minutes']} min",
                "optional" if item["optional"] else "",
            ]
            if statuses is not None:
                row.insert(0, status_mark(statuses.get(item["id"], "not_started")))
            table.add_row(*row)
        out.print(table)


STATUS_MARKS = {
    "not_started": ("[ ]", "dim"),
    "learning": ("[~]", "yellow"),
    "done": ("[x]", "green"),
    "skipped": ("[-]", "dim"),
}


def status_mark(status: str) -> Text:
    mark, style = STATUS_MARKS[status]
    return Text(mark, style=style)


def render_topic(detail: dict) -> None:
    from rich.markdown import Markdown  # markdown-it is slow to import; only topics need it

    out = console()
    out.print(Text(detail["title"], style="bold underline") + Text(f"  {detail['id']}", style="dim"))
    out.print(Text(detail["summary"], style="italic"))
    minutes = f"{detail['minutes']} min"
    if detail["minutes_note"]:
        minutes += f" ({detail['minutes_note']})"
    out.print(
        Text.assemble(
            (detail["level"], LEVEL_STYLES[detail["level"]]),
            f" · {minutes}",
            (" · " + ", ".join(detail["tags"])) if detail["tags"] else "",
        )
    )
    for label, links in (("Prerequisites", detail["prerequisites"]), ("Unlocks", detail["unlocks"]), ("In paths", detail["paths"])):
        if links:
            out.print(Text(f"{label}: ", style="bold") + Text(", ".join(f"{link['title']} ({link['id']})" for link in links)))
    out.print()
    out.print(Markdown(detail["body"]))
    out.print()
    out.print(Text("Resources", style="bold"))
    for resource in detail["resources"]:
        line = Text(f"  [{resource['type']}] ", style="dim") + Text(resource["title"], style="bold")
        if resource.get("author"):
            line += Text(f" by {resource['author']}")
        if resource.get("url"):
            line += Text(f"  {resource['url']}", style="blue")
        out.print(line)
