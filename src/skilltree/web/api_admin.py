"""The administrators' API under /api/v1/admin/users. To anyone else it does not exist (404)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from skilltree.errors import InvalidInput
from skilltree.services import administration
from skilltree.store.uow import UnitOfWork
from skilltree.web.api import ERRORS
from skilltree.web.deps import ApiLearner, EngineDep, SettingsDep, UnitsDep, now
from skilltree.web.schemas import ResetLinkPublic, UserListPublic, UserPublic, UserUpdate

router = APIRouter(
    prefix="/api/v1/admin/users", tags=["admin"], responses={401: ERRORS[401], 404: ERRORS[404], 422: ERRORS[422]}
)


def user_fields(user) -> dict:
    return {
        "username": user.username, "display_name": user.display_name, "created_at": user.created_at,
        "last_active": user.last_active, "admin": user.is_admin, "disabled": user.disabled,
    }


@router.get("", response_model=UserListPublic, summary="Accounts, by username, a page at a time (administrators)")
def list_users(
    learner: ApiLearner,
    engine: EngineDep,
    q: Annotated[str, Query(max_length=64, description="Part of a username or display name.")] = "",
    limit: Annotated[int, Query(ge=1, le=administration.USERS_PAGE_MAX)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
):
    administration.admin_actor(learner)
    with UnitOfWork(engine) as uow:
        page = administration.list_users(uow, search=q, limit=limit, offset=offset)
    return {"users": [user_fields(u) for u in page.users], "total": page.total, "offset": page.offset, "limit": page.limit}


@router.patch("/{username}", response_model=UserPublic, responses={409: ERRORS[409], 400: ERRORS[400]},
              summary="Disable or enable an account, grant or revoke administrator (administrators)")
def update_user(username: str, update: UserUpdate, learner: ApiLearner, engine: EngineDep, units: UnitsDep):
    actor = administration.admin_actor(learner)
    if update.disabled is None and update.admin is None:
        raise InvalidInput('say what to change: {"disabled": true|false} or {"admin": true|false}')
    moment = now()
    if update.disabled is not None:
        administration.set_disabled(units, actor=actor, username=username, disabled=update.disabled, now=moment)
    if update.admin is not None:
        administration.set_admin(units, actor=actor, username=username, is_admin=update.admin, now=moment)
    with UnitOfWork(engine) as uow:
        return user_fields(administration.user_summary(uow, username=username))


@router.delete("/{username}", status_code=204, responses={409: ERRORS[409]},
               summary="Delete an account and everything in it (administrators)")
def delete_user(username: str, learner: ApiLearner, units: UnitsDep):
    administration.delete_user(units, actor=administration.admin_actor(learner), username=username, now=now())
    return Response(status_code=204)


@router.post("/{username}/reset-link", response_model=ResetLinkPublic, status_code=201,
             summary="A one-time password-reset link, valid 24 hours, to hand to the user (administrators)")
def reset_link(username: str, request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    link = administration.issue_reset_link(
        units, actor=administration.admin_actor(learner), username=username, now=now(), secret=settings.secret_key
    )
    return {"url": str(request.base_url).rstrip("/") + link.path, "expires_at": link.expires_at}
