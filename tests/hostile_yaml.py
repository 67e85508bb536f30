"""YAML that attacks its reader: nesting that makes a parser recurse, aliases that expand."""

from __future__ import annotations


def deeply_nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def billion_laughs(levels: int = 9) -> str:
    """Nine lines that an expanding loader turns into 10**9 values."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    return "\n".join(lines) + "\n"
