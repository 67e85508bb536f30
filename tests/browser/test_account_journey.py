"""The issue's "done when", in a real browser without JavaScript: a newcomer writes a note with a
link, finds it through search and /me/notes, changes their password, downloads their data, deletes
the account, signs up again with the same name and imports the download; an administrator disables
a user and hands them a reset link that works once. Screenshots at 1280 and 390 px, light and dark."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

PASSWORD = "correct horse battery"
NEW_PASSWORD = "an even better password"


def sign_up(page, base: str, username: str) -> None:
    page.goto(base + "/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile("^Password(?! again)")).fill(PASSWORD)
    page.get_by_label(re.compile("^Password again")).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(base + "/paths/starter-kit")


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_account_notes_and_administration_without_javascript(browser, server, shots, tmp_path):
    admin = browser.new_context(java_script_enabled=False).new_page()
    sign_up(admin, server, "root")  # the first account is the administrator
    page = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    sign_up(page, server, "ada")

    page.goto(server + "/topics/git")
    page.get_by_label("Note, in Markdown").fill("Rebase **only** my own branches.")
    page.get_by_label("Title").first.fill("Pro Git")
    page.get_by_label("Address").first.fill("https://git-scm.com/book/en/v2")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".note-body strong")).to_have_text("only")
    expect(page.locator(".note-links").get_by_role("link", name="Pro Git")).to_have_attribute("href", "https://git-scm.com/book/en/v2")
    shots("topic-with-note", page)
    page.goto(server + "/search?q=branches")
    expect(page.locator(".own-note")).to_contain_text("Rebase only my own branches.")
    shots("search-with-note", page)
    page.goto(server + "/me/notes?q=rebase")
    expect(page.get_by_role("link", name="Git")).to_be_visible()
    shots("my-notes", page)
    page.goto(server + "/paths/starter-kit?view=list")
    expect(page.locator("#topic-git .note-mark")).to_have_text("your note")

    page.goto(server + "/settings")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible()
    shots("settings", page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    saved = tmp_path / "ada.json"
    download.value.save_as(saved)
    assert [n["body"] for n in json.loads(saved.read_text())["notes"]] == ["Rebase **only** my own branches."]
    page.get_by_label("Type your password to confirm").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Account deleted")).to_be_visible()

    sign_up(page, server, "ada")
    page.goto(server + "/settings")
    page.get_by_label("Import a downloaded file").set_input_files(str(saved))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("1 note revision(s)")).to_be_visible()
    page.goto(server + "/topics/git")
    expect(page.locator(".note-body")).to_contain_text("Rebase only my own branches.")

    admin.goto(server + "/admin/users")
    admin.get_by_role("button", name="Disable for ada").click()
    expect(admin.get_by_text("ada is disabled")).to_be_visible()
    page.goto(server + "/settings")
    expect(page).to_have_url(server + "/login?next=/settings")
    admin.get_by_role("button", name="Enable for ada").click()
    admin.get_by_role("button", name="Reset link for ada").click()
    link = admin.locator(".secret").inner_text()
    shots("admin-users", admin)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("reset by the admin")
    page.get_by_label("New password again").fill("reset by the admin")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your new password is set.")).to_be_visible()
    sign_in(page, server, "ada", "reset by the admin")
    expect(page).to_have_url(server + "/")
    page.goto(link)
    expect(page.get_by_text("this password-reset link is unknown, expired or already used")).to_be_visible()
    admin.goto(server + "/admin/audit")
    expect(admin.locator("tbody tr")).to_have_count(3)
    shots("admin-audit", admin)


def test_account_pages_on_a_phone_and_in_dark(browser, server, shots):
    for scheme in ("light", "dark"):
        for width in (1280, 390):
            page = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
            sign_up(page, server, f"{scheme}{width}")
            page.goto(server + "/topics/git")
            page.get_by_label("Note, in Markdown").fill("A *note*")
            page.get_by_role("button", name="Save note").click()
            for name, url in (("topic", "/topics/git#note"), ("settings", "/settings"), ("notes", "/me/notes")):
                page.goto(server + url)
                shots(f"{name}-{scheme}-{width}", page)
            page.context.close()
