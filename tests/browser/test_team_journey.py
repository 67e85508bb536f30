"""Two browsers: a lead creates a team, invites an engineer and assigns the Starter Kit due in two
weeks; the engineer opens the link, sees what joining shares, joins, and finds the path under
"Assigned to me". Without JavaScript; the team page readable at desktop and phone widths in both themes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect


def test_create_invite_join_and_assign(browser, server, shots, sign_up):
    lead = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False).new_page()
    sign_up(lead, server, "lead")
    lead.get_by_role("link", name="Teams").first.click()
    lead.get_by_label("Name").fill("Platform")
    lead.get_by_role("button", name="Create team").click()
    expect(lead.get_by_role("heading", name="Platform", exact=True)).to_be_visible()
    lead.get_by_role("button", name="Create invite link").click()
    link = lead.locator("#invite-link").inner_text()

    engineer = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False).new_page()
    sign_up(engineer, server, "engineer")
    engineer.goto(link)
    expect(engineer.get_by_role("heading", name="Join Platform")).to_be_visible()
    expect(engineer.get_by_text("your notes")).to_be_visible()
    shots("invite", engineer)
    engineer.get_by_role("button", name="Join Platform").click()
    expect(engineer.get_by_text("You joined the team.")).to_be_visible()

    due = (datetime.now(timezone.utc).date() + timedelta(days=14)).isoformat()
    lead.reload()
    lead.get_by_label("Path", exact=True).select_option("starter-kit")
    lead.get_by_label("Due date (optional)").fill(due)
    lead.get_by_role("button", name="Assign").click()
    expect(lead.get_by_text("The path is assigned.")).to_be_visible()
    expect(lead.get_by_role("cell", name="every member")).to_be_visible()
    shots("team", lead)

    engineer.goto(server + "/")
    expect(engineer.get_by_role("heading", name="Assigned to me")).to_be_visible()
    expect(engineer.get_by_text("14 days left")).to_be_visible()
    shots("home", engineer)
    for width in (1280, 390):
        for scheme in ("light", "dark"):
            themed = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=False)
            themed.add_cookies(lead.context.cookies())
            page = themed.new_page()
            page.goto(lead.url.split("?")[0])
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"the team page scrolls sideways at {width} px ({scheme})"
            shots(f"team-{width}-{scheme}", page)
            themed.close()
