"""Pages: home, path roadmap, topic, seniority ladder, status changes, my progress, settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import Engine

from skilltree.catalog.models import Catalog
from skilltree.errors import SkilltreeError
from skilltree.progress.models import Source
from skilltree.services import accounts
from skilltree.services import catalog as catalog_service
from skilltree.services import progress as progress_service
from skilltree.services import search as search_service
from skilltree.services.search import SearchResults
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, UnitsDep, Viewer, ViewerDep, now
from skilltree.web.forms import safe_return_path
from skilltree.search.limits import QUERY_MAX_LENGTH
from skilltree.web.schemas import RoadmapAfterChangePublic
from skilltree.web.templating import render

router = APIRouter()

# Every route that touches the database is a plain `def`, run in a worker thread: a query that
# waits (a lock, a slow disk, a search taking milliseconds) must not hold up the event loop, which
# serves every other request (see deps.py).


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)  # HEAD: load-balancer probes
def home(request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    paths = catalog_service.path_summaries(catalog)
    progress = {}
    if viewer.signed_in:
        with UnitOfWork(engine) as uow:
            progress = {r.path: r for r in progress_service.progress_overview(uow, catalog, learner=viewer.learner)}
    ladders = catalog_service.ladder_summaries(catalog)
    return render(request, "home.html", viewer, paths=paths, progress=progress, ladders=ladders)


@router.get("/paths/{path_id}", include_in_schema=False)
def path_page(path_id: str, request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        roadmap = progress_service.roadmap(uow, catalog, learner=viewer.learner, path_id=path_id)
    return render(request, "path.html", viewer, title=roadmap.title, path=roadmap)


@router.get("/topics/{topic_id}", include_in_schema=False)
def topic_page(topic_id: str, request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        mine = progress_service.learner_topic(uow, catalog, learner=viewer.learner, topic_id=topic_id)
        related = search_service.related_topics(uow, catalog, topic_id=topic_id)
    groups: dict[str, list] = {}
    for resource in mine.detail.resources:
        groups.setdefault(resource.type, []).append(resource)
    return render(
        request, "topic.html", viewer,
        title=mine.detail.title, topic=mine.detail, status=mine.status, waiting_on=mine.waiting_on, resource_groups=groups,
        related=[{"id": t, "title": catalog.topics[t].title} for t in related],
    )


@router.get("/ladders/{ladder_id}", include_in_schema=False)
def ladder_page(ladder_id: str, request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        ladder = progress_service.ladder_report(uow, catalog, learner=viewer.learner, ladder_id=ladder_id)
    return render(request, "ladder.html", viewer, title=ladder.title, ladder=ladder)


@router.post("/topics/{topic_id}/status", include_in_schema=False)
def change_status(
    topic_id: str,
    request: Request,
    learner: CurrentLearner,
    _: CsrfChecked,
    catalog: CatalogDep,
    engine: EngineDep,
    units: UnitsDep,
    status: Annotated[str, Form()],
    path: Annotated[str, Form()] = "",
    return_to: Annotated[str, Form()] = "",
):
    wanted = progress_service.parse_status(status)
    progress_service.mark_topics(units, catalog, learner=learner, topic_ids=[topic_id], status=wanted, source=Source.WEB, now=now())
    if "application/json" in request.headers.get("accept", ""):
        # Our script updates the page in place with the new figures.
        with UnitOfWork(engine) as uow:
            after = progress_service.roadmap_after_change(uow, catalog, learner=learner, topic_id=topic_id, path_id=path)
        return JSONResponse(RoadmapAfterChangePublic.model_validate(after).model_dump(mode="json"))
    return RedirectResponse(safe_return_path(return_to, f"/topics/{topic_id}"), status_code=303)


SEARCH_PAGE_LIMIT = 20


def _search(viewer: Viewer, catalog: Catalog, engine: Engine, q: str) -> tuple[str, SearchResults]:
    # A longer query than the API takes is cut, not refused: a page never answers 422.
    query = q[:QUERY_MAX_LENGTH]
    if not query.strip():
        return query, SearchResults(hits=[])
    with UnitOfWork(engine) as uow:
        return query, search_service.find(uow, catalog, query=query, learner=viewer.learner, limit=SEARCH_PAGE_LIMIT)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, q: str = ""):
    query, found = _search(viewer, catalog, engine, q)
    return render(
        request, "search.html", viewer,
        title="Search", query=query, results=found.hits, corrected_query=found.corrected_query, path_titles=_path_titles(catalog), query_max_length=QUERY_MAX_LENGTH,
    )


@router.get("/search/results", include_in_schema=False)
def search_results(viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, q: str = ""):
    """The search page's results as its script shows them while you type: what the page shows,
    including the signed-in learner's status (the API takes a bearer token, never this cookie).
    A GET that changes nothing, so it needs no CSRF token."""
    query, found = _search(viewer, catalog, engine, q)
    titles = _path_titles(catalog)
    return {
        "query": query,
        "corrected_query": found.corrected_query,
        "results": [
            {**hit.as_dict(), "paths": [{"id": p, "title": titles.get(p, p)} for p in hit.path_ids]} for hit in found.hits
        ],
    }


def _path_titles(catalog: Catalog) -> dict[str, str]:
    return {path.id: path.title for path in catalog.paths.values()}


@router.get("/me", include_in_schema=False)
def my_progress(request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        started = progress_service.progress_overview(uow, catalog, learner=learner, started_only=True)
        activity = progress_service.learner_activity(uow, learner=learner, now=now())
        recent = progress_service.history(uow, catalog, learner=learner)[:15]
    return render(
        request, "me.html", viewer,
        title="My progress", started=started, activity=activity, recent=recent, start_path=catalog.start_path,
    )


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        signup_open = accounts.signup_open(uow)
    return _settings_form(request, viewer, signup_open, time_zone=learner.time_zone or "", saved=request.query_params.get("saved"))


def _settings_form(request: Request, viewer: Viewer, signup_open: bool, *, time_zone: str, error: str = "", saved=None):
    return render(
        request, "settings.html", viewer, status_code=400 if error else 200, title="Settings",
        signup_open=signup_open, time_zone=time_zone, time_zones=sorted(accounts.time_zone_names()), error=error, saved=saved,
    )


@router.post("/settings", include_in_schema=False)
def save_settings(
    request: Request,
    learner: CurrentLearner,
    viewer: ViewerDep,
    _: CsrfChecked,
    engine: EngineDep,
    units: UnitsDep,
    hide_minutes: Annotated[bool, Form()] = False,
    signup_open: Annotated[bool, Form()] = False,
    time_zone: Annotated[str, Form(max_length=100)] = "",
):
    try:
        accounts.save_preferences(
            units, learner=learner, time_zone=time_zone, hide_minutes=hide_minutes,
            signup_open=signup_open if learner.is_admin else None,
        )
    except SkilltreeError as error:  # nothing is saved: the form comes back with what was typed
        return _settings_form(request, viewer, signup_open, time_zone=time_zone, error=error.message)
    return RedirectResponse("/settings?saved=1", status_code=303)
