"""The catalog commands end to end: output, --json shapes and exit codes."""

from __future__ import annotations

from content_tree import ContentTree


def small_tree(tree):
    tree.topic("version-control")
    tree.topic("git", prerequisites="[version-control]", body="word " * 450)
    tree.topic("sql")
    tree.path("tools", "[version-control, git]", "[{topic: sql, optional: true}]")
    return tree


def test_help_lists_the_commands(cli):
    run = cli("--help")
    assert run.code == 0
    for command in ("check", "paths", "show", "topic"):
        assert command in run.out


def test_check_clean_tree_exits_0(cli, tree):
    small_tree(tree)
    run = cli("check", str(tree.root), "--strict")
    assert run.code == 0, run.out + run.err
    assert "ok: 3 topics, 1 paths, 0 ladders; 0 error(s), 0 warning(s)" in run.out


def test_check_reports_errors_and_exits_1(cli, tree):
    small_tree(tree)
    tree.topic("broken", prerequisites="[gti]")
    tree.path("more", "[broken]")
    run = cli("check", str(tree.root))
    assert run.code == 1
    assert f"{tree.root}/topics/broken.md:6: prerequisites[0]: unknown prerequisite 'gti' (did you mean 'git'?)" in run.out
    assert "failed: 4 topics, 2 paths, 0 ladders; 1 error(s), 0 warning(s)" in run.out
    assert "Traceback" not in run.out + run.err


def test_strict_turns_warnings_into_failure(cli, tree):
    small_tree(tree)
    tree.topic("orphan")
    assert cli("check", str(tree.root)).code == 0
    run = cli("check", str(tree.root), "--strict")
    assert run.code == 1
    assert f"{tree.root}/topics/orphan.md:2: -: no path uses this topic (warning)" in run.out


def test_check_json_shape(cli, tree):
    small_tree(tree)
    tree.topic("orphan")
    data = cli("check", str(tree.root), "--json").json()
    assert data["ok"] is True
    assert (data["errors"], data["warnings"], data["topics"], data["paths"], data["ladders"]) == (0, 1, 4, 1, 0)
    assert data["problems"] == [
        {
            "file": f"{tree.root}/topics/orphan.md",
            "line": 2,
            "field": "-",
            "message": "no path uses this topic",
            "severity": "warning",
        }
    ]


def test_check_usage_errors_exit_2(cli, tmp_path):
    run = cli("check", str(tmp_path / "missing"))
    assert run.code == 2
    assert f"error: {tmp_path}/missing: no such content directory" in run.err
    assert cli("check", "--no-such-flag").code == 2


def test_paths_table_and_json(cli, tree):
    small_tree(tree)
    run = cli("paths", "--content", str(tree.root))
    assert run.code == 0
    assert "tools" in run.out and "~4 min (+1 min optional)" in run.out and "3 beginner" in run.out
    data = cli("paths", "--json", env={"SKILLTREE_CONTENT_DIR": str(tree.root)}).json()
    assert data == {
        "paths": [
            {
                "id": "tools",
                "title": "tools",
                "summary": "A path.",
                "figures": {
                    "topics": 3,
                    "required_topics": 2,
                    "optional_topics": 1,
                    "sections": 2,
                    "required_minutes": 4,
                    "optional_minutes": 1,
                    "reading_time": "~4 min (+1 min optional)",
                    "level_mix": {"beginner": 3},
                    "level_mix_text": "3 beginner",
                },
                "start": False,
            }
        ]
    }


def test_show_renders_sections_in_order(cli, tree):
    small_tree(tree)
    run = cli("show", "tools", "--content", str(tree.root))
    assert run.code == 0, run.err
    out = run.out
    assert out.index("Section 1") < out.index("Version-Control") < out.index("Git") < out.index("Section 2") < out.index("Sql")
    assert "3 topics in 2 sections · ~4 min (+1 min optional) · 3 beginner" in out
    assert "optional" in out.split("Section 2")[1]


def test_show_json_shape(cli, tree):
    small_tree(tree)
    data = cli("show", "tools", "--json", "--content", str(tree.root)).json()
    assert [s["title"] for s in data["sections"]] == ["Section 1", "Section 2"]
    assert data["sections"][0]["topics"][1] == {
        "id": "git",
        "title": "Git",
        "level": "beginner",
        "minutes": 3,
        "optional": False,
        "prerequisites": ["version-control"],
        # The learner's side, as the API and the roadmap page give it: git waits on version-control.
        "status": "not_started",
        "blocked_by": [{"id": "version-control", "title": "Version-Control"}],
        "next": False,
    }
    assert data["sections"][1]["topics"][0]["optional"] is True
    assert data["progress"]["percent"] == 0 and data["progress"]["next"]["id"] == "version-control"


def test_unknown_path_suggests_close_ids(cli, tree):
    small_tree(tree)
    run = cli("show", "tool", "--content", str(tree.root))
    assert run.code == 1
    assert run.err.strip() == "error: no path 'tool' (did you mean 'tools'?)"


def test_topic_shows_article_and_links(cli, tree):
    small_tree(tree)
    run = cli("topic", "git", "--content", str(tree.root))
    assert run.code == 0
    assert "Prerequisites: Version-Control (version-control)" in run.out
    assert "In paths: tools (tools)" in run.out
    assert "https://example.org/git" in run.out
    data = cli("topic", "version-control", "--json", "--content", str(tree.root)).json()
    assert data["unlocks"] == [{"id": "git", "title": "Git"}]
    assert data["minutes"] == 1 and data["level"] == "beginner"
    assert data["review"][0] == {"id": "what", "q": "What is Version-Control?", "a": "Answer one."}


def test_unknown_topic_suggests_close_ids(cli, tree):
    small_tree(tree)
    run = cli("topic", "gti", "--content", str(tree.root))
    assert run.code == 1
    assert run.err.strip() == "error: no topic 'gti' (did you mean 'git'?)"


def test_commands_on_broken_content_warn_but_work(cli, tree):
    small_tree(tree)
    tree.topic("broken", prerequisites="[nope]")
    run = cli("show", "tools", "--content", str(tree.root))
    assert run.code == 0
    assert "warning: the content has 1 error(s); run 'skilltree check' to see them" in run.err


def test_ladder_shows_each_responsibility_from_its_level(cli):
    run = cli("ladder")
    assert run.code == 0, run.err
    assert "Junior → Senior → Principal · 17 responsibilities" in run.out
    row = next(line for line in run.out.splitlines() if line.startswith("Architecture design"))
    assert row.split()[2:5] == ["·", "✓", "✓"]  # Senior and up, not Junior
    row = next(line for line in run.out.splitlines() if line.startswith("API design"))
    assert row.split()[2:6] == ["✓", "✓", "✓", "0/5"]


def test_ladder_marks_your_progress_and_has_a_json_shape(cli):
    cli("mark", "http", "done")
    cli("mark", "rest", "skipped")
    assert "[x]http, [-]rest, api-design" in cli("ladder", "backend-engineer").out
    data = cli("ladder", "--json").json()
    assert [level["id"] for level in data["levels"]] == ["junior", "senior", "principal"]
    assert [area["id"] for area in data["areas"]] == ["technical", "leadership", "business"]
    api = next(duty for duty in data["areas"][0]["responsibilities"] if duty["id"] == "api-design")
    assert (api["from"], api["levels"]) == ("junior", ["junior", "senior", "principal"])
    assert api["progress"] == {"done": 1, "skipped": 1, "total": 5, "percent": 25}
    assert api["topics"][0] == {"id": "http", "title": "HTTP", "status": "done"}


def test_an_unknown_ladder_suggests_the_closest(cli):
    run = cli("ladder", "bakend-engineer")
    assert (run.code, run.err.strip()) == (1, "error: no ladder 'bakend-engineer' (did you mean 'backend-engineer'?)")


def test_without_a_ladder_id_several_ladders_are_listed(cli, tree):
    tree.topic("a")
    tree.path("p", "[a]")
    ladder = (
        "title: {title}\nsummary: S.\nlevels:\n  - {{id: one, title: One}}\n  - {{id: two, title: Two}}\n"
        "areas:\n  - id: craft\n    title: Craft\n    responsibilities:\n"
        "      - {{id: r, title: R, description: D., from: two, topics: [a]}}\n"
    )
    tree.write("ladders/first.yaml", ladder.format(title="First"))
    tree.write("ladders/second.yaml", ladder.format(title="Second"))
    run = cli("ladder", "--content", str(tree.root))
    assert run.out.splitlines() == ["first  First: One → Two, 1 responsibility", "second  Second: One → Two, 1 responsibility"]
    assert [item["id"] for item in cli("ladder", "--content", str(tree.root), "--json").json()["ladders"]] == ["first", "second"]


def test_topic_at_80_columns_wraps_every_line_and_keeps_every_word(cli):
    from skilltree.bundled import BUNDLED_CONTENT
    from skilltree.catalog.loader import load_catalog

    from article_words import article_words, missing_words

    run = cli("topic", "git", env={"COLUMNS": "80"})
    assert run.code == 0, run.err
    assert [line for line in run.out.splitlines() if len(line) > 80] == []
    body = load_catalog(BUNDLED_CONTENT).catalog.topics["git"].body
    assert missing_words(article_words(body), run.out) == []
    # The bullet item that used to end in "they cannot b".
    assert " • git restore app/orders.py throws away unstaged edits to a file; they cannot\n   be recovered." in run.out


def test_topic_shows_the_review_questions_and_answers_on_request(cli, tree):
    small_tree(tree)
    run = cli("topic", "git", "--content", str(tree.root))
    assert run.out.splitlines()[-4:] == [
        "Check yourself",
        "1. What is Git?",
        "2. Why does Git matter?",
        "(answers: skilltree topic git --answers)",
    ]
    run = cli("topic", "git", "--answers", "--content", str(tree.root))
    assert run.out.splitlines()[-5:] == ["Check yourself", "1. What is Git?", "   Answer one.", "2. Why does Git matter?", "   Answer two."]


def test_show_at_80_columns_keeps_titles_and_section_names_on_one_line(cli):
    run = cli("show", "backend-fundamentals", env={"COLUMNS": "80"})
    assert run.code == 0, run.err
    lines = [line.strip() for line in run.out.splitlines()]
    outline = cli("show", "backend-fundamentals", "--json").json()
    for section in outline["sections"]:
        assert section["title"] in lines  # a line of its own, not wrapped
        for item in section["topics"]:
            (line,) = [line for line in lines if f"  {item['title']}  " in line or line.endswith(f"  {item['title']}")]
            assert line.endswith(f"{item['level']}  {item['minutes']} min") or line.endswith(f"{item['minutes']} min")
    assert "…" not in run.out and max(map(len, run.out.splitlines())) <= 80


def test_content_before_the_command_works_as_after_it(cli, tree):
    small_tree(tree)
    before = cli("--content", str(tree.root), "paths", "--json")
    assert before.code == 0, before.err
    assert before.json() == cli("paths", "--json", "--content", str(tree.root)).json()
    assert [p["id"] for p in before.json()["paths"]] == ["tools"]
    # The command's own option wins over the one before it.
    other = tree.root.parent / "other"
    ContentTree(other).topic("x")
    ContentTree(other).path("elsewhere", "[x]")
    assert [p["id"] for p in cli("--content", str(tree.root), "paths", "--json", "--content", str(other)).json()["paths"]] == ["elsewhere"]


def test_a_topic_whose_file_is_broken_is_named_with_its_first_error(cli, tree):
    small_tree(tree)
    tree.write("topics/http.md", "---\ntitle: HTTP\nsummary: [unclosed\nlevel: beginner\n---\nBody\n")
    tree.topic("http2-and-http3")
    run = cli("topic", "http", "--content", str(tree.root))
    assert run.code == 1
    assert run.err.splitlines()[1:] == [
        f"error: {tree.root}/topics/http.md has 1 error(s), so 'http' cannot be shown; the first:",
        f"  {tree.root}/topics/http.md:3: summary: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence; line 3 reads 'summary: [unclosed'",
    ]
