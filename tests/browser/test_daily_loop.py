"""The daily loop in a real browser: a done topic reviewed with the keyboard (the answer opens in
place), the plan page, Today on the home page, memory on /me; at 1280 and 390 px, light and dark."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


def test_review_with_the_keyboard_then_plan(browser, shared_server, shots, sign_up):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_up(page, shared_server, "keys")
    page.goto(shared_server + "/paths/starter-kit?view=list")
    page.locator("#topic-version-control").get_by_role("button", name="Done").click()
    expect(page.locator("#topic-version-control")).to_have_class(re.compile(r"\bstatus-done\b"))
    page.goto(shared_server + "/review")
    left = page.locator("#review-left")
    expect(left).to_contain_text("cards left today")
    total = int(re.match(r"\d+", left.inner_text()).group())
    expect(page.locator(".nav-links .review-link .count")).to_have_text(str(total))
    page.evaluate("window.notReloaded = true")
    shots("question", page)
    answer = page.locator("#answer")
    expect(answer).to_be_hidden()
    page.keyboard.press(" ")
    expect(answer).to_be_visible()
    assert page.evaluate("window.notReloaded") is True  # shown in place, no post
    expect(page.locator(".grade-good .grade-interval")).to_have_text("10m")
    shots("answer", page)
    page.keyboard.press("3")
    expect(page.locator(".nav-links .review-link .count")).to_have_text(str(total - 1))
    for remaining in range(total - 1, 0, -1):
        expect(left).to_have_text(re.compile(rf"^{remaining} cards? left today"))
        # The grade posted and the next card's page is showing; its script hears keys only once it has
        # run, which on a busy machine can be a while after the text is there.
        page.wait_for_load_state()
        page.keyboard.press(" ")
        expect(answer).to_be_visible()
        page.keyboard.press("4")
    expect(page.get_by_role("heading", name="Done for today")).to_be_visible()
    expect(page.locator(".nav-links .review-link .count")).to_have_count(0)
    shots("done", page)

    page.goto(shared_server + "/plan")
    page.get_by_label("Minutes per week").fill("120")
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator(".plan-standing")).to_contain_text("On track")
    shots("plan", page)
    page.goto(shared_server + "/")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    shots("today", page)
    page.goto(shared_server + "/me")
    expect(page.locator("#memory-heading")).to_be_visible()
    shots("memory", page)
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_daily_loop_pages_fit_the_screen(browser, shared_server, shots, sign_up, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    sign_up(page, shared_server, f"look-{width}-{scheme}")
    page.goto(shared_server + "/paths/starter-kit?view=list")
    page.locator("#topic-programming-language").get_by_role("button", name="Done").click()
    expect(page.locator("#topic-programming-language")).to_have_class(re.compile(r"\bstatus-done\b"))
    for url in ("/review", "/plan", "/", "/me", "/settings", "/topics/programming-language"):
        page.goto(shared_server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} is wider than the screen at {width} px"
        shots(url.strip("/").replace("/", "-") or "home", page)
    context.close()
