"""The progress commands end to end, as a newcomer would use them."""

from __future__ import annotations

import json


def test_mark_next_progress_and_show(cli):
    run = cli("mark", "programming-language", "data-structures", "done")
    assert run.code == 0, run.err
    assert "[x] Programming Language (programming-language): done" in run.out
    assert "[x] Data Structures (data-structures): done" in run.out

    nxt = cli("next", "starter-kit")
    assert nxt.code == 0
    assert "next: Version Control (version-control)" in nxt.out

    progress = cli("progress", "starter-kit")
    assert progress.code == 0
    assert "Backend Engineer Starter Kit" in progress.out and "12%" in progress.out  # 2 of 16
    assert "Foundations" in progress.out and "100%" in progress.out

    overview = cli("progress")
    assert "Backend Engineer Starter Kit" in overview.out and "Foundations" not in overview.out
    assert "next: Version Control (version-control) · optional 0/3 done · started " in overview.out

    show = cli("show", "starter-kit")
    assert "[x]   1.  Programming Language" in show.out
    assert "[ ]   4.  Version Control" in show.out


def test_progress_json_shape(cli):
    cli("mark", "git", "learning")
    cli("mark", "sql", "skipped")
    data = cli("progress", "starter-kit", "--json").json()
    assert data["learner"] == "ada"
    (report,) = data["paths"]
    assert report["path"] == "starter-kit"
    assert report["required"] == {"done": 0, "skipped": 1, "total": 16, "percent": 0}
    assert [s["title"] for s in report["sections"]] == ["Foundations", "Tools", "Talking to the world", "Data", "Shipping it"]
    assert report["next"] == {"id": "programming-language", "title": "Programming Language"}
    assert list(data["activity"]) == ["days", "current_streak", "longest_streak"]
    everything = cli("progress", "--json").json()
    assert [r["path"] for r in everything["paths"]] == ["backend-2025", "backend-fundamentals", "starter-kit"]


def test_mark_refuses_mistakes_without_writing(cli):
    run = cli("mark", "gti", "done")
    assert (run.code, run.err.strip()) == (1, "error: no topic 'gti' (did you mean 'git'?)")
    run = cli("mark", "git", "dne")
    assert run.code == 1
    assert run.err.strip() == "error: unknown status 'dne' (did you mean 'done'?); use one of: not_started, learning, done, skipped"
    assert cli("mark", "git").code == 2  # a status is required
    assert cli("history", "--json").json()["events"] == []


def test_mark_help_has_a_plain_usage_line(cli):
    lines = cli("mark", "--help").out.splitlines()
    assert lines[0] == "Usage: skilltree mark [OPTIONS] TOPIC... STATUS"
    assert lines[4:7] == [
        "Arguments:",
        "  TOPIC...  One or more topic ids.  [required]",
        "  STATUS    learning, done, skipped or not_started.  [required]",
    ]
    assert cli("show", "--help").out.splitlines()[0] == "Usage: skilltree show [OPTIONS] PATH"


def test_history_lists_changes_newest_first(cli):
    cli("mark", "git", "learning")
    cli("mark", "git", "done")
    data = cli("history", "git", "--json").json()
    assert [(e["topic"], e["status"], e["source"]) for e in data["events"]] == [("git", "done", "cli"), ("git", "learning", "cli")]
    run = cli("history")
    assert "Git (git)" in run.out and "done" in run.out


def test_history_at_80_columns_wraps_the_topic_not_the_time_or_source(cli):
    cli("mark", "engineering-management-partnership", "learning")
    lines = cli("history", env={"COLUMNS": "80"}).out.splitlines()
    assert lines[0].split() == ["when", "(UTC)", "topic", "status", "via"]
    assert lines[1].endswith("  [~] learning  cli") and len(lines[1]) <= 80
    assert lines[2].strip() == "(engineering-management-partnership)"


def test_learners_are_separate(cli):
    cli("mark", "git", "done", "--learner", "grace")
    assert cli("history", "--json").json()["events"] == []
    assert len(cli("history", "--json", "--learner", "grace").json()["events"]) == 1


def test_export_import_round_trip(cli, tmp_path):
    cli("mark", "git", "learning")
    cli("mark", "git", "sql", "done")
    exported = cli("export")
    assert exported.code == 0
    document = json.loads(exported.out)
    assert document["format"] == "skilltree-export" and document["version"] == 2
    assert [(e["topic"], e["status"]) for e in document["events"]] == [("git", "learning"), ("git", "done"), ("sql", "done")]

    saved = tmp_path / "ada.json"
    assert cli("export", "-o", str(saved)).code == 0
    assert saved.read_text() == exported.out

    # Into another learner's empty history, twice: the second import adds nothing.
    first = cli("import", str(saved), "--learner", "ada2", "--json").json()
    assert (first["added"], first["already_there"]) == (3, 0)
    second = cli("import", str(saved), "--learner", "ada2", "--json").json()
    assert (second["added"], second["already_there"]) == (0, 3)
    again = json.loads(cli("export", "--learner", "ada2").out)
    assert again["events"] == document["events"]
    assert again["learner"]["created_at"] == document["learner"]["created_at"]
    # Importing into the learner it came from changes nothing either.
    cli("import", str(saved))
    assert cli("export").out == exported.out


def test_import_refuses_a_malformed_file_and_writes_nothing(cli, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "skilltree-export", "version": 1,')
    run = cli("import", str(broken))
    assert run.code == 1
    assert run.err.strip() == f"error: {broken}: not valid JSON (line 1, column 45: Expecting property name enclosed in double quotes)"

    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({
        "format": "skilltree-export", "version": 1,
        "learner": {"username": "ada", "display_name": "Ada", "created_at": "2026-11-01T00:00:00+00:00"},
        "events": [
            {"topic": "git", "status": "done", "at": "2026-11-01T10:00:00+00:00", "source": "cli"},
            {"topic": "sql", "status": "finished", "at": "2026-11-01T10:00:00", "source": "cli"},
        ],
    }))
    run = cli("import", str(wrong))
    assert run.code == 1
    assert f"error: {wrong}: not a Skilltree export:" in run.err
    assert "events[1].status: Input should be 'not_started', 'learning', 'done' or 'skipped'" in run.err
    assert "events[1].at: Input should have timezone info" in run.err
    assert cli("history", "--json").json()["events"] == []  # the valid first event was not written either

    future = tmp_path / "future.json"
    future.write_text(json.dumps({"format": "skilltree-export", "version": 3}))
    run = cli("import", str(future))
    assert run.err.strip() == f"error: {future}: export version 3 is not supported (this Skilltree reads versions 1 and 2)"
    missing = cli("import", str(tmp_path / "nope.json"))
    assert (missing.code, missing.err.strip()) == (1, f"error: cannot read {tmp_path}/nope.json: No such file or directory")


def test_db_upgrade_reports_the_revision(cli, empty_database_url):
    from skilltree.store.migrate import HEAD

    empty = {"SKILLTREE_DATABASE_URL": empty_database_url}
    run = cli("db", "upgrade", env=empty)
    assert run.code == 0
    assert f"upgraded from empty to {HEAD}" in run.out
    assert f"is up to date (revision {HEAD})" in cli("db", "upgrade", env=empty).out


def test_an_unreachable_database_is_a_clear_error(cli):
    run = cli("progress", env={"SKILLTREE_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    assert run.code == 1
    assert run.err.startswith("error: cannot open the database postgresql+psycopg://nobody@127.0.0.1:1/none: ")
    assert "Traceback" not in run.err
