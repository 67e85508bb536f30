"""The API of a learner's own things under /api/v1/me: account, statuses, history, export and
import, progress in bulk, tokens and notes. Every route reads or writes only the token owner's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from skilltree.errors import NotFound, Unprocessable
from skilltree.ids import MAX_EVENT_ID, MAX_ID
from skilltree.progress.models import Source, Status
from skilltree.services import accounts, my_account, transfer
from skilltree.services import notes as notes_service
from skilltree.services import progress as progress_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.api import ERRORS, token_fields
from skilltree.web.body_limit import accepts_body_up_to
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, SettingsDep, UnitsDep, now
from skilltree.web.schemas import (
    AccountDelete,
    AccountPublic,
    AccountUpdate,
    HistoryPublic,
    ImportResultPublic,
    NoteListPublic,
    NotePublic,
    NoteUpdate,
    PasswordUpdate,
    ProgressChanges,
    ProgressChangesPublic,
    StatusesPublic,
    TokenListPublic,
)

router = APIRouter(prefix="/api/v1/me", tags=["me"], responses={401: ERRORS[401], 422: ERRORS[422]})
# An export of 100,000 changes is about 12 MiB; the command line refuses more than this too.
MAX_IMPORT_BYTES = 64 * 2**20


def _account(learner) -> dict:
    return {
        "username": learner.username, "display_name": learner.display_name, "created_at": learner.created_at,
        "admin": learner.is_admin, "public_profile": learner.public_profile, "public_paths": list(learner.public_paths),
        "profile_url": f"/u/{learner.username}" if learner.public_profile else None,
    }


@router.get("", response_model=AccountPublic, summary="Your account")
async def my_account_info(learner: ApiLearner):
    return _account(learner)


@router.patch("", response_model=AccountPublic, responses={400: ERRORS[400]},
               summary="Change your display name, turn your public profile on or off, choose the paths it shows")
def update_account(update: AccountUpdate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    return _account(my_account.update_account(
        units, catalog, learner=learner, display_name=update.display_name,
        public_profile=update.public_profile, public_paths=update.public_paths,
    ))


@router.delete("", status_code=204, responses={409: ERRORS[409]},
               summary="Delete your account and everything in it; the password is asked again")
def delete_account(confirmation: AccountDelete, learner: ApiLearner, units: UnitsDep):
    my_account.delete_account(units, learner=learner, password=confirmation.password)
    return Response(status_code=204)


@router.put("/password", status_code=204, summary="Change your password; your other sessions and tokens end")
def change_password(update: PasswordUpdate, request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    my_account.change_password(
        units, learner=learner, current_password=update.current_password, new_password=update.new_password,
        secret=settings.secret_key, now=now(), keep_token=request.state.api_token,
    )
    return Response(status_code=204)


@router.get("/statuses", response_model=StatusesPublic,
            summary="Every topic you have a status on, topics no longer in any path included")
def my_statuses(learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        states = progress_service.started_states(uow, learner=learner)
    return {"statuses": [{"topic": s.topic_id, "status": s.status.value, "changed_at": s.changed_at} for s in states]}


@router.get("/history", response_model=HistoryPublic, responses={400: ERRORS[400], 404: ERRORS[404]},
            summary="Your progress changes, newest first, a page at a time")
def my_history(
    learner: ApiLearner,
    catalog: CatalogDep,
    engine: EngineDep,
    topic: str | None = None,
    limit: Annotated[int, Query(ge=1, le=progress_service.MAX_HISTORY_PAGE)] = 50,
    before: Annotated[int | None, Query(ge=1, le=MAX_EVENT_ID, description="The `next_before` of the previous page.")] = None,
):
    with UnitOfWork(engine) as uow:
        page = progress_service.history_page(uow, catalog, learner=learner, topic_id=topic, limit=limit, before=before)
    events = [{"id": e.id, "topic": e.topic_id, "status": e.status.value, "at": e.at, "source": e.source.value} for e in page.events]
    return {"events": events, "next_before": page.next_before}


@router.get("/export", summary="Everything stored about you, as the export document (as `skilltree export`)")
def my_export(learner: ApiLearner, engine: EngineDep) -> dict:
    with UnitOfWork(engine) as uow:
        return transfer.export_learner(uow, learner=learner)


async def _raw_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_IMPORT_BYTES:
        raise Unprocessable(f"the document is larger than {MAX_IMPORT_BYTES // 2**20} MiB, far more than any export")
    return await request.body()


@router.post(
    "/import",
    response_model=ImportResultPublic,
    summary="Import an export document; all of it or, when anything in it is wrong, none",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}},
)
@accepts_body_up_to(MAX_IMPORT_BYTES)
def my_import(learner: ApiLearner, units: UnitsDep, body: Annotated[bytes, Depends(_raw_body)]):
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Unprocessable("the document is not UTF-8 text") from None
    document = transfer.parse_export(text, name="document")
    counts = transfer.import_learner(units, learner=learner, document=document)
    return {"added": counts["added"] + counts["notes_added"]}


@router.put("/progress", response_model=ProgressChangesPublic, responses={404: ERRORS[404], 400: ERRORS[400]},
            summary="Set your status on many topics at once: all or nothing")
def set_many(update: ProgressChanges, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    changes = progress_service.apply_changes(
        units, catalog, learner=learner, changes=[(c.topic, Status(c.status)) for c in update.changes], source=Source.API, now=now()
    )
    return {"changes": changes}


@router.get("/tokens", response_model=TokenListPublic, summary="Your API tokens that were not revoked (never their secrets)")
def my_tokens(learner: ApiLearner, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return {"tokens": [token_fields(token) for token in accounts.tokens_of(uow, learner=learner)]}


@router.delete("/tokens/{token_id}", status_code=204, responses={404: ERRORS[404]}, summary="Revoke one of your API tokens")
def revoke_my_token(token_id: Annotated[int, Path(ge=1, le=MAX_ID)], learner: ApiLearner, units: UnitsDep):
    accounts.revoke_token_of(units, learner=learner, token_id=token_id, now=now())
    return Response(status_code=204)


@router.get("/notes", response_model=NoteListPublic, summary="Every topic you have a note on, newest first")
def my_notes(learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return {"notes": notes_service.list_notes(uow, catalog, learner=learner)}


def _note(catalog, note) -> dict:
    title = catalog.topics[note.topic_id].title if note.topic_id in catalog.topics else note.topic_id
    return {
        "topic": note.topic_id, "title": title, "body": note.body,
        "links": [{"title": link.title, "url": link.url} for link in note.links], "updated_at": note.saved_at,
    }


@router.get("/notes/{topic_id}", response_model=NotePublic, responses={404: ERRORS[404]}, summary="Your note on a topic")
def my_note(topic_id: str, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        note = notes_service.note_of(uow, catalog, learner=learner, topic_id=topic_id)
    if note is None:
        raise NotFound(f"you have no note on {topic_id!r}")
    return _note(catalog, note)


@router.put("/notes/{topic_id}", response_model=NotePublic, responses={404: ERRORS[404]},
            summary="Save your note on a topic (a new revision; at most 100 KB and 50 links)")
def save_my_note(topic_id: str, update: NoteUpdate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    note = notes_service.save_note(
        units, catalog, learner=learner, topic_id=topic_id, body=update.body,
        links=[link.model_dump() for link in update.links], now=now(),
    )
    return _note(catalog, note)


@router.delete("/notes/{topic_id}", status_code=204, responses={404: ERRORS[404]},
               summary="Delete your note on a topic (its revisions stay in your export)")
def delete_my_note(topic_id: str, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    notes_service.delete_note(units, catalog, learner=learner, topic_id=topic_id, now=now())
    return Response(status_code=204)
