"""The stylesheets, scripts and icon under /static, served from memory by an async route.

Starlette's StaticFiles opens and reads each file in a worker thread, from the same pool as the
routes that wait on the database: with the database stuck, those fill the pool and the styles
stop loading too. Read once at start-up (a few dozen KB), they never need a thread.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response
from starlette.exceptions import HTTPException

STATIC = Path(__file__).with_name("static")
# The URLs carry no version, so browsers ask again each time and get 304 while the file is unchanged.
CACHE_CONTROL = "no-cache"


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    media_type: str
    etag: str


def load_static_files(directory: Path = STATIC) -> dict[str, StaticFile]:
    files = {}
    for path in sorted(directory.iterdir()):
        if path.is_file():
            body = path.read_bytes()
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type in ("application/javascript", "image/svg+xml"):
                media_type += "; charset=utf-8"
            files[path.name] = StaticFile(body, media_type, f'"{hashlib.sha256(body).hexdigest()[:32]}"')
    return files


def add_static_routes(app: FastAPI) -> None:
    files = load_static_files()

    async def static_file(name: str, request: Request) -> Response:
        found = files.get(name)
        if found is None:
            raise HTTPException(404)
        headers = {"etag": found.etag, "cache-control": CACHE_CONTROL}
        if found.etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(found.body, media_type=found.media_type, headers=headers)

    app.add_api_route("/static/{name}", static_file, methods=["GET", "HEAD"], include_in_schema=False)
