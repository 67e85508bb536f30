"""The roadmap's map in a real browser: every bundled path, statuses after a mark made elsewhere,
keyboard focus on every node, a phone's width, both themes. Screenshots go to test-output/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.catalog.loader import load_catalog


CATALOG = load_catalog(BUNDLED_CONTENT).catalog


def edges_within(path) -> int:
    inside = set(path.topic_ids)
    return sum(1 for t in inside for p in CATALOG.topics[t].prerequisites if p in inside)


@pytest.mark.parametrize("path_id", sorted(CATALOG.paths))
def test_the_map_of_every_path_matches_its_content_in_both_themes(browser, server, shots, path_id):
    path = CATALOG.paths[path_id]
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{server}/paths/{path_id}")
        nodes = page.locator("svg.skilltree-map a.node")
        expect(nodes).to_have_count(len(set(path.topic_ids)))
        expect(page.locator("svg.skilltree-map path.edge")).to_have_count(edges_within(path))
        expect(page.locator("svg.skilltree-map .section-title")).to_have_text([s.title for s in path.sections])
        # The nodes' text stands out from their boxes in each theme.
        text, box = page.evaluate("""() => {
            const node = document.querySelector("svg.skilltree-map a.node");
            return [getComputedStyle(node.querySelector("text")).fill, getComputedStyle(node.querySelector("rect")).fill];
        }""")
        assert text != box
        shots(f"map-{scheme}", page)
        context.close()


def test_statuses_follow_a_mark_made_in_another_tab(browser, server, shots, sign_up):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_up(page, server, "ada")
    node = page.locator("#map-programming-language")
    expect(node).to_have_class("node level-beginner status-not_started next")
    other = context.new_page()
    other.goto(server + "/paths/starter-kit?view=list")
    other.locator("#topic-programming-language").get_by_role("button", name="Done").click()
    expect(other.locator("#topic-programming-language")).to_have_class(re.compile(r"\bstatus-done\b"))
    page.goto(server + "/paths/starter-kit?view=map")
    expect(node).to_have_class("node level-beginner status-done")
    expect(page.locator("#map-data-structures")).to_have_class(re.compile(r"\bnext\b"))
    expect(node).to_have_attribute("aria-label", "Programming Language: beginner, done")
    shots("map-after-a-mark", page)
    context.close()


@pytest.mark.parametrize("path_id", sorted(CATALOG.paths))
def test_keyboard_focus_reaches_every_node(browser, server, path_id):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/paths/{path_id}?view=map")
    page.locator(".view-switch a", has_text="List").focus()
    wanted = {f"map-{topic}" for topic in CATALOG.paths[path_id].topic_ids}
    reached = set()
    for _ in range(len(wanted) + 10):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
        if wanted <= reached:
            break
    assert wanted - reached == set()
    context.close()


def test_a_phone_pans_the_map_and_the_page_never_scrolls_sideways(browser, server, shots, sign_up):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    sign_up(page, server, "ada")
    for path_id in sorted(CATALOG.paths):
        page.goto(f"{server}/paths/{path_id}?view=map")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        frame = page.locator(".map-frame")
        # The map keeps its size inside a frame that scrolls: nothing is cut off, all of it can be reached.
        assert frame.evaluate("f => f.scrollWidth > f.clientWidth && getComputedStyle(f).overflowX === 'auto'")
        shots(f"map-phone-{path_id}", page)
    page.goto(server + "/paths/backend-2025?view=list")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Folded, the 205-topic path is a few screens long.
    assert page.evaluate("document.documentElement.scrollHeight") < 8 * 844
    shots("list-phone-folded", page)
    context.close()


def test_folded_sections_are_remembered_and_jump_to_next_up_unfolds(browser, server, sign_up):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_up(page, server, "ada")
    page.goto(server + "/paths/backend-2025?view=list")
    databases, relational = page.locator("#section-1"), page.locator("#section-2")
    expect(databases).to_have_attribute("open", "")
    relational.locator("summary").click()
    databases.locator("summary").click()
    page.reload()
    expect(relational).to_have_attribute("open", "")
    expect(databases).not_to_have_attribute("open", "")
    page.get_by_role("link", name="Jump to next up").click()
    expect(databases).to_have_attribute("open", "")
    expect(page.locator("#topic-databases")).to_be_in_viewport()
    context.close()


def test_a_topic_page_shows_its_neighbourhood(browser, server, shots):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/topics/sql")
    around = page.locator(".neighbourhood svg")
    expect(around.locator("a[aria-current=page]")).to_have_attribute("aria-label", "SQL: beginner")
    expect(around.locator("#map-databases")).to_be_visible()
    around.scroll_into_view_if_needed()
    shots("topic-neighbourhood", page)
    context.close()
