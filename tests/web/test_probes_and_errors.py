"""What load balancers and HTTP clients rely on: HEAD probes, readiness, and 405 with Allow."""

from __future__ import annotations

from web_client import PATIENT_DATABASE_TIMEOUT, TestClient, make_settings

from skilltree.web.app import create_app


def test_probes_answer_head_as_well_as_get(client):
    for url in ("/healthz", "/readyz", "/"):
        assert client.head(url).status_code == 200, url


def test_a_wrong_method_is_405_and_says_which_are_allowed(client):
    api = client.delete("/api/v1/paths")
    assert api.status_code == 405 and api.headers["allow"] == "GET"
    assert api.json() == {"error": {"code": "method_not_allowed", "message": "Method Not Allowed"}}
    page = client.put("/")
    assert page.status_code == 405 and set(page.headers["allow"].split(", ")) == {"GET", "HEAD"}
    assert "<h1>Error</h1>" in page.text and page.headers["x-content-type-options"] == "nosniff"


def test_readyz_answers_503_once_the_database_is_gone(tmp_path):
    database = tmp_path / "skilltree.db"
    app = create_app(make_settings(f"sqlite:///{database}", tmp_path))
    client = TestClient(app)
    assert client.get("/readyz").status_code == 200
    # The file vanishes and a directory takes its name: SQLite cannot open it, as with a lost disk.
    app.state.engine.dispose()
    for leftover in tmp_path.glob("skilltree.db*"):
        leftover.unlink()
    database.mkdir()
    not_ready = client.get("/readyz")
    assert not_ready.status_code == 503
    assert not_ready.json() == {"error": {"code": "unavailable", "message":
                                          f"the database file {database} cannot be read or written (unable to open database file); try again later"}}
    assert not_ready.headers["retry-after"] == str(int(PATIENT_DATABASE_TIMEOUT))  # SKILLTREE_DATABASE_TIMEOUT
    assert client.head("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200  # the process itself is alive
    app.state.engine.dispose()
