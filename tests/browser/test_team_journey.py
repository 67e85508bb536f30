"""Two browsers: a lead creates a team, invites an engineer and assigns the Starter Kit due in two
weeks; the engineer opens the link, sees what joining shares, joins, finds the path under "Assigned to
me" and marks topics; the lead's dashboard shows that progress at once, flags a second member who has
not moved on an older assignment, and downloads the CSV. Without JavaScript; the team's pages readable
at desktop and phone widths in both themes."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from skilltree.bundled import BUNDLED_CONTENT
from skilltree.catalog.loader import load_catalog
from skilltree.config import Settings
from skilltree.services import progress as progress_service
from skilltree.services import teams as teams_service
from skilltree.store.engine import make_engine
from skilltree.store.uow import UnitOfWork, units_of_work

STALE_DAYS = 20  # older than the team's 14 days before a member counts as stuck


def add_a_member_who_has_not_moved(database_url: str, team_id: int) -> None:
    """Sam joined the team STALE_DAYS ago and got Fundamentals then, and has done nothing since:
    written through the services, with that moment as their `now`, into the server's database."""
    engine = make_engine(database_url)
    units = units_of_work(engine)
    then = datetime.now(timezone.utc) - timedelta(days=STALE_DAYS)
    secret = Settings(database_url=database_url).secret_key  # the server's: the same environment
    with UnitOfWork(engine) as uow:
        lead = progress_service.find_learner(uow, username="lead")
    sam = progress_service.ensure_learner(units, username="sam", now=then)
    code = teams_service.create_invite(units, team_id=team_id, viewer=lead, uses=1, days=7, now=then, secret=secret).code
    teams_service.accept_invite(units, code=code, learner=sam, now=then, secret=secret)
    teams_service.assign_path(units, load_catalog(BUNDLED_CONTENT).catalog, team_id=team_id, viewer=lead,
                              path_id="backend-fundamentals", due=None, usernames=["sam"], today=then.date(), now=then)
    engine.dispose()


def test_create_invite_join_assign_and_follow_on_the_dashboard(browser, server, database_url, shots, sign_up):
    lead = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False).new_page()
    sign_up(lead, server, "lead")
    lead.get_by_role("link", name="Teams").first.click()
    lead.get_by_label("Name").fill("Platform")
    lead.get_by_role("button", name="Create team").click()
    expect(lead.get_by_role("heading", name="Platform", exact=True)).to_be_visible()
    team_url = lead.url.split("?")[0]
    team_id = int(re.search(r"/teams/(\d+)$", team_url).group(1))
    lead.get_by_role("link", name="Members", exact=True).click()
    lead.get_by_role("button", name="Create invite link").click()
    link = lead.locator("#invite-link").inner_text()

    engineer = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False).new_page()
    sign_up(engineer, server, "engineer")
    engineer.goto(link)
    expect(engineer.get_by_role("heading", name="Join Platform")).to_be_visible()
    expect(engineer.get_by_text("your notes, ever")).to_be_visible()
    expect(engineer.get_by_text("Its owners and mentors see your progress on the paths the team assigns you")).to_be_visible()
    shots("invite", engineer)
    engineer.get_by_role("button", name="Join Platform").click()
    expect(engineer.get_by_text("You joined the team.")).to_be_visible()
    add_a_member_who_has_not_moved(database_url, team_id)

    due = (datetime.now(timezone.utc).date() + timedelta(days=14)).isoformat()
    lead.goto(team_url + "/assignments")
    lead.get_by_label("Path", exact=True).select_option("starter-kit")
    lead.get_by_label("Due date (optional)").fill(due)
    lead.get_by_role("button", name="Assign").click()
    expect(lead.get_by_text("The path is assigned.")).to_be_visible()
    expect(lead.get_by_role("cell", name="every member")).to_be_visible()
    shots("assignments", lead)

    engineer.goto(server + "/")
    expect(engineer.get_by_role("heading", name="Assigned to me")).to_be_visible()
    expect(engineer.get_by_text("14 days left")).to_be_visible()
    shots("home", engineer)
    engineer.goto(server + "/paths/starter-kit?view=list")
    for topic in ("programming-language", "data-structures"):
        engineer.locator(f"#topic-{topic}").get_by_role("button", name="Done").click()

    lead.goto(team_url)
    expect(lead.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    expect(lead.get_by_label("engineer on Backend Engineer Starter Kit")).to_have_attribute("value", "12")  # 2 of 16
    stuck = lead.locator(".stuck-list li")
    expect(stuck).to_have_count(1)
    expect(stuck).to_have_text(re.compile(rf"^sam:\s+no progress on Fundamentals of Backend Engineering for {STALE_DAYS} days$"))
    expect(lead.locator(".team-grid tbody tr").first.get_by_role("rowheader")).to_have_text("sam stuck")  # stuck first
    shots("dashboard", lead)

    with lead.expect_download() as download:
        lead.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows[0][:4] == ["username", "display name", "role", "path"]
    assert [(r[0], r[3], r[8], r[10]) for r in rows[1:]] == [  # assignments oldest first
        ("sam", "backend-fundamentals", "0", f"no progress on Fundamentals of Backend Engineering for {STALE_DAYS} days"),
        ("sam", "starter-kit", "0", ""),
        ("engineer", "starter-kit", "12", ""),
    ]

    for page_url, name in ((team_url, "dashboard"), (team_url + "/members", "members"), (team_url + "/assignments", "assignments")):
        for width in (1280, 390):
            for scheme in ("light", "dark"):
                themed = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=False)
                themed.add_cookies(lead.context.cookies())
                page = themed.new_page()
                page.goto(page_url)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"the team's {name} page scrolls sideways at {width} px ({scheme})"
                shots(f"{name}-{width}-{scheme}", page)
                themed.close()
