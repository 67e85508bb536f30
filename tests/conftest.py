"""Fixtures shared by every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_tree import ContentTree


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")
