"""Rendering pages: the Jinja2 environment, its filters, and the cookies a page may need to set."""

from __future__ import annotations

from functools import cache, lru_cache
from html import escape
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined
from markupsafe import Markup

from skilltree.catalog.models import Level
from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH
from skilltree.maps import layout as map_layout
from skilltree.progress.models import STATUS_LABELS, Status
from skilltree.services.maps import DrawnMap
from skilltree.web.deps import Viewer
from skilltree.web.markdown import render_evidence, render_markdown
from skilltree.web.security import CSRF_COOKIE, CSRF_FIELD

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.auto_reload = False  # the templates ship with the package: no file check on every page
templates.env.filters["markdown"] = render_markdown
templates.env.filters["evidence"] = render_evidence
# A name a template uses but is not given is an error, not a blank: a renamed field cannot
# quietly empty a page.
templates.env.undefined = StrictUndefined
templates.env.globals["csrf_field"] = CSRF_FIELD  # the name deps.check_csrf reads
templates.env.globals["status_labels"] = {status.value: label for status, label in STATUS_LABELS.items()}
templates.env.globals["Status"] = Status
templates.env.globals["evidence_max"] = EVIDENCE_MAX_LENGTH
templates.env.globals["resource_labels"] = {
    "docs": "Documentation",
    "article": "Articles",
    "book": "Books",
    "video": "Videos",
    "course": "Courses",
    "tool": "Tools",
    "paper": "Papers",
}

# What map.svg draws with: the layout's measures, and the level as one to three dots.
templates.env.globals.update(
    node_width=map_layout.NODE_WIDTH,
    node_height=map_layout.NODE_HEIGHT,
    spine_x=map_layout.SPINE_X,
    content_x=map_layout.CONTENT_X,
    level_ranks={level.value: rank for rank, level in enumerate(Level, start=1)},
    # A status's mark, drawn in a small circle: a tick, a half-filled disc, a dash.
    status_marks={"done": "M-4,0L-1,3L4,-3", "learning": "M0,-5A5,5 0 0 1 0,5Z", "skipped": "M-4,0H4"},
)


@lru_cache(maxsize=4096)
def map_node_drawing(node: map_layout.MapNode) -> Markup:
    """What map.svg draws of a node whatever the learner: drawn once per layout, since drawing every
    node's box, dots and title again was a sixth of a signed-in roadmap's time."""
    return Markup(templates.get_template("map_node.svg").render(node=node))


templates.env.globals["map_node_drawing"] = map_node_drawing


@cache
def map_styles() -> str:
    """The stylesheets a map.svg of its own carries inside it: the palette and the map's rules."""
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in ("style.css", "map.css"))


def render_map(drawn_map: DrawnMap, *, standalone: bool) -> Markup:
    """map.svg for a DrawnMap, as markup to put in a page or to serve as an image of its own."""
    layout = drawn_map.layout
    statuses = None if drawn_map.statuses is None else tuple(drawn_map.status(node.topic_id) for node in layout.nodes)
    return _drawing(layout, statuses, drawn_map.next_up, drawn_map.current, standalone)


@lru_cache(maxsize=64)
def _drawing(
    layout: map_layout.MapLayout, statuses: tuple | None, next_up: str | None, current: str | None, standalone: bool
) -> Markup:
    """A map drawn once for what it shows: a learner's roadmap is drawn again only when one of its
    statuses changes, not at every view (drawing it was a tenth of the signed-in roadmap's time)."""
    drawn_map = DrawnMap(
        layout, None if statuses is None else dict(zip((node.topic_id for node in layout.nodes), statuses)), next_up, current
    )
    styles = map_styles() if standalone else ""
    return Markup(templates.get_template("map.svg").render(map=drawn_map, standalone=standalone, map_styles=styles))


# (status, visible word, accessible name): each name says which topic, since a roadmap has a "Done"
# button on every card, and keeps the visible word so that speech control ("click Done") finds it.
STATUS_BUTTONS = (
    (Status.LEARNING, "Learning", "Mark {} as learning"),
    (Status.DONE, "Done", "Mark {} as done"),
    (Status.SKIPPED, "Skip", "Skip {}"),
)


def status_form(topic_id: str, topic_title: str, status: str | None, viewer: Viewer, path_id: str = "", return_to: str = "") -> Markup:
    """A topic's status buttons. Built here rather than in a Jinja macro because a roadmap has one on
    every card: as a macro they took two fifths of the signed-in roadmap's rendering.

    Reset, whose value is the not-started status, is always there, so that the buttons keep their
    places from card to card; with nothing to reset it is aria-disabled, which keeps it focusable
    (focus is not lost when it is pressed). app.js finds it by data-reset.
    """
    title = escape(topic_title)
    buttons = "".join(
        f'<button type="submit" name="status" value="{value}" class="status-button status-{value}" '
        f'aria-label="{name.format(title)}" aria-pressed="{"true" if status == value else "false"}">{word}</button>'
        for value, word, name in STATUS_BUTTONS
    )
    reset = Status.NOT_STARTED.value
    nothing_to_reset = "true" if status in (None, "", reset) else "false"
    return Markup(
        f'<form method="post" action="/topics/{escape(topic_id)}/status" class="status-form" data-topic="{escape(topic_id)}" data-title="{title}">'
        f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(viewer.csrf)}">'
        f'<input type="hidden" name="path" value="{escape(path_id)}">'
        f'<input type="hidden" name="return_to" value="{escape(return_to)}">'
        f'<fieldset><legend class="visually-hidden">Your status on {title}</legend>{buttons}'
        f'<button type="submit" name="status" value="{reset}" class="status-button status-{reset}" data-reset '
        f'aria-label="Reset {title}" aria-disabled="{nothing_to_reset}">Reset</button></fieldset></form>'
    )


templates.env.globals["status_form"] = status_form


def compile_templates() -> None:
    """Compile every template now rather than at its first page: a worker's first requests under
    load would otherwise each compile the same templates at once (0.4 s of work for all of them)."""
    for name in templates.env.list_templates():
        templates.env.get_template(name)


def render(request: Request, name: str, viewer: Viewer, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("title", "Skilltree")
    response = templates.TemplateResponse(
        request,
        name,
        {
            "viewer": viewer,
            "show_minutes": not (viewer.learner and viewer.learner.hide_minutes),
            "ladder_link": ladder_link(request),
            "reviews_due": viewer.reviews_due,
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
