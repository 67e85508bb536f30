"""`skilltree review` without options: a review session at the terminal, one card at a time."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from rich.text import Text

from skilltree.cli.output import console
from skilltree.review.cards import RATING_NAMES, Rating

KEYS = {str(number): rating for number, rating in enumerate(RATING_NAMES, start=1)}


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
