"""A newcomer's first session in a real browser, with and without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

FIRST_THREE = ["programming-language", "data-structures", "version-control"]


def open_list(page) -> None:
    """The roadmap opens on its map; the status buttons are on the list."""
    page.get_by_role("link", name="List", exact=True).click()


def test_journey_with_javascript(browser, server, shots, sign_up):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "/")
    shots("home", page)
    sign_up(page, server, "ada")
    open_list(page)
    overall = page.locator("[data-progress=overall] progress")
    expect(overall).to_have_attribute("value", "0")
    # A marker on the window survives only if the page is never reloaded.
    page.evaluate("window.notReloaded = true")
    for done, topic in enumerate(FIRST_THREE, start=1):
        page.locator(f"#topic-{topic}").get_by_role("button", name="Done").click()
        expect(page.locator(f"#topic-{topic}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(overall).to_have_attribute("value", "18")  # 3 of 16 required topics
    expect(page.locator("[data-field=next]")).to_have_text("Next up: Git")
    expect(page.locator("#topic-git")).to_have_class(re.compile(r"\bis-next\b"))
    expect(page.locator("#topic-git .blocked")).to_have_count(0)  # its prerequisite is now done
    # A screen reader hears what changed, since nothing reloaded.
    expect(page.locator("#announcer")).to_have_text("Version Control: Done. 18% of this path done. Next up: Git.")
    assert page.evaluate("window.notReloaded") is True
    shots("roadmap", page)

    page.reload()
    for topic in FIRST_THREE:
        expect(page.locator(f"#topic-{topic}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(overall).to_have_attribute("value", "18")

    page.goto(server + "/topics/git")
    shots("topic", page)
    page.get_by_role("link", name="Ladder", exact=True).click()
    expect(page).to_have_url(server + "/ladders/backend-engineer")
    expect(page.get_by_role("table", name="Technical")).to_be_visible()
    expect(page.locator("#duty-api-design .duty-progress")).to_have_text("0 of 5 topics done")
    shots("ladder", page)
    page.goto(server + "/me")
    expect(page.get_by_text("18% · 3 of 16 done")).to_be_visible()
    shots("my-progress", page)
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert errors == []
    context.close()


def test_journey_without_javascript(browser, server, shots, sign_up):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_up(page, server, "grace")
    open_list(page)
    for topic in FIRST_THREE:
        page.locator(f"#topic-{topic}").get_by_role("button", name="Done").click()
        # The form posts and the server redirects back to the card.
        expect(page).to_have_url(f"{server}/paths/starter-kit?view=list#topic-{topic}")
        expect(page.locator(f"#topic-{topic}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(page.locator("[data-progress=overall] progress")).to_have_attribute("value", "18")
    expect(page.locator("[data-field=next]")).to_have_text("Next up: Git")
    shots("roadmap-phone-no-js", page)
    # On a phone the ladder's rows stack as cards, so nothing needs a sideways scroll, and the
    # levels that hold a responsibility are named beside their marks.
    page.goto(server + "/ladders/backend-engineer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    architecture = page.locator("#duty-architecture-design")
    expect(architecture.locator(".level-cell.held")).to_have_text(["✓ Senior holds this", "✓ Principal holds this"])
    expect(architecture.get_by_text("Senior", exact=True)).to_be_visible()
    expect(architecture.get_by_text("Junior does not hold this")).to_be_hidden()
    shots("ladder-phone-no-js", page)
    page.goto(server + "/login")
    shots("sign-in", page)
    page.goto(server + "/paths/starter-kit")
    page.get_by_text(re.compile(r"^Menu\b")).click()  # a phone's header keeps its links in a menu, which needs no script
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.get_by_text(re.compile(r"^Menu\b")).click()
    expect(page.locator(".nav-menu").get_by_role("link", name="Sign in")).to_be_visible()
    context.close()


def test_keyboard_only_marking(browser, server, sign_up):
    context = browser.new_context()
    page = context.new_page()
    sign_up(page, server, "linus")
    open_list(page)
    wanted = "Mark Programming Language as learning"
    for _ in range(40):  # the header, then the page's links, then the first card
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == wanted:
            break
    else:
        raise AssertionError(f"Tab never reached the button {wanted!r}")
    ring = page.evaluate("(({outlineStyle, outlineColor}) => outlineStyle + ' ' + outlineColor)(getComputedStyle(document.activeElement))")
    assert ring == "solid rgb(109, 40, 217)"  # the light theme's --focus, visible on the page
    page.keyboard.press("Enter")
    expect(page.locator("#topic-programming-language")).to_have_class(re.compile(r"\bstatus-learning\b"))
    context.close()


def test_search_as_you_type(browser, server, shots, sign_up):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    sign_up(page, server, "ada")
    open_list(page)
    page.locator("#topic-programming-language").get_by_role("button", name="Done").click()
    expect(page.locator("#topic-programming-language")).to_have_class(re.compile(r"\bstatus-done\b"))
    page.goto(server + "/search")
    page.keyboard.press("/")  # focuses the search box
    page.keyboard.type("slow quer")
    first = page.locator(".search-results li").first
    expect(first.get_by_role("heading").get_by_role("link")).to_have_text("Indexes")
    expect(first.locator("mark").first).to_be_visible()
    expect(first.get_by_role("link", name="Backend Engineer Starter Kit")).to_have_attribute("href", "/paths/starter-kit")
    expect(first.locator(".status-label")).to_have_text("Not started")
    expect(page.locator("#search-count")).to_have_text(re.compile(r"^\d+ results$"))
    expect(page).to_have_url(server + "/search?q=slow%20quer")
    shots("search", page)
    page.get_by_role("searchbox", name="What do you want to know?").fill("programming language")
    expect(page.locator(".search-results li").first.locator(".status-label")).to_have_text("Done")
    # When search stops answering, the results of the last query do not stay as if they answered the new one.
    page.route("**/search/results?*", lambda route: route.fulfill(status=503, body="down"))
    page.keyboard.type(" basics")
    expect(page.locator("#search-count")).to_have_text("Search is not answering right now. Press Search to try again.")
    expect(page.locator(".search-results li")).to_have_count(0)
    context.close()
