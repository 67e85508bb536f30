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
