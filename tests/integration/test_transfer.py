"""Import refuses what cannot be a real export, and never renames a learner after someone else."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from skilltree.errors import InvalidInput
from skilltree.services import progress as progress_service
from skilltree.services.transfer import export_learner, import_learner, parse_export
from skilltree.store.uow import UnitOfWork, units_of_work

NOW = datetime.now(timezone.utc)


def document(*, at: object = "2026-11-01T10:00:00+00:00", version: object = 1, username: str = "ada") -> str:
    return json.dumps({
        "format": "skilltree-export",
        "version": version,
        "learner": {"username": username, "display_name": "Ada L.", "created_at": "2026-10-01T00:00:00+00:00"},
        "events": [{"topic": "git", "status": "done", "at": at, "source": "cli"}],
    })


def refusal(text: str) -> str:
    with pytest.raises(InvalidInput) as error:
        parse_export(text, name="x.json")
    return error.value.message


def test_dates_in_the_future_or_before_1970_are_refused():
    future = (NOW + timedelta(days=30)).replace(microsecond=0).isoformat()
    assert refusal(document(at=future)) == f"x.json: not a Skilltree export:\n  events[0].at: {future} is in the future"
    assert refusal(document(at="0001-01-01T00:00:00+01:00")) == (
        "x.json: not a Skilltree export:\n  events[0].at: 0001-01-01T00:00:00+01:00 is before 1970"
    )


def test_types_are_strict():
    assert "events[0].at: Input should be a valid datetime" in refusal(document(at=1_700_000_000))
    assert refusal(document(version=True)) == (
        "x.json: export version True is not supported (this Skilltree reads versions 1 and 2)"
    )


def test_deeply_nested_json_is_refused_cleanly():
    assert refusal("[" * 100_000) == "x.json: not a Skilltree export: its JSON is nested too deeply"


def test_someone_elses_export_adds_history_without_renaming_you(engine):
    units = units_of_work(engine)
    bob = progress_service.ensure_learner(units, username="bob", now=NOW)
    import_learner(units, learner=bob, document=parse_export(document(username="ada"), name="x.json"))
    with UnitOfWork(engine) as uow:
        bob = progress_service.find_learner(uow, username="bob")
        exported = export_learner(uow, learner=bob)
    assert exported["learner"]["display_name"] == "bob"
    assert [e["topic"] for e in exported["events"]] == ["git"]


def test_assessments_travel_in_version_2_and_import_once(engine, catalog):
    from skilltree.ladder.ratings import Rating
    from skilltree.progress.models import Source
    from skilltree.services import assessment

    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    for rating, evidence in ((Rating.GROWING, "Wrote the [design doc](https://example.org/doc)."), (Rating.CONSISTENT, "")):
        assessment.rate(
            units, catalog, learner=ada, ladder_id="backend-engineer", responsibility_id="testing",
            rating=rating, evidence=evidence, source=Source.WEB, now=NOW,
        )
    with UnitOfWork(engine) as uow:
        exported = export_learner(uow, learner=ada)
    assert exported["version"] == 2
    assert [(a["responsibility"], a["rating"], a["evidence"]) for a in exported["assessments"]] == [
        ("testing", "growing", "Wrote the [design doc](https://example.org/doc)."),
        ("testing", "consistent", ""),
    ]
    bob = progress_service.ensure_learner(units, username="bob", now=NOW)
    text = json.dumps(exported)
    first = import_learner(units, learner=bob, document=parse_export(text, name="x.json"))
    again = import_learner(units, learner=bob, document=parse_export(text, name="x.json"))
    assert (first["assessments_added"], again["assessments_added"]) == (2, 0)
    with UnitOfWork(engine) as uow:
        assert export_learner(uow, learner=bob)["assessments"] == exported["assessments"]


def test_cards_reviews_and_plans_travel_in_an_export_and_import_twice_changes_nothing(engine, catalog):
    from skilltree.progress.models import Source, Status
    from skilltree.review.cards import Rating
    from skilltree.services import plans as plan_service
    from skilltree.services import review as review_service

    units = units_of_work(engine)
    start = NOW - timedelta(days=10)
    ada = progress_service.ensure_learner(units, username="ada", now=start)
    progress_service.mark_topics(units, catalog, learner=ada, topic_ids=["git", "sql"], status=Status.DONE, source=Source.CLI, now=start)
    progress_service.mark_topics(units, catalog, learner=ada, topic_ids=["sql"], status=Status.SKIPPED, source=Source.CLI, now=start)
    with UnitOfWork(engine) as uow:
        card = review_service.due_queue(uow, catalog, learner=ada, now=start).cards[0]
    for rating, days in (("good", 0), ("good", 0.01), ("hard", 3)):
        review_service.grade_card(units, catalog, learner=ada, card_id=card.id, rating=Rating(rating), now=start + timedelta(days=days))
    plan_service.save_plan(units, catalog, learner=ada, path_id="starter-kit", minutes_per_week=90, weekdays="mon,thu",
                           start_date=None, target_date=None, now=start)
    with UnitOfWork(engine) as uow:
        exported = export_learner(uow, learner=ada)
    assert exported["version"] == 2
    assert len(exported["cards"]) == len(catalog.topics["git"].review) + len(catalog.topics["sql"].review)
    assert [c["suspended"] for c in exported["cards"] if c["topic"] == "sql"] == [True] * len(catalog.topics["sql"].review)
    assert [(r["topic"], r["rating"]) for r in exported["reviews"]] == [("git", "good"), ("git", "good"), ("git", "hard")]
    assert exported["plans"][0]["path"] == "starter-kit" and exported["plans"][0]["days"] == ["mon", "thu"]

    text = json.dumps(exported)
    bob = progress_service.ensure_learner(units, username="bob", now=NOW)
    first = import_learner(units, learner=bob, document=parse_export(text, name="x.json"))
    second = import_learner(units, learner=bob, document=parse_export(text, name="x.json"))
    assert (first["reviews_added"], first["plans_added"]) == (3, 1)
    assert (second["reviews_added"], second["plans_added"], second["added"]) == (0, 0, 0)
    with UnitOfWork(engine) as uow:
        again = export_learner(uow, learner=progress_service.find_learner(uow, username="bob"))
        ada_card = uow.review.card(ada.id, card.id)
        bob_card = next(c for c in uow.review.cards(bob.id) if (c.topic_id, c.question_id) == (ada_card.topic_id, ada_card.question_id))
    for key in ("cards", "reviews", "plans", "events"):
        assert again[key] == exported[key], key
    # The imported card's state is replayed from its records: the same as where it came from.
    assert bob_card.memory == ada_card.memory


def test_a_version_1_export_still_imports(engine):
    units = units_of_work(engine)
    ada = progress_service.ensure_learner(units, username="ada", now=NOW)
    counts = import_learner(units, learner=ada, document=parse_export(document(version=1), name="x.json"))
    assert (counts["added"], counts["assessments"], counts["reviews_added"], counts["plans_added"]) == (1, 0, 0, 0)


def test_a_bad_assessment_refuses_the_whole_file():
    data = json.loads(document(version=2))
    data["assessments"] = [
        {"ladder": "backend-engineer", "responsibility": "testing", "rating": "expert", "evidence": "", "at": "2026-11-01T10:00:00+00:00", "source": "web"}
    ]
    assert refusal(json.dumps(data)) == (
        "x.json: not a Skilltree export:\n  assessments[0].rating: Input should be 'not_yet', 'growing' or 'consistent'"
    )


def test_a_display_name_with_a_right_to_left_override_is_refused_by_code_point():
    hostile = json.loads(document())
    hostile["learner"]["display_name"] = "Ada\u202eL."
    assert refusal(json.dumps(hostile)) == (
        "x.json: not a Skilltree export:\n  learner.display_name: U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"
    )
