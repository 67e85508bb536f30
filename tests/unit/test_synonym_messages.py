"""content/synonyms.yaml: loaded into the catalog, and every mistake reported as `file:line: field: message`."""

from __future__ import annotations

from skilltree.catalog.loader import load_catalog
from skilltree.catalog_cache import content_fingerprint


def loaded(tree):
    tree.topic("a")
    tree.path("p", "[a]")
    result = load_catalog(tree.root)
    root = str(tree.root) + "/"
    return result.catalog.synonyms, [str(p).replace(root, "") for p in result.problems]


def test_valid_synonyms_are_loaded(tree):
    tree.write(
        "synonyms.yaml",
        """\
        # abbreviations
        k8s: [kubernetes]
        ci: [continuous integration, "  continuous delivery "]
        """,
    )
    assert loaded(tree) == ({"k8s": ("kubernetes",), "ci": ("continuous integration", "continuous delivery")}, [])


def test_the_file_is_optional_and_may_be_empty(tree):
    assert loaded(tree) == ({}, [])
    tree.write("synonyms.yaml", "# nothing yet\n")
    assert loaded(tree) == ({}, [])


def test_every_mistake_is_reported_with_its_line(tree):
    tree.write(
        "synonyms.yaml",
        """\
        db: [database]
        K8s: [kubernetes]
        ci/cd: [pipelines]
        pg: postgresql
        mq: []
        tls: [ssl, 42, "", "   "]
        api: [API, "!!!"]
        "y2k": [year 2000]
        """,
    )
    synonyms, problems = loaded(tree)
    assert problems == [
        "synonyms.yaml:2: K8s: 'K8s' is not a lowercase word (letters and digits only)",
        "synonyms.yaml:3: ci/cd: 'ci/cd' is not a lowercase word (letters and digits only)",
        "synonyms.yaml:4: pg: must be a list of synonyms, not 'postgresql'",
        "synonyms.yaml:5: mq: must list at least one synonym",
        "synonyms.yaml:6: tls[1]: must be text, not 42",
        "synonyms.yaml:6: tls[2]: must not be empty",
        "synonyms.yaml:6: tls[3]: must not be empty",
        "synonyms.yaml:7: api[0]: 'api' maps to itself",
        "synonyms.yaml:7: api[1]: '!!!' has no letters or digits to search for",
    ]
    # What is valid is kept, so search still works while the file is being fixed.
    assert synonyms == {"db": ("database",), "tls": ("ssl",), "y2k": ("year 2000",)}


def test_a_file_that_is_not_a_mapping(tree):
    tree.write("synonyms.yaml", "- k8s\n- kubernetes\n")
    assert loaded(tree)[1] == [
        "synonyms.yaml:1: -: must be a mapping of words to lists of synonyms, not ['k8s', 'kubernetes']"
    ]


def test_a_yaml_syntax_error(tree):
    tree.write("synonyms.yaml", "k8s: [kubernetes\nci: [continuous integration]\n")
    assert loaded(tree) == (
        {},
        [
            "synonyms.yaml:1: k8s: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence; "
            "line 1 reads 'k8s: [kubernetes'"
        ],
    )


def test_an_edit_to_the_synonyms_changes_the_content_fingerprint(tree):
    tree.topic("a")
    before = content_fingerprint(tree.root)
    tree.write("synonyms.yaml", "k8s: [kubernetes]\n")
    assert content_fingerprint(tree.root) != before
