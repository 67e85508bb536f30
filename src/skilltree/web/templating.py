"""Rendering pages: the Jinja2 environment, its filters, and the cookies a page may need to set."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined

from skilltree.progress.models import STATUS_LABELS, Status
from skilltree.web.deps import Viewer
from skilltree.web.markdown import render_markdown
from skilltree.web.security import CSRF_COOKIE, CSRF_FIELD

TEMPLATES = Path(__file__).with_name("templates")
templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters["markdown"] = render_markdown
# A name a template uses but is not given is an error, not a blank: a renamed field cannot
# quietly empty a page.
templates.env.undefined = StrictUndefined
templates.env.globals["csrf_field"] = CSRF_FIELD  # the name deps.check_csrf reads
templates.env.globals["status_labels"] = {status.value: label for status, label in STATUS_LABELS.items()}
templates.env.globals["Status"] = Status
templates.env.globals["resource_labels"] = {
    "docs": "Documentation",
    "article": "Articles",
    "book": "Books",
    "video": "Videos",
    "course": "Courses",
    "tool": "Tools",
    "paper": "Papers",
}


def render(request: Request, name: str, viewer: Viewer, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("title", "Skilltree")
    response = templates.TemplateResponse(
        request,
        name,
        {
            "viewer": viewer,
            "show_minutes": not (viewer.learner and viewer.learner.hide_minutes),
            "ladder_link": ladder_link(request),
            **context,
        },
        status_code=status_code,
    )
    set_pending_cookies(request, response)
    return response


def ladder_link(request: Request) -> dict | None:
    """The header's link to the seniority ladders, on every page: straight to the ladder when the
    content has only one (the bundled content does), else to the list on the home page; none
    when the content has no ladder."""
    ladders = request.app.state.live_catalog.current().ladders
    if not ladders:
        return None
    if len(ladders) == 1:
        return {"href": f"/ladders/{next(iter(ladders))}", "label": "Ladder"}
    return {"href": "/#ladders", "label": "Ladders"}


def set_pending_cookies(request: Request, response) -> None:
    csrf = getattr(request.state, "new_csrf_cookie", None)
    if csrf:
        settings = request.app.state.settings
        response.set_cookie(
            CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=settings.cookies_secure, path="/"
        )
