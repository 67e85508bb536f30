"""Names others see hold no invisible or reordering characters; each refusal names the code point."""

from __future__ import annotations

import pytest

from skilltree.accounts.names import name_problem


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("evil\u202eesrever", "U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"),
        ("ad\u200ba", "U+200B (ZERO WIDTH SPACE) is not allowed"),
        ("a\u2066b", "U+2066 (LEFT-TO-RIGHT ISOLATE) is not allowed"),
        ("\ufeffada", "U+FEFF (ZERO WIDTH NO-BREAK SPACE) is not allowed"),
        ("ada\x1b[31m", "U+001B (a control character) is not allowed"),
        ("ada\x85", "U+0085 (a control character) is not allowed"),
        ("ada\u2028lovelace", "U+2028 (LINE SEPARATOR) is not allowed"),
        ("ada\ud800", "U+D800 (a lone surrogate) is not allowed"),
    ],
)
def test_invisible_and_reordering_characters_are_refused_by_code_point(name, problem):
    assert name_problem(name) == problem


@pytest.mark.parametrize("name", ["Ada Lovelace", "Zoë Ñúñez", "李小龍", "محمد", "Grace 🚀", "O'Brien-Smith (she/her)"])
def test_names_in_any_script_are_accepted(name):
    assert name_problem(name) is None
