"""/docs: Swagger UI from our own origin, so its page needs no CDN and no inline script.

FastAPI's own /docs page loads Swagger UI from a CDN and starts it with an inline script, which
would need a weaker Content-Security-Policy on that page. Here the assets come from the
fastapi-offline package (Swagger UI 5, which reads OpenAPI 3.1) and our static/docs.js starts it.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles

from skilltree.web.templating import templates

router = APIRouter()


@router.get("/docs", include_in_schema=False)
async def docs(request: Request):
    return templates.TemplateResponse(request, "docs.html")


def add_api_docs(app: FastAPI) -> None:
    app.mount("/docs-assets", StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-assets")
    app.include_router(router)
