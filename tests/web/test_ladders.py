"""The seniority ladder on the web and in the API: who holds each responsibility, the topics that
prepare for it, and a signed-in learner's standing on them."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml
from content_tree import ContentTree
from web_client import TestClient, api_token, make_settings, page_csrf, sign_up

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.web.app import create_app

LADDER = yaml.safe_load((BUNDLED_CONTENT / "ladders" / "backend-engineer.yaml").read_text(encoding="utf-8"))
LEVELS = [level["title"] for level in LADDER["levels"]]


class LadderTables(HTMLParser):
    """The page's tables as a reader meets them: {caption: [row, ...]}, a row being the text of each
    cell (what a screen reader says, visually hidden words included) and the links in it."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[dict]] = {}
        self._caption: list[str] | None = None
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], None
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = {"cells": [], "links": []}
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._row is not None:
            self._row["links"].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "caption":
            self._title = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("th", "td") and self._cell is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._rows.append(self._row)
            self._row = None
        elif tag == "table":
            self.tables[self._title] = self._rows

    def handle_data(self, data):
        for collecting in (self._caption, self._cell):
            if collecting is not None:
                collecting.append(data)


def row_of(tables: dict, title: str) -> dict:
    (row,) = [row for rows in tables.values() for row in rows[1:] if row["cells"][0].startswith(title + " ")]
    return row


def test_the_ladder_page_has_a_table_per_area_with_every_responsibility_and_who_holds_it(client):
    response = client.get("/ladders/backend-engineer")
    assert response.status_code == 200
    assert "<h1>Backend Engineer</h1>" in response.text and LADDER["summary"] in response.text
    tables = LadderTables(response.text).tables
    assert list(tables) == ["Technical", "Leadership", "Business"]
    for area in LADDER["areas"]:
        rows = tables[area["title"]]
        assert rows[0]["cells"] == ["Responsibility", *LEVELS, "Topics"]
        assert len(rows) - 1 == len(area["responsibilities"])
        for row, duty in zip(rows[1:], area["responsibilities"]):
            assert row["cells"][0] == f"{duty['title']} {duty['description']}"
            lowest = [level["id"] for level in LADDER["levels"]].index(duty["from"])
            marks = [
                f"✓ {title} holds this" if rank >= lowest else f"{title} does not hold this" for rank, title in enumerate(LEVELS)
            ]
            assert row["cells"][1:-1] == marks, duty["id"]
            assert row["links"] == [f"/topics/{topic}" for topic in duty["topics"]]
    assert sum(len(rows) - 1 for rows in tables.values()) == 17


def test_architecture_design_is_held_from_senior_up_and_names_the_topics_behind_it(client):
    row = row_of(LadderTables(client.get("/ladders/backend-engineer").text).tables, "Architecture design")
    assert row["cells"][1:4] == ["Junior does not hold this", "✓ Senior holds this", "✓ Principal holds this"]
    assert row["cells"][4].startswith("Architecture Styles System Design ")
    assert "/topics/domain-driven-design" in row["links"]


def test_a_visitor_sees_no_statuses_and_is_asked_to_sign_in(client):
    html = client.get("/ladders/backend-engineer").text
    assert 'href="/login?next=/ladders/backend-engineer">Sign in</a>' in html
    assert "topics done" not in html and "Not started" not in html


def test_a_learner_sees_their_status_on_each_topic_and_how_many_are_done(client):
    sign_up(client)
    token = page_csrf(client, "/ladders/backend-engineer")
    for topic, status in (("http", "done"), ("rest", "skipped"), ("openapi", "learning")):
        assert client.post(f"/topics/{topic}/status", data={"status": status, "csrf_token": token}).status_code == 303
    tables = LadderTables(client.get("/ladders/backend-engineer").text).tables
    topics = row_of(tables, "API design")["cells"][4]
    # As on a path, a skipped topic leaves what there is to do.
    assert topics == "1 of 4 topics done HTTP Done REST Skipped API Design Not started OpenAPI Learning Idempotency Not started"
    assert row_of(tables, "Architecture design")["cells"][4].startswith("0 of 6 topics done ")
    assert row_of(tables, "Understanding the business")["cells"][4].startswith("0 of 1 topic done ")
    assert "to see how far you are" not in client.get("/ladders/backend-engineer").text


def test_an_unknown_ladder_is_a_404_page_that_suggests_the_right_one(client):
    response = client.get("/ladders/backend")
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert "no ladder &#39;backend&#39; (did you mean &#39;backend-engineer&#39;?)" in response.text


def test_home_lists_the_ladder_and_every_page_links_to_it(client):
    home = client.get("/").text
    assert '<h2 id="ladders-heading">Seniority ladders</h2>' in home
    assert '<h3><a href="/ladders/backend-engineer">Backend Engineer</a></h3>' in home
    assert "17 responsibilities across Junior, Senior, Principal" in home
    for url in ("/", "/topics/git", "/ladders/backend-engineer", "/no/such/page"):
        assert '<li><a href="/ladders/backend-engineer">Ladder</a></li>' in client.get(url).text, url


def write_ladder(tree: ContentTree, ladder_id: str, title: str) -> None:
    tree.write(
        f"ladders/{ladder_id}.yaml",
        f"""\
        title: {title}
        summary: "What each level owns."
        levels:
          - {{id: one, title: One}}
          - {{id: two, title: Two}}
        areas:
          - id: craft
            title: Craft
            responsibilities:
              - {{id: build, title: Build, description: "Builds it.", from: one, topics: [a]}}
        """,
    )


@pytest.mark.parametrize("ladders", [0, 2])
def test_the_header_links_to_the_home_pages_list_of_ladders_when_there_is_not_just_one(database_url, tmp_path, ladders):
    tree = ContentTree(tmp_path / "content")
    tree.topic("a")
    tree.path("p", "[a]")
    for n in range(ladders):
        write_ladder(tree, f"ladder-{n}", f"Ladder {n}")
    app = create_app(make_settings(database_url, tmp_path, content_dir=tree.root))
    home = TestClient(app).get("/").text
    app.state.engine.dispose()
    if ladders:
        assert '<li><a href="/#ladders">Ladders</a></li>' in home
        assert "1 responsibility across One, Two" in home
        assert home.index('href="/ladders/ladder-0"') < home.index('href="/ladders/ladder-1"')
    else:
        assert "Ladder" not in home


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_the_api_lists_the_ladders_and_gives_one_with_its_responsibilities(client):
    assert client.get("/api/v1/ladders").json() == {
        "ladders": [
            {
                "id": "backend-engineer",
                "title": "Backend Engineer",
                "summary": LADDER["summary"],
                "levels": [{"id": level, "title": level.title()} for level in ("junior", "senior", "principal")],
                "responsibilities": 17,
            }
        ]
    }
    ladder = client.get("/api/v1/ladders/backend-engineer").json()
    assert [area["title"] for area in ladder["areas"]] == ["Technical", "Leadership", "Business"]
    architecture = ladder["areas"][0]["responsibilities"][0]
    assert {key: architecture[key] for key in ("id", "from", "from_title", "levels", "progress")} == {
        "id": "architecture-design", "from": "senior", "from_title": "Senior", "levels": ["senior", "principal"], "progress": None,
    }
    assert architecture["topics"][0] == {"id": "architecture-styles", "title": "Architecture Styles", "status": None}


def test_the_api_gives_the_token_owners_standing_on_a_ladder(client):
    sign_up(client)
    client.cookies.clear()
    token = api_token(client)
    client.put("/api/v1/me/progress/http", json={"status": "done"}, headers=bearer(token))
    ladder = client.get("/api/v1/ladders/backend-engineer", headers=bearer(token)).json()
    api_design = next(duty for duty in ladder["areas"][0]["responsibilities"] if duty["id"] == "api-design")
    assert api_design["progress"] == {"done": 1, "skipped": 0, "total": 5, "percent": 20}
    assert [topic["status"] for topic in api_design["topics"]] == ["done"] + ["not_started"] * 4
    assert client.get("/api/v1/ladders/backend-engineer", headers=bearer("not-a-token")).status_code == 401


def test_an_unknown_ladder_in_the_api_is_a_404_error_document(client):
    response = client.get("/api/v1/ladders/backend")
    assert response.status_code == 404
    message = "no ladder 'backend' (did you mean 'backend-engineer'?)"
    assert response.json() == {"error": {"code": "not_found", "message": message}}


def test_a_topic_page_says_which_responsibilities_it_prepares_for(client):
    page = client.get("/topics/idempotency").text
    assert '<h2>Prepares for</h2>' in page
    assert '<a href="/ladders/backend-engineer#duty-api-design">API design</a> <span class="hint">(Junior+)</span>' in page
    detail = client.get("/api/v1/topics/idempotency").json()
    assert detail["responsibilities"] == [
        {"ladder": {"id": "backend-engineer", "title": "Backend Engineer"}, "id": "api-design", "title": "API design", "from_title": "Junior"}
    ]
    assert "Prepares for" not in client.get("/topics/big-o").text
