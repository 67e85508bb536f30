"""The map layouts, the year of activity and the list's sections: pure computations."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from skilltree.catalog.figures import PathFigures
from skilltree.catalog.figures import PathFigures
from skilltree.maps.layout import NODE_HEIGHT, NODE_WIDTH, neighbourhood_layout, path_layout, wrap_title
from skilltree.progress.models import Status
from skilltree.progress.year import activity_year
from skilltree.services.results import PathOutline, PathReport, PathTopic, SectionOutline
from skilltree.services.roadmap_list import path_sections


def overlaps(a, b) -> bool:
    return a.x < b.x + NODE_WIDTH and b.x < a.x + NODE_WIDTH and a.y < b.y + NODE_HEIGHT and b.y < a.y + NODE_HEIGHT


@pytest.mark.parametrize("path_id", ["starter-kit", "backend-2025", "backend-fundamentals"])
def test_a_path_map_holds_every_topic_once_in_its_section_without_overlap(catalog, path_id):
    path = catalog.paths[path_id]
    layout = path_layout(path, catalog)
    nodes = {node.topic_id: node for node in layout.nodes}
    assert list(nodes) == list(dict.fromkeys(path.topic_ids))
    assert {n.topic_id for n in layout.nodes if n.optional} == {e.topic_id for e in path.entries if e.optional}
    for a, b in zip(layout.nodes, layout.nodes[1:]):
        assert not overlaps(a, b)
    assert not any(overlaps(a, b) for i, a in enumerate(layout.nodes) for b in layout.nodes[i + 1:])
    assert all(0 <= n.x and n.x + NODE_WIDTH <= layout.width and n.y + NODE_HEIGHT <= layout.height for n in layout.nodes)
    # Sections run down the spine in order, each topic below its section's marker and above the next one.
    markers = [section.y for section in layout.sections]
    assert markers == sorted(markers) and [s.title for s in layout.sections] == [s.title for s in path.sections]
    for number, section in enumerate(path.sections):
        below = markers[number + 1] if number + 1 < len(markers) else layout.height
        for entry in section.entries:
            assert markers[number] < nodes[entry.topic_id].y < below, entry.topic_id


def test_a_layout_is_the_same_in_every_process(catalog):
    """Deterministic: no set or hash order leaks into the picture (hash seeds differ per process)."""
    script = (
        "from skilltree.bundled import BUNDLED_CONTENT; from skilltree.catalog.loader import load_catalog;"
        "from skilltree.maps.layout import path_layout; c = load_catalog(BUNDLED_CONTENT).catalog;"
        "print(repr(path_layout(c.paths['backend-2025'], c)))"
    )
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONHASHSEED": seed},
                           check=True).stdout for seed in ("1", "2")}
    assert runs == {repr(path_layout(catalog.paths["backend-2025"], catalog)) + "\n"}


def test_a_neighbourhood_puts_each_step_in_its_own_column(catalog):
    layout = neighbourhood_layout(catalog, "git")
    x = {node.topic_id: node.x for node in layout.nodes}
    assert x["version-control"] < x["git"] < x["code-review"]  # needs, the topic, unlocks
    needs = set(catalog.topics["git"].prerequisites)
    assert all(x[t] < x["git"] for t in needs)
    # Every edge goes one column to the right.
    assert all(x[e.prerequisite] < x[e.topic] for e in layout.edges)
    assert layout.spine is None and not layout.sections


def test_titles_wrap_on_two_lines_and_are_cut_after():
    assert wrap_title("Git") == ("Git",)
    assert wrap_title("Content Delivery Networks") == ("Content Delivery", "Networks")
    assert wrap_title("Sync and Async Service Communication Patterns") == ("Sync and Async", "Service Communicat…")
    assert wrap_title("Supercalifragilisticexpialidocious") == ("Supercalifragilist…",)


def test_a_year_has_a_cell_per_day_shaded_against_the_busiest():
    today = date(2026, 12, 4)  # a Friday
    year = activity_year({today: 8, today - timedelta(days=1): 1, today - timedelta(days=400): 5}, today)
    cells = [cell for week in year.weeks for cell in week if cell]
    assert len(cells) == 365 and cells[-1].day == today and cells[0].day == today - timedelta(days=364)
    assert all(len(week) == 7 for week in year.weeks) and year.weeks[-1][4].day == today  # Monday first
    assert (cells[-1].shade, cells[-2].shade, cells[-3].shade) == (4, 1, 0)
    assert (year.changes, year.active_days, year.busiest.day) == (9, 2, today)  # a day before the year is left out
    assert year.months[-1].month == date(2026, 12, 1) and (year.months[-1].active_days, year.months[-1].changes) == (2, 9)


def roadmap(signed_in: bool = True, next_id: str = "t3") -> PathOutline:
    def topic(i, level="beginner", status=Status.NOT_STARTED):
        return PathTopic(f"t{i}", f"T{i}", level, 5, False, (), status if signed_in else None, (), f"t{i}" == next_id if signed_in else None)

    sections = (
        SectionOutline("One", "", (topic(1, status=Status.DONE), topic(2, "advanced"))),
        SectionOutline("Two", "", (topic(3), topic(4, "advanced", Status.LEARNING))),
    )
    figures = PathFigures(4, 4, 0, 2, 20, 0, {"beginner": 2, "advanced": 2})
    progress = PathReport("P", None, None) if signed_in else None  # only its presence counts here
    return PathOutline("p", "P", "", "", figures, sections, progress)


def test_the_list_narrows_to_a_status_and_a_level_and_numbers_topics_in_the_whole_path():
    sections = path_sections(roadmap(), level="advanced", status=Status.LEARNING)
    assert [(s.title, [(n, t.id) for n, t in s.topics]) for s in sections] == [("Two", [(4, "t4")])]
    assert sections[0].unfolded and sections[0].total == 2


def test_a_short_path_unfolds_every_section_a_long_one_only_where_you_are(monkeypatch):
    assert [s.unfolded for s in path_sections(roadmap())] == [True, True]
    monkeypatch.setattr("skilltree.services.roadmap_list.UNFOLD_ALL_UP_TO", 3)
    assert [s.unfolded for s in path_sections(roadmap())] == [False, True]
    assert [s.unfolded for s in path_sections(roadmap(signed_in=False))] == [True, False]  # a visitor starts at the start
