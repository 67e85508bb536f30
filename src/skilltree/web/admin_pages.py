"""Administration on the web: /admin/users (search, page, act on an account), /admin/audit, and
/reset/{token}, where a user sets a new password through the link an administrator gave them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from skilltree.errors import NotFound, SkilltreeError, Unprocessable
from skilltree.services import administration
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CsrfChecked, CurrentLearner, EngineDep, SettingsDep, UnitsDep, Viewer, ViewerDep, now
from skilltree.web.templating import render

router = APIRouter()
USERS_PER_PAGE = 50
AUDIT_PER_PAGE = 100
MAX_PAGE = 100_000  # far past any real list; keeps the offset a number the database takes
ERROR_STATUS = {"not_found": 404, "conflict": 409, "unprocessable": 422}
# What each button on a user's row does, by the action in its address.
ACTIONS = {
    "disable": lambda units, actor, username, moment: administration.set_disabled(
        units, actor=actor, username=username, disabled=True, now=moment),
    "enable": lambda units, actor, username, moment: administration.set_disabled(
        units, actor=actor, username=username, disabled=False, now=moment),
    "grant-admin": lambda units, actor, username, moment: administration.set_admin(
        units, actor=actor, username=username, is_admin=True, now=moment),
    "revoke-admin": lambda units, actor, username, moment: administration.set_admin(
        units, actor=actor, username=username, is_admin=False, now=moment),
}
DONE_MESSAGES = {
    "disable": "{} is disabled: their sessions and tokens have ended.",
    "enable": "{} is enabled again.",
    "grant-admin": "{} is now an administrator.",
    "revoke-admin": "{} is no longer an administrator.",
    "delete": "{} and everything in their account are deleted.",
}


def _users_page(request: Request, viewer: Viewer, engine, *, q: str = "", page: int = 1, error: str = "",
                status_code: int = 200, reset_link: dict | None = None):
    page = max(page, 1)
    with UnitOfWork(engine) as uow:
        found = administration.list_users(uow, search=q, limit=USERS_PER_PAGE, offset=(page - 1) * USERS_PER_PAGE)
    done = request.query_params.get("done", "")
    done_user = request.query_params.get("user", "")
    return render(
        request, "admin_users.html", viewer, status_code=status_code, title="Users",
        users=found.users, total=found.total, q=q, page=page, pages=max(1, -(-found.total // USERS_PER_PAGE)),
        error=error, reset_link=reset_link,
        done=DONE_MESSAGES[done].format(done_user) if done in DONE_MESSAGES else "",
    )


@router.get("/admin/users", include_in_schema=False)
def users_page(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, q: str = "", page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
):
    administration.admin_actor(learner)
    return _users_page(request, viewer, engine, q=q[:64], page=page)


@router.post("/admin/users/{username}/{action}", include_in_schema=False)
def act_on_user(
    username: str, action: str, request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep,
    units: UnitsDep, settings: SettingsDep,
    _: CsrfChecked, confirm: Annotated[str, Form()] = "",
):
    actor = administration.admin_actor(learner)
    moment = now()
    try:
        if action == "reset-link":
            link = administration.issue_reset_link(units, actor=actor, username=username, now=moment, secret=settings.secret_key)
            url = str(request.base_url).rstrip("/") + link.path
            return _users_page(request, viewer, engine, q=username,
                               reset_link={"username": username, "url": url, "expires_at": link.expires_at})
        if action == "delete":
            if confirm != username:
                raise Unprocessable(f"to delete {username}, type the username {username!r} in the box beside the button")
            administration.delete_user(units, actor=actor, username=username, now=moment)
        elif action in ACTIONS:
            ACTIONS[action](units, actor, username, moment)
        else:
            raise NotFound("there is no page at this address")
    except SkilltreeError as error:
        return _users_page(request, viewer, engine, q=username, error=error.message, status_code=ERROR_STATUS.get(error.code, 400))
    return RedirectResponse(f"/admin/users?done={action}&user={username}", status_code=303)


@router.get("/admin/audit", include_in_schema=False)
def audit_page(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
):
    administration.admin_actor(learner)
    page = max(page, 1)
    with UnitOfWork(engine) as uow:
        entries = administration.audit_entries(uow, limit=AUDIT_PER_PAGE + 1, offset=(page - 1) * AUDIT_PER_PAGE)
    return render(request, "admin_audit.html", viewer, title="Audit log",
                  entries=entries[:AUDIT_PER_PAGE], page=page, more=len(entries) > AUDIT_PER_PAGE)


@router.get("/reset/{token}", include_in_schema=False)
def reset_page(token: str, request: Request, viewer: ViewerDep, engine: EngineDep, settings: SettingsDep):
    with UnitOfWork(engine) as uow:
        learner = administration.reset_link_learner(uow, token=token, secret=settings.secret_key, now=now())
    return render(request, "reset.html", viewer, title="Set a new password", username=learner.username, token=token, error="")


@router.post("/reset/{token}", include_in_schema=False)
def reset_password(
    token: str, request: Request, viewer: ViewerDep, engine: EngineDep, units: UnitsDep, settings: SettingsDep,
    _: CsrfChecked,
    new_password: Annotated[str, Form()] = "",
    repeat_password: Annotated[str, Form()] = "",
):
    try:
        if new_password != repeat_password:
            raise Unprocessable("the new password and its repetition differ; type the same password twice")
        administration.reset_password(units, token=token, password=new_password, secret=settings.secret_key, now=now())
    except NotFound:  # the link is unknown, used or expired: the error page says so
        raise
    except SkilltreeError as error:
        with UnitOfWork(engine) as uow:
            learner = administration.reset_link_learner(uow, token=token, secret=settings.secret_key, now=now())
        return render(request, "reset.html", viewer, status_code=422, title="Set a new password",
                      username=learner.username, token=token, error=error.message)
    return RedirectResponse("/login?reset=1", status_code=303)
