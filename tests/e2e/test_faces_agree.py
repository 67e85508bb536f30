"""The three faces show one learner's progress alike: the CLI's JSON, the API and the roadmap page
are built from the same service result (services.catalog.path_outline)."""

from __future__ import annotations

import re

from web_client import PASSWORD, TestClient, api_token, make_settings

from skilltree.web.app import create_app


def test_show_json_the_api_and_the_roadmap_page_agree(cli, database_url, tmp_path):
    assert cli("mark", "programming-language", "data-structures", "done").code == 0
    assert cli("mark", "version-control", "skipped").code == 0
    assert cli("mark", "git", "learning").code == 0
    assert cli("passwd", "ada", "--password-stdin", input=PASSWORD + "\n").code == 0
    shown = cli("show", "starter-kit", "--json").json()

    app = create_app(make_settings(database_url, tmp_path))
    try:
        client = TestClient(app, follow_redirects=False)
        token = api_token(client)
        api = client.get("/api/v1/paths/starter-kit", headers={"authorization": f"Bearer {token}"}).json()
        client.post("/login", data={"username": "ada", "password": PASSWORD, "csrf_token": _csrf(client)})
        page = client.get("/paths/starter-kit?view=list").text  # the list view holds the figures as text
    finally:
        app.state.engine.dispose()

    assert shown == api
    statuses = {t["id"]: t["status"] for s in api["sections"] for t in s["topics"]}
    assert statuses["git"] == "learning" and statuses["version-control"] == "skipped"
    assert api["progress"]["required"] == {"done": 2, "skipped": 1, "total": 16, "percent": 13}
    overall = re.search(r'data-progress="overall".*?data-field="percent">(\d+)<', page, re.S).group(1)
    assert int(overall) == api["progress"]["percent"]
    for index, section in enumerate(api["sections"]):
        shown_percent = re.search(rf'data-progress="section-{index}".*?data-field="percent">(\d+)<', page, re.S).group(1)
        assert int(shown_percent) == section["progress"]["percent"]
    assert 'id="topic-git"' in page and "status-learning" in page


def _csrf(client: TestClient) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
