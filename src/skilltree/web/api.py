"""The JSON API under /api/v1. Every route that touches progress reads or writes only the caller's own."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from skilltree.progress.models import Source, Status
from skilltree.search.limits import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, QUERY_MAX_LENGTH
from skilltree.services import accounts
from skilltree.services import assessment
from skilltree.services.assessment_documents import change_document, growth_document, standing_document
from skilltree.services import catalog as catalog_service
from skilltree.services import notes as notes_service
from skilltree.services import progress as progress_service
from skilltree.services import search as search_service
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import ApiLearner, CatalogDep, EngineDep, OptionalApiLearner, SettingsDep, UnitsDep, client_address, now
from skilltree.web.schemas import (
    ErrorPublic,
    GrowthPublic,
    LadderListPublic,
    LadderPublic,
    MyLadderPublic,
    MyProgressPublic,
    PathListPublic,
    PathPublic,
    ProgressChangePublic,
    ProgressUpdate,
    RatingChangePublic,
    RatingUpdate,
    SearchResultsPublic,
    TokenCreate,
    TokenPublic,
    TopicPublic,
)

ERRORS = {
    status: {"model": ErrorPublic, "description": description}
    for status, description in {
        401: "No valid API token (the message says if it expired), or wrong username or password",
        400: "A parameter is out of range or unknown, or the ladder has no rating scale",
        403: "The account is disabled, or your role in the team does not allow this",
        404: "No such path, topic, ladder, responsibility, note, token, user, team (or not yours) or invite",
        409: "The change would leave no administrator or a team without an owner, or conflicts with another",
        422: "The request is malformed or over a limit; the message names the field or the limit",
        429: "Too many failed sign-ins or invite links that did not work",
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
        answer = {"query": q, "corrected_query": found.corrected_query, "results": [hit.as_dict() for hit in found.hits]}
        if learner is not None:  # the learner's own notes, never anyone else's
            answer["notes"] = [hit.as_dict() for hit in notes_service.search_notes(uow, catalog, learner=learner, query=q)]
    return answer


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


@router.get(
    "/me/ladders/{ladder_id}",
    response_model=MyLadderPublic,
    responses={400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404]},
    summary="Where you stand on a ladder: each level's readiness and your latest rating of each responsibility",
)
def my_ladder(ladder_id: str, learner: ApiLearner, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        return standing_document(assessment.standing(uow, catalog, learner=learner, ladder_id=ladder_id))


@router.put(
    "/me/ladders/{ladder_id}/ratings/{responsibility_id}",
    response_model=RatingChangePublic,
    responses={400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404]},
    summary="Rate yourself on a responsibility, with evidence; each change is kept in its history",
)
def rate_responsibility(
    ladder_id: str, responsibility_id: str, update: RatingUpdate, learner: ApiLearner, catalog: CatalogDep, units: UnitsDep
):
    change = assessment.rate(
        units, catalog, learner=learner, ladder_id=ladder_id, responsibility_id=responsibility_id,
        rating=assessment.parse_rating(update.rating), evidence=update.evidence, source=Source.API, now=now(),
    )
    return change_document(change)


@router.get(
    "/me/ladders/{ladder_id}/growth",
    response_model=GrowthPublic,
    responses={400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404]},
    summary="Your growth plan towards a level: one reading order of the topics left",
)
def my_growth(
    ladder_id: str,
    learner: ApiLearner,
    catalog: CatalogDep,
    engine: EngineDep,
    target: Annotated[str | None, Query(max_length=100, description="A level id; the next level above yours when left out.")] = None,
):
    with UnitOfWork(engine) as uow:
        return growth_document(assessment.growth(uow, catalog, learner=learner, ladder_id=ladder_id, target=target))


@router.post(
    "/tokens",
    response_model=TokenPublic,
    status_code=201,
    responses={401: ERRORS[401], 403: ERRORS[403], 429: ERRORS[429]},
    summary="Exchange a username and password for an API token (90 days unless you say)",
)
def create_token(credentials: TokenCreate, request: Request, units: UnitsDep, settings: SettingsDep):
    moment = now()
    issued = accounts.sign_in(
        units,
        username=credentials.username,
        password=credentials.password,
        client=client_address(request, settings),
        now=moment,
        grant=partial(
            accounts.issue_token, now=moment, secret=settings.secret_key,
            name=credentials.name, expires_in_days=credentials.expires_in_days,
        ),
    )
    return {"token": issued.secret, **token_fields(issued.token)}


def token_fields(token) -> dict:
    return {
        "id": token.id, "name": token.name, "created_at": token.created_at,
        "last_used_at": token.last_used_at, "expires_at": token.expires_at,
    }


@router.delete("/tokens/current", status_code=204, responses={401: ERRORS[401]}, summary="Revoke the token this request uses")
def revoke_current_token(request: Request, learner: ApiLearner, units: UnitsDep, settings: SettingsDep):
    accounts.revoke_token(units, token=request.state.api_token, now=now(), secret=settings.secret_key)
    return Response(status_code=204)
