"""The review session and the plans, as people see them at a terminal."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from rich.text import Text

from skilltree.cli.output import console
from skilltree.review.cards import RATING_NAMES, Rating

KEYS = {str(number): rating for number, rating in enumerate(RATING_NAMES, start=1)}


def render_due(document: dict) -> None:
    out = console()
    out.print(Text(f"{document['due_count']} due, {document['new_count']} new today", style="bold"))
    for card in document["cards"]:
        out.print(Text.assemble((f"{card['id']:>6} ", "dim"), (f"[{card['state']}] ", "cyan"), card["question"], (f"  ({card['topic']})", "dim")))


def review_session(units, catalog, *, learner) -> None:
    """One card at a time until nothing is left or the learner types q; a summary at the end."""
    from skilltree.services import review as review_service

    out = console()
    graded: Counter[str] = Counter()
    while True:
        with units() as uow:
            queue = review_service.due_queue(uow, catalog, learner=learner, now=datetime.now(timezone.utc), limit=1, with_intervals=True)
        if not queue.cards:
            out.print(Text("Done for today.", style="bold green") + Text(f" Tomorrow: {queue.tomorrow_count} card(s)."))
            break
        card = queue.cards[0]
        out.print()
        out.print(Text(f"{queue.left} left · {card.topic_title} · {card.state}", style="dim"))
        out.print(Text(card.question, style="bold"))
        if _ask(out, "Enter shows the answer, q stops: ") == "q":
            break
        out.print(Text(card.answer))
        choices = "  ".join(f"{key} {rating} ({card.intervals[rating]})" for key, rating in KEYS.items())
        answer = ""
        while answer not in KEYS and answer != "q":
            answer = _ask(out, f"{choices}, q stops: ")
        if answer == "q":
            break
        review_service.grade_card(units, catalog, learner=learner, card_id=card.id, rating=Rating(KEYS[answer]), now=datetime.now(timezone.utc))
        graded[KEYS[answer]] += 1
    total = sum(graded.values())
    summary = ", ".join(f"{graded[rating]} {rating}" for rating in RATING_NAMES if graded[rating])
    out.print(Text(f"Reviewed {total} card(s)" + (f": {summary}" if summary else "") + "."))


def _ask(out, prompt: str) -> str:
    try:
        return out.input(prompt).strip().lower()
    except EOFError:  # input ended (a pipe, or Ctrl-D): stop as with q
        return "q"


def render_plans(plans) -> None:
    out = console()
    if not plans:
        out.print("You have no plan yet: skilltree plan PATH --minutes-per-week N --days mon,wed,fri", markup=False)
        return
    for plan in plans:
        out.print(Text(plan.path_title, style="bold underline") + Text(f" ({plan.path})", style="dim"))
        out.print(Text(f"{plan.minutes_per_week} min a week on {','.join(plan.weekdays)}, from {plan.start_date.isoformat()}"
                       + (f", target {plan.target_date.isoformat()}" if plan.target_date else "")))
        if plan.on_track:
            standing = Text("on track", style="green")
        else:
            standing = Text(f"{plan.days_behind} day(s) behind; re-planned from today", style="yellow")
        if plan.finish_date:
            standing += Text(f" · finishing {plan.finish_date.isoformat()}")
        out.print(standing)
        if plan.minutes_per_week_needed:
            out.print(Text(f"to finish by {plan.target_date.isoformat()}: {plan.minutes_per_week_needed} min a week"))
        for session in plan.upcoming[:10]:
            topics = ", ".join(topic.title for topic in session.topics) or "reviews"
            out.print(Text.assemble((f"  {session.day:%a %Y-%m-%d}  ", "cyan"), topics, (f"  {session.minutes} min", "dim")))
        if len(plan.upcoming) > 10:
            out.print(Text(f"  and {len(plan.upcoming) - 10} more sessions", style="dim"))
