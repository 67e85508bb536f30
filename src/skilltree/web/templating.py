"""Rendering pages: the Jinja2 environment, its filters, and the cookies a page may need to set."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from skilltree.web.deps import Viewer
from skilltree.web.markdown import render_markdown
from skilltree.web.security import CSRF_COOKIE

TEMPLATES = Path(__file__).with_name("templates")
templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters["markdown"] = render_markdown
templates.env.globals["status_labels"] = {
    "not_started": "Not started",
    "learning": "Learning",
    "done": "Done",
    "skipped": "Skipped",
}
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
            **context,
        },
        status_code=status_code,
    )
    set_pending_cookies(request, response)
    return response


def set_pending_cookies(request: Request, response) -> None:
    csrf = getattr(request.state, "new_csrf_cookie", None)
    if csrf:
        settings = request.app.state.settings
        response.set_cookie(
            CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=settings.cookies_secure, path="/"
        )
