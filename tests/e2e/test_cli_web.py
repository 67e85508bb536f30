"""The CLI and the web server share one database; serve refuses insecure settings."""

from __future__ import annotations

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.config import Settings
from skilltree.web.app import create_app

from web_client import TestClient, csrf_of


def test_progress_marked_in_the_cli_shows_on_the_web(cli, database_url, tmp_path):
    assert cli("mark", "git", "sql", "done").code == 0
    run = cli("passwd", "--password-stdin", input="a long enough password\n")
    assert run.code == 0, run.err
    assert run.out.strip() == "web password set for ada (administrator); sign in at /login"
    app = create_app(Settings(database_url=database_url, data_dir=tmp_path / "web", content_dir=BUNDLED_CONTENT))
    client = TestClient(app, follow_redirects=False)
    token = csrf_of(client.get("/login").text)
    signed_in = client.post("/login", data={"username": "ada", "password": "a long enough password", "csrf_token": token})
    assert signed_in.status_code == 303
    html = client.get("/paths/starter-kit?view=list").text
    assert 'class="card topic-card status-done" id="topic-git"' in html
    assert 'class="card topic-card status-done" id="topic-sql"' in html
    app.state.engine.dispose()


def test_passwd_refuses_a_short_password(cli):
    run = cli("passwd", "--password-stdin", input="short\n")
    assert (run.code, run.err.strip()) == (1, "error: the password is too short: use at least 8 characters")


def test_serve_refuses_insecure_production_settings(cli):
    run = cli("serve", env={"SKILLTREE_ENV": "production"})
    assert run.code == 2
    assert run.err.strip().startswith(
        "error: refusing to start:\n  SKILLTREE_SECRET_KEY must be a random value of at least 32 characters when SKILLTREE_ENV=production"
    )
