"""Export a learner's complete data as versioned JSON, and import it back, exactly and idempotently."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, Field, ValidationError, field_validator, model_validator

from skilltree.accounts.names import name_problem
from skilltree.errors import Unprocessable
from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH, RATING_NAMES, Rating, RatingRecord
from skilltree.notes.model import NoteRevision, checked_note
from skilltree.progress.models import SOURCE_NAMES, STATUS_NAMES, Learner, ProgressEvent, Source, Status
from skilltree.services.progress import lock_learner
from skilltree.teams.model import ROLE_NAMES
from skilltree.services.transfer_review import CardDocument, PlanDocument, ReviewDocument, export_review, import_review
from skilltree.services.transfer_ratings import ReceivedDocument, export_received, import_received
from skilltree.services.transfer_rules import CatalogId, Strict, plausible

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory

EXPORT_FORMAT = "skilltree-export"
EXPORT_VERSION = 2
# Version 1 held only progress events and still imports; version 2 adds the ladder self-assessments
# ("assessments"), notes ("notes"), review cards with their grades ("cards", "reviews"), study plans ("plans")
# and the ratings mentors gave ("ratings_received").
READABLE_VERSIONS = (1, 2)
class _EventDocument(Strict):
    topic: CatalogId
    status: Literal[STATUS_NAMES]  # type: ignore[valid-type]
    at: AwareDatetime
    source: Literal[SOURCE_NAMES]  # type: ignore[valid-type]

    _plausible_at = field_validator("at")(plausible)


class _AssessmentDocument(Strict):
    """One self-rating of a ladder responsibility; a ladder or responsibility that is gone is kept."""

    ladder: CatalogId
    responsibility: CatalogId
    rating: Literal[RATING_NAMES]  # type: ignore[valid-type]
    evidence: str = Field(max_length=EVIDENCE_MAX_LENGTH)
    at: AwareDatetime
    source: Literal[SOURCE_NAMES]  # type: ignore[valid-type]

    _plausible_at = field_validator("at")(plausible)


class _LearnerDocument(Strict):
    username: str = Field(max_length=64)
    display_name: str = Field(min_length=1, max_length=128)
    created_at: AwareDatetime

    _plausible_created_at = field_validator("created_at")(plausible)

    @field_validator("display_name")
    @classmethod
    def _shown_as_it_is(cls, display_name: str) -> str:
        if problem := name_problem(display_name):
            raise ValueError(problem)
        return display_name


class _LinkDocument(Strict):
    title: str
    url: str


class _NoteDocument(Strict):
    """One revision of a note; a note's revisions all travel, the latest is the note."""

    topic: CatalogId
    body: str
    links: list[_LinkDocument]
    saved_at: AwareDatetime

    _plausible_saved_at = field_validator("saved_at")(plausible)

    @model_validator(mode="after")
    def _within_limits(self) -> _NoteDocument:
        try:
            checked_note(self.body, [link.model_dump() for link in self.links])
        except Unprocessable as exc:  # as a ValueError, pydantic says where it is
            raise ValueError(exc.message) from None
        return self

    def revision(self) -> NoteRevision:
        body, links = checked_note(self.body, [link.model_dump() for link in self.links])
        return NoteRevision(self.topic, body, links, self.saved_at)


class _MembershipDocument(Strict):
    """A team the learner was in when exporting. It travels as a record only: a membership is the
    team's to give, so importing joins nobody."""

    team: str = Field(max_length=100)
    role: Literal[ROLE_NAMES]  # type: ignore[valid-type]
    joined_at: AwareDatetime


class _ExportDocument(Strict):
    format: Literal["skilltree-export"]
    version: Literal[READABLE_VERSIONS]  # type: ignore[valid-type]
    learner: _LearnerDocument
    events: list[_EventDocument]
    assessments: list[_AssessmentDocument] = []
    notes: list[_NoteDocument] = []
    teams: list[_MembershipDocument] = []
    cards: list[CardDocument] = []
    reviews: list[ReviewDocument] = []
    plans: list[PlanDocument] = []
    ratings_received: list[ReceivedDocument] = []


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
        "assessments": [
            {
                "ladder": r.ladder_id,
                "responsibility": r.responsibility_id,
                "rating": r.rating.value,
                "evidence": r.evidence,
                "at": r.at.isoformat(),
                "source": r.source.value,
            }
            for r in uow.assessments.history(learner.id)
        ],
        "notes": [
            {
                "topic": n.topic_id,
                "body": n.body,
                "links": [{"title": link.title, "url": link.url} for link in n.links],
                "saved_at": n.saved_at.isoformat(),
            }
            for n in uow.notes.revisions(learner.id)
        ],
        "teams": [
            {"team": team.name, "role": role.value, "joined_at": joined_at.isoformat()}
            for team, role, joined_at in uow.teams.memberships_of(learner.id)
        ],
        **export_review(uow, learner=learner),
        **export_received(uow, learner=learner),
    }


def parse_export(text: str, *, name: str) -> _ExportDocument:
    """The document in `text`, or Unprocessable listing every problem with where it is, first to last."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unprocessable(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except ValueError:  # the only other one: an integer past Python's limit on digits
        raise Unprocessable(
            f"{name}: not a Skilltree export: it holds a number of more than {sys.get_int_max_str_digits()} digits"
        ) from None
    except RecursionError:
        raise Unprocessable(f"{name}: not a Skilltree export: its JSON is nested too deeply") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        version = data.get("version")
        if version is not None and (type(version) is not int or version not in READABLE_VERSIONS):
            raise Unprocessable(
                f"{name}: export version {version!r} is not supported "
                f"(this Skilltree reads versions {' and '.join(map(str, READABLE_VERSIONS))})"
            )
    try:
        return _ExportDocument.model_validate_json(text)
    except ValidationError as exc:
        problems = [f"{_location(error['loc'])}: {error['msg'].removeprefix('Value error, ')}" for error in exc.errors()]
        raise Unprocessable(f"{name}: not a Skilltree export:\n  " + "\n  ".join(problems)) from None


def _location(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def import_learner(uows: UnitOfWorkFactory, *, learner: Learner, document: _ExportDocument) -> dict:
    """Add the document's events and note revisions the learner does not have yet, all or nothing;
    returns counts."""
    with uows(write=True) as uow:
        lock_learner(uow, learner=learner)  # two imports at once must not both add the same records
        counts = _import_events(uow, learner=learner, document=document)
        counts.update(_import_assessments(uow, learner=learner, document=document))
        counts["notes_added"] = _import_notes(uow, learner=learner, document=document)
        counts.update(import_review(uow, learner=learner, cards=document.cards, reviews=document.reviews, plans=document.plans))
        counts.update(import_received(uow, learner=learner, received=document.ratings_received))
        uow.commit()
    return counts


def _import_notes(uow: UnitOfWork, *, learner: Learner, document: _ExportDocument) -> int:
    existing = set(uow.notes.revisions(learner.id))
    added = 0
    for note in sorted(document.notes, key=lambda n: n.saved_at):
        revision = note.revision()
        if revision not in existing:
            uow.notes.append(learner.id, revision)
            existing.add(revision)
            added += 1
    return added


# By value, as the document names them: a dictionary look-up costs a tenth of calling the Enum,
# which counts for 100,000 events.
_STATUSES = {status.value: status for status in Status}
_SOURCES = {source.value: source for source in Source}


def _import_events(uow: UnitOfWork, *, learner: Learner, document: _ExportDocument) -> dict:
    existing = {(e.topic_id, e.status, e.at, e.source) for e in uow.progress.events(learner.id)}
    new_events = []
    for event in sorted(document.events, key=lambda e: e.at):
        key = (event.topic, _STATUSES[event.status], event.at, _SOURCES[event.source])
        if key in existing:
            continue
        new_events.append(ProgressEvent(*key))
        existing.add(key)
    uow.progress.append_many(learner.id, new_events)
    added = len(new_events)
    # Someone else's export adds history but does not rename you.
    display_name = document.learner.display_name if document.learner.username == learner.username else learner.display_name
    created_at = min(learner.created_at, document.learner.created_at)
    uow.learners.update_profile(learner.id, display_name=display_name, created_at=created_at)
    return {"events": len(document.events), "added": added, "already_there": len(document.events) - added}


def _import_assessments(uow: UnitOfWork, *, learner: Learner, document: _ExportDocument) -> dict:
    existing = {
        (r.ladder_id, r.responsibility_id, r.rating, r.evidence, r.at, r.source) for r in uow.assessments.history(learner.id)
    }
    added = 0
    for item in sorted(document.assessments, key=lambda item: item.at):
        key = (item.ladder, item.responsibility, Rating(item.rating), item.evidence, item.at, Source(item.source))
        if key in existing:
            continue
        uow.assessments.append(learner.id, RatingRecord(*key))
        existing.add(key)
        added += 1
    return {"assessments": len(document.assessments), "assessments_added": added}


def exported_json(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
