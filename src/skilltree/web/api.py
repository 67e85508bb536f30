"""The JSON API under /api/v1. Every route that touches progress reads or writes only the caller's own."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from skilltree.progress.models import Source, Status
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, QUERY_MAX_LENGTH
from skilltree.services import accounts
from skilltree.services import catalog as catalog_service
from skilltree.services import progress as progress_service
from skilltree.services import search as search_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, OptionalApiLearner, SettingsDep, UnitsDep, client_address, now
from skilltree.web.schemas import (
    ErrorPublic,
    LadderListPublic,
    LadderPublic,
    MyProgressPublic,
    PathListPublic,
    PathPublic,
    ProgressChangePublic,
    ProgressUpdate,
    SearchResultsPublic,
    TokenCreate,
    TokenPublic,
    TopicPublic,
)

ERRORS = {
    status: {"model": ErrorPublic, "description": description}
    for status, description in {
        401: "No valid API token, or wrong username or password",
        400: "A parameter is out of range",
        404: "No such path, topic or ladder",
        422: "The request is malformed; the message names the field",
        429: "Too many failed sign-ins",
    }.items()
}

# Routes that touch the database are plain `def`s, for the reason given in deps.py.
router = APIRouter(prefix="/api/v1", tags=["api"], responses={422: ERRORS[422]})


@router.get("/paths", response_model=PathListPublic, summary="Every learning path with its figures")
async def list_paths(catalog: CatalogDep):
    return PathListPublic(paths=catalog_service.path_summaries(catalog))


@router.get("/paths/{path_id}", response_model=PathPublic, responses={404: ERRORS[404], 401: ERRORS[401]}, summary="A path's roadmap")
def get_path(path_id: str, catalog: CatalogDep, engine: EngineDep, learner: OptionalApiLearner):
    with UnitOfWork(engine) as uow:
        return PathPublic.model_validate(progress_service.roadmap(uow, catalog, learner=learner, path_id=path_id))


@router.get("/topics/{topic_id}", response_model=TopicPublic, responses={404: ERRORS[404], 401: ERRORS[401]}, summary="One topic")
def get_topic(topic_id: str, catalog: CatalogDep, engine: EngineDep, learner: OptionalApiLearner):
    if learner is None:
        return TopicPublic.model_validate(catalog_service.topic_detail(catalog, topic_id=topic_id))
    with UnitOfWork(engine) as uow:
        mine = progress_service.learner_topic(uow, catalog, learner=learner, topic_id=topic_id)
    return TopicPublic.model_validate(mine.detail).model_copy(update={"status": mine.status.value})


@router.get("/ladders", response_model=LadderListPublic, summary="Every seniority ladder with its levels")
async def list_ladders(catalog: CatalogDep):
    return LadderListPublic(ladders=catalog_service.ladder_summaries(catalog))


@router.get("/ladders/{ladder_id}", response_model=LadderPublic, responses={404: ERRORS[404], 401: ERRORS[401]},
            summary="A seniority ladder: what each level holds, and the topics that prepare for it")
def get_ladder(ladder_id: str, catalog: CatalogDep, engine: EngineDep, learner: OptionalApiLearner):
    with UnitOfWork(engine) as uow:
        return LadderPublic.model_validate(progress_service.ladder_report(uow, catalog, learner=learner, ladder_id=ladder_id))


@router.get("/search", response_model=SearchResultsPublic, responses={400: ERRORS[400], 401: ERRORS[401]},
            summary="Topics that answer a question, best first")
def search_topics(  # sync: a search takes milliseconds (see pages.py)
    catalog: CatalogDep,
    engine: EngineDep,
    learner: OptionalApiLearner,
    q: Annotated[str, Query(max_length=QUERY_MAX_LENGTH, description="What you want to know, e.g. slow queries.")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    with UnitOfWork(engine) as uow:
        found = search_service.find(uow, catalog, query=q, learner=learner, limit=limit, offset=offset)
    return {"query": q, "corrected_query": found.corrected_query, "results": [hit.as_dict() for hit in found.hits]}


@router.get("/me/progress", response_model=MyProgressPublic, responses={401: ERRORS[401]}, summary="Your progress on every path")
def my_progress(learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        paths = progress_service.progress_overview(uow, catalog, learner=learner)
        activity = progress_service.learner_activity(uow, learner=learner, now=now())
    return MyProgressPublic(learner=learner.username, paths=paths, activity=activity)


@router.put(
    "/me/progress/{topic_id}",
    response_model=ProgressChangePublic,
    responses={401: ERRORS[401], 404: ERRORS[404]},
    summary="Set your status on a topic",
)
def set_progress(topic_id: str, update: ProgressUpdate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep):
    (change,) = progress_service.mark_topics(
        units, catalog, learner=learner, topic_ids=[topic_id], status=Status(update.status), source=Source.API, now=now()
    )
    return ProgressChangePublic.model_validate(change)


@router.post(
    "/tokens",
    response_model=TokenPublic,
    status_code=201,
    responses={401: ERRORS[401], 429: ERRORS[429]},
    summary="Exchange a username and password for an API token",
)
def create_token(credentials: TokenCreate, request: Request, units: UnitsDep, settings: SettingsDep):
    moment = now()
    token = accounts.sign_in(
        units,
        username=credentials.username,
        password=credentials.password,
        client=client_address(request, settings),
        now=moment,
        grant=partial(accounts.issue_token, now=moment, secret=settings.secret_key),
    )
    return {"token": token}


@router.delete("/tokens/current", status_code=204, responses={401: ERRORS[401]}, summary="Revoke the token this request uses")
def revoke_current_token(request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    accounts.revoke_token(units, token=request.state.api_token, now=now(), secret=settings.secret_key)
    return Response(status_code=204)
