"""How each command's document is shown to people at a terminal (with --json it is printed as it is).

Each render_* function takes the document a command prints, through output.print_document.
"""

from __future__ import annotations

from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from skilltree.catalog.problems import Problem, Severity
from skilltree.cli.output import console
from skilltree.progress.models import Status
from skilltree.search.hits import JSON_MARK

LEVEL_STYLES = {"beginner": "green", "intermediate": "yellow", "advanced": "magenta"}


def render_check(report: dict) -> None:
    out = console()
    for fields in report["problems"]:
        problem = Problem(**{**fields, "severity": Severity(fields["severity"])})
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        out.print(str(problem), style=style, markup=False, soft_wrap=True)
    counts = f"{report['topics']} topics, {report['paths']} paths, {report['ladders']} ladders"
    verdict = "[bold green]ok[/]" if report["ok"] else "[bold red]failed[/]"
    out.print(f"{verdict}: {counts}; {report['errors']} error(s), {report['warnings']} warning(s)")


def render_paths(document: dict) -> None:
    table = Table(title="Learning paths", title_justify="left")
    # Ids and counts stay whole; on a narrow terminal the prose columns wrap instead of vanishing.
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title", min_width=12)
    table.add_column("topics", justify="right", no_wrap=True)
    table.add_column("reading time", min_width=9)
    table.add_column("level mix", min_width=14)
    for item in document["paths"]:
        figures = item.figures
        table.add_row(item.id, item.title, str(figures.topics), figures.reading_time, figures.level_mix_text)
    console().print(table)


def _figures_line(figures) -> Text:
    return Text.assemble(
        (f"{figures.topics} topics", "bold"),
        f" in {figures.sections} sections · ",
        (figures.reading_time, "bold"),
        " · ",
        figures.level_mix_text,
    )


def render_outline(outline: dict) -> None:
    """A path as the terminal shows it, each topic marked with its status; every line fits the terminal."""
    _print_wrapped(Text(outline.title, style="bold underline"))
    _print_wrapped(Text(outline.summary, style="italic"))
    _print_wrapped(_figures_line(outline.figures))
    # One table for all sections, so the columns line up from top to bottom. The topic column is
    # the only one that wraps (its id after the title): on 80 columns a title keeps ~50 of them.
    table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("topic", ratio=1)
    table.add_column("level", no_wrap=True)
    table.add_column("minutes", justify="right", no_wrap=True)
    number = 0
    for section in outline.sections:
        table.add_row("", "", "", "", "")
        table.add_row("", "", Text(section.title, style="bold cyan"), "", "")
        for item in section.topics:
            number += 1
            topic = Text(item.title) + Text(f"  {item.id}", style="dim")
            if item.optional:
                topic += Text(" · optional", style="dim")
            table.add_row(
                status_mark(item.status),
                f"{number}.",
                topic,
                Text(item.level, style=LEVEL_STYLES[item.level]),
                f"{item.minutes} min",
            )
    _print_wrapped(table)


def render_ladder(outline: dict) -> None:
    """Per area, each responsibility with a mark under every level that holds it, your progress on
    the topics that prepare for it, and those topics with your status on each."""
    out = console()
    out.print(Text(outline.title, style="bold underline"))
    out.print(Text(outline.summary, style="italic"))
    levels = outline.levels
    count = sum(len(area.responsibilities) for area in outline.areas)
    out.print(Text(" → ".join(level.title for level in levels) + f" · {count} responsibilities", style="dim"))
    for area in outline.areas:
        table = Table(box=None, padding=(0, 1), pad_edge=False, title=area.title, title_justify="left", title_style="bold cyan")
        table.add_column("responsibility", ratio=1)
        for level in levels:
            table.add_column(level.title, justify="center", no_wrap=True)
        table.add_column("topics", justify="right", style="dim", no_wrap=True)
        for duty in area.responsibilities:
            marks = ["✓" if level.id in duty.levels else "·" for level in levels]
            progress = duty.progress
            done = f"{progress.done}/{progress.counted} done" if progress else f"{len(duty.topics)}"
            cell = Text(duty.title, style="bold") + Text("\n") + _ladder_topics(duty.topics)
            table.add_row(cell, *marks, done)
        out.print()
        out.print(table)


def render_ladder_list(document: dict) -> None:
    out = console()
    if not document["ladders"]:
        out.print("this content has no ladders", markup=False)
    for item in document["ladders"]:
        levels = " → ".join(level.title for level in item.levels)
        count = item.responsibilities
        out.print(f"{item.id}  {item.title}: {levels}, {count} responsibilit{'y' if count == 1 else 'ies'}", markup=False)


def _ladder_topics(topics: list[dict]) -> Text:
    """The topic ids, each after its status mark when there is progress (no space between them,
    so that a narrow terminal never wraps a mark away from its topic)."""
    line = Text()
    for n, topic in enumerate(topics):
        if n:
            line += Text(", ", style="dim")
        if topic.status not in (None, Status.NOT_STARTED):
            line += status_mark(topic.status)
        line += Text(topic.id, style="dim")
    return line


STATUS_MARKS = {
    Status.NOT_STARTED: ("[ ]", "dim"),
    Status.LEARNING: ("[~]", "yellow"),
    Status.DONE: ("[x]", "green"),
    Status.SKIPPED: ("[-]", "dim"),
}


def status_mark(status: str) -> Text:
    mark, style = STATUS_MARKS[status]
    return Text(mark, style=style)


def render_topic(detail: dict, *, answers: bool = False) -> None:
    """Every line wrapped at the terminal's width, never cropped: the whole article reaches a
    terminal or a pipe. The review questions come last, their answers only with `answers`."""
    from rich.markdown import Markdown  # markdown-it is slow to import; only topics need it

    lines = [
        Text(detail.title, style="bold underline") + Text(f"  {detail.id}", style="dim"),
        Text(detail.summary, style="italic"),
        Text.assemble(
            (detail.level, LEVEL_STYLES[detail.level]),
            f" · {detail.minutes} min",
            f" ({detail.minutes_note})" if detail.minutes_note else "",
            (" · " + ", ".join(detail.tags)) if detail.tags else "",
        ),
    ]
    for label, links in (("Prerequisites", detail.prerequisites), ("Unlocks", detail.unlocks), ("In paths", detail.paths)):
        if links:
            lines.append(Text(f"{label}: ", style="bold") + Text(", ".join(f"{link.title} ({link.id})" for link in links)))
    if detail.responsibilities:
        prepared = ", ".join(f"{duty.title} ({duty.from_title}+)" for duty in detail.responsibilities)
        lines.append(Text("Prepares for: ", style="bold") + Text(prepared))
    lines += [Text(), Markdown(detail.body, justify="default"), Text(), Text("Resources", style="bold")]
    for resource in detail.resources:
        line = Text(f"  [{resource.type}] ", style="dim") + Text(resource.title, style="bold")
        if resource.author:
            line += Text(f" by {resource.author}")
        if resource.url:
            line += Text(f"  {resource.url}", style="blue")
        lines.append(line)
    if detail.review:
        # A grid, so that a question or answer that wraps stays indented under its number.
        review = Table.grid(padding=(0, 1))
        review.add_column(justify="right", no_wrap=True)
        review.add_column()
        for number, card in enumerate(detail.review, 1):
            review.add_row(f"{number}.", Text(card.q) + (Text("\n" + card.a, style="dim") if answers else Text()))
        lines += [Text(), Text("Check yourself", style="bold"), review]
        if not answers:
            lines.append(Text(f"(answers: skilltree topic {detail.id} --answers)", style="dim"))
    for renderable in lines:
        _print_wrapped(renderable)


def _print_wrapped(renderable) -> None:
    """`renderable` wrapped at the console's width, without the blanks Rich pads its lines with
    (a background colour, as on code blocks, is kept)."""
    out = console()
    coloured = out.color_system is not None and not out.no_color

    def shows_background(segment: Segment) -> bool:
        return coloured and segment.style is not None and segment.style.bgcolor is not None

    for line in out.render_lines(renderable, out.options.update(no_wrap=False, overflow="fold")):
        while line and not line[-1].text.strip() and not shows_background(line[-1]):
            line.pop()
        if line and not shows_background(line[-1]):
            line[-1] = Segment(line[-1].text.rstrip(), line[-1].style, line[-1].control)
        out.print(Segments([*line, Segment.line()]))


def _bar(percent: int, width: int = 24) -> Text:
    filled = round(width * percent / 100)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def render_changes(document: dict) -> None:
    for change in document["changes"]:
        note = "" if change.changed else f" (already {change.status})"
        console().print(status_mark(change.status) + Text(f" {change.title} ({change.topic}): {change.status}{note}"))


def render_next(document: dict) -> None:
    for report in document["paths"]:
        _render_next_on(report)


def _render_next_on(report: dict) -> None:
    out = console()
    header = Text(report.title, style="bold") + Text(f"  {report.percent}% · {report.minutes_left} min left", style="dim")
    out.print(header)
    upcoming = report.next
    if upcoming:
        out.print(
            Text("  next: ", style="bold")
            + Text(upcoming.title, style="bold cyan")
            + Text(f" ({upcoming.id}) · {upcoming.level} · {upcoming.minutes} min")
        )
        out.print(Text(f"  {upcoming.summary}", style="italic"))
        out.print(Text(f"  skilltree topic {upcoming.id}", style="dim"))
    elif report.blocked:
        out.print(Text("  nothing is free to start: every remaining topic waits on a prerequisite", style="yellow"))
    else:
        out.print(Text("  finished: every topic is done or skipped", style="green"))
    for item in report.blocked:
        outside = " (not in this path)" if upcoming else ""
        out.print(Text(f"  {item.topic} waits on {', '.join(item.waiting_on)}{outside}"))


def render_progress(document: dict, *, detailed: bool) -> None:
    """A bar per path, and per section when `detailed` (one named path); under each started path,
    what is next, the optional topics and the dates."""
    out = console()
    reports, activity = document["paths"], document["activity"]
    names = [report.title for report in reports]
    if detailed:
        names += [f"  {section.title}" for report in reports for section in report.sections]
    # One table per path, with the same columns, so that the bars line up down the page; on a
    # narrow terminal the names wrap and the bars shorten rather than lose their ends.
    name_width = min(max(map(len, names), default=0), 44, out.width * 2 // 5)
    counts_width = len("0000/0000 done · 0000 min left")
    bar_width = max(8, min(24, out.width - name_width - counts_width - 8))
    for report in reports:
        table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
        table.add_column("what", width=name_width)
        table.add_column("bar", no_wrap=True)
        table.add_column("percent", justify="right", no_wrap=True, min_width=4)
        table.add_column("counts", style="dim", no_wrap=True)
        required = report.required
        table.add_row(
            Text(report.title, style="bold"),
            _bar(report.percent, bar_width),
            f"{report.percent}%",
            f"{required.done}/{required.counted} done · {report.minutes_left} min left",
        )
        if detailed:
            for section in report.sections:
                table.add_row(
                    Text(f"  {section.title}"),
                    _bar(section.percent, bar_width),
                    f"{section.percent}%",
                    _section_counts(section),
                )
        out.print(table)
        if report.started_at:
            out.print(_path_details(report))
    streak = activity.current_streak
    out.print(Text(f"streak: {streak} day{'s' if streak != 1 else ''} (longest {activity.longest_streak})", style="dim"))


def _section_counts(section: dict) -> str:
    # A section of optional topics only is measured by them.
    if section.required.total:
        counts, kind = section.required, ""
    else:
        counts, kind = section.optional, " optional"
    return f"{counts.done}/{counts.counted}{kind}"


def _path_details(report: dict) -> Text:
    details = Text("  ")
    if report.next:
        details += Text("next: ", style="bold") + Text(f"{report.next.title} ({report.next.id}) · ")
    optional = report.optional
    line = f"optional {optional.done}/{optional.total} done · " if optional.total else ""
    line += f"started {report.started_at.date()}"
    if report.finished_at:
        line += f", finished {report.finished_at.date()}"
    return details + Text(line, style="dim")


def render_history(document: dict) -> None:
    out = console()
    events = document["events"]
    if not events:
        out.print(Text("no progress recorded yet: try 'skilltree mark git done'", style="dim"))
        return
    # Only the topic wraps: the time, status and source stay whole on any width.
    table = Table(box=None, padding=(0, 1), pad_edge=False)
    table.add_column("when (UTC)", no_wrap=True)
    table.add_column("topic", ratio=1)
    table.add_column("status", no_wrap=True)
    table.add_column("via", no_wrap=True)
    for event in events:
        table.add_row(event.at.strftime("%Y-%m-%d %H:%M:%S"), f"{event.title} ({event.topic})", status_mark(event.status) + Text(f" {event.status}"), event.source)
    _print_wrapped(table)


def render_import(document: dict) -> None:
    console().print(
        f"imported {document['added']} new event(s) for {document['learner']}; {document['already_there']} were already there",
        markup=False,
    )
    if document["assessments"]:
        console().print(
            f"imported {document['assessments_added']} new ladder rating(s); "
            f"{document['assessments'] - document['assessments_added']} were already there",
            markup=False,
        )
    if document["ratings_received"]:
        console().print(
            f"imported {document['ratings_received_added']} new rating(s) received from mentors; "
            f"{document['ratings_received_skipped']} skipped: their rater has no account here, or is you",
            markup=False,
        )


def _marked(indent: str, snippet: str) -> Text:
    """A snippet as the JSON marks it, each match as **match**: the odd pieces between the marks."""
    text = Text(indent)
    for index, piece in enumerate(snippet.split(JSON_MARK)):
        text.append(piece, style="bold yellow" if index % 2 else "")
    return text


def render_search(document: dict, *, query: str) -> None:
    out = console()
    if document.get("notes"):  # the learner's own, a kind of result apart from the topics
        out.print(Text("Your notes", style="bold underline"))
        for hit in document["notes"]:
            out.print(Text("  ✎ ", style="dim") + Text(hit["title"], style="bold") + Text(f"  {hit['topic']}", style="dim"))
            out.print(_marked("    ", hit["snippet"]))
        out.print()
    if document.get("corrected_query"):
        out.print(Text(f"Showing results for {document['corrected_query']!r}", style="dim"))
    if not document["results"]:
        out.print(Text(f"no topics match {query!r}", style="dim"))
        return
    for number, hit in enumerate(document["results"], 1):
        line = Text(f"{number:>2}. ", style="dim") + Text(hit["title"], style="bold")
        line += Text(f"  {hit['id']}", style="dim")
        line += Text("  ") + Text(hit["level"], style=LEVEL_STYLES.get(hit["level"], "")) + Text(f" · {hit['minutes']} min")
        if "status" in hit:
            line += Text("  ") + status_mark(hit["status"]) + Text(f" {hit['status'].replace('_', ' ')}", style="dim")
        out.print(line)
        out.print(_marked("    ", hit["snippet"]))
        if hit["paths"]:
            out.print(Text(f"    in {', '.join(hit['paths'])}", style="dim"))


def render_standing(document: dict) -> None:
    """`ladder --me`: the current level, each level's readiness, what stands before the next, and
    each responsibility with its rating, its topics and any disagreement between the two."""
    out = console()
    labels = {step["id"]: step["label"] for step in document["ratings"]}
    titles = {level["id"]: level["title"] for level in document["levels"]}
    out.print(Text(document["title"], style="bold underline"))
    current = titles.get(document["current_level"], "none reached yet")
    out.print(Text.assemble("Your level: ", (current, "bold")))
    table = Table(box=None, padding=(0, 1), pad_edge=False)
    table.add_column("level", no_wrap=True)
    table.add_column("reached", no_wrap=True)
    for step in document["ratings"][::-1]:
        table.add_column(step["label"], justify="right", no_wrap=True)
    for level in document["levels"]:
        counts = [f"{level[step['id']]}/{level['total']}" for step in document["ratings"][::-1]]
        table.add_row(level["title"], "yes" if level["reached"] else "no", *counts)
    out.print(table)
    if document["next_level"]:
        level = next(item for item in document["levels"] if item["id"] == document["next_level"])
        duties = {duty["id"]: duty["title"] for duty in document["responsibilities"]}
        out.print(Text(f"Before {level['title']}: " + ", ".join(duties[d] for d in level["missing"]), style="yellow"))
    table = Table(box=None, padding=(0, 1), pad_edge=False, title="Your ratings", title_justify="left", title_style="bold cyan")
    table.add_column("responsibility", ratio=1)
    table.add_column("rating", no_wrap=True)
    table.add_column("topics", justify="right", no_wrap=True)
    for duty in document["responsibilities"]:
        name = Text(duty["title"]) + Text(f" ({duty['id']})", style="dim")
        if duty["retired"]:
            name += Text(" retired", style="dim italic")
        if duty["note"]:
            name += Text("\n" + duty["note"], style="yellow")
        topics = duty["topics"]
        rating = labels.get(duty["rating"], "not rated")
        table.add_row(name, rating, f"{topics['done']}/{topics['total'] - topics['skipped']} done")
    out.print()
    out.print(table)


def render_rating_change(document: dict) -> None:
    note = f" (was {document['previous']})" if document["previous"] and document["changed"] else ""
    if not document["changed"]:
        note = " (already so, with this evidence: nothing recorded)"
    console().print(f"{document['title']} ({document['responsibility']}): {document['rating']}{note}", markup=False)


def render_growth(document: dict) -> None:
    """The plan: what the target holds that is not yet consistent, then the topics left in order."""
    out = console()
    progress = document["progress"]
    out.print(Text(f"Growth plan towards {document['target_title']}", style="bold underline"))
    if not document["responsibilities"]:
        out.print(f"You rate yourself consistent on everything {document['target_title']} holds.", markup=False)
        return
    out.print(
        f"{len(document['topics'])} topics left · {document['minutes']} min · "
        f"{progress['done']} of {progress['total'] - progress['skipped']} done ({progress['percent']}%)",
        markup=False,
    )
    out.print(Text("For: ", style="dim") + Text(", ".join(f"{r['title']} ({r['rating']})" for r in document["responsibilities"])))
    table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("topic", ratio=1)
    table.add_column("minutes", justify="right", no_wrap=True)
    for number, topic in enumerate(document["topics"], 1):
        why = "prerequisite from outside the ladder" if topic["outside_ladder"] else ", ".join(topic["responsibilities"]) or "prerequisite"
        cell = Text(topic["title"]) + Text(f" ({topic['id']})", style="dim") + Text(f"\n{why}", style="dim italic")
        table.add_row(f"{number}.", status_mark(topic["status"]), cell, f"{topic['minutes']} min")
    out.print(table)
    if document["next"]:
        out.print(Text.assemble("Next up: ", (document["topics"][0]["title"], "bold")))


def render_notes(document: dict, *, filtered_by: str | None) -> None:
    """`skilltree notes`: the topics with notes, newest first, each with its note's first line."""
    out = console()
    if not document["notes"]:
        out.print("no notes" + (f" hold {filtered_by!r}" if filtered_by else " yet: write one with 'skilltree note TOPIC'"))
        return
    for summary in document["notes"]:
        line = Text(f"{summary.updated_at:%Y-%m-%d %H:%M}  ", style="dim") + Text(summary.title, style="bold")
        out.print(line + Text(f"  {summary.topic}", style="dim"))
        if summary.first_line:
            out.print(Text(f"    {summary.first_line}"))


def render_users(document: dict) -> None:
    """`skilltree users list`: one account a row."""
    table = Table("username", "display name", "created", "last active", "role", "state", box=None, padding=(0, 2, 0, 0))
    for user in document["users"]:
        table.add_row(
            user.username, user.display_name, f"{user.created_at:%Y-%m-%d}",
            f"{user.last_active:%Y-%m-%d %H:%M}" if user.last_active else "never",
            "administrator" if user.is_admin else "learner", "disabled" if user.disabled else "active",
        )
    out = console()
    out.print(table)
    out.print(f"{len(document['users'])} of {document['total']} account(s)", style="dim")


def render_teams(document: dict) -> None:
    """`skilltree teams`: one team a row, with your role."""
    out = console()
    if not document["teams"]:
        out.print("you are in no team yet: create one or accept an invite on the web")
        return
    table = Table("id", "team", "your role", "members", box=None, padding=(0, 2, 0, 0))
    for mine in document["teams"]:
        table.add_row(str(mine.id), mine.name, mine.role.value, str(mine.members))
    out.print(table)


def _days_left(days: int | None) -> str:
    if days is None:
        return "no due date"
    if days < 0:
        return f"{-days} day{'s' if days < -1 else ''} overdue"
    return "due today" if days == 0 else f"{days} day{'s' if days > 1 else ''} left"


def render_assignments(document: dict) -> None:
    """`skilltree assignments`: soonest due first, with progress and days left."""
    out = console()
    if not document["assignments"]:
        out.print("nothing is assigned to you")
        return
    table = Table("path", "team", "assigned by", "due", "progress", "", box=None, padding=(0, 2, 0, 0))
    for item in document["assignments"]:
        table.add_row(
            item.path, item.team_name, item.assigned_by or "-", item.due.isoformat() if item.due else "-",
            f"{item.percent}%" if item.percent is not None else "path retired", _days_left(item.days_left),
            style="bold red" if item.days_left is not None and item.days_left < 0 else None,
        )
    out.print(table)
def render_due(document: dict) -> None:
    """`skilltree review --due`: today's counts and queue."""
    out = console()
    out.print(Text(f"{document['due_count']} due, {document['new_count']} new today", style="bold"))
    for card in document["cards"]:
        out.print(Text.assemble((f"{card['id']:>6} ", "dim"), (f"[{card['state']}] ", "cyan"), card["question"], (f"  ({card['topic']})", "dim")))


def render_plans(document: dict) -> None:
    """`skilltree plan`: each plan, on track or behind, and its next sessions."""
    out = console()
    if not document["plans"]:
        out.print("You have no plan yet: skilltree plan PATH --minutes-per-week N --days mon,wed,fri", markup=False)
        return
    for plan in document["plans"]:
        out.print(Text(plan["path_title"], style="bold underline") + Text(f" ({plan['path']})", style="dim"))
        target = f", target {plan['target_date']}" if plan["target_date"] else ""
        out.print(Text(f"{plan['minutes_per_week']} min a week on {','.join(plan['days'])}, from {plan['start_date']}{target}"))
        if plan["on_track"]:
            standing = Text("on track", style="green")
        else:
            standing = Text(f"{plan['days_behind']} day(s) behind; re-planned from today", style="yellow")
        if plan["finish_date"]:
            standing += Text(f" · finishing {plan['finish_date']}")
        out.print(standing)
        if plan["minutes_per_week_needed"]:
            out.print(Text(f"to finish by {plan['target_date']}: {plan['minutes_per_week_needed']} min a week"))
        for session in plan["sessions"][:10]:
            topics = ", ".join(topic["title"] for topic in session["topics"]) or "reviews"
            minutes = session["topic_minutes"] + session["review_minutes"]
            out.print(Text.assemble((f"  {session['day']}  ", "cyan"), topics, (f"  {minutes} min", "dim")))
        if len(plan["sessions"]) > 10:
            out.print(Text(f"  and {len(plan['sessions']) - 10} more sessions", style="dim"))


def render_plan_deleted(document: dict) -> None:
    console().print(f"deleted your plan for {document['deleted']}", markup=False)


def render_graded(card: dict) -> None:
    """`skilltree review --grade`: the card's state and next due moment."""
    console().print(f"card {card['id']} ({card['topic']}): {card['state']}, next due {card['due']}", markup=False)


def render_team(document: dict) -> None:
    """`skilltree team create|members`: the team and its members with their roles."""
    out = console()
    out.print(f"{document['name']} (team {document['id']}; you are {document['role']})")
    if document["description"]:
        out.print(document["description"])
    table = Table("member", "name", "role", "joined", box=None, padding=(0, 2, 0, 0))
    for member in document["members"]:
        table.add_row(member["username"], member["display_name"], member["role"], f"{member['joined_at']:%Y-%m-%d}")
    out.print(table)


def render_invite(document: dict) -> None:
    """`skilltree team invite`: the link, shown this once."""
    uses = document["uses_left"]
    console().print(
        f"{document['url']}\nlets {uses} {'person' if uses == 1 else 'people'} in until {document['expires_at']:%Y-%m-%d %H:%M} UTC; "
        "shown this once: hand it to whoever should join"
    )


def render_assignment(document: dict) -> None:
    """`skilltree team assign`: what was assigned to whom."""
    whom = ", ".join(document["members"]) if document["members"] else "every member"
    due = f", due {document['due'].isoformat()}" if document["due"] else ", no due date"
    console().print(f"assigned {document['path']} to {whom}{due}")


def render_dashboard(document: dict) -> None:
    """`skilltree team dashboard`: stuck members first with their reasons, then a row per member
    with their percent on each assignment that reaches them."""
    out = console()
    titles = [assignment["title"] for assignment in document["assignments"]]
    if not titles:
        out.print("nothing is assigned in this team yet: skilltree team assign TEAM_ID PATH", markup=False)
        return
    stuck = [member for member in document["members"] if member["stuck"]]
    out.print(Text(f"{len(stuck)} of {len(document['members'])} members stuck", style="bold red" if stuck else "bold"))
    for member in stuck:
        out.print(Text.assemble((member["username"], "bold"), ": ", "; ".join(reason["message"] for reason in member["stuck"])))
    table = Table("member", *titles, box=None, padding=(0, 2, 0, 0))
    for member in document["members"]:
        table.add_row(
            member["username"],
            *("-" if cell is None else ("retired" if cell["percent"] is None else f"{cell['percent']}%") for cell in member["cells"]),
            style="red" if member["stuck"] else None,
        )
    out.print(table)
