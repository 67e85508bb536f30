"""Notes on the web and in the API: the topic page's form without JavaScript, the roadmap's marker,
/me/notes, search, the API routes with their limits, and that nobody reaches another's notes."""

from __future__ import annotations

import pytest

from web_client import TestClient, api_token, page_csrf, signed_up_browser


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def ada(app) -> TestClient:
    return signed_up_browser(app, "ada")


@pytest.fixture
def grace(app, ada) -> TestClient:
    return signed_up_browser(app, "grace")


def write_note(browser: TestClient, topic: str, body: str, links=(("", ""),)):
    data = {
        "csrf_token": page_csrf(browser, f"/topics/{topic}"),
        "body": body,
        "link_title": [title for title, _ in links],
        "link_url": [url for _, url in links],
    }
    return browser.post(f"/topics/{topic}/note", data=data)


def test_a_note_with_a_link_is_written_without_javascript_and_shown_under_the_article(ada):
    page = ada.get("/topics/git").text
    assert "<summary>Write a note</summary>" in page and 'name="link_url"' in page
    saved = write_note(ada, "git", "**Rebase** with care <script>alert(1)</script>", [("Pro Git", "https://git-scm.com/book"), ("", "")])
    assert (saved.status_code, saved.headers["location"]) == (303, "/topics/git#note")
    page = ada.get("/topics/git").text
    assert "<strong>Rebase</strong> with care &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://git-scm.com/book" rel="noopener noreferrer nofollow">Pro Git</a>' in page
    assert "Only you see it · changed " in page and "<summary>Edit your note</summary>" in page
    # Saved links come back in the form, with two empty rows for more.
    assert page.count('name="link_url"') == 3


def test_a_refused_note_comes_back_with_what_was_typed_and_saves_nothing(ada):
    refused = write_note(ada, "git", "my text", [("Bad", "javascript:alert(1)")])
    assert refused.status_code == 422
    assert "links[0].url: &#39;javascript:alert(1)&#39; is not an http or https address" in refused.text
    assert ">my text</textarea>" in refused.text and 'value="javascript:alert(1)"' in refused.text
    assert "Only you see it" not in ada.get("/topics/git").text
    too_long = write_note(ada, "git", "x" * (100 * 1024 + 1))
    assert too_long.status_code == 422 and "the note is too long: 102,401 bytes, at most 102,400 (100 KB)" in too_long.text


def test_the_roadmap_marks_topics_with_notes_and_my_notes_lists_and_filters_them(ada):
    write_note(ada, "git", "branches are cheap")
    write_note(ada, "programming-language", "# Python first\nthen Go")
    roadmap = ada.get("/paths/starter-kit?view=list").text
    assert roadmap.count('class="note-mark"') == 2 and '<a class="note-mark" href="/topics/git#note">your note</a>' in roadmap
    listed = ada.get("/me/notes").text
    assert listed.index("Programming Language") < listed.index(">Git<")  # newest first
    assert "<p>Python first</p>" in listed
    filtered = ada.get("/me/notes?q=BRANCHES").text
    assert ">Git<" in filtered and "Programming Language" not in filtered
    assert "None of your notes holds “nothing-like-this”" in ada.get("/me/notes?q=nothing-like-this").text


def test_search_shows_your_own_notes_apart_and_nobody_elses(ada, grace):
    write_note(ada, "git", "interactive rebase squashes fixups")
    mine = ada.get("/search?q=squashes").text
    assert "<h2>Your notes</h2>" in mine and "interactive rebase <mark>squashes</mark> fixups" in mine
    assert ada.get("/search/results?q=squashes").json()["notes"][0]["snippet"] == "interactive rebase **squashes** fixups"
    assert "Your notes" not in grace.get("/search?q=squashes").text
    assert grace.get("/search/results?q=squashes").json()["notes"] == []
    anonymous = TestClient(ada.app)
    assert "Your notes" not in anonymous.get("/search?q=squashes").text


def test_another_learner_never_sees_or_changes_your_note(ada, grace):
    write_note(ada, "git", "ada's secret plan")
    assert "ada&#39;s secret plan" not in grace.get("/topics/git").text
    assert "ada's secret plan" not in grace.get("/me/notes").text
    assert 'class="note-mark"' not in grace.get("/paths/starter-kit?view=list").text
    # grace deleting "her" note on git touches nothing of ada's.
    gone = grace.post("/topics/git/note/delete", data={"csrf_token": page_csrf(grace, "/topics/git")})
    assert gone.status_code == 404 and "you have no note on &#39;git&#39;" in gone.text
    assert "ada&#39;s secret plan" in ada.get("/topics/git").text


def test_note_forms_need_a_session_and_their_csrf_token(ada, app):
    forged = ada.post("/topics/git/note", data={"body": "forged", "csrf_token": "nope"})
    assert forged.status_code == 403 and "Form expired" in forged.text
    stranger = TestClient(app, follow_redirects=False).post("/topics/git/note", data={"body": "x"})
    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/login")
    assert TestClient(app, follow_redirects=False).get("/me/notes").headers["location"] == "/login?next=/me/notes"


def test_the_notes_api(ada, grace):
    token, theirs = api_token(ada, "ada"), api_token(grace, "grace")
    client = ada
    saved = client.put("/api/v1/me/notes/git", json={"body": "# Git\nbranches", "links": [{"title": "Book", "url": "https://git-scm.com"}]},
                       headers=bearer(token))
    assert saved.status_code == 200
    note = saved.json()
    assert (note["topic"], note["title"], note["body"], note["links"]) == ("git", "Git", "# Git\nbranches", [{"title": "Book", "url": "https://git-scm.com"}])
    assert client.get("/api/v1/me/notes/git", headers=bearer(token)).json() == note
    listed = client.get("/api/v1/me/notes", headers=bearer(token)).json()["notes"]
    assert [(n["topic"], n["first_line"], n["updated_at"]) for n in listed] == [("git", "Git", note["updated_at"])]
    found = client.get("/api/v1/search?q=branches", headers=bearer(token)).json()["notes"]
    assert [(n["topic"], n["snippet"]) for n in found] == [("git", "Git **branches** Book https://git-scm.com")]
    # grace: none of ada's, by any route.
    assert client.get("/api/v1/me/notes/git", headers=bearer(theirs)).status_code == 404
    assert client.get("/api/v1/me/notes", headers=bearer(theirs)).json() == {"notes": []}
    assert client.get("/api/v1/search?q=branches", headers=bearer(theirs)).json()["notes"] == []
    assert client.delete("/api/v1/me/notes/git", headers=bearer(theirs)).json()["error"]["message"] == "you have no note on 'git'"
    assert client.get("/api/v1/search?q=branches").json()["notes"] is None
    assert client.delete("/api/v1/me/notes/git", headers=bearer(token)).status_code == 204
    missing = client.get("/api/v1/me/notes/git", headers=bearer(token))
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "you have no note on 'git'"
    assert client.get("/api/v1/me/notes/gti", headers=bearer(token)).json()["error"]["message"] == "no topic 'gti' (did you mean 'git'?)"
    assert client.get("/api/v1/me/notes/git").status_code == 401


def test_the_notes_api_refuses_a_note_over_its_limits_with_422_naming_the_limit(ada):
    token = api_token(ada, "ada")
    too_long = ada.put("/api/v1/me/notes/git", json={"body": "x" * (100 * 1024 + 1)}, headers=bearer(token))
    assert too_long.status_code == 422
    assert too_long.json() == {"error": {"code": "unprocessable", "message": "the note is too long: 102,401 bytes, at most 102,400 (100 KB)"}}
    links = [{"title": "t", "url": "https://example.org"}] * 51
    too_many = ada.put("/api/v1/me/notes/git", json={"body": "", "links": links}, headers=bearer(token))
    assert too_many.status_code == 422 and too_many.json()["error"]["message"] == "too many links: 51, at most 50 per note"
    bad = ada.put("/api/v1/me/notes/git", json={"links": [{"title": "t", "url": "file:///etc/passwd"}]}, headers=bearer(token))
    assert bad.status_code == 422 and bad.json()["error"]["message"].startswith("links[0].url: 'file:///etc/passwd' is not an http")
    assert ada.get("/api/v1/me/notes", headers=bearer(token)).json() == {"notes": []}
