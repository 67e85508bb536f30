"""Every kind of page on a phone (390 x 844), in the light and the dark theme: nothing wider than
the screen, a one-row header, status buttons that keep their places. One browser and one server
for all of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
THEMES = ["light", "dark"]
# Each kind of page, as the signed-in learner sees it (the most a page holds); sign-in and
# sign-up as a visitor does.
SIGNED_IN = {
    "home": "/",
    "path": "/paths/starter-kit?view=list",
    "path-map": "/paths/backend-2025?view=map",  # the longest map pans inside its frame
    "topic": "/topics/git",  # has code blocks, wider than a phone
    "ladder": "/ladders/backend-engineer",
    "ladder-me": "/ladders/backend-engineer/me?target=senior",
    "search": "/search?q=slow+queries",
    "my-progress": "/me",
    "settings": "/settings",
    "not-found": "/no-such-page",
}
SIGNED_OUT = {"sign-in": "/login", "sign-up": "/signup"}
HEADER_MAX_PX = 64


@pytest.fixture(scope="module")
def learner(browser, shared_server, sign_up):
    """A signed-in browser state with a topic in progress, so that /me has something to show."""
    context = browser.new_context()
    page = context.new_page()
    sign_up(page, shared_server, "ada")
    page.goto(shared_server + "/paths/starter-kit?view=list")
    page.locator("#topic-programming-language").get_by_role("button", name="Learning").click()
    expect(page.locator("#topic-programming-language")).to_have_class(re.compile(r"\bstatus-learning\b"))
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def phone(browser, learner, request):
    """phone(theme, signed_in=True, **options): a page in a phone-sized window."""
    contexts = []

    def open_page(theme: str, signed_in: bool = True, **options):
        context = browser.new_context(viewport=PHONE, color_scheme=theme, storage_state=learner if signed_in else None, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", [*SIGNED_IN, *SIGNED_OUT])
def test_no_page_is_wider_than_a_phone(phone, shared_server, shots, kind, theme):
    page = phone(theme, signed_in=kind in SIGNED_IN)
    page.goto(shared_server + {**SIGNED_IN, **SIGNED_OUT}[kind])
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (theme == "dark")
    if kind == "topic":
        assert page.locator(".prose pre").count() > 0, "the topic page should hold a code block"
    width = page.evaluate("document.documentElement.scrollWidth")
    shots(f"{kind}-{theme}", page)
    assert width <= PHONE["width"], f"{kind} page is {width} px wide on a {PHONE['width']} px screen ({theme} theme)"


def test_a_wide_code_block_scrolls_inside_itself(phone, shared_server):
    page = phone("light")
    page.goto(shared_server + "/topics/git")
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.prose pre')].map(pre => pre.scrollWidth - pre.clientWidth))"
    )
    assert widest > 0, "some code line of /topics/git should be wider than a phone, or this test proves nothing"
    overflow = page.evaluate("getComputedStyle(document.querySelector('.prose pre')).overflowX")
    assert overflow == "auto"


@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "visitor"])
def test_the_phone_header_is_one_compact_row(phone, shared_server, signed_in):
    page = phone("light", signed_in=signed_in)
    page.goto(shared_server + "/paths/starter-kit")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= HEADER_MAX_PX, f"the header takes {header['height']:.0f} px of an 844 px screen"
    items = page.locator(".site-header nav > :visible")
    middles = [round(box["y"] + box["height"] / 2) for box in (items.nth(i).bounding_box() for i in range(items.count()))]
    assert len(middles) == 3 and max(middles) - min(middles) <= 8, "name, search and menu should sit on one row"
    page.get_by_text(re.compile(r"^Menu\b")).click()
    wanted = "My progress" if signed_in else "Sign in"
    link = page.locator(".nav-menu").get_by_role("link", name=wanted)
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the open menu too


def test_key_hints_show_only_with_a_keyboard_and_mouse(browser, shared_server, sign_up):
    touch = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    desktop = None
    try:
        page = touch.new_page()
        sign_up(page, shared_server, "thumbs")
        page.goto(shared_server + "/paths/starter-kit?view=list")
        page.locator("#topic-version-control").get_by_role("button", name="Done").click()  # gives review cards
        expect(page.locator("#topic-version-control")).to_have_class(re.compile(r"\bstatus-done\b"))
        page.goto(shared_server + "/")
        expect(page.locator(".key-hint")).to_be_hidden()
        assert "/" not in page.get_by_role("searchbox", name="Search topics").get_attribute("placeholder")
        page.goto(shared_server + "/review")
        show = page.get_by_role("button", name="Show answer")
        expect(show).to_be_visible()
        expect(show.locator("kbd")).to_be_hidden()
        expect(page.get_by_text("Keyboard:")).to_be_hidden()

        desktop = browser.new_context(viewport={"width": 1200, "height": 800}, storage_state=touch.storage_state())
        page = desktop.new_page()
        page.goto(shared_server + "/")
        expect(page.locator(".key-hint")).to_be_visible()
        expect(page.locator(".key-hint")).to_have_text("/")
        page.goto(shared_server + "/review")
        key = page.get_by_role("button", name="Show answer").locator("kbd")
        expect(key).to_have_text("Space")
        expect(page.get_by_text("Keyboard:")).to_be_visible()
        # The key on the filled button is written in the button's own colour, not the muted grey.
        assert key.evaluate("k => getComputedStyle(k).color === getComputedStyle(k.parentElement).color")
    finally:
        touch.close()
        if desktop:
            desktop.close()


def test_status_buttons_keep_their_places_from_card_to_card(phone, shared_server):
    page = phone("light")
    page.goto(shared_server + "/paths/starter-kit?view=list")
    learning, not_started = page.locator("#topic-programming-language"), page.locator("#topic-git")
    expect(learning).to_have_class(re.compile(r"\bstatus-learning\b"))
    layouts = []
    for card in (learning, not_started):
        card_box = card.bounding_box()
        buttons = card.locator(".status-button")
        assert buttons.count() == 4
        boxes = [buttons.nth(i).bounding_box() for i in range(4)]
        assert len({round(box["y"]) for box in boxes}) == 1, "a card's status buttons should share one row"
        layouts.append([(round(box["x"] - card_box["x"]), round(box["width"])) for box in boxes])
    assert layouts[0] == layouts[1], "the buttons should line up whether or not the topic is started"
    reset = not_started.get_by_role("button", name="Reset Git")
    expect(reset).to_be_disabled()  # nothing to reset, but it holds its place
