"""Dependencies shared by the routes, as Annotated aliases.

A dependency that touches the database is a plain `def`: FastAPI runs it in its worker threads,
so a slow or locked database holds up that request only, never the event loop that also serves
/healthz and the static files (tests/web/test_event_loop.py). The cheap ones stay async, so that
FastAPI does not send each to a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, Form, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from skilltree.catalog.models import Catalog
from skilltree.config import Settings
from skilltree.maps.cache import LayoutCache
from skilltree.progress.models import Learner
from skilltree.services import accounts
from skilltree.services.review import due_count
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory, units_of_work
from skilltree.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, csrf_matches, new_csrf_token


class LoginRequired(Exception):
    """A page needs a signed-in learner; answered with a redirect to the sign-in page."""


class ApiUnauthorized(Exception):
    """An API route needs a valid bearer token; answered with 401."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CsrfFailed(Exception):
    """A form post without the token of the page it came from; answered with 403."""


def now() -> datetime:
    return datetime.now(timezone.utc)


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine


async def get_catalog(request: Request) -> Catalog:
    return request.app.state.live_catalog.current()


async def get_units(request: Request) -> UnitOfWorkFactory:
    return units_of_work(request.app.state.engine)


async def get_layouts(request: Request) -> LayoutCache:
    return request.app.state.map_layouts


SettingsDep = Annotated[Settings, Depends(get_settings)]
LayoutsDep = Annotated[LayoutCache, Depends(get_layouts)]
UnitsDep = Annotated[UnitOfWorkFactory, Depends(get_units)]
EngineDep = Annotated[Engine, Depends(get_engine)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a page: a signed-in learner or nobody, and the CSRF token for their forms."""

    learner: Learner | None
    csrf: str
    session_token: str | None = None
    reviews_due: int | None = None  # the header's count of cards left today; None signed out

    @property
    def signed_in(self) -> bool:
        return self.learner is not None


def client_address(request: Request, settings: Settings) -> str:
    """The address sign-in throttling counts failures against."""
    if settings.trust_proxy_headers:
        # The proxy appends the address it saw to whatever X-Forwarded-For the client sent, so
        # only the last entry is not the client's own say.
        forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last[:64]
    return (request.client.host if request.client else "unknown")[:64]


def get_viewer(request: Request, engine: EngineDep) -> Viewer:
    if not request.cookies.get(SESSION_COOKIE):
        return _signed_out(request)
    with UnitOfWork(engine) as uow:
        return viewer_in(uow, request, request.app.state.live_catalog.current())


def viewer_in(uow: UnitOfWork, request: Request, catalog: Catalog) -> Viewer:
    """The viewer, looked up in a transaction the caller has open, with the header's count of
    `catalog`'s cards due. The most viewed pages (a roadmap, a topic) call it inside their own
    work, with the catalog they show, rather than take ViewerDep: that spares them a second trip
    through the route threads and a second transaction, about a fifth of a signed-in roadmap's
    time (bench/web_speed.py)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        moment = now()
        found = accounts.session_learner(uow, token=token, now=moment, secret=request.app.state.settings.secret_key)
        if found:
            learner, csrf = found
            # Every page's header shows it: counted here, in the session's transaction, rather
            # than in one of its own at each page view.
            due = due_count(uow, catalog, learner=learner, now=moment)
            return Viewer(learner, csrf, token, due)
    return _signed_out(request)


def _signed_out(request: Request) -> Viewer:
    # A double-submit cookie guards the sign-in and sign-up forms.
    csrf = request.cookies.get(CSRF_COOKIE)
    if not csrf:
        csrf = new_csrf_token()
        request.state.new_csrf_cookie = csrf
    return Viewer(None, csrf)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


def check_csrf(
    viewer: ViewerDep,
    form_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    header_token: Annotated[str, Header(alias=CSRF_HEADER)] = "",
) -> None:
    """A form post carries the token of the page it came from: in its hidden field, or in the
    header when app.js sends the form. tests/web/test_security.py checks every form route has this."""
    if not csrf_matches(form_token or header_token, viewer.csrf):
        raise CsrfFailed()


# A parameter of every route that takes a form: `_: CsrfChecked`.
CsrfChecked = Annotated[None, Depends(check_csrf)]


async def get_learner(viewer: ViewerDep) -> Learner:
    if viewer.learner is None:
        raise LoginRequired()
    return viewer.learner


CurrentLearner = Annotated[Learner, Depends(get_learner)]


# Declares HTTP bearer auth in /openapi.json on every route that takes a token, which gives /docs
# its Authorize button; the routes answer a missing or wrong token with our own 401 below.
bearer_scheme = HTTPBearer(
    scheme_name="bearer", description="An API token: POST /api/v1/tokens gives one.", auto_error=False
)
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def get_api_learner(request: Request, units: UnitsDep, settings: SettingsDep, credentials: BearerCredentials) -> Learner:
    token = credentials.credentials.strip() if credentials else ""
    if not token:
        raise ApiUnauthorized("this needs an API token: send 'Authorization: Bearer <token>' (POST /api/v1/tokens gives one)")
    try:
        learner = accounts.token_learner(units, token=token, secret=settings.secret_key, now=now())
    except accounts.AuthenticationFailed as refused:
        raise ApiUnauthorized(refused.message) from None
    request.state.api_token = token
    return learner


ApiLearner = Annotated[Learner, Depends(get_api_learner)]


def get_optional_api_learner(
    request: Request, units: UnitsDep, settings: SettingsDep, credentials: BearerCredentials
) -> Learner | None:
    if not request.headers.get("authorization"):
        return None
    return get_api_learner(request, units, settings, credentials)


OptionalApiLearner = Annotated[Learner | None, Depends(get_optional_api_learner)]
