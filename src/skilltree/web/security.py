"""Security headers on every response, and CSRF tokens for forms."""

from __future__ import annotations

import hmac
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Every page, /docs included (api_docs.py), loads only our own scripts and styles: no inline
# script, nothing from elsewhere.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# An SVG image served on its own (a map, a progress card) carries its stylesheet inside it, and
# an image that is shown elsewhere loads nothing else: it gets this policy instead.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
CSRF_COOKIE = "skilltree_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


SECURITY_HEADERS = {
    "content-security-policy": PAGE_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
_ENCODED = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Pure ASGI middleware: cheaper per request than BaseHTTPMiddleware.

    Starlette answers an unhandled exception outside every middleware, so the crash handler in
    app.py adds SECURITY_HEADERS to its 500 response itself.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                # A response that sets its own policy (IMAGE_POLICY) keeps it: a second header would add to it.
                own_policy = any(name.lower() == b"content-security-policy" for name, _ in headers)
                message["headers"] = [*headers, *(h for h in _ENCODED if not (own_policy and h[0] == b"content-security-policy"))]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given, expected)
