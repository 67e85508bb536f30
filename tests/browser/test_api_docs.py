"""/docs in a real browser: Swagger UI runs from our own origin under the strict page policy."""

from __future__ import annotations

from playwright.sync_api import expect


def test_api_docs_render_without_a_cdn_or_inline_script(browser, server):
    context = browser.new_context()
    page = context.new_page()
    problems = []  # a refused script or style shows up as a console error
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url) if not request.url.startswith(server) else None)
    page.goto(server + "/docs")
    operation = page.locator(".opblock-summary", has_text="/api/v1/search")
    expect(operation).to_be_visible()
    operation.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    # The bearer scheme of /openapi.json: a token entered once goes with every protected route.
    page.get_by_role("button", name="Authorize").first.click()
    expect(page.get_by_text("An API token: POST /api/v1/tokens gives one.")).to_be_visible()
    assert problems == [] and elsewhere == []
    context.close()
