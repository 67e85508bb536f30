"""Sign up, sign in and sign out."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from skilltree.errors import InvalidInput, SkilltreeError
from skilltree.services import accounts
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import SESSION_COOKIE, CatalogDep, CsrfChecked, EngineDep, SettingsDep, UnitsDep, Viewer, ViewerDep, client_address, now
from skilltree.web.forms import safe_return_path
from skilltree.web.templating import render

router = APIRouter()
# Every route here reads or writes accounts, so each runs in a worker thread (see deps.py). The
# account services hash passwords outside the write transaction.

ERROR_STATUS = {"unauthorized": 401, "too_many_requests": 429, "conflict": 409, "forbidden": 403}


def _signed_in(response: RedirectResponse, token: str, settings) -> RedirectResponse:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.cookies_secure,
        path="/",
    )
    return response


def _session_grant(viewer: Viewer, settings, moment):
    """What a successful sign-up or sign-in gives: a session, in place of the browser's previous one."""
    return partial(accounts.open_session, now=moment, secret=settings.secret_key, replacing=viewer.session_token)


def _form_error(request: Request, template: str, viewer: Viewer, error: SkilltreeError, **values):
    status = ERROR_STATUS.get(error.code, 400)
    response = render(request, template, viewer, status_code=status, error=error.message, **values)
    if isinstance(error, accounts.Throttled):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@router.get("/signup", include_in_schema=False)
def signup_page(request: Request, viewer: ViewerDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        is_open = accounts.signup_allowed(uow)
    return render(request, "signup.html", viewer, title="Sign up", signup_open=is_open, error="", username="", display_name="")


@router.post("/signup", include_in_schema=False)
def signup(
    request: Request,
    viewer: ViewerDep,
    _: CsrfChecked,
    units: UnitsDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    display_name: Annotated[str, Form()] = "",
    password_again: Annotated[str, Form()] = "",
):
    moment = now()
    try:
        if password_again != password:
            raise InvalidInput("the two passwords differ: type the same password in both fields")
        token, _ = accounts.sign_up(
            units,
            username=username,
            password=password,
            display_name=display_name,
            client=client_address(request, settings),
            now=moment,
            grant=_session_grant(viewer, settings, moment),
        )
    except SkilltreeError as error:
        return _form_error(
            request, "signup.html", viewer, error, title="Sign up", signup_open=True, username=username, display_name=display_name
        )
    start = catalog.start_path  # a newcomer begins there; with content that names none, at home
    return _signed_in(RedirectResponse(f"/paths/{start.id}" if start else "/", status_code=303), token, settings)


@router.get("/login", include_in_schema=False)
async def login_page(request: Request, viewer: ViewerDep):
    return render(
        request, "login.html", viewer, title="Sign in", next=request.query_params.get("next", ""), error="", username="",
        password_reset=request.query_params.get("reset") == "1",
    )


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    viewer: ViewerDep,
    _: CsrfChecked,
    units: UnitsDep,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
):
    moment = now()
    try:
        token, _ = accounts.sign_in(
            units,
            username=username,
            password=password,
            client=client_address(request, settings),
            now=moment,
            grant=_session_grant(viewer, settings, moment),
        )
    except SkilltreeError as error:
        return _form_error(
            request, "login.html", viewer, error, title="Sign in", username=username, next=next, password_reset=False
        )
    return _signed_in(RedirectResponse(safe_return_path(next, "/"), status_code=303), token, settings)


@router.post("/logout", include_in_schema=False)
def logout(viewer: ViewerDep, _: CsrfChecked, units: UnitsDep, settings: SettingsDep):
    if viewer.session_token:
        accounts.sign_out(units, token=viewer.session_token, secret=settings.secret_key)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
