"""Public profiles: /u/<username>, its progress cards (SVG images for a README), and the settings form
that turns them on."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from skilltree.services import profiles
from skilltree.store.uow import UnitOfWork
from skilltree.web.deps import CatalogDep, CsrfChecked, CurrentLearner, EngineDep, UnitsDep, ViewerDep
from skilltree.web.security import IMAGE_POLICY
from skilltree.web.templating import render, templates

router = APIRouter()

# A card is pasted into pages we do not control and fetched through their image proxies: it may
# be cached for a while, and is checked again after that, so a profile turned off disappears.
CARD_MAX_AGE = 300


@router.get("/u/{username}", include_in_schema=False)
def profile_page(username: str, request: Request, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        profile = profiles.public_profile(uow, catalog, username=username)
    site = str(request.base_url).rstrip("/")
    return render(request, "profile.html", viewer, title=profile.display_name, profile=profile, site=site)


@router.get("/u/{username}/card.svg", include_in_schema=False)
def progress_card(username: str, path: str, request: Request, catalog: CatalogDep, engine: EngineDep):
    with UnitOfWork(engine) as uow:
        card = profiles.progress_card(uow, catalog, username=username, path_id=path)
    svg = templates.get_template("card.svg").render(card=card, username=username.lower())
    etag = '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'
    headers = {
        "Content-Security-Policy": IMAGE_POLICY,
        "Cache-Control": f"public, max-age={CARD_MAX_AGE}",
        "ETag": etag,
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type="image/svg+xml", headers=headers)


@router.post("/settings/public-profile", include_in_schema=False)
def save_profile(
    learner: CurrentLearner,
    _: CsrfChecked,
    catalog: CatalogDep,
    units: UnitsDep,
    public_profile: Annotated[bool, Form()] = False,
    public_paths: Annotated[list[str] | None, Form()] = None,
):
    profiles.set_public_profile(units, catalog, learner=learner, public=public_profile, path_ids=public_paths or [])
    return RedirectResponse("/settings?done=public-profile#public-profile", status_code=303)
