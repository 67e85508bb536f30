"""The application factory: create_app(settings) builds everything; nothing is created at import time."""

from __future__ import annotations

import gc
import logging
import math
from contextlib import asynccontextmanager
from urllib.parse import quote, urlsplit

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from importlib.metadata import version
from skilltree.config import Settings
from skilltree.errors import SkilltreeError
from skilltree.live_catalog import LiveCatalog
from skilltree.maps.cache import LayoutCache
from skilltree.services.accounts import Throttled
from skilltree.services.search import index_catalog
from skilltree.store.engine import make_engine
from skilltree.store.faults import DatabaseFault, DatabaseUnavailable, FaultKind, classify, describe_database
from skilltree.store.health import SpaceWatch, write_blocker
from skilltree.store.migrate import ensure_schema
from skilltree.store.uow import units_of_work
from skilltree.web import (
    account_pages, admin_pages, api, api_admin, api_me, api_review, api_teams, auth_pages, ladder_pages, notes_pages,
    pages, profile_pages, review_pages, team_pages,
)
from skilltree.web import api_mentor_ratings, mentor_rating_pages
from skilltree.web.api_docs import add_api_docs
from skilltree.web.body_limit import BodyLimit
from skilltree.web.head_requests import HeadAsGet
from skilltree.web.deps import ApiUnauthorized, CsrfFailed, LoginRequired, Viewer, get_viewer
from skilltree.web.schemas import HealthPublic
from skilltree.web.security import SECURITY_HEADERS, SecurityHeaders
from skilltree.web.static_files import add_static_routes
from skilltree.web.templating import compile_templates, render

log = logging.getLogger("skilltree.web")
# How long a client should wait before asking again when the disk is full or read-only:
# someone has to act first.
RETRY_AFTER_REPAIR = 60
STATUS_OF_CODE = {
    "not_found": 404,
    "invalid": 400,
    "unprocessable": 422,
    "unauthorized": 401,
    "forbidden": 403,
    "conflict": 409,
    "too_many_requests": 429,
}


class InsecureSettings(Exception):
    """Settings that must not run in production; the message names each variable to fix."""


# Threads that run the routes which touch the database, per worker process (anyio's default is 40).
# Their work is mostly Python, which holds the GIL: with 40 of them on a busy worker, a thread back
# from the database waits for the GIL behind the others, and the signed-in roadmap at 32
# connections served ~0.095x the /healthz rate against ~0.125x with 4 (bench/web_speed.py).
# Requests beyond them wait in the event loop, which also keeps /healthz answering.
ROUTE_THREADS = 4


@asynccontextmanager
async def _lifespan(app: FastAPI):
    to_thread.current_default_thread_limiter().total_tokens = ROUTE_THREADS
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    reasons = settings.insecure_reasons()
    if reasons:
        raise InsecureSettings("refusing to start:\n  " + "\n  ".join(reasons))
    engine = make_engine(settings.effective_database_url, timeout=settings.database_timeout)
    ensure_schema(engine)

    app = FastAPI(
        title="Skilltree",
        version=version("skilltree"),
        description="Learning roadmaps for backend engineers. Progress routes need a bearer token from POST /api/v1/tokens.",
        openapi_url="/openapi.json",
        docs_url=None,  # served by api_docs, without a CDN
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.space_watch = SpaceWatch(engine)
    # The search index follows the catalog: built at start-up, brought up to date on each reload,
    # and put back at each check if another process indexed other content into this database.
    app.state.live_catalog = LiveCatalog(settings.content_dir, keep_in_step=lambda catalog: index_catalog(units_of_work(engine), catalog))
    app.state.map_layouts = LayoutCache()
    app.add_middleware(BodyLimit)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    add_static_routes(app)
    # FastAPI tries a request's path against every route of every router in turn, a few
    # microseconds each: the pages learners view most (home, roadmaps, topics, search) come before
    # the 45 routes of the API routers, which took a tenth of a signed-in roadmap's time.
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(api_me.router)
    app.include_router(api_admin.router)
    app.include_router(api_teams.router)
    app.include_router(ladder_pages.router)
    app.include_router(team_pages.router)
    app.include_router(notes_pages.router)
    app.include_router(account_pages.router)
    app.include_router(admin_pages.router)
    app.include_router(api_review.router)
    app.include_router(review_pages.router)
    app.include_router(auth_pages.router)
    app.include_router(profile_pages.router)
    app.include_router(api_mentor_ratings.router)
    app.include_router(mentor_rating_pages.router)
    add_api_docs(app)
    _add_health_routes(app)
    _add_error_handlers(app)
    return app


def create_app_from_environment() -> FastAPI:
    """For `uvicorn --factory`: every worker process builds its app from SKILLTREE_* variables."""
    app = create_app(Settings())
    compile_templates()
    # What the app holds from now on (the catalog, the search index's vocabulary, the modules,
    # the compiled templates) lives as long as the worker: frozen out of the cyclic garbage
    # collector, whose full collections otherwise walk all of it, stopping every request of the
    # worker for ~100 ms every few seconds under load (bench/web_speed.py: the signed-in roadmap's
    # p99 at 2 connections fell from 108-224 ms to 11-40 ms). A catalog loaded later is collected
    # as usual.
    gc.collect()
    gc.freeze()
    return app


def _add_health_routes(app: FastAPI) -> None:
    @app.get("/healthz", response_model=HealthPublic, tags=["health"], summary="The process is alive")
    async def healthz():
        return {"status": "ok"}

    @app.get("/readyz", response_model=HealthPublic, tags=["health"], summary="The database takes writes",
             responses={503: {"description": "The database does not answer, is read-only or is out of space"}})
    def readyz(request: Request):  # sync: a dead database may take a while to refuse
        # Ready means able to take writes: a database that answers reads but is full or
        # read-only fails every sign-up, mark and token request.
        fault = request.app.state.space_watch.fault or write_blocker(request.app.state.engine)
        if fault:
            return _unavailable(request, fault)
        return {"status": "ok"}


def _return_after_sign_in(request: Request) -> str:
    """Where the browser goes once signed in. After a form's post (a session that expired while the
    page was open) it comes back with a GET, which the form's action does not answer: the page
    the form was on instead."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


def _unavailable(request: Request, fault: DatabaseFault) -> JSONResponse:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, fault.message)
    retry = RETRY_AFTER_REPAIR if fault.kind is not FaultKind.UNAVAILABLE else math.ceil(request.app.state.settings.database_timeout)
    message = f"{fault.message}; try again later"
    return _api_error(503, "unavailable", message, {"Retry-After": str(retry)})


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _api_error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def _page_error(request: Request, status: int, heading: str, message: str):
    try:
        # In a worker thread, as FastAPI runs the dependency: it may wait for the database.
        viewer = await run_in_threadpool(get_viewer, request, request.app.state.engine)
    except Exception:  # the error page must not fail because the database did
        viewer = Viewer(None, "")
    return render(request, "error.html", viewer, status_code=status, title=heading, heading=heading, message=message)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SkilltreeError)
    async def user_mistake(request: Request, exc: SkilltreeError):
        status = STATUS_OF_CODE.get(exc.code, 400)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else None
        if _is_api(request):
            return _api_error(status, exc.code, exc.message, headers)
        heading = {404: "Not found", 403: "Not allowed", 429: "Slow down"}.get(status, "That did not work")
        return await _page_error(request, status, heading, exc.message)

    @app.exception_handler(ApiUnauthorized)
    async def unauthorized(request: Request, exc: ApiUnauthorized):
        return _api_error(401, "unauthorized", exc.message, {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        return RedirectResponse(f"/login?next={quote(_return_after_sign_in(request), safe='/')}", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed):
        return await _page_error(
            request, 403, "Form expired",
            "This form was missing its security token or came from another page. Go back, reload the page and try again.",
        )

    # Handled here, not by the crash handler: a response from a handler leaves the keep-alive
    # connection open, while an exception that reaches the server makes uvicorn close it.
    @app.exception_handler(DatabaseUnavailable)
    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    async def database_fault(request: Request, exc: Exception):
        state = request.app.state
        fault = classify(exc, database=describe_database(state.engine.url), timeout=state.settings.database_timeout)
        if fault is None:
            raise exc  # a bug of ours, not the database's state: the crash handler logs it as one
        state.space_watch.saw(fault)
        response = _unavailable(request, fault)
        if _is_api(request) or request.url.path in ("/readyz", "/healthz"):
            return response
        # A page for people, without looking up who is signed in: that would wait on the database again.
        page = render(request, "error.html", Viewer(None, ""), status_code=503, title="Try again later",
                      heading="Try again later", message=f"Not now: {fault.message}. Please try again in a little while.")
        page.headers["Retry-After"] = response.headers["Retry-After"]
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        message = "; ".join(_problem(error, exc.body) for error in exc.errors())
        if _is_api(request):
            return _api_error(422, "invalid", message)
        return await _page_error(request, 400, "That did not work", message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        # exc.headers carries what the status needs, such as Allow with 405.
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        if isinstance(exc.__cause__, UnicodeDecodeError):  # FastAPI's 400 for a body it could not decode
            bad = exc.__cause__
            message = f"body: not UTF-8 text (byte {bad.object[bad.start]:#04x} at offset {bad.start})"
        if _is_api(request):
            code = {400: "invalid", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(exc.status_code, "error")
            return _api_error(exc.status_code, code, message if exc.status_code != 404 else "no such API route", exc.headers)
        response = await _page_error(request, exc.status_code, "Not found" if exc.status_code == 404 else "Error", message)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        if _is_api(request):
            response = _api_error(500, "internal", "something went wrong on our side; it has been logged")
        else:
            response = await _page_error(
                request, 500, "Something went wrong", "Something went wrong on our side. It has been logged; please try again."
            )
        # Starlette answers a crash outside the middleware, so SecurityHeaders never sees this response.
        response.headers.update(SECURITY_HEADERS)
        return response


def _problem(error: dict, body) -> str:
    """One problem of a request, as `field: message`."""
    if error["type"] == "json_invalid":
        # FastAPI gives the offset into the body; people read line and column, as json reports them.
        offset = error["loc"][-1]
        line = body.count("\n", 0, offset) + 1
        column = offset - body.rfind("\n", 0, offset)
        return f"body: invalid JSON at line {line} column {column}: {error['ctx']['error']}"
    where = ".".join(str(part) for part in error["loc"] if part != "body") or "body"
    return f"{where}: {error['msg']}"
