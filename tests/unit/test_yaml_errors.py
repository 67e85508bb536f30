"""A YAML syntax error names the field it is in, the line, what the parser expected, and the line's text."""

from __future__ import annotations

import pytest

from skilltree.catalog.loader import load_catalog

CASES = {
    "a bare equals sign (once a crash of the fast loader)": (
        "topics/a.md",
        "---\ntitle: A\nsummary: =\nlevel: beginner\n---\nBody\n",
        "topics/a.md:3: summary: YAML syntax error: a bare '=' means something special to YAML: put it in quotes; "
        "line 3 reads 'summary: ='",
    ),
    "an error inside a list, under its top-level field": (
        "paths/p.yaml",
        "title: P\nsummary: S\nsections:\n  - title: One\n    summary: a: b\n    topics: [a]\n",
        "paths/p.yaml:5: sections: YAML syntax error: mapping values are not allowed in this context; "
        "line 5 reads '    summary: a: b'",
    ),
    "an unclosed quote, where it opens": (
        "paths/p.yaml",
        'title: P\nsummary: "unclosed\nsections: []\n',
        "paths/p.yaml:2: summary: YAML syntax error: found unexpected end of stream while scanning a quoted scalar; "
        "line 2 reads 'summary: \"unclosed'",
    ),
    "a second document, at its separator": (
        "paths/p.yaml",
        "title: P\n---\ntitle: Q\n",
        "paths/p.yaml:2: -: YAML syntax error: expected a single document in the stream but found another document; "
        "line 2 reads '---'",
    ),
    "an unsafe tag, by name": (
        "paths/p.yaml",
        "title: !!python/object/apply:os.system ['true']\n",
        "paths/p.yaml:1: title: YAML syntax error: content files cannot use the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'; line 1 reads \"title: !!python/object/apply:os.system ['true']\"",
    ),
}


@pytest.mark.parametrize(("file", "text", "expected"), CASES.values(), ids=CASES.keys())
def test_a_yaml_syntax_error_is_located_and_explained(tree, file, text, expected):
    tree.write(file, text)
    root = str(tree.root)
    assert [str(p).replace(root + "/", "") for p in load_catalog(tree.root).errors] == [expected]
