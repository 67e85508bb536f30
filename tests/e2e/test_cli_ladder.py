"""`skilltree assess`, `skilltree ladder --me` and `skilltree growth`, run as a user would."""

from __future__ import annotations


def test_assess_records_a_rating_with_evidence_and_keeps_its_history(cli, tmp_path):
    evidence = tmp_path / "evidence.md"
    evidence.write_text("Led the [incident review](https://example.org/ir/7).\n", encoding="utf-8")
    first = cli("assess", "testing", "growing", "--evidence-file", str(evidence), "--json")
    assert first.code == 0, first.err
    assert {k: first.json()[k] for k in ("responsibility", "previous", "rating", "evidence", "changed")} == {
        "responsibility": "testing", "previous": None, "rating": "growing",
        "evidence": "Led the [incident review](https://example.org/ir/7).", "changed": True,
    }
    second = cli("assess", "testing", "consistent")
    assert (second.code, second.out) == (0, "Testing (testing): consistent (was growing)\n")
    same = cli("assess", "testing", "consistent")
    assert same.out == "Testing (testing): consistent (already so, with this evidence: nothing recorded)\n"
    exported = cli("export").json()
    assert [(a["responsibility"], a["rating"]) for a in exported["assessments"]] == [("testing", "growing"), ("testing", "consistent")]


def test_ladder_me_shows_readiness_and_ratings(cli):
    cli("assess", "api-design", "consistent")
    mine = cli("ladder", "--me", "--json")
    assert mine.code == 0, mine.err
    document = mine.json()
    assert (document["current_level"], document["next_level"]) == (None, "junior")
    api = next(r for r in document["responsibilities"] if r["id"] == "api-design")
    assert api["note"] == "Rated 'Consistently' while none of its topics is done: worth a look at them?"
    text = cli("ladder", "--me").out
    assert "Your level: none reached yet" in text
    assert "Before Junior: Database schema design, Component design, High-quality code, Testing" in text


def test_growth_lists_the_plan_in_reading_order(cli):
    plan = cli("growth", "--target", "senior", "--json")
    assert plan.code == 0, plan.err
    document = plan.json()
    assert document["target"] == "senior" and document["next"] == document["topics"][0]["id"]
    assert document["minutes"] == sum(t["minutes"] for t in document["topics"])
    text = cli("growth", "--target", "senior").out
    assert text.startswith("Growth plan towards Senior\n")
    assert f"Next up: {document['topics'][0]['title']}" in text


def test_mistakes_exit_with_a_clear_message(cli, tmp_path):
    unknown = cli("assess", "testin", "growing")
    assert (unknown.code, unknown.err) == (
        1, "error: no responsibility 'testin' in the ladder 'backend-engineer' (did you mean 'testing'?)\n"
    )
    bad_rating = cli("assess", "testing", "great")
    assert bad_rating.code == 1
    assert bad_rating.err == "error: unknown rating 'great'; use one of: not_yet, growing, consistent\n"
    both = cli("assess", "testing", "growing", "--evidence", "x", "--evidence-file", "f")
    assert (both.code, both.err) == (2, "error: give --evidence or --evidence-file, not both\n")
    missing = cli("assess", "testing", "growing", "--evidence-file", str(tmp_path / "nope.md"))
    assert (missing.code, missing.err) == (1, f"error: cannot read {tmp_path / 'nope.md'}: No such file or directory\n")
    target = cli("growth", "--target", "seniro")
    assert target.code == 1 and "no level 'seniro' in the ladder 'backend-engineer' (did you mean 'senior'?)" in target.err
    ladder = cli("growth", "--ladder", "backend")
    assert (ladder.code, ladder.err) == (1, "error: no ladder 'backend' (did you mean 'backend-engineer'?)\n")
    assert "Traceback" not in unknown.err + bad_rating.err + target.err


def write_ladder(tree, ladder_id: str, ratings: bool) -> None:
    scale = (
        "ratings:\n  - {id: not_yet, label: 'No', meaning: Not yet.}\n  - {id: growing, label: Some, meaning: Sometimes.}\n"
        "  - {id: consistent, label: 'Yes', meaning: Always.}\n"
        if ratings else ""
    )
    tree.write(
        f"ladders/{ladder_id}.yaml",
        f"title: {ladder_id}\nlevels:\n  - {{id: one, title: One}}\n{scale}areas:\n  - id: craft\n    title: Craft\n"
        "    responsibilities:\n      - {id: build, title: Build, from: one, topics: [a]}\n",
    )


def test_a_ladder_must_be_chosen_among_several_and_have_a_scale(cli, tree):
    tree.topic("a")
    tree.path("p", "[a]")
    write_ladder(tree, "plain", ratings=False)
    write_ladder(tree, "rated", ratings=True)
    env = {"SKILLTREE_CONTENT_DIR": str(tree.root)}
    several = cli("assess", "build", "growing", env=env)
    assert (several.code, several.err) == (2, "error: this content has several ladders (plain, rated); choose one with --ladder\n")
    plain = cli("ladder", "plain", "--me", env=env)
    assert (plain.code, plain.err) == (
        1, f"error: the ladder 'plain' has no rating scale ('ratings:' in {tree.root / 'ladders' / 'plain.yaml'}), so it cannot be rated on\n"
    )
    rated = cli("assess", "build", "consistent", "--ladder", "rated", env=env)
    assert rated.code == 0, rated.err
    mine = cli("ladder", "rated", "--me", "--json", env=env).json()
    assert (mine["current_level"], [r["label"] for r in mine["ratings"]]) == ("one", ["No", "Some", "Yes"])
