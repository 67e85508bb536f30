"""Search on the web: the page (works without JavaScript) and GET /api/v1/search."""

from __future__ import annotations

from web_client import api_token, sign_up


def test_search_page_finds_the_indexes_topic_first(client):
    response = client.get("/search", params={"q": "slow queries"})
    assert response.status_code == 200
    html = response.text
    first = html.index('<ol class="search-results">')
    assert html.index('href="/topics/indexes"', first) < html.index('href="/topics/', html.index('href="/topics/indexes"', first) + 1)
    assert "<mark>" in html and 'value="slow queries"' in html


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
    for query in ['"unbalanced', "NEAR(a b) AND OR *", "x" * 10_000, "!!!???", "🚀🔥", "'; DROP TABLE learners; --"]:
        response = client.get("/api/v1/search", params={"q": query})
        assert response.status_code == 200, query
        assert isinstance(response.json()["results"], list)
        assert client.get("/search", params={"q": query}).status_code == 200


def test_out_of_range_parameters_are_422(client):
    response = client.get("/api/v1/search", params={"q": "git", "limit": 0})
    assert response.status_code == 422 and response.json()["error"]["message"].startswith("query.limit:")
