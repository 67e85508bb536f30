"""Pages: home, path roadmap, topic, status changes, search, my progress (the ladder pages: ladder_pages.py;
settings: account_pages.py; notes: notes_pages.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine

from skilltree.catalog.models import Catalog, Level
from skilltree.progress.models import Source, Status
from skilltree.services import catalog as catalog_service
from skilltree.services import maps
from skilltree.services import notes as notes_service
from skilltree.services.notes import NoteHit
from skilltree.services import plans as plan_service
from skilltree.services import progress as progress_service
from skilltree.services import review as review_service
from skilltree.services import search as search_service
from skilltree.services import teams as teams_service
from skilltree.services.roadmap_list import path_sections
from skilltree.services.search import SearchResults
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, LayoutsDep, UnitsDep, Viewer, ViewerDep, now, viewer_in
from skilltree.web.forms import NoteForm, safe_return_path
from skilltree.search.limits import QUERY_MAX_LENGTH
from skilltree.web.schemas import RoadmapAfterChangePublic
from skilltree.web.security import IMAGE_POLICY
from skilltree.web.templating import render, render_map

router = APIRouter()

# Every route that touches the database is a plain `def`, run in a worker thread: a query that
# waits (a lock, a slow disk, a search taking milliseconds) must not hold up the event loop, which
# serves every other request (see deps.py).


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)  # HEAD: load-balancer probes
def home(request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    paths = catalog_service.path_summaries(catalog)
    progress, today, assignments = {}, None, []
    if viewer.signed_in:
        moment = now()
        with UnitOfWork(engine) as uow:
            progress = {r.path: r for r in progress_service.progress_overview(uow, catalog, learner=viewer.learner)}
            today = {
                "reviews": review_service.due_queue(uow, catalog, learner=viewer.learner, now=moment, limit=0),
                "plans": plan_service.all_plans(uow, catalog, learner=viewer.learner, now=moment),
                "next": [r for r in progress.values() if r.started_at and r.next],
            }
            assignments = teams_service.my_assignments(
                uow, catalog, learner=viewer.learner, today=progress_service.learner_today(viewer.learner, moment)
            )
    ladders = catalog_service.ladder_summaries(catalog)
    return render(request, "home.html", viewer, paths=paths, progress=progress, ladders=ladders, today=today, assignments=assignments)


PATH_VIEW_COOKIE = "skilltree_path_view"
PathView = Literal["map", "list"]


@router.get("/paths/{path_id}", include_in_schema=False)
def path_page(
    path_id: str,
    request: Request,
    view: PathView | None = None,
    status: Status | None = None,
    level: Level | None = None,
):
    """The roadmap as a map or as a list; the view last chosen is kept in a cookie. The list can
    be narrowed to a status and a level (a plain GET form, so it works without JavaScript)."""
    # The most viewed page: it reads the app's parts itself and looks its viewer up in its own
    # transaction (deps.viewer_in), rather than have FastAPI solve a dependency for each.
    state = request.app.state
    catalog, layouts = state.live_catalog.current(), state.map_layouts
    remembered = request.cookies.get(PATH_VIEW_COOKIE)
    chosen = view or (remembered if remembered in get_args(PathView) else "map")
    drawn = None
    noted, memory = frozenset(), {}  # the list's markers: the map shows neither
    with UnitOfWork(state.engine) as uow:
        viewer = viewer_in(uow, request, catalog)
        if chosen == "map":
            # The map needs no topic's unmet prerequisites: the outline without them, and the progress the map computed.
            path_map = maps.path_map(uow, catalog, layouts=layouts, learner=viewer.learner, path_id=path_id)
            roadmap = replace(catalog_service.path_outline(catalog, path_id=path_id), progress=path_map.progress)
            drawn = render_map(path_map, standalone=False)
        else:
            roadmap = progress_service.roadmap(uow, catalog, learner=viewer.learner, path_id=path_id)
            noted = notes_service.noted_topics(uow, learner=viewer.learner)
            if viewer.signed_in:
                memory = review_service.topic_memory(
                    uow, learner=viewer.learner, now=now(), topic_ids=list(catalog.paths[path_id].topic_ids)
                )
    sections = [] if drawn else path_sections(roadmap, status=status, level=level.value if level else None)
    response = render(
        request, "path.html", viewer, title=roadmap.title, path=roadmap, view=chosen, map_svg=drawn,
        sections=sections, filters={"status": status.value if status else "", "level": level.value if level else ""},
        levels=[lv.value for lv in Level], noted=noted, memory=memory,
    )
    if view and view != remembered:
        response.set_cookie(PATH_VIEW_COOKIE, view, max_age=365 * 24 * 3600, samesite="lax", httponly=True, path="/paths")
    return response


@router.get("/paths/{path_id}/map.svg", include_in_schema=False)
def path_map_image(path_id: str, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, layouts: LayoutsDep):
    """The map on its own, with the signed-in learner's statuses (or none)."""
    with UnitOfWork(engine) as uow:
        drawn = maps.path_map(uow, catalog, layouts=layouts, learner=viewer.learner, path_id=path_id)
    # A learner's statuses are theirs: kept out of shared caches.
    return Response(
        render_map(drawn, standalone=True), media_type="image/svg+xml",
        headers={"Content-Security-Policy": IMAGE_POLICY, "Cache-Control": "private, no-cache", "Vary": "Cookie"},
    )


@router.get("/topics/{topic_id}", include_in_schema=False)
def topic_page(topic_id: str, request: Request):
    # Viewed as often as the roadmap, and made the same way (see path_page).
    state = request.app.state
    catalog = state.live_catalog.current()
    with UnitOfWork(state.engine) as uow:
        viewer = viewer_in(uow, request, catalog)
        return render_topic(request, uow, viewer, catalog, state.map_layouts, topic_id)


def render_topic(
    request: Request, uow: UnitOfWork, viewer: Viewer, catalog: Catalog, layouts, topic_id: str, *,
    note_form: NoteForm | None = None, note_error: str = "",
):
    """The topic page; after a refused note, with what was typed and why it was refused."""
    mine = progress_service.learner_topic(uow, catalog, learner=viewer.learner, topic_id=topic_id)
    related = search_service.related_topics(uow, catalog, topic_id=topic_id)
    note = notes_service.note_of(uow, catalog, learner=viewer.learner, topic_id=topic_id) if viewer.signed_in else None
    neighbourhood = maps.neighbourhood_map(uow, catalog, layouts=layouts, learner=viewer.learner, topic_id=topic_id)
    review = review_service.topic_review(uow, learner=viewer.learner, topic_id=topic_id, now=now()) if viewer.signed_in else None
    groups: dict[str, list] = {}
    for resource in mine.detail.resources:
        groups.setdefault(resource.type, []).append(resource)
    return render(
        request, "topic.html", viewer, status_code=422 if note_error else 200,
        title=mine.detail.title, topic=mine.detail, status=mine.status, waiting_on=mine.waiting_on, resource_groups=groups,
        related=[{"id": t, "title": catalog.topics[t].title} for t in related],
        # A topic that needs nothing and unlocks nothing has no neighbourhood to draw.
        neighbourhood=render_map(neighbourhood, standalone=False) if len(neighbourhood.layout.nodes) > 1 else None,
        note=note, note_form=note_form or NoteForm.of(note), note_error=note_error,
        review=review,
    )


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


def _search(viewer: Viewer, catalog: Catalog, engine: Engine, q: str) -> tuple[str, SearchResults, list[NoteHit]]:
    """The topics that answer the query and, apart, the viewer's own notes that do."""
    # A longer query than the API takes is cut, not refused: a page never answers 422.
    query = q[:QUERY_MAX_LENGTH]
    if not query.strip():
        return query, SearchResults(hits=[]), []
    with UnitOfWork(engine) as uow:
        found = search_service.find(uow, catalog, query=query, learner=viewer.learner, limit=SEARCH_PAGE_LIMIT)
        notes = notes_service.search_notes(uow, catalog, learner=viewer.learner, query=query)
    return query, found, notes


@router.get("/search", include_in_schema=False)
def search_page(request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, q: str = ""):
    query, found, notes = _search(viewer, catalog, engine, q)
    return render(
        request, "search.html", viewer,
        title="Search", query=query, results=found.hits, corrected_query=found.corrected_query, notes=notes,
        path_titles=_path_titles(catalog), query_max_length=QUERY_MAX_LENGTH,
    )


@router.get("/search/results", include_in_schema=False)
def search_results(viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, q: str = ""):
    """The search page's results as its script shows them while you type: what the page shows,
    including the signed-in learner's status (the API takes a bearer token, never this cookie).
    A GET that changes nothing, so it needs no CSRF token."""
    query, found, notes = _search(viewer, catalog, engine, q)
    titles = _path_titles(catalog)
    return {
        "query": query,
        "corrected_query": found.corrected_query,
        "results": [
            {**hit.as_dict(), "paths": [{"id": p, "title": titles.get(p, p)} for p in hit.path_ids]} for hit in found.hits
        ],
        "notes": [hit.as_dict() for hit in notes],
    }


def _path_titles(catalog: Catalog) -> dict[str, str]:
    return {path.id: path.title for path in catalog.paths.values()}


@router.get("/me", include_in_schema=False)
def my_progress(request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        started = progress_service.progress_overview(uow, catalog, learner=learner, started_only=True)
        activity = progress_service.learner_activity(uow, learner=learner, now=now())
        year = progress_service.learner_year(uow, learner=learner, now=now())
        recent = progress_service.history(uow, catalog, learner=learner)[:15]
        memory = review_service.memory_stats(uow, learner=learner, now=now())
    return render(
        request, "me.html", viewer,
        title="My progress", started=started, activity=activity, year=year, recent=recent, start_path=catalog.start_path,
        memory=memory, busiest=max([1, *memory.reviews_per_day.values(), *memory.forecast.values()]),
    )
