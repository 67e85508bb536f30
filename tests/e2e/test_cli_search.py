"""`skilltree search` end to end: what a learner sees, the JSON shape, and exit codes."""

from __future__ import annotations

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.config import Settings
from skilltree.web.app import create_app

from web_client import TestClient


def test_slow_queries_lists_indexes_first(cli):
    run = cli("search", "slow queries")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith(" 1. Indexes  indexes  intermediate · ")
    assert "the first thing to check when a query is slow" in lines[1]
    assert lines[2].strip().startswith("in ") and "starter-kit" in lines[2]


def test_the_words_of_the_query_need_no_quotes(cli):
    assert cli("search", "how", "do", "I", "make", "slow", "queries", "faster").out.startswith(" 1. Indexes")


def test_json_shape(cli):
    run = cli("search", "what is idempotency", "--json", "--limit", "2")
    assert run.code == 0, run.err
    results = run.json()["results"]
    assert len(results) == 2
    first = results[0]
    assert list(first) == ["id", "title", "snippet", "level", "minutes", "paths"]
    assert (first["id"], first["title"], first["level"]) == ("idempotency", "Idempotency", "intermediate")
    assert "**idempotent**" in first["snippet"]
    assert isinstance(first["minutes"], int) and first["paths"] == ["backend-2025", "backend-fundamentals"]


def test_the_learners_status_is_shown_once_they_have_progress(cli):
    assert "status" not in cli("search", "kafka", "--json").json()["results"][0]
    cli("mark", "kafka", "done")
    (first, *_) = cli("search", "kafka", "--json").json()["results"]
    assert (first["id"], first["status"]) == ("kafka", "done")
    assert "[x] done" in cli("search", "kafka").out.splitlines()[0]


def test_reading_commands_create_no_learner(cli, database_url):
    from sqlalchemy import select

    from skilltree.store.engine import make_engine
    from skilltree.store.tables import learners

    cli("mark", "git", "done")  # the database exists, with one learner
    for command in (("search", "kafka"), ("show", "starter-kit"), ("ladder",), ("ladder", "--json")):
        assert cli(*command, "--learner", "zed").code == 0, command
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(select(learners.c.username)).scalars().all() == ["ada"]
    engine.dispose()


def test_nothing_found_and_broken_queries(cli):
    run = cli("search", "zqxjvw")
    assert (run.code, run.out.strip()) == (0, "no topics match 'zqxjvw'")
    for query in ('"unbalanced NEAR(', "'; DROP TABLE search_topics; --", "😀" * 50, "x" * 10_000, "\udcff"):
        run = cli("search", query, "--json")
        assert run.code == 0 and "Traceback" not in run.err, run.err
        assert isinstance(run.json()["results"], list)


def test_bytes_that_are_not_utf8_are_not_words(cli):
    # Python hands a command such bytes as lone surrogates; they are neither searched for nor printed raw.
    run = cli("search", "\udcff\udcfe")
    assert (run.code, run.out.strip(), run.err) == (0, r"no topics match '\udcff\udcfe'", "")
    assert cli("search", "kafka\udcff", "--json").json()["results"][0]["id"] == "kafka"


def test_usage_mistakes_exit_2(cli):
    run = cli("search", "kafka", "--limit", "0")
    assert run.code == 2
    assert "Invalid value for '--limit' / '-n': 0 is not in the range 1<=x<=100." in run.err
    assert cli("search").code == 2


def test_a_bad_learner_name_is_refused_without_a_traceback(cli):
    run = cli("search", "kafka", "--learner", "no spaces")
    assert (run.code, run.err.strip()) == (
        1,
        "error: invalid username 'no spaces': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    )


def test_search_uses_synonyms_from_the_content_directory(cli, tree):
    tree.topic("container-orchestration", body="Running many containers across machines.")
    tree.path("ops", "[container-orchestration]")
    assert cli("search", "k8s", "--content", str(tree.root), "--json").json()["results"] == []
    tree.write("synonyms.yaml", "k8s: [container orchestration]\n")
    results = cli("search", "k8s", "--content", str(tree.root), "--json").json()["results"]
    assert [result["id"] for result in results] == ["container-orchestration"]


def test_a_search_with_another_content_directory_leaves_the_servers_search_whole(cli, tree, database_url, tmp_path):
    app = create_app(Settings(database_url=database_url, data_dir=tmp_path / "web", content_dir=BUNDLED_CONTENT))
    client = TestClient(app)
    tree.topic("alpha", body="A tiny catalog about indexes.")
    tree.path("tiny", "[alpha]")
    run = cli("search", "--content", str(tree.root), "indexes", "--json")
    assert [result["id"] for result in run.json()["results"]] == ["alpha"]

    results = client.get("/api/v1/search", params={"q": "indexes"}).json()["results"]
    assert "alpha" not in [result["id"] for result in results]  # never a topic the server does not have
    app.state.live_catalog.refresh()  # the server's next content check, a second or two later
    results = client.get("/api/v1/search", params={"q": "indexes"}).json()["results"]
    assert results[0]["id"] == "indexes"
    assert client.get("/topics/indexes").status_code == 200
    app.state.engine.dispose()


def test_a_typo_is_corrected_and_said(cli):
    run = cli("search", "kuberentes", "autoscalng", "-n", "1")
    assert run.out.startswith("Showing results for 'kubernetes autoscaling'\n 1. Scaling and Health in Kubernetes")
    assert cli("search", "kuberentes", "--json").json()["corrected_query"] == "kubernetes"
