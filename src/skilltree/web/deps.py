"""Dependencies shared by the routes, as Annotated aliases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from sqlalchemy import Engine

from skilltree.catalog.models import Catalog
from skilltree.config import Settings
from skilltree.progress.models import Learner
from skilltree.services import accounts
from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory, units_of_work
from skilltree.web.security import CSRF_COOKIE, new_csrf_token

SESSION_COOKIE = "skilltree_session"


class LoginRequired(Exception):
    """A page needs a signed-in learner; answered with a redirect to the sign-in page."""


class ApiUnauthorized(Exception):
    """An API route needs a valid bearer token; answered with 401."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def now() -> datetime:
    return datetime.now(timezone.utc)


# The cheap dependencies are async so that FastAPI does not send each one to a worker thread.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine


async def get_catalog(request: Request) -> Catalog:
    return request.app.state.live_catalog.current()


async def get_units(request: Request) -> UnitOfWorkFactory:
    return units_of_work(request.app.state.engine)


SettingsDep = Annotated[Settings, Depends(get_settings)]
UnitsDep = Annotated[UnitOfWorkFactory, Depends(get_units)]
EngineDep = Annotated[Engine, Depends(get_engine)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a page: a signed-in learner or nobody, and the CSRF token for their forms."""

    learner: Learner | None
    csrf: str
    session_token: str | None = None

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


async def get_viewer(request: Request, engine: EngineDep, settings: SettingsDep) -> Viewer:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with UnitOfWork(engine) as uow:
            found = accounts.session_learner(uow, token=token, now=now(), secret=settings.secret_key)
        if found:
            learner, csrf = found
            return Viewer(learner, csrf, token)
    # Signed out: a double-submit cookie guards the sign-in and sign-up forms.
    csrf = request.cookies.get(CSRF_COOKIE)
    if not csrf:
        csrf = new_csrf_token()
        request.state.new_csrf_cookie = csrf
    return Viewer(None, csrf)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


async def get_learner(viewer: ViewerDep) -> Learner:
    if viewer.learner is None:
        raise LoginRequired()
    return viewer.learner


CurrentLearner = Annotated[Learner, Depends(get_learner)]


async def get_api_learner(request: Request, engine: EngineDep, settings: SettingsDep) -> Learner:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiUnauthorized("this needs an API token: send 'Authorization: Bearer <token>' (POST /api/v1/tokens gives one)")
    moment = now()
    try:
        with UnitOfWork(engine) as uow:
            learner, stored = accounts.token_learner(uow, token=token.strip(), secret=settings.secret_key, now=moment)
    except accounts.AuthenticationFailed as refused:
        raise ApiUnauthorized(refused.message) from None
    if accounts.token_use_is_stale(stored, now=moment):
        # At most once an hour, a short write; in a worker thread, since it may wait for the write lock.
        await run_in_threadpool(accounts.note_token_use, units_of_work(engine), token=stored, now=moment)
    request.state.api_token = token.strip()
    return learner


ApiLearner = Annotated[Learner, Depends(get_api_learner)]


async def get_optional_api_learner(request: Request, engine: EngineDep, settings: SettingsDep) -> Learner | None:
    if not request.headers.get("authorization"):
        return None
    return await get_api_learner(request, engine, settings)


OptionalApiLearner = Annotated[Learner | None, Depends(get_optional_api_learner)]
