"""Requests a browser would never send: each gets a clear 4xx with the usual security headers,
never a 500, and never makes the server read more than it must."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import Request
from fastapi.routing import APIRoute, iter_route_contexts

from served import running
from skilltree.search.limits import QUERY_MAX_LENGTH
from skilltree.web.body_limit import DEFAULT_MAX_BODY_BYTES, accepts_body_up_to
from skilltree.web.security import SECURITY_HEADERS
from web_client import TestClient, api_token, page_csrf, sign_in, sign_up

FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("route", ["/login", "/signup", "/logout"])
def test_a_non_ascii_csrf_token_is_refused_like_any_wrong_token(client, route):
    page_csrf(client, "/login")  # the browser has its double-submit cookie
    in_form = client.post(route, content="username=ada&password=x&csrf_token=%C3%A9", headers=FORM)
    assert in_form.status_code == 403 and "Form expired" in in_form.text
    in_cookie = client.post(route, content="username=ada&password=x&csrf_token=%C3%A9",
                            headers={**FORM, "cookie": "skilltree_csrf=\u00e9".encode()})
    assert in_cookie.status_code == 403 and "Form expired" in in_cookie.text


def test_a_body_over_a_mebibyte_is_refused_with_413(client):
    sign_up(client)
    token = {"Authorization": f"Bearer {api_token(client)}"}
    too_big = b'{"status": "done", "pad": "' + b"x" * DEFAULT_MAX_BODY_BYTES + b'"}'
    api = client.put("/api/v1/me/progress/git", content=too_big, headers={**token, "content-type": "application/json"})
    assert api.status_code == 413
    assert api.json() == {"error": {"code": "too_large", "message": "the request body is larger than 1 MiB, the most this route takes"}}
    page = client.post("/settings", content=b"a=" + b"x" * DEFAULT_MAX_BODY_BYTES, headers=FORM)
    assert page.status_code == 413 and "the request body is larger than 1 MiB" in page.text


def raw_request(base: str, head: bytes, body_chunks=(), wait: float = 10) -> bytes:
    """Sends a request by hand and returns what the server answered, without sending more of the
    body once an answer has come: a server that reads the whole body first never answers."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=wait) as connection:
        connection.sendall(head)
        connection.setblocking(False)
        for chunk in body_chunks:
            try:
                answer = connection.recv(65536)
                if answer:
                    return answer
            except BlockingIOError:
                pass
            try:
                connection.sendall(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                time.sleep(0.01)
        connection.setblocking(True)
        return connection.recv(65536)


def test_a_big_body_is_refused_before_it_is_read_whole(app):
    client = TestClient(app)
    sign_up(client)
    token = api_token(client)
    target = (f"PUT /api/v1/me/progress/git HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
              "Content-Type: application/json\r\n").encode()
    with running(app) as base:
        # Announced: 300 MB declared, a few bytes sent; the answer comes without waiting for the rest.
        declared = raw_request(base, target + b"Content-Length: 300000000\r\n\r\n{\"status\"", wait=5)
        assert declared.startswith(b"HTTP/1.1 413 ")
        # Chunked: no length announced; the answer comes once a little over 1 MiB has arrived.
        chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"  # 64 KiB of JSON whitespace
        streamed = raw_request(base, target + b"Transfer-Encoding: chunked\r\n\r\n", [chunk] * 4800)  # 300 MiB if all were sent
        assert streamed.startswith(b"HTTP/1.1 413 ")
        assert b'"code":"too_large"' in streamed


def test_every_error_the_app_answers_carries_the_security_headers(client):
    sign_up(client)
    token = {"Authorization": f"Bearer {api_token(client)}"}
    answers = {
        "unknown method": client.request("BREW", "/"),
        "method not allowed": client.delete("/login"),
        "no such page": client.get("/nowhere"),
        "no such API route": client.get("/api/v1/nowhere"),
        "too large": client.put("/api/v1/me/progress/git", content=b"x" * (DEFAULT_MAX_BODY_BYTES + 1), headers=token),
        "not UTF-8": client.put("/api/v1/me/progress/git", content=b'{"status": "\xff"}', headers={**token, "content-type": "application/json"}),
        "invalid JSON": client.put("/api/v1/me/progress/git", content=b"{", headers={**token, "content-type": "application/json"}),
        "bad CSRF token": client.post("/logout", content="csrf_token=%C3%A9", headers=FORM),
        "no token": client.get("/api/v1/me/progress"),
    }
    for what, answer in answers.items():
        assert 400 <= answer.status_code < 500, what
        missing = {name for name in SECURITY_HEADERS if name not in answer.headers}
        assert not missing, f"{what} ({answer.status_code}) lacks {missing}"


def test_a_body_that_is_not_utf8_gets_a_400_that_says_so(client):
    sign_up(client)
    answer = client.put("/api/v1/me/progress/git", content=b'{"status": "d\xf6ne"}',
                        headers={"Authorization": f"Bearer {api_token(client)}", "content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json() == {"error": {"code": "invalid", "message": "body: not UTF-8 text (byte 0xf6 at offset 13)"}}


def test_the_longest_query_the_api_takes_fits_in_a_url_whatever_its_characters(app):
    widest = "\U0001f600"  # four bytes in UTF-8, twelve percent-encoded: the most a character takes
    with running(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        longest = client.get("/api/v1/search", params={"q": widest * QUERY_MAX_LENGTH})
        assert longest.status_code == 200, longest.text[:200]
        assert client.get("/search", params={"q": "\u6f22" * QUERY_MAX_LENGTH}).status_code == 200
        over = client.get("/api/v1/search", params={"q": widest * (QUERY_MAX_LENGTH + 1)})
    assert over.status_code == 422
    assert over.json()["error"]["message"] == f"query.q: String should have at most {QUERY_MAX_LENGTH} characters"


def test_every_get_route_answers_head_with_the_headers_of_its_get(client, catalog):
    sign_up(client)
    values = {"path_id": next(iter(catalog.paths)), "topic_id": next(iter(catalog.topics)),
              "ladder_id": next(iter(catalog.ladders)), "username": "ada", "name": "style.css",
              "token": "not-a-reset-link", "secret": "not-a-calendar", "team_id": "1", "code": "not-an-invite"}
    client.patch("/api/v1/me", json={"public_profile": True}, headers={"Authorization": f"Bearer {api_token(client)}"})
    urls = [
        context.path.format(**values) for context in iter_route_contexts(client.app.routes)
        if isinstance(context.original_route, APIRoute) and "GET" in context.original_route.methods
    ]
    assert "/topics/{topic_id}".format(**values) in urls and "/api/v1/search" in urls
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert (url, head.status_code, head.content) == (url, got.status_code, b"")
        assert head.headers["content-type"] == got.headers["content-type"], url


def test_pages_with_personal_data_are_not_stored_by_any_cache(client):
    assert "cache-control" not in client.get("/").headers  # signed out: the same page for everyone
    sign_up(client)
    for url in ("/me", "/settings", "/"):
        assert client.get(url).headers["cache-control"] == "no-store", url
    token = api_token(client)
    assert client.get("/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"}).headers["cache-control"] == "no-store"
    assert client.get("/static/style.css").headers["cache-control"] == "no-cache"  # the same for everyone, checked each time


def test_a_route_that_takes_more_says_so(app):
    @accepts_body_up_to(4 * 2**20)  # as an import route does
    async def upload(request: Request) -> dict:
        return {"bytes": len(await request.body())}

    app.add_api_route("/api/v1/test-upload", upload, methods=["POST"])
    client = TestClient(app)
    assert client.post("/api/v1/test-upload", content=b"x" * 3 * 2**20).json() == {"bytes": 3 * 2**20}
    over = client.post("/api/v1/test-upload", content=b"x" * (4 * 2**20 + 1))
    assert over.status_code == 413
    assert over.json()["error"]["message"] == "the request body is larger than 4 MiB, the most this route takes"


def test_sign_up_refusals_are_throttled_per_address_so_usernames_cannot_be_listed(client):
    from skilltree.services.accounts import SIGN_UP_REFUSALS_PER_CLIENT

    sign_up(client, "ada")
    client.cookies.clear()
    probes = [sign_up(client, "ada") if n % 2 else sign_up(client, f"free{n}", password="short") for n in range(SIGN_UP_REFUSALS_PER_CLIENT)]
    assert {probe.status_code for probe in probes} == {409, 400}
    for attempt in (sign_up(client, "ada"), sign_up(client, "grace")):  # even a sign-up that would work, for a while
        assert attempt.status_code == 429 and attempt.headers["retry-after"] == "900"
        assert "too many refused sign-ups from your address; try again in 15 minutes" in attempt.text
    # Refused sign-ups are not failed sign-ins: the address can still sign in.
    assert sign_in(client, "ada").status_code == 303


def test_a_nul_in_a_query_is_answered_like_any_other_unknown_text(client):
    # PostgreSQL refuses NUL in text: passed on to it, these answered 500 (found by test_api_schema).
    sign_up(client, "root")  # the first account: an administrator, who may list accounts
    token = {"Authorization": f"Bearer {api_token(client, 'root')}"}
    history = client.get("/api/v1/me/history?topic=%00", headers=token)
    assert history.status_code == 404 and history.json()["error"]["message"].startswith("no topic '\\x00'")
    note = client.get("/api/v1/me/notes/%00", headers=token)
    assert note.status_code == 404
    users = client.get("/api/v1/admin/users?q=%00", headers=token)
    assert users.status_code == 200 and [user["username"] for user in users.json()["users"]] == ["root"]
