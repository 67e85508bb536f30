"""The daily loop at the terminal: `skilltree review` (a session, the due list, a grade for
scripts) and `skilltree plan` (plan a path, show plans, print the calendar)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.exits import EXIT_USAGE, fail
from skilltree.cli.learner_session import learner_session, learner_store
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document


def _now() -> datetime:
    return datetime.now(timezone.utc)


def review(
    due: Annotated[bool, typer.Option("--due", help="List today's due cards instead of reviewing them.")] = False,
    grade: Annotated[
        Optional[tuple[int, str]],
        typer.Option("--grade", metavar="CARD_ID RATING", help="Grade one card, for scripts: again, hard, good or easy."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="With --due: at most this many cards.")] = 50,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Review today's cards: Enter shows the answer, 1-4 grade it (again, hard, good, easy), q stops."""
    from skilltree.errors import SkilltreeError
    from skilltree.services import review as review_service

    if due and grade:
        fail("choose one of --due and --grade", EXIT_USAGE)
    rating = None
    if grade:
        try:
            rating = review_service.parse_rating(grade[1])
        except SkilltreeError as exc:
            fail(exc.message, EXIT_USAGE)
    catalog = load_catalog_or_exit(content)
    if grade:
        with learner_store(learner) as (units, person):
            card = review_service.grade_card(units, catalog, learner=person, card_id=grade[0], rating=rating, now=_now())
        print_document(review_service.card_document(card), as_json, "render_graded")
        return
    if due:
        with learner_session(learner) as (uow, person):
            queue = review_service.due_queue(uow, catalog, learner=person, now=_now(), limit=limit)
        document = {
            "cards": [review_service.card_document(card) for card in queue.cards],
            "due_count": queue.due_count,
            "new_count": queue.new_count,
        }
        print_document(document, as_json, "render_due")
        return
    if as_json:
        fail("--json goes with --due or --grade; a review session is for people", EXIT_USAGE)
    from skilltree.cli.review_session import review_session

    with learner_store(learner) as (units, person):
        review_session(units, catalog, learner=person)


def plan(
    path_id: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="The path to plan (default: show your plans).")] = None,
    minutes_per_week: Annotated[Optional[int], typer.Option("--minutes-per-week", help="Time you have each week.")] = None,
    days: Annotated[Optional[str], typer.Option("--days", help="Weekdays you study on, e.g. mon,wed,fri.")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="First day (YYYY-MM-DD; default today).")] = None,
    target: Annotated[Optional[str], typer.Option("--target", metavar="DATE", help="The day you want to be done (YYYY-MM-DD).")] = None,
    delete: Annotated[bool, typer.Option("--delete", help="Delete your plan for PATH.")] = False,
    ics: Annotated[bool, typer.Option("--ics", help="Print your plans' sessions as an iCalendar file.")] = False,
    base_url: Annotated[str, typer.Option("--base-url", help="With --ics: the web address the events link to.")] = "http://127.0.0.1:8000",
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Plan a path into study sessions: skilltree plan starter-kit --minutes-per-week 180 --days mon,wed,fri."""
    from skilltree.services import plans as plan_service

    changing = minutes_per_week is not None or days is not None or start is not None or target is not None
    if ics and (path_id or changing or delete):
        fail("--ics prints every plan; give it alone", EXIT_USAGE)
    if delete and (not path_id or changing):
        fail("--delete needs a PATH and nothing else", EXIT_USAGE)
    if changing and not path_id:
        fail("say which path to plan: skilltree plan PATH --minutes-per-week N --days mon,wed,fri", EXIT_USAGE)
    if changing and (minutes_per_week is None or days is None):
        fail("a plan needs both --minutes-per-week and --days", EXIT_USAGE)
    catalog = load_catalog_or_exit(content)
    moment = _now()
    if ics:
        import sys

        from skilltree.services.calendar_feed import calendar_feed

        with learner_session(learner) as (uow, person):
            plans = plan_service.all_plans(uow, catalog, learner=person, now=moment)
        sys.stdout.write(calendar_feed(plans, learner_id=person.id, base_url=base_url, now=moment).decode())
        return
    with learner_store(learner) as (units, person):
        if delete:
            plan_service.delete_plan(units, learner=person, path_id=path_id)
            print_document({"deleted": path_id}, as_json, "render_plan_deleted")
            return
        if changing:
            views = [
                plan_service.save_plan(
                    units, catalog, learner=person, path_id=path_id, minutes_per_week=minutes_per_week, weekdays=days,
                    start_date=_date(start, "--start"), target_date=_date(target, "--target"), now=moment,
                )
            ]
        else:
            with units() as uow:
                views = (
                    [plan_service.plan_view(uow, catalog, learner=person, path_id=path_id, now=moment)]
                    if path_id
                    else plan_service.all_plans(uow, catalog, learner=person, now=moment)
                )
    print_document({"plans": [plan_service.plan_document(view) for view in views]}, as_json, "render_plans")


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text!r} is not a date (YYYY-MM-DD)", EXIT_USAGE)
