"""Export a learner's complete data as versioned JSON, and import it back, exactly and idempotently."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator

from skilltree.errors import InvalidInput
from skilltree.catalog.fields import ID_PATTERN
from skilltree.progress.models import SOURCE_NAMES, STATUS_NAMES, Learner, ProgressEvent, Source, Status

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

EXPORT_FORMAT = "skilltree-export"
EXPORT_VERSION = 1
# Before any Skilltree existed; also keeps far-off dates from overflowing when turned into UTC.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Clocks of two machines may differ a little; an event further ahead than this is a broken file.
CLOCK_SLACK = timedelta(days=1)


def _plausible(moment: datetime) -> datetime:
    if moment < EARLIEST:
        raise ValueError(f"{moment.isoformat()} is before 1970")
    if moment > datetime.now(timezone.utc) + CLOCK_SLACK:
        raise ValueError(f"{moment.isoformat()} is in the future")
    return moment


class _Strict(BaseModel):
    # Strict: a number is not a date and true is not version 1.
    model_config = ConfigDict(extra="forbid", strict=True)


class _EventDocument(_Strict):
    topic: str = Field(pattern=ID_PATTERN.pattern, max_length=100)
    status: Literal[STATUS_NAMES]  # type: ignore[valid-type]
    at: AwareDatetime
    source: Literal[SOURCE_NAMES]  # type: ignore[valid-type]

    _plausible_at = field_validator("at")(_plausible)


class _LearnerDocument(_Strict):
    username: str = Field(max_length=64)
    display_name: str = Field(min_length=1, max_length=128, pattern=r"^[^\x00-\x1f\x7f]+$")
    created_at: AwareDatetime

    _plausible_created_at = field_validator("created_at")(_plausible)


class _ExportDocument(_Strict):
    format: Literal["skilltree-export"]
    version: Literal[1]
    learner: _LearnerDocument
    events: list[_EventDocument]


def export_learner(uow: UnitOfWork, *, learner: Learner) -> dict:
    """Everything stored about the learner; statuses are derived, so the events are the data."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "learner": {
            "username": learner.username,
            "display_name": learner.display_name,
            "created_at": learner.created_at.isoformat(),
        },
        "events": [
            {"topic": e.topic_id, "status": e.status.value, "at": e.at.isoformat(), "source": e.source.value}
            for e in uow.progress.events(learner.id)
        ],
    }


def parse_export(text: str, *, name: str) -> _ExportDocument:
    """The document in `text`, or InvalidInput listing every problem with where it is."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise InvalidInput(f"{name}: not a Skilltree export: its JSON is nested too deeply") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        version = data.get("version")
        if version is not None and (type(version) is not int or version != EXPORT_VERSION):
            raise InvalidInput(
                f"{name}: export version {version!r} is not supported (this Skilltree reads version {EXPORT_VERSION})"
            )
    try:
        return _ExportDocument.model_validate_json(text)
    except ValidationError as exc:
        problems = [f"{_location(error['loc'])}: {error['msg'].removeprefix('Value error, ')}" for error in exc.errors()]
        raise InvalidInput(f"{name}: not a Skilltree export:\n  " + "\n  ".join(problems)) from None


def _location(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def import_learner(uows: UnitOfWorkFactory, *, learner: Learner, document: _ExportDocument) -> dict:
    """Add the document's events the learner does not have yet, all or nothing; returns counts."""
    with uows(write=True) as uow:
        counts = _import_events(uow, learner=learner, document=document)
        uow.commit()
    return counts


def _import_events(uow: UnitOfWork, *, learner: Learner, document: _ExportDocument) -> dict:
    uow.progress.lock_learner(learner.id)  # two imports at once must not both add the same events
    existing = {(e.topic_id, e.status, e.at, e.source) for e in uow.progress.events(learner.id)}
    added = 0
    for event in sorted(document.events, key=lambda e: e.at):
        key = (event.topic, Status(event.status), event.at, Source(event.source))
        if key in existing:
            continue
        uow.progress.append(learner.id, ProgressEvent(*key))
        existing.add(key)
        added += 1
    # Someone else's export adds history but does not rename you.
    display_name = document.learner.display_name if document.learner.username == learner.username else learner.display_name
    created_at = min(learner.created_at, document.learner.created_at)
    uow.learners.update_profile(learner.id, display_name=display_name, created_at=created_at)
    return {"events": len(document.events), "added": added, "already_there": len(document.events) - added}


def exported_json(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
