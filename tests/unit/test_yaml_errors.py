"""A YAML syntax error names the field it is in, the line, what the parser expected, and the line's text."""

from __future__ import annotations

from skilltree.catalog.loader import load_catalog


def errors(tree) -> list[str]:
    root = str(tree.root)
    return [str(p).replace(root + "/", "") for p in load_catalog(tree.root).errors]


def test_a_bare_equals_sign_is_reported_not_raised(tree):
    tree.write("topics/a.md", "---\ntitle: A\nsummary: =\nlevel: beginner\n---\nBody\n")
    assert errors(tree) == [
        "topics/a.md:3: summary: YAML syntax error: a bare '=' means something special to YAML: put it in quotes; "
        "line 3 reads 'summary: ='"
    ]


def test_an_error_inside_a_list_names_the_top_level_field(tree):
    tree.write("paths/p.yaml", "title: P\nsummary: S\nsections:\n  - title: One\n    summary: a: b\n    topics: [a]\n")
    assert errors(tree) == [
        "paths/p.yaml:5: sections: YAML syntax error: mapping values are not allowed in this context; "
        "line 5 reads '    summary: a: b'"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens(tree):
    tree.write("paths/p.yaml", 'title: P\nsummary: "unclosed\nsections: []\n')
    assert errors(tree) == [
        "paths/p.yaml:2: summary: YAML syntax error: found unexpected end of stream while scanning a quoted scalar; "
        "line 2 reads 'summary: \"unclosed'"
    ]


def test_a_second_document_is_reported_at_its_separator(tree):
    tree.write("paths/p.yaml", "title: P\n---\ntitle: Q\n")
    assert errors(tree) == [
        "paths/p.yaml:2: -: YAML syntax error: expected a single document in the stream but found another document; "
        "line 2 reads '---'"
    ]


def test_an_unsafe_tag_is_refused_by_name(tree):
    tree.write("paths/p.yaml", "title: !!python/object/apply:os.system ['true']\n")
    assert errors(tree) == [
        "paths/p.yaml:1: title: YAML syntax error: content files cannot use the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'; line 1 reads \"title: !!python/object/apply:os.system ['true']\""
    ]
