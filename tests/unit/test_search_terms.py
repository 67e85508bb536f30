"""What a learner types, turned into search terms; what is indexed of a topic; how a result reads."""

from __future__ import annotations

from skilltree.catalog.models import Catalog, Level, Resource, Topic
from skilltree.search.documents import catalog_digest, fingerprint, plain_text, search_document
from skilltree.search.hits import MATCH_END, MATCH_START, SearchHit
from skilltree.search.query import MAX_WORDS, SearchQuery, TermGroup, parse_query

SYNONYMS = {"k8s": ("kubernetes",), "pg": ("postgresql", "postgres"), "ci": ("continuous integration",)}


def terms(text: str, synonyms=None) -> list[tuple]:
    return [(g.word, g.prefix, g.alternatives) for g in parse_query(text, synonyms).groups]


def test_words_are_lowercased_and_stop_words_and_punctuation_dropped():
    # "make" and "faster" say nothing of the subject: they count only when nothing else was typed.
    assert [word for word, _, _ in terms("How do I make SLOW queries faster?")] == ["slow", "queries"]
    assert [word for word, _, _ in terms("make it faster")] == ["make", "faster"]
    assert [word for word, _, _ in terms("kafka vs. RabbitMQ!")] == ["kafka", "rabbitmq"]


def test_the_last_word_typed_is_a_prefix_unless_something_follows_it():
    assert terms("slow quer") == [("slow", False, ()), ("quer", True, ())]
    assert terms("slow quer ") == [("slow", False, ()), ("quer", False, ())]
    assert terms("what is idempotency?") == [("idempotency", False, ())]
    # One letter would match half the catalog.
    assert terms("slow q") == [("slow", False, ()), ("q", False, ())]


def test_nothing_searchable_gives_an_empty_query():
    for text in ("", "   ", "?!", "the of and", '"(" AND * OR -', "😀🔥", "___"):
        assert not parse_query(text), text


def test_operators_and_quotes_are_only_words():
    assert [word for word, _, _ in terms('"unbalanced NEAR(kafka* AND title:x) OR -y')] == [
        "unbalanced", "near", "kafka", "title", "x", "y",
    ]
    assert [word for word, _, _ in terms("'; DROP TABLE search_topics; --")] == ["drop", "table", "search", "topics"]


def test_repeated_words_count_once_and_long_questions_are_cut():
    assert [word for word, _, _ in terms("cache cache CACHE")] == ["cache"]
    many = " ".join(f"word{n}" for n in range(100))
    assert len(parse_query(many).groups) == MAX_WORDS
    assert not parse_query("x" * 10_000)  # no word is that long


def test_synonyms_expand_a_key_to_its_values():
    assert terms("k8s autoscaling", SYNONYMS) == [("k8s", False, (("kubernetes",),)), ("autoscaling", True, ())]
    assert terms("ci ", SYNONYMS) == [("ci", False, (("continuous", "integration"),))]


def test_a_one_word_value_finds_its_key_and_the_other_values():
    assert terms("postgres ", SYNONYMS) == [("postgres", False, (("pg",), ("postgresql",)))]
    assert terms("kubernetes ", SYNONYMS) == [("kubernetes", False, (("k8s",),))]


def test_a_synonym_key_is_kept_even_when_it_is_a_stop_word():
    assert terms("it ", {"it": ("information technology",)}) == [("it", False, (("information", "technology"),))]


def test_phrases_include_the_word_itself_first():
    assert TermGroup("pg", alternatives=(("postgresql",),)).phrases == (("pg",), ("postgresql",))
    assert SearchQuery() == parse_query("")


def test_plain_text_drops_markdown_and_control_characters():
    markdown = (
        "## Heading\n\nSome **bold**, *emphasis* and `code`, a [link](https://example.org).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```sql\nSELECT * FROM t;\n```\n- item\n1. first\n> quoted\x02\x03"
    )
    assert plain_text(markdown) == (
        "Heading Some bold, emphasis and code, a link. a | b 1 | 2 SELECT * FROM t; item first quoted"
    )


def topic(**changes) -> Topic:
    fields = dict(
        id="git", title="Git", summary="Snapshots of a project.", level=Level.BEGINNER, body="Git keeps **snapshots**.",
        minutes=1, tags=("tools", "version-control"), resources=(Resource("docs", "Pro Git", "https://git-scm.com"),),
    )
    return Topic(**{**fields, **changes})


def test_a_search_document_holds_the_indexed_fields_as_plain_text():
    document = search_document(topic(), ("starter-kit",), "hash")
    assert (document.title, document.tags, document.summary, document.resources, document.body) == (
        "Git", "tools version-control", "Snapshots of a project.", "Pro Git", "Git keeps snapshots.",
    )
    assert (document.level, document.minutes, document.path_ids) == ("beginner", 1, ("starter-kit",))


def test_the_fingerprint_changes_with_anything_indexed_and_only_then():
    base = fingerprint(topic(), ("starter-kit",))
    assert fingerprint(topic(), ("starter-kit",)) == base
    assert fingerprint(topic(), ("starter-kit", "backend-2025")) != base
    for change in ({"title": "Git!"}, {"body": "Other."}, {"tags": ("tools",)}, {"level": Level.ADVANCED}):
        assert fingerprint(topic(**change), ("starter-kit",)) != base, change
    # Review cards are not searched: editing them does not re-index the topic.
    assert fingerprint(topic(review=()), ("starter-kit",)) == base


def test_a_hit_marks_its_matches_for_each_face():
    hit = SearchHit(
        topic_id="indexes", title="Indexes", level="intermediate", minutes=9, path_ids=("starter-kit",),
        snippet=f"…check when a {MATCH_START}query{MATCH_END} is {MATCH_START}slow{MATCH_END}…",
    )
    assert hit.snippet_parts() == [("…check when a ", False), ("query", True), (" is ", False), ("slow", True), ("…", False)]
    assert hit.as_dict() == {
        "id": "indexes", "title": "Indexes", "snippet": "…check when a **query** is **slow**…",
        "level": "intermediate", "minutes": 9, "paths": ["starter-kit"],
    }
    assert SearchHit("a", "A", "beginner", 1, (), "", status="done").as_dict()["status"] == "done"


def test_a_catalogs_key_changes_with_any_topic_and_only_then():
    git, sql = topic(), topic(id="sql", title="SQL")
    base = catalog_digest(Catalog(topics={"git": git, "sql": sql}))
    assert catalog_digest(Catalog(topics={"sql": sql, "git": git})).key == base.key
    assert base.fingerprints == {"git": fingerprint(git, ()), "sql": fingerprint(sql, ())}
    edited, renamed = topic(id="sql", title="SQL", body="Other."), topic(id="cvs", title="SQL")
    for topics in ({"git": git}, {"git": git, "sql": edited}, {"git": git, "cvs": renamed}):
        assert catalog_digest(Catalog(topics=topics)).key != base.key, topics


def test_a_catalogs_digest_is_computed_once_per_catalog():
    catalog = Catalog(topics={"git": topic()})
    assert catalog_digest(catalog) is catalog_digest(catalog)


def test_generic_words_count_only_when_nothing_else_was_typed():
    # "make" and "faster" say nothing of the subject: they must not lift a topic above one about page loads.
    assert [word for word, _, _ in terms("make my page load faster ")] == ["page", "load"]
    assert [word for word, _, _ in terms("make faster ")] == ["make", "faster"]
