"""The lean loader gives exactly what PyYAML's libyaml safe loader gives, values and errors alike."""

from __future__ import annotations

import datetime

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltree.catalog import yaml_fast

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.dates()
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10) | st.integers(), children, max_size=4),
    max_leaves=25,
)


def safe_load(text):
    return yaml.load(text, Loader=yaml.CSafeLoader)


def outcome(load, text):
    try:
        return ("value", load(text))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_round_trips_like_safe_load(document, flow):
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert yaml_fast.load(text) == safe_load(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{},'\"\n #&*!<>|0123yesnull~.=?%@`\t", max_size=60))
def test_any_text_gives_the_same_value_or_error(text):
    assert outcome(yaml_fast.load, text) == outcome(safe_load, text)


def test_plain_scalars_resolve_like_the_safe_loader():
    # YAML 1.1, as PyYAML reads it: "1.5e3" (no dot in the mantissa rule) stays text.
    text = "a: yes\nb: 0x1f\nc: 1_000\nd: ~\ne: 2024-01-02\nf: '12'\ng: 1.5e3\nh: .inf\n"
    assert yaml_fast.load(text) == {
        "a": True, "b": 31, "c": 1000, "d": None, "e": datetime.date(2024, 1, 2), "f": "12", "g": "1.5e3", "h": float("inf"),
    }


def test_anchors_merge_keys_and_tags_fall_back_to_the_safe_loader():
    text = "base: &b {x: 1}\nmore:\n  <<: *b\n  y: !!str 2\n"
    assert yaml_fast.load(text) == {"base": {"x": 1}, "more": {"x": 1, "y": "2"}}


def test_unsafe_tags_are_refused():
    assert outcome(yaml_fast.load, "!!python/object/apply:os.system ['true']")[0] == "error"


def test_values_without_a_constructor_of_their_own_fall_back_to_the_safe_loader():
    # YAML 1.1 resolves a bare "=" to a "value" tag, which the safe loader refuses in its own words
    # as a value and reads as text where it is a key.
    for text in ("a: =\n", "- =\n", "a: <<\n"):
        assert outcome(yaml_fast.load, text) == outcome(safe_load, text) == ("error", "ConstructorError"), text
    assert yaml_fast.load("= : 1\n") == safe_load("= : 1\n") == {"=": 1}
