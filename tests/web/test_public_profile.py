"""Public profiles and progress cards: off by default, on from /settings or PATCH /api/v1/me, and
with the profile off nothing about the user shows, not even whether they exist."""

from __future__ import annotations

from web_client import api_token, page_csrf, sign_up


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def save_profile(client, *, public: bool, paths: list[str]):
    data = {"csrf_token": page_csrf(client, "/settings"), "public_paths": paths}
    if public:
        data["public_profile"] = "true"
    return client.post("/settings/public-profile", data=data)


def mark_done(client, topic: str) -> None:
    assert client.post(f"/topics/{topic}/status", data={"status": "done", "csrf_token": page_csrf(client, "/settings")}).status_code == 303


def test_a_profile_is_off_by_default_and_looks_like_no_user_at_all(client):
    sign_up(client, "ada")
    client.cookies.clear()
    for url in ("/u/ada", "/u/nobody", "/u/ada/card.svg?path=starter-kit", "/u/nobody/card.svg?path=starter-kit", "/u/Not%20A%20Name"):
        answer = client.get(url)
        assert answer.status_code == 404, url
    ada, nobody = client.get("/u/ada").text, client.get("/u/nobody").text
    assert ada.replace("ada", "?") == nobody.replace("nobody", "?")  # the same page, name aside
    assert "no public profile for &#39;ada&#39;" in ada


def test_turned_on_the_profile_shows_the_chosen_paths_and_their_cards(client):
    sign_up(client, "ada")
    mark_done(client, "programming-language")
    mark_done(client, "data-structures")
    assert save_profile(client, public=True, paths=["starter-kit"]).headers["location"] == "/settings?done=public-profile#public-profile"
    assert 'id="public_profile" name="public_profile" value="true" checked' in client.get("/settings").text
    client.cookies.clear()
    page = client.get("/u/ada").text
    assert "Backend Engineer Starter Kit" in page and "12% · 2 of 16 topics done" in page
    assert "Backend developer 2025" not in page  # not chosen
    card = client.get("/u/ada/card.svg?path=starter-kit")
    assert card.status_code == 200 and card.headers["content-type"] == "image/svg+xml"
    assert card.headers["cache-control"] == "public, max-age=300"
    assert "<title id=\"card-title\">Backend Engineer Starter Kit: 12% done, 2 of 16 topics (ada on Skilltree)</title>" in card.text
    assert ">2 of 16 topics done</text>" in card.text and ">12%</text>" in card.text
    again = client.get("/u/ada/card.svg?path=starter-kit", headers={"If-None-Match": card.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/u/ada/card.svg?path=backend-2025").status_code == 404  # a path not shown
    assert client.get("/u/ada/card.svg").status_code == 400  # which path?


def test_turned_off_the_profile_and_its_cards_disappear(client):
    sign_up(client, "ada")
    save_profile(client, public=True, paths=["starter-kit"])
    assert client.get("/u/ada/card.svg?path=starter-kit").status_code == 200
    save_profile(client, public=False, paths=["starter-kit"])
    assert client.get("/u/ada").status_code == 404
    assert client.get("/u/ada/card.svg?path=starter-kit").status_code == 404


def test_the_profile_form_needs_its_csrf_token(client):
    sign_up(client, "ada")
    forged = client.post("/settings/public-profile", data={"public_profile": "true", "csrf_token": "forged"})
    assert forged.status_code == 403
    assert client.get("/u/ada").status_code == 404


PROFILE_FIELDS = ("username", "public_profile", "public_paths", "profile_url")


def test_patch_me_sets_only_the_callers_profile(client):
    sign_up(client, "ada")
    client.cookies.clear()
    sign_up(client, "grace")
    client.cookies.clear()
    ada, grace = api_token(client, "ada"), api_token(client, "grace")
    answer = client.patch("/api/v1/me", json={"public_profile": True, "public_paths": ["starter-kit", "starter-kit"]}, headers=bearer(ada))
    assert answer.status_code == 200
    assert {key: answer.json()[key] for key in PROFILE_FIELDS} == {
        "username": "ada", "public_profile": True, "public_paths": ["starter-kit"], "profile_url": "/u/ada"
    }
    assert client.get("/u/ada").status_code == 200 and client.get("/u/grace").status_code == 404
    # Only what is sent changes.
    answer = client.patch("/api/v1/me", json={"public_paths": ["backend-2025"]}, headers=bearer(ada))
    assert answer.json()["public_profile"] is True and answer.json()["public_paths"] == ["backend-2025"]
    answer = client.patch("/api/v1/me", json={"public_profile": False}, headers=bearer(ada))
    assert {key: answer.json()[key] for key in PROFILE_FIELDS} == {
        "username": "ada", "public_profile": False, "public_paths": ["backend-2025"], "profile_url": None
    }
    assert client.get("/u/ada").status_code == 404


def test_patch_me_errors(client):
    sign_up(client, "ada")
    client.cookies.clear()
    token = api_token(client, "ada")
    assert client.patch("/api/v1/me", json={"public_profile": True}).status_code == 401
    unknown = client.patch("/api/v1/me", json={"public_paths": ["starter"]}, headers=bearer(token))
    assert unknown.status_code == 400
    assert unknown.json() == {"error": {"code": "invalid", "message": "public_paths: no path 'starter' (did you mean 'starter-kit'?)"}}
    # All or nothing: a refused path keeps the new name from being saved too.
    both = client.patch("/api/v1/me", json={"display_name": "Ada L.", "public_paths": ["starter"]}, headers=bearer(token))
    assert both.status_code == 400 and client.get("/api/v1/me", headers=bearer(token)).json()["display_name"] == "ada"
    extra = client.patch("/api/v1/me", json={"public": True}, headers=bearer(token))
    assert extra.status_code == 422 and extra.json()["error"]["message"] == "public: Extra inputs are not permitted"
    wrong = client.patch("/api/v1/me", json={"public_profile": "maybe"}, headers=bearer(token))
    assert wrong.status_code == 422 and wrong.json()["error"]["message"].startswith("public_profile: Input should be a valid boolean")
    assert client.get("/u/ada").status_code == 404  # nothing was saved
