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
SESSION_COOKIE = "skilltree_session"
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
# What a response to a signed-in request may show is that learner's: no cache, shared or the
# browser's own, keeps it for the next person at the machine.
_PRIVATE = (b"cache-control", b"no-store")
_SESSION_COOKIE_PREFIX = SESSION_COOKIE.encode() + b"="


class SecurityHeaders:
    """Pure ASGI middleware: cheaper per request than BaseHTTPMiddleware.

    Starlette answers an unhandled exception outside every middleware, so the crash handler in
    app.py adds SECURITY_HEADERS to its 500 response itself. A response to a request that carries
    a session cookie or a bearer token is `Cache-Control: no-store` unless it says otherwise.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        private = _is_signed_in(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                names = {name.lower() for name, _ in headers}
                # A response that sets its own policy (IMAGE_POLICY) keeps it: a second header would add to it.
                added = [h for h in _ENCODED if h[0] not in names]
                if private and b"cache-control" not in names:
                    added.append(_PRIVATE)
                message["headers"] = [*headers, *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_signed_in(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"authorization" or (name == b"cookie" and _SESSION_COOKIE_PREFIX in value):
            return True
    return False


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(given: str | None, expected: str | None) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters, which a forged form or
    # cookie may well carry; those are simply not the token.
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())
