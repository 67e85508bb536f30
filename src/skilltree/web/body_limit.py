"""Request bodies larger than a route reads are refused with 413 before they are read whole.

Starlette's own limit (FastAPI's max_body_size) answers a plain-text 413 from outside our
middleware, in place of whatever the app answered: no security headers, not the API's JSON
error. This one raises an HTTPException while the body is read, so the app's error handlers
answer it like any other error. A route that needs more, such as an import, says so with
`@accepts_body_up_to(...)` on its function (not with FastAPI's `max_body_size`, which brings back
the plain-text 413).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A form or a JSON document of ours is a few KB.
DEFAULT_MAX_BODY_BYTES = 2**20


def accepts_body_up_to(limit: int):
    """Marks a route's function as taking bodies up to `limit` bytes instead of the default."""

    def mark(endpoint):
        endpoint.max_body_bytes = limit
        return endpoint

    return mark


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"the request body is larger than {_size(limit)}, the most this route takes")


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit:,} bytes"


class BodyLimit:
    """Pure ASGI middleware: checks the declared Content-Length at the first read of the body,
    and counts the bytes of a chunked one as they arrive."""

    def __init__(self, app: ASGIApp, default: int = DEFAULT_MAX_BODY_BYTES):
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        declared = Headers(scope=scope).get("content-length", "")

        async def receive_within_limit() -> Message:
            nonlocal received
            # Looked up at the read, when routing has put the route's function in the scope.
            limit = getattr(scope.get("endpoint"), "max_body_bytes", self.default)
            if received == 0 and declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, receive_within_limit, send)
