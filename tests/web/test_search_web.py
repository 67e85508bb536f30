"""Search on the web: the page (works without JavaScript) and GET /api/v1/search."""

from __future__ import annotations

import re

from web_client import TestClient, api_token, make_settings, page_csrf, sign_up

from skilltree.search.limits import QUERY_MAX_LENGTH
from skilltree.web.app import create_app


def test_search_page_finds_the_indexes_topic_first(client):
    response = client.get("/search", params={"q": "slow queries"})
    assert response.status_code == 200
    html = response.text
    results = html[html.index('<ol class="search-results">'):]
    first = re.search(r'<h2><a href="/topics/([^"]+)">', results)
    assert first and first.group(1) == "indexes"
    assert "<mark>" in html and 'value="slow queries"' in html
    assert '<p id="search-count" class="hint" role="status" aria-live="polite">20 results</p>' in html


def test_an_app_started_on_an_empty_database_creates_the_schema_and_the_search_index(empty_database_url, tmp_path):
    # Every other test here starts from a database prepared that way once, to save the time.
    app = create_app(make_settings(empty_database_url, tmp_path))
    try:
        client = TestClient(app, follow_redirects=False)
        assert client.get("/api/v1/search", params={"q": "slow queries"}).json()["results"][0]["id"] == "indexes"
        assert sign_up(client).headers["location"] == "/paths/starter-kit"
    finally:
        app.state.engine.dispose()


def test_search_page_results_as_json_for_its_script(client):
    """What the page's script shows as you type: the page's own results, paths by title, and the
    signed-in learner's status, without an API token."""
    anonymous = client.get("/search/results", params={"q": "slow queries"}).json()
    first = anonymous["results"][0]
    assert (first["id"], first["level"]) == ("indexes", "intermediate") and "**" in first["snippet"]
    assert {"id": "starter-kit", "title": "Backend Engineer Starter Kit"} in first["paths"]
    assert "status" not in first
    sign_up(client, "ada")
    client.post("/topics/indexes/status", data={"status": "learning", "csrf_token": page_csrf(client)})
    mine = client.get("/search/results", params={"q": "slow queries"}).json()["results"]
    assert mine[0]["status"] == "learning" and mine[1]["status"] == "not_started"
    page = client.get("/search", params={"q": "slow queries"}).text
    assert [hit["id"] for hit in mine] == re.findall(r'<h2><a href="/topics/([^"]+)">', page)


def test_a_query_longer_than_the_api_takes_is_cut_not_refused(client):
    long_query = "index " * 2000
    assert len(long_query) > QUERY_MAX_LENGTH
    answer = client.get("/search/results", params={"q": long_query})
    assert answer.status_code == 200 and answer.json()["query"] == long_query[:QUERY_MAX_LENGTH]
    assert answer.json()["results"][0]["id"] == "indexes"
    assert f'maxlength="{QUERY_MAX_LENGTH}"' in client.get("/search").text


def test_search_page_with_no_match_or_no_query(client):
    assert "No topic matches" in client.get("/search", params={"q": "zzzqqqxxx"}).text
    empty = client.get("/search")
    assert empty.status_code == 200 and "search-results" in empty.text and "<mark>" not in empty.text


def test_search_api_shape_paging_and_status(client):
    data = client.get("/api/v1/search", params={"q": "slow queries"}).json()
    assert data["query"] == "slow queries"
    first = data["results"][0]
    assert first["id"] == "indexes" and first["level"] == "intermediate" and "starter-kit" in first["paths"]
    assert "**" in first["snippet"] and first["status"] is None
    second_page = client.get("/api/v1/search", params={"q": "slow queries", "limit": 2, "offset": 1}).json()["results"]
    assert [r["id"] for r in second_page] == [r["id"] for r in data["results"][1:3]]
    sign_up(client, "ada")
    client.cookies.clear()
    token = api_token(client, "ada")
    client.put("/api/v1/me/progress/indexes", json={"status": "learning"}, headers={"Authorization": f"Bearer {token}"})
    mine = client.get("/api/v1/search", params={"q": "slow queries"}, headers={"Authorization": f"Bearer {token}"}).json()
    assert mine["results"][0]["status"] == "learning"


def test_broken_queries_never_fail(client):
    for query in ['"unbalanced', "NEAR(a b) AND OR *", "x" * QUERY_MAX_LENGTH, "!!!???", "🚀🔥", "'; DROP TABLE learners; --"]:
        response = client.get("/api/v1/search", params={"q": query})
        assert response.status_code == 200, query
        assert isinstance(response.json()["results"], list)
        assert client.get("/search", params={"q": query}).status_code == 200


def test_out_of_range_parameters_are_422(client):
    response = client.get("/api/v1/search", params={"q": "git", "limit": 0})
    assert response.status_code == 422 and response.json()["error"]["message"].startswith("query.limit:")


def test_a_typo_is_corrected_and_said_on_the_page_its_script_and_the_api(client):
    page = client.get("/search", params={"q": "kuberentes autoscalng"}).text
    assert "Showing results for “kubernetes autoscaling”" in page
    assert client.get("/search/results", params={"q": "kuberentes"}).json()["corrected_query"] == "kubernetes"
    answer = client.get("/api/v1/search", params={"q": "kuberentes autoscalng", "limit": 1}).json()
    assert (answer["corrected_query"], answer["results"][0]["id"]) == ("kubernetes autoscaling", "kubernetes-scaling")
    assert client.get("/api/v1/search", params={"q": "kubernetes"}).json()["corrected_query"] is None


def test_the_topic_page_shows_its_asks_and_related_topics(client):
    page = client.get("/topics/lsm-trees").text
    assert "<h2>Answers questions like</h2>" in page and "<li>why does rocksdb write so fast</li>" in page
    assert '<h2>Related</h2>\n        <ul class="related-topics"><li><a href="/topics/' in page
