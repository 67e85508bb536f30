"""The real `skilltree` command for notes (note, notes, search) and administration (users ...)."""

from __future__ import annotations

import sys


def test_a_note_from_the_editor_from_a_file_and_from_standard_input(cli, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'a').write('written in the editor')\n")
    saved = cli("note", "git", env={"EDITOR": f"{sys.executable} {editor}"})
    assert (saved.code, saved.out) == (0, "saved your note on git\n")
    assert cli("note", "git", "--show").out == "written in the editor\n"
    source = tmp_path / "note.md"
    source.write_text("# Branches\nrebase onto main\n")
    assert cli("note", "git", "--file", str(source)).code == 0
    assert cli("note", "sql", "--file", "-", input="joins and indexes").code == 0
    listed = cli("notes", "--json").json()["notes"]
    assert [(n["topic"], n["first_line"]) for n in listed] == [("sql", "joins and indexes"), ("git", "Branches")]
    assert "Branches" in cli("notes", "rebase").out and "sql" not in cli("notes", "rebase").out
    found = cli("search", "rebase", "--json").json()
    assert [(n["topic"], n["snippet"]) for n in found["notes"]] == [("git", "Branches **rebase** onto main")]
    assert "Your notes" in cli("search", "rebase").out
    assert "Your notes" not in cli("search", "rebase", env={"SKILLTREE_LEARNER": "grace"}).out
    assert cli("note", "git", "--show", env={"SKILLTREE_LEARNER": "grace"}).err == "you have no note on git\n"


def test_note_mistakes_are_clear(cli, tmp_path):
    assert cli("note", "gti", "--set", "x").err == "error: no topic 'gti' (did you mean 'git'?)\n"
    both = cli("note", "git", "--set", "x", "--show")
    assert (both.code, both.err) == (2, "error: choose one of --set, --show\n")
    too_long = cli("note", "git", "--set", "x" * (100 * 1024 + 1))
    assert (too_long.code, too_long.err) == (1, "error: git: the note is too long: 102,401 bytes, at most 102,400 (100 KB)\n")
    missing = cli("note", "git", "--file", str(tmp_path / "nope.md"))
    assert missing.err == f"error: cannot read {tmp_path}/nope.md: No such file or directory\n"
    unsaved = cli("note", "git", env={"EDITOR": "true"})
    assert (unsaved.code, unsaved.out) == (0, "note not changed (the editor did not save)\n")
    assert cli("note", "git", "--delete").err == "error: you have no note on 'git'\n"


def test_users_commands(cli):
    cli("passwd", "root", "--create", "--password-stdin", input="correct horse battery\n")  # the first: administrator
    cli("passwd", "grace", "--create", "--password-stdin", input="correct horse battery\n")
    listed = cli("users", "list", "--json").json()
    assert [(u["username"], u["is_admin"], u["disabled"]) for u in listed["users"]] == [("grace", False, False), ("root", True, False)]
    assert cli("users", "disable", "grace").out == "grace: disabled, learner\n"
    assert cli("users", "enable", "grace", "--json").json() == {"username": "grace", "disabled": False, "admin": False}
    last = cli("users", "revoke-admin", "root")
    assert (last.code, last.err) == (1, "error: the last administrator cannot be removed as administrator; make another account an administrator first\n")
    assert cli("users", "grant-admin", "grace").out == "grace: active, administrator\n"
    link = cli("users", "reset-link", "grace", "--base-url", "https://skills.example.org/", "--json").json()
    assert link["url"].startswith("https://skills.example.org/reset/")
    assert cli("users", "delete", "nobody", "--yes").err == "error: no user 'nobody'\n"
    assert cli("users", "delete", "grace", input="n\n").code == 1
    assert cli("users", "delete", "grace", "--yes").out == "deleted grace\n"
    assert [u["username"] for u in cli("users", "list", "--json").json()["users"]] == ["root"]
