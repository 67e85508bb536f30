"""No content file, however broken, makes the loader raise: it reports problems instead."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skilltree.catalog.loader import load_catalog

from content_tree import VALID_TOPIC

VALID_PATH = "title: P\nsummary: S\nsections:\n  - title: One\n    summary: First.\n    topics: [a, {topic: b, optional: true}]\n"
VALID_LADDER = (
    "title: L\nlevels:\n  - {id: junior, title: Junior}\nareas:\n"
    "  - id: technical\n    title: Technical\n    responsibilities:\n"
    "      - {id: apis, title: APIs, description: D, from: junior, topics: [a]}\n"
)
TOPIC_A = VALID_TOPIC.format(id="a", title="A", prerequisites="[]", body="Body of a.")

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _fresh(tmp_path: Path) -> Path:
    root = tmp_path / "fuzz"
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("topics", "paths", "ladders"):
        (root / folder).mkdir(parents=True)
    (root / "topics" / "a.md").write_text(TOPIC_A)
    (root / "paths" / "p.yaml").write_text(VALID_PATH)
    (root / "ladders" / "l.yaml").write_text(VALID_LADDER)
    return root


def _assert_reported(root: Path) -> None:
    result = load_catalog(root)
    for problem in result.problems:
        assert problem.line >= 1
        assert str(problem).startswith(str(root))


# Every YAML indicator, values YAML 1.1 resolves to tags of their own ("=", "<<", "~", dates,
# octal and sexagesimal numbers) and bytes that are not UTF-8.
CHUNKS = [
    *(bytes([c]) for c in b":-[]{},?#&*!|>'\"%@`="),
    b"\n", b"  ", b"\t", b"*a", b"&a", b"!!", b"!!str ", b"!!python/name:os.system", b"<<", b"---", b"...",
    b"\xff", b"null", b"~", b"7", b"0o17", b"1:30", b"2024-01-02", b".inf", b"yes", b"%YAML 1.1\n",
]


@st.composite
def mutated(draw, text: str) -> bytes:
    data = bytearray(text.encode())
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = draw(st.sampled_from(CHUNKS))
        if action == "delete":
            del data[position : position + draw(st.integers(1, 8))]
        elif action == "insert":
            data[position:position] = chunk
        else:
            data[position : position + len(chunk)] = chunk
    return bytes(data)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["topics/b.md", "paths/q.yaml", "ladders/m.yaml"]))
@example(b"title: =\n", "paths/q.yaml")  # once crashed the fast loader (no constructor for "=")
def test_random_bytes_never_raise(tmp_path, data, target):
    root = _fresh(tmp_path)
    (root / target).write_bytes(data)
    _assert_reported(root)


@FUZZ
@given(st.data())
def test_mutated_valid_files_never_raise(tmp_path, data):
    root = _fresh(tmp_path)
    target, text = data.draw(
        st.sampled_from([("topics/b.md", TOPIC_A), ("paths/p.yaml", VALID_PATH), ("ladders/l.yaml", VALID_LADDER)])
    )
    (root / target).write_bytes(data.draw(mutated(text)))
    _assert_reported(root)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=20,
    ),
    st.sampled_from(["title", "level", "resources", "review", "prerequisites", "tags", "minutes", "sections", "levels", "areas"]),
)
def test_any_value_in_any_field_never_raises(tmp_path, value, field):
    import yaml

    root = _fresh(tmp_path)
    topic = yaml.safe_load(TOPIC_A.split("---")[1])
    topic[field] = value
    (root / "topics" / "b.md").write_text("---\n" + yaml.safe_dump(topic) + "---\nBody.\n")
    path = yaml.safe_load(VALID_PATH)
    path[field] = value
    (root / "paths" / "q.yaml").write_text(yaml.safe_dump(path))
    ladder = yaml.safe_load(VALID_LADDER)
    ladder[field] = value
    (root / "ladders" / "m.yaml").write_text(yaml.safe_dump(ladder))
    _assert_reported(root)


def test_deeply_nested_yaml_is_reported_not_raised(tmp_path):
    root = _fresh(tmp_path)
    (root / "paths" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    result = load_catalog(root)
    assert any("deep.yaml" in str(p) for p in result.errors)
