"""A newcomer rates themselves on the ladder without JavaScript, sees where they stand as a chart
and a table, and follows the growth plan; readable at desktop and phone widths in both themes."""

from __future__ import annotations

from playwright.sync_api import expect


def rate(page, duty_id: str, label: str, text: str = "", field: str = "Evidence") -> None:
    """Rate a responsibility on a ladder sheet: yourself (with evidence), or a member as their mentor
    (field="Note for engineer")."""
    row = page.locator(f"#duty-{duty_id}")
    row.locator("summary").click()
    row.get_by_label(label).check()
    if text:
        row.get_by_label(field).fill(text)
    row.get_by_role("button", name="Save rating").click()


def test_rating_oneself_and_seeing_where_one_stands_without_javascript(browser, server, shots, sign_up):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    sign_up(page, server, "ada")
    page.goto(server + "/ladders/backend-engineer")
    rate(page, "api-design", "Consistently", "Designed the [orders API](https://example.org/pr/12).")
    expect(page.locator("#duty-api-design .rating-badge")).to_have_text("Consistently")
    expect(page.locator("#duty-api-design .evidence a")).to_have_attribute("href", "https://example.org/pr/12")
    rate(page, "testing", "Growing")
    rate(page, "schema-design", "Consistently")
    shots("ladder-rated", page)
    page.get_by_role("link", name="Where I stand").click()
    expect(page.get_by_role("heading", name="Where I stand")).to_be_visible()
    expect(page.get_by_text("Your level: none reached yet.")).to_be_visible()
    expect(page.get_by_role("img", name="Your ratings against what Junior expects")).to_be_visible()
    page.get_by_label("Target level").select_option("senior")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Growth plan towards Senior")).to_be_visible()
    first = page.locator(".plan-topics li").first.get_by_role("link")
    expect(page.locator(".next-up a")).to_have_text(first.inner_text())
    for width in (1280, 390):
        for scheme in ("light", "dark"):
            themed = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=False)
            themed.add_cookies(context.cookies())
            view = themed.new_page()
            for name, url in (("me", "/ladders/backend-engineer/me?target=senior"), ("ladder", "/ladders/backend-engineer")):
                view.goto(server + url)
                assert view.evaluate("document.documentElement.scrollWidth") <= width, (name, width, scheme)
                shots(f"{name}-{width}-{scheme}", view)
            themed.close()
    context.close()
