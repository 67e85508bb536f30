"""Every content mistake is reported as `file:line: field: message`, with the exact text."""

from __future__ import annotations

from skilltree.catalog.loader import load_catalog


def messages(tree) -> list[str]:
    root = str(tree.root)
    return [str(p).replace(root + "/", "") for p in load_catalog(tree.root).problems]


def test_a_valid_tree_has_no_problems(tree):
    tree.topic("a")
    tree.topic("b", prerequisites="[a]")
    tree.path("p", "[a, b]")
    assert messages(tree) == []


def test_front_matter_field_errors_name_file_line_field_and_value(tree):
    tree.write(
        "topics/a.md",
        """\
        ---
        title: A
        summary: 42
        level: expert
        tags: [x]
        prerequisites: [Not_An_Id]
        resources:
          - {type: docs, title: "T", url: "htp:/bad"}
          - {type: blog, title: "T2", url: "https://example.org"}
          - {type: video, title: "No link"}
        review:
          - {q: "only one", a: "answer"}
        asks: ["why is my page slow", "why only on mondays"]
        colour: red
        ---
        Body.
        """,
    )
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/a.md:3: summary: must be text, not 42",
        "topics/a.md:4: level: 'expert' is not one of: beginner, intermediate, advanced",
        "topics/a.md:6: prerequisites[0]: 'Not_An_Id' is not a valid id (lowercase letters, digits and single hyphens)",
        "topics/a.md:8: resources[0].url: 'htp:/bad' is not a valid http(s) URL",
        "topics/a.md:9: resources[1].type: 'blog' is not one of: docs, article, book, video, course, tool, paper",
        "topics/a.md:10: resources[2].url: required field is missing",
        "topics/a.md:12: review: 1 question given; 2 to 6 are needed",
        "topics/a.md:12: review[0].id: required field is missing",
        "topics/a.md:13: asks: 2 questions given; 3 to 8 are needed",
        "topics/a.md:14: colour: unknown field (allowed: title, summary, level, tags, prerequisites, resources, review, minutes, minutes_note, asks)",
    ]


def test_missing_fields_and_empty_body(tree):
    tree.write("topics/a.md", "---\ntitle: A\n---\n\n")
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/a.md:2: -: the topic has no body: write the article below the front matter",
        "topics/a.md:2: level: required field is missing",
        "topics/a.md:2: resources: required field is missing",
        "topics/a.md:2: review: required field is missing",
        "topics/a.md:2: summary: required field is missing",
    ]


def test_a_book_needs_no_url_but_other_resources_do(tree):
    tree.write(
        "topics/a.md",
        """\
        ---
        title: A
        summary: "S"
        level: advanced
        resources:
          - {type: book, title: "A Book", author: "Someone"}
        review: [{id: a, q: "a?", a: "b"}, {id: c, q: "c?", a: "d"}]
        ---
        Body.
        """,
    )
    tree.path("p", "[a]")
    assert messages(tree) == []


def test_minutes_must_say_why(tree):
    tree.write(
        "topics/a.md",
        """\
        ---
        title: A
        summary: "S"
        level: advanced
        minutes: 600
        resources: [{type: book, title: "A Book", author: "Someone"}]
        review: [{id: a, q: "a?", a: "b"}, {id: c, q: "c?", a: "d"}]
        ---
        Body.
        """,
    )
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/a.md:5: minutes: set only when the main material is external; say so in minutes_note"
    ]


def test_yaml_syntax_error_reports_a_line(tree):
    tree.write("topics/a.md", "---\ntitle: A\nsummary: [unclosed\nlevel: beginner\n---\nBody\n")
    tree.topic("b")
    tree.path("p", "[a, b]")
    assert messages(tree) == [
        "topics/a.md:3: summary: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence; "
        "line 3 reads 'summary: [unclosed'"
    ]


def test_missing_or_unclosed_front_matter(tree):
    tree.write("topics/a.md", "title: A\n")
    tree.write("topics/b.md", "---\ntitle: B\n")
    tree.path("p", "[a, b]")
    assert messages(tree) == [
        "topics/a.md:1: -: missing front matter: the file must start with a '---' line",
        "topics/b.md:1: -: front matter is not closed: add a '---' line after it",
    ]


def test_bad_file_names_and_duplicate_ids(tree):
    tree.topic("a")
    tree.write("topics/Bad_Name.md", "---\n---\n")
    tree.write("topics/more/a.md", "---\n---\n")
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/Bad_Name.md:1: id: 'Bad_Name' is not a valid id (lowercase letters, digits and single hyphens): rename the file",
        "topics/Bad_Name.md:2: -: must be front matter: a mapping of fields, not None",
        "topics/Bad_Name.md:2: -: the topic has no body: write the article below the front matter",
        "topics/more/a.md:1: id: 'a' is already defined in topics/a.md",
        "topics/more/a.md:2: -: must be front matter: a mapping of fields, not None",
        "topics/more/a.md:2: -: the topic has no body: write the article below the front matter",
    ]


def test_a_file_with_a_bad_name_still_has_its_fields_checked(tree):
    tree.topic("a")
    tree.write("topics/Bad_Name.md", "---\ntitle: B\nsummary: S\nlevel: expert\ntags: [x]\n"
               "resources: [{type: docs, title: D, url: 'https://example.com/d'}]\n"
               "review: [{id: q1, q: Q1, a: A1}, {id: q2, q: Q2, a: A2}]\n---\nBody\n")
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/Bad_Name.md:1: id: 'Bad_Name' is not a valid id (lowercase letters, digits and single hyphens): rename the file",
        "topics/Bad_Name.md:4: level: 'expert' is not one of: beginner, intermediate, advanced",
    ]


def test_not_utf8(tree):
    (tree.root / "topics" / "a.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    tree.path("p", "[a]")
    assert messages(tree) == ["topics/a.md:1: -: not valid UTF-8 text (byte 11)"]


def test_unknown_references_suggest_close_ids(tree):
    tree.topic("kubernetes")
    tree.topic("git", prerequisites="[kubernets]")
    tree.path("p", "[git, kubernetes, gti]")
    assert messages(tree) == [
        "paths/p.yaml:6: sections[0].topics[2]: unknown topic 'gti' (did you mean 'git'?)",
        "topics/git.md:6: prerequisites[0]: unknown prerequisite 'kubernets' (did you mean 'kubernetes'?)",
    ]


def test_prerequisite_cycle_is_printed(tree):
    tree.topic("a", prerequisites="[c]")
    tree.topic("b", prerequisites="[a]")
    tree.topic("c", prerequisites="[b]")
    tree.topic("d", prerequisites="[d]")
    tree.path("p", "[a, b, c, d]")
    problems = [m for m in messages(tree) if "warning" not in m]
    assert problems == [
        "topics/a.md:6: prerequisites: prerequisite cycle: a -> c -> b -> a",
        "topics/d.md:6: prerequisites: prerequisite cycle: d -> d",
    ]


def test_path_errors_duplicates_and_empty_sections(tree):
    tree.topic("a")
    tree.topic("b")
    tree.path("p", "[a, b, a]", "[]")
    tree.write("paths/q.yaml", "title: Q\nsummary: S\nsections: []\n")
    assert messages(tree) == [
        "paths/p.yaml:6: sections[0].topics[2]: 'a' is listed twice in this path (first in sections[0].topics[0])",
        "paths/p.yaml:9: sections[1].topics: the section lists no topics",
        "paths/q.yaml:3: sections: the path has no sections",
    ]


def test_warnings_for_order_and_unused_topics(tree):
    tree.topic("a")
    tree.topic("b", prerequisites="[a]")
    tree.topic("lonely")
    tree.path("p", "[b]", "[a]")
    result = load_catalog(tree.root)
    assert result.errors == []
    root = str(tree.root) + "/"
    assert [str(w).replace(root, "") for w in result.warnings] == [
        "paths/p.yaml:6: sections[0].topics[0]: 'b' comes before its prerequisite 'a' in this path (warning)",
        "topics/lonely.md:2: -: no path uses this topic (warning)",
    ]


def test_ladder_checks(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    tree.write(
        "ladders/l.yaml",
        """\
        title: Ladder
        levels:
          - {id: junior, title: Junior}
          - {id: senior, title: Senior}
        areas:
          - id: technical
            title: Technical
            responsibilities:
              - {id: apis, title: APIs, from: junior, topics: [a, nope]}
              - {id: apis, title: Again, from: wizard, topics: []}
        """,
    )
    assert messages(tree) == [
        "ladders/l.yaml:9: areas[0].responsibilities[0].topics[1]: unknown topic 'nope'",
        "ladders/l.yaml:10: areas[0].responsibilities[1].from: 'wizard' is not one of: junior, senior",
        "ladders/l.yaml:10: areas[0].responsibilities[1].id: duplicate id 'apis'",
    ]


def test_ladder_ids_follow_the_id_rule(tree):
    # They become parts of web addresses (/ladders/l#duty-apis).
    tree.topic("a")
    tree.path("p", "[a]")
    tree.write(
        "ladders/l.yaml",
        """\
        title: Ladder
        levels:
          - {id: Junior Dev, title: Junior}
        areas:
          - id: "tech #1"
            title: Technical
            responsibilities:
              - {id: API design, title: APIs, from: junior, topics: [a]}
        """,
    )
    assert messages(tree) == [
        "ladders/l.yaml:3: levels[0].id: 'Junior Dev' is not a valid id (lowercase letters, digits and single hyphens)",
        "ladders/l.yaml:5: areas[0].id: 'tech #1' is not a valid id (lowercase letters, digits and single hyphens)",
        "ladders/l.yaml:8: areas[0].responsibilities[0].id: 'API design' is not a valid id (lowercase letters, digits and single hyphens)",
    ]


def test_url_with_broken_host_is_an_error_not_a_crash(tree):
    # Found by the fuzzer: urlsplit raises ValueError on an unbalanced '['.
    tree.topic("a")
    text = (tree.root / "topics/a.md").read_text().replace("https://example.org/a", "https://[example.org/a")
    tree.write("topics/a.md", text)
    tree.path("p", "[a]")
    assert messages(tree) == ["topics/a.md:8: resources[0].url: 'https://[example.org/a' is not a valid http(s) URL"]


def test_a_path_warns_of_a_required_topic_whose_prerequisite_it_lacks(tree):
    tree.topic("a")
    tree.topic("b", prerequisites="[a]")
    tree.topic("c", prerequisites="[a]")
    tree.path("p", "[b, {topic: c, optional: true}]")
    tree.path("q", "[a]")
    # Only the required topic counts: an optional one may lead further afield.
    assert messages(tree) == [
        "paths/p.yaml:6: sections[0].topics[0]: 'b' needs 'a', which this path does not contain (warning)",
    ]


def test_an_open_path_may_hold_topics_whose_prerequisites_are_elsewhere(tree):
    tree.topic("a")
    tree.topic("b", prerequisites="[a]")
    tree.path("p", "[b]")
    tree.write("paths/p.yaml", (tree.root / "paths/p.yaml").read_text().replace("sections:", "open: true\nsections:"))
    tree.path("q", "[a]")
    assert messages(tree) == []


def test_open_must_be_true_or_false(tree):
    tree.topic("a")
    tree.write("paths/p.yaml", "title: P\nsummary: S\nopen: yes please\nsections:\n  - {title: S, topics: [a]}\n")
    assert messages(tree) == ["paths/p.yaml:3: open: must be true or false, not 'yes please'"]


def test_a_review_question_asked_by_another_topic_is_reported_where_it_is_repeated(tree):
    tree.topic("a")
    tree.topic("b")
    text = (tree.root / "topics/b.md").read_text()
    # Case, spacing and punctuation do not make a question new.
    tree.write("topics/b.md", text.replace('"Why does B matter?"', '"what IS  a"'))
    tree.path("p", "[a, b]")
    assert messages(tree) == [
        "topics/b.md:11: review[1].q: repeats a review question of 'a' (review[0]) (warning)",
    ]


def test_every_review_question_needs_an_id_unique_in_its_topic(tree):
    tree.topic("a")
    text = (tree.root / "topics/a.md").read_text()
    tree.write("topics/a.md", text.replace("{id: why, ", "{id: what, ").replace("{id: what, q: \"What", "{q: \"What", 1))
    tree.topic("b")
    text = (tree.root / "topics/b.md").read_text()
    tree.write("topics/b.md", text.replace("{id: why, ", "{id: what, "))
    tree.path("p", "[a, b]")
    assert messages(tree) == [
        "topics/a.md:10: review[0].id: required field is missing",
        "topics/b.md:11: review[1].id: duplicate id 'what' (first in review[0])",
    ]


def test_a_review_question_id_follows_the_id_rule(tree):
    tree.topic("a")
    text = (tree.root / "topics/a.md").read_text()
    tree.write("topics/a.md", text.replace("{id: why, ", "{id: Why_Not, "))
    tree.path("p", "[a]")
    assert messages(tree) == [
        "topics/a.md:11: review[1].id: 'Why_Not' is not a valid id (lowercase letters, digits and single hyphens)",
    ]


def test_one_path_at_most_is_where_newcomers_start(tree):
    tree.topic("a")
    tree.path("first", "[a]", start=True)
    tree.path("second", "[a]", start=True)
    tree.path("third", "[a]")
    assert messages(tree) == [
        "paths/second.yaml:3: start: only one path can be where newcomers start, and 'first' already is"
    ]


def test_the_catalog_names_the_start_path_or_none(tree):
    tree.topic("a")
    tree.path("only", "[a]")
    assert load_catalog(tree.root).catalog.start_path is None
    tree.path("first", "[a]", start=True)
    assert load_catalog(tree.root).catalog.start_path.id == "first"


RATED_LADDER = """\
title: Ladder
levels:
  - {{id: junior, title: Junior}}
ratings:
{ratings}
areas:
  - id: technical
    title: Technical
    responsibilities:
      - {{id: apis, title: APIs, from: junior, topics: [a]}}
"""


def test_a_ladders_rating_scale_is_checked(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    tree.write(
        "ladders/l.yaml",
        RATED_LADDER.format(
            ratings="  - {id: not_yet, label: Not yet, meaning: Not yet.}\n"
            "  - {id: consistent, label: Consistently, meaning: Always.}\n"
            "  - {id: growing, label: '', meaning: Sometimes.}"
        ),
    )
    assert messages(tree) == [
        "ladders/l.yaml:6: ratings[1].id: 'consistent' is out of place: the scale is not_yet, growing, consistent, lowest first",
        "ladders/l.yaml:7: ratings[2].id: 'growing' is out of place: the scale is not_yet, growing, consistent, lowest first",
        "ladders/l.yaml:7: ratings[2].label: must not be empty",
    ]


def test_a_rating_scale_lacking_steps_says_which(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    tree.write("ladders/l.yaml", RATED_LADDER.format(ratings="  - {id: not_yet, label: Not yet, meaning: Not yet.}"))
    assert messages(tree) == [
        "ladders/l.yaml:5: ratings: the scale lacks growing, consistent; it is not_yet, growing, consistent, lowest first",
    ]
