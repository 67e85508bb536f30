"""Commands of the ladder self-assessment: assess, growth, and what `ladder --me` shows."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from skilltree.cli.content import load_catalog_or_exit
from skilltree.cli.exits import EXIT_USAGE, fail
from skilltree.cli.options import ContentOption, JsonOption, LearnerOption
from skilltree.cli.output import print_document

LadderOption = Annotated[
    Optional[str],
    typer.Option("--ladder", metavar="LADDER", help="Ladder id (default: the only ladder).", show_default=False),
]


def chosen_ladder(catalog, ladder_id: str | None) -> str:
    """The ladder a command works on; with several and none named, a usage mistake."""
    from skilltree.errors import SkilltreeError
    from skilltree.services.assessment import assessable_ladder

    if ladder_id is None:
        if not catalog.ladders:
            fail("this content has no ladder")
        if len(catalog.ladders) > 1:
            fail(f"this content has several ladders ({', '.join(sorted(catalog.ladders))}); choose one with --ladder", EXIT_USAGE)
        ladder_id = next(iter(catalog.ladders))
    try:
        return assessable_ladder(catalog, ladder_id=ladder_id).id
    except SkilltreeError as exc:
        fail(exc.message)


def _evidence(text: str | None, file: Path | None) -> str:
    if text is not None and file is not None:
        fail("give --evidence or --evidence-file, not both", EXIT_USAGE)
    if file is None:
        return text or ""
    if str(file) == "-":
        import sys

        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")


def print_standing(ladder_id: str, catalog, learner: str | None, as_json: bool) -> None:
    """`skilltree ladder --me`: readiness per level and the learner's ratings."""
    from skilltree.cli.learner_session import learner_session
    from skilltree.services.assessment import standing
    from skilltree.services.assessment_documents import standing_document

    with learner_session(learner) as (uow, person):
        document = standing_document(standing(uow, catalog, learner=person, ladder_id=ladder_id))
    print_document(document, as_json, "render_standing", public="MyLadderPublic")


def assess(
    responsibility: Annotated[str, typer.Argument(metavar="RESPONSIBILITY", help="Responsibility id, e.g. api-design.")],
    rating: Annotated[str, typer.Argument(metavar="RATING", help="not_yet, growing or consistent.")],
    evidence: Annotated[Optional[str], typer.Option("--evidence", metavar="TEXT", help="What shows it, in Markdown (links: http or https).", show_default=False)] = None,
    evidence_file: Annotated[Optional[Path], typer.Option("--evidence-file", metavar="FILE", help="Read the evidence from FILE ('-': standard input).", show_default=False)] = None,
    ladder: LadderOption = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Rate yourself on a ladder responsibility, with evidence: skilltree assess testing growing."""
    from skilltree.errors import SkilltreeError
    from skilltree.progress.models import Source
    from skilltree.services.assessment import parse_rating, rate
    from skilltree.services.assessment_documents import change_document

    try:
        wanted = parse_rating(rating)
    except SkilltreeError as exc:
        fail(exc.message)
    text = _evidence(evidence, evidence_file)
    catalog = load_catalog_or_exit(content)
    ladder_id = chosen_ladder(catalog, ladder)
    from skilltree.cli.learner_session import learner_store

    with learner_store(learner) as (units, person):
        change = rate(
            units, catalog, learner=person, ladder_id=ladder_id, responsibility_id=responsibility,
            rating=wanted, evidence=text, source=Source.CLI, now=datetime.now(timezone.utc),
        )
    print_document(change_document(change), as_json, "render_rating_change", public="RatingChangePublic")


def growth(
    target: Annotated[Optional[str], typer.Option("--target", metavar="LEVEL", help="The level to grow to (default: the next above yours).", show_default=False)] = None,
    ladder: LadderOption = None,
    as_json: JsonOption = False,
    learner: LearnerOption = None,
    content: ContentOption = None,
) -> None:
    """Your growth plan towards a level: the topics left, in one reading order, with the minutes."""
    from skilltree.cli.learner_session import learner_session
    from skilltree.services.assessment import growth as growth_plan
    from skilltree.services.assessment_documents import growth_document

    catalog = load_catalog_or_exit(content)
    ladder_id = chosen_ladder(catalog, ladder)
    with learner_session(learner) as (uow, person):
        document = growth_document(growth_plan(uow, catalog, learner=person, ladder_id=ladder_id, target=target))
    print_document(document, as_json, "render_growth", public="GrowthPublic")
