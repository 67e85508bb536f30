"""A learner's notes on the web: the topic page's note form, and /me/notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from skilltree.errors import InvalidInput
from skilltree.services import notes as notes_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, LayoutsDep, UnitsDep, ViewerDep, now
from skilltree.web.forms import NoteForm
from skilltree.web.pages import render_topic
from skilltree.web.templating import render

router = APIRouter()


@router.post("/topics/{topic_id}/note", include_in_schema=False)
def save_note(
    topic_id: str,
    request: Request,
    learner: CurrentLearner,
    viewer: ViewerDep,
    catalog: CatalogDep,
    engine: EngineDep,
    layouts: LayoutsDep,
    units: UnitsDep,
    _: CsrfChecked,
    body: Annotated[str, Form()] = "",
    link_title: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies defaults)
    link_url: Annotated[list[str], Form()] = [],  # noqa: B006
):
    form = NoteForm.typed(body, link_title, link_url)
    try:
        notes_service.save_note(
            units, catalog, learner=learner, topic_id=topic_id, body=form.body, links=form.filled_links(), now=now()
        )
    except InvalidInput as refused:  # nothing saved: the form comes back with what was typed
        with UnitOfWork(engine) as uow:
            return render_topic(request, uow, viewer, catalog, layouts, topic_id, note_form=form, note_error=refused.message)
    return RedirectResponse(f"/topics/{topic_id}#note", status_code=303)


@router.post("/topics/{topic_id}/note/delete", include_in_schema=False)
def delete_note(
    topic_id: str, learner: CurrentLearner, catalog: CatalogDep, units: UnitsDep,
    _: CsrfChecked,
):
    notes_service.delete_note(units, catalog, learner=learner, topic_id=topic_id, now=now())
    return RedirectResponse(f"/topics/{topic_id}#note", status_code=303)


@router.get("/me/notes", include_in_schema=False)
def my_notes(request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, q: str = ""):
    query = q[:200]
    with UnitOfWork(engine) as uow:
        notes = notes_service.list_notes(uow, catalog, learner=learner, text=query)
        any_notes = bool(notes) or bool(query and notes_service.list_notes(uow, catalog, learner=learner))
    return render(request, "my_notes.html", viewer, title="My notes", notes=notes, query=query, any_notes=any_notes)
