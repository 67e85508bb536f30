"""The pages over HTTP: what a visitor and a signed-in learner see, and every refusal."""

from __future__ import annotations

import re
import threading

import pytest

from content_tree import ContentTree
from web_client import PASSWORD, TestClient, make_settings, page_csrf, sign_in, sign_up

from skilltree.web.app import create_app


def test_home_lists_every_path_with_its_figures(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "Backend Engineer Starter Kit" in html and "Backend developer 2025" in html
    assert "19 topics" in html and "~70 min (+20 min optional)" in html and "13 beginner · 6 intermediate" in html
    assert "<progress" not in html  # no progress for a visitor


def test_path_page_shows_sections_in_order(client):
    html = client.get("/paths/starter-kit?view=list").text
    order = ["Foundations", "Tools", "Talking to the world", "Data", "Shipping it"]
    positions = [html.index(f">{title}</h2>") for title in order]
    assert positions == sorted(positions)
    assert 'href="/topics/big-o"' in html and "optional" in html
    assert "Sign in</a> to track your progress" in html


def test_topic_page_renders_the_article_and_resources(client):
    html = client.get("/topics/indexes").text
    assert "<h1>Indexes</h1>" in html
    assert "<h2>The B-tree</h2>" in html  # Markdown rendered
    assert "<h3>Documentation</h3>" in html and "<h3>Books</h3>" in html
    assert "<details><summary>" in html  # review questions
    assert 'href="/topics/sql"' in html  # prerequisite


def test_unknown_pages_are_404_pages(client):
    for url, message in [
        ("/paths/starter", "no path &#39;starter&#39; (did you mean &#39;starter-kit&#39;?)"),
        ("/topics/gti", "no topic &#39;gti&#39; (did you mean &#39;git&#39;?)"),
        ("/no/such/page", "There is no page at this address."),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "<h1>Not found</h1>" in response.text and message in response.text


def test_sign_up_signs_in_with_a_safe_cookie_and_the_first_account_is_admin(client):
    response = sign_up(client, display_name="Ada Lovelace")
    assert response.status_code == 303 and response.headers["location"] == "/paths/starter-kit"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("skilltree_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    settings = client.get("/settings").text
    assert "Anyone may sign up" in settings  # only an administrator sees it
    client.cookies.clear()
    sign_up(client, "grace")
    assert "Anyone may sign up" not in client.get("/settings").text


def test_sign_up_mistakes(client):
    sign_up(client)
    client.cookies.clear()
    taken = sign_up(client, "Ada")
    assert taken.status_code == 409 and "the username &#39;ada&#39; is taken" in taken.text
    short = sign_up(client, "bob", "short")
    assert short.status_code == 400 and "the password is too short: use at least 8 characters" in short.text
    bad = sign_up(client, "no spaces please")
    assert bad.status_code == 400 and "invalid username" in bad.text


def test_sign_up_says_which_characters_a_username_may_hold_next_to_the_field(client):
    form = client.get("/signup").text
    field = re.search(r'<input id="username"[^>]*>', form).group(0)
    assert 'aria-describedby="username-rule"' in field
    assert ('<p id="username-rule" class="hint field-hint">Letters, digits, dots (.), dashes (-) and underscores (_), '
            "starting with a letter or digit; up to 64 characters.</p>") in form


def test_sign_up_asks_for_the_password_twice_and_refuses_two_different_ones(client):
    form = client.get("/signup").text
    assert '<label for="password_again">Password again' in form
    differ = sign_up(client, "ada", display_name="Ada L.", password_again="correct horse battery!")
    assert differ.status_code == 400
    assert '<p class="error" role="alert">the two passwords differ: type the same password in both fields</p>' in differ.text
    assert 'value="ada"' in differ.text and 'value="Ada L."' in differ.text  # what was typed stays, but no password
    missing = sign_up(client, "ada", password_again="")
    assert missing.status_code == 400 and "the two passwords differ" in missing.text
    assert client.get("/me").status_code == 303  # no account, no session
    assert sign_up(client, "ada").status_code == 303


def test_a_closed_sign_up_refuses_new_accounts(client):
    sign_up(client)
    token = page_csrf(client, "/settings")
    assert client.post("/settings", data={"csrf_token": token}).status_code == 303  # signup_open unchecked
    client.cookies.clear()
    assert "Sign-up is closed" in client.get("/signup").text
    token = page_csrf(client, "/login")  # the closed sign-up page has no form; post anyway
    refused = client.post("/signup", data={"username": "mallory", "password": PASSWORD, "password_again": PASSWORD, "csrf_token": token})
    assert refused.status_code == 403 and "sign-up is closed on this Skilltree" in refused.text


def test_sign_in_and_out(client):
    sign_up(client)
    client.cookies.clear()
    wrong = sign_in(client, password="not the password")
    assert wrong.status_code == 401 and "wrong username or password" in wrong.text
    right = sign_in(client, next="/me")
    assert right.status_code == 303 and right.headers["location"] == "/me"
    assert client.get("/me").status_code == 200
    out = client.post("/logout", data={"csrf_token": page_csrf(client, "/me")})
    assert out.status_code == 303
    assert client.get("/me").headers["location"] == "/login?next=/me"


def test_sign_in_never_redirects_to_another_site(client):
    sign_up(client)
    client.cookies.clear()
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert sign_in(client, next=target).headers["location"] == "/"


def test_sign_in_is_throttled_per_account(client):
    sign_up(client)
    client.cookies.clear()
    for _ in range(5):
        assert sign_in(client, password="guess guess").status_code == 401
    blocked = sign_in(client)  # even the right password, for a while
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "900"
    assert "too many failed sign-ins for this account" in blocked.text


def test_pages_for_learners_need_a_session(client):
    for url in ("/me", "/settings"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["location"] == f"/login?next={url}"
    response = client.post("/topics/git/status", data={"status": "done"})
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/"
    # A form posted from a page whose session expired: back to that page once signed in.
    response = client.post(
        "/topics/git/status", data={"status": "done"}, headers={"referer": "http://testserver/paths/starter-kit"}
    )
    assert response.headers["location"] == "/login?next=/paths/starter-kit"
    response = client.get("/search?q=slow%20queries")
    assert response.status_code == 200  # search is for everyone
    response = client.get("/me?tab=all")
    assert response.headers["location"] == "/login?next=/me%3Ftab%3Dall"
    assert sign_up(client, next="/me?tab=all").status_code == 303
    client.cookies.clear()
    assert sign_in(client, next="/me?tab=all").headers["location"] == "/me?tab=all"


def test_signing_in_again_ends_the_previous_session(client):
    sign_up(client)
    first = client.cookies.get("skilltree_session")
    assert sign_in(client).status_code == 303
    second = client.cookies.get("skilltree_session")
    assert second != first
    # Cleared first: the jar keeps a cookie set by hand apart from the one the server set.
    client.cookies.clear()
    client.cookies.set("skilltree_session", first)
    assert client.get("/me").headers["location"] == "/login?next=/me"
    client.cookies.clear()
    client.cookies.set("skilltree_session", second)
    assert client.get("/me").status_code == 200


def test_forms_without_the_csrf_token_are_refused(client):
    sign_up(client)
    for data in ({"status": "done"}, {"status": "done", "csrf_token": "forged"}):
        response = client.post("/topics/git/status", data=data)
        assert response.status_code == 403 and "Form expired" in response.text
    assert client.post("/logout", data={}).status_code == 403
    client.cookies.clear()
    token = page_csrf(client, "/login")
    client.cookies.clear()  # the token no longer matches any cookie
    assert client.post("/login", data={"username": "ada", "password": PASSWORD, "csrf_token": token}).status_code == 403


def test_marking_a_topic_with_a_form_redirects_back(client):
    sign_up(client)
    token = page_csrf(client, "/paths/starter-kit")
    response = client.post(
        "/topics/programming-language/status",
        data={"status": "done", "csrf_token": token, "path": "starter-kit", "return_to": "/paths/starter-kit#topic-programming-language"},
    )
    assert response.status_code == 303 and response.headers["location"] == "/paths/starter-kit#topic-programming-language"
    html = client.get("/paths/starter-kit?view=list").text
    assert 'class="card topic-card status-done" id="topic-programming-language"' in html
    assert 'class="card topic-card status-not_started is-next" id="topic-data-structures"' in html
    assert "Next up: <a href=\"/topics/data-structures\">Data Structures</a>" in html


def test_marking_a_topic_from_script_answers_json_with_new_figures(client):
    sign_up(client)
    token = page_csrf(client, "/paths/starter-kit")
    response = client.post(
        "/topics/programming-language/status",
        data={"status": "done", "path": "starter-kit"},
        headers={"Accept": "application/json", "X-CSRF-Token": token},
    )
    assert response.status_code == 200
    answer = response.json()
    assert (answer["topic"], answer["status"]) == ("programming-language", "done")
    assert answer["path"]["required"] == {"done": 1, "skipped": 0, "total": 16, "percent": 6}
    assert answer["path"]["next"] == {"id": "data-structures", "title": "Data Structures"}
    assert answer["blocked"]["data-structures"] == []
    assert answer["blocked"]["big-o"] == [{"id": "data-structures", "title": "Data Structures"}]


def test_bad_status_and_unknown_topic(client):
    sign_up(client)
    token = page_csrf(client)
    bad = client.post("/topics/git/status", data={"status": "finished", "csrf_token": token})
    assert bad.status_code == 400 and "unknown status &#39;finished&#39;" in bad.text
    unknown = client.post("/topics/gti/status", data={"status": "done", "csrf_token": token})
    assert unknown.status_code == 404


def test_my_progress_and_hiding_time_estimates(client):
    sign_up(client)
    token = page_csrf(client)
    client.post("/topics/git/status", data={"status": "learning", "csrf_token": token})
    me = client.get("/me").text
    assert "Backend Engineer Starter Kit" in me and "min left" in me and "Learning" in me
    client.post("/settings", data={"csrf_token": token, "hide_minutes": "true", "signup_open": "true"})
    for url in ("/", "/paths/starter-kit", "/me", "/topics/git"):
        assert " min" not in client.get(url).text.replace("minutes", ""), url


def test_security_headers_on_every_response(client):
    for url in ("/", "/paths/starter-kit", "/api/v1/paths", "/nope", "/static/style.css", "/docs", "/docs-assets/swagger-ui.css"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_raw_html_and_script_links_in_content_stay_inert(database_url, tmp_path):
    tree = ContentTree(tmp_path / "content")
    tree.topic("a", body="Hello <script>alert('x')</script> and <b>bold</b>. [Click me](javascript:alert(1)) or [safe](https://example.org).")
    tree.path("p", "[a]")
    app = create_app(make_settings(database_url, tmp_path, content_dir=tree.root))
    html = TestClient(app).get("/topics/a").text
    assert "<script>alert" not in html and "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "javascript:" not in html.replace("[Click me](javascript:alert(1))", "")  # left as plain text, not a link
    assert '<a href="https://example.org">safe</a>' in html
    app.state.engine.dispose()


def test_health_routes(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}


@pytest.mark.parametrize("start", [True, False], ids=["a start path", "no start path"])
def test_sign_up_leads_to_the_path_the_content_starts_with_or_home(database_url, tmp_path, tree, start):
    tree.topic("a")
    tree.topic("b")
    tree.path("small", "[a]")
    tree.path("first", "[a]", "[b]", start=start)
    app = create_app(make_settings(database_url, tmp_path, content_dir=tree.root))
    try:
        client = TestClient(app, follow_redirects=False)
        assert sign_up(client).headers["location"] == ("/paths/first" if start else "/")
        home = client.get("/").text
        me = client.get("/me").text
    finally:
        app.state.engine.dispose()
    # The start path leads the home page; without one, the smaller path comes first.
    assert (home.index('href="/paths/first"') < home.index('href="/paths/small"')) is start
    assert ('<a href="/paths/first">first</a> is a good first one' in me) is start
    assert ('<a href="/">Pick a path</a>' in me) is not start


@pytest.mark.parametrize("page", ["/paths/starter-kit", "/topics/git"])
def test_a_signed_in_roadmap_or_topic_is_read_in_one_transaction_with_its_viewer(app, olive, eve, page):
    # The most viewed pages look their viewer up in their own transaction (deps.viewer_in): a
    # second one would be a second trip through the route threads on every view.
    from sqlalchemy import event

    olive.post("/topics/git/status", data={"status": "done", "csrf_token": page_csrf(olive, "/topics/git")})
    begins = []

    def began(connection):
        # The live catalog's check in the background keeps the database in step every few
        # seconds, in a transaction of its own that may fall within these two requests.
        if threading.current_thread().name != "skilltree-content-check":
            begins.append(connection)

    event.listen(app.state.engine, "begin", began)
    try:
        mine, theirs = olive.get(page), eve.get(page)
    finally:
        event.remove(app.state.engine, "begin", began)
    assert mine.status_code == theirs.status_code == 200
    assert len(begins) == 2  # one each
    assert '<span class="who">(olive)</span>' in mine.text and '<span class="who">(eve)</span>' in theirs.text
    # Each sees their own status of Git on the map, never the other's.
    assert 'aria-label="Git: beginner, done' in mine.text and 'aria-label="Git: beginner, not started' in theirs.text
