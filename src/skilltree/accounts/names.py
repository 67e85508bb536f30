"""What a name that others see may hold: display names, in every face and in imports, and token names.

A name is shown in lists beside other people's; characters that cannot be seen (zero-width spaces,
control codes) or that reorder the text around them (the right-to-left override) would let one
account pass for another, so they are refused wherever a name comes in."""

from __future__ import annotations

import unicodedata

# Unicode general categories: control (Cc), format (Cf: bidirectional overrides, zero-width
# characters), lone surrogates (Cs, which no encoding stores) and the line and paragraph
# separators (Zl, Zp) that would break a name over lines.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def name_problem(text: str) -> str | None:
    """Why `text` cannot be a name, naming the first refused character by its code point; None when it can."""
    for character in text:
        if unicodedata.category(character) in _REFUSED_CATEGORIES:
            return f"{code_point(character)} is not allowed"
    return None


# What to call the characters that have no Unicode name.
_UNNAMED = {"Cc": "a control character", "Cs": "a lone surrogate"}


def code_point(character: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`, or what an unnamed character is: `U+0000 (a control character)`."""
    name = unicodedata.name(character, None) or _UNNAMED.get(unicodedata.category(character), "unnamed")
    return f"U+{ord(character):04X} ({name})"
