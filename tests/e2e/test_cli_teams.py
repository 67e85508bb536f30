"""`skilltree teams` and `skilltree assignments`: what the learner's teams are and gave them, from the
same services as the web, in the API's shapes with --json."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from skilltree.config import DEVELOPMENT_SECRET
from skilltree.services import progress as progress_service
from skilltree.services import teams as teams_service
from skilltree.store.engine import make_engine
from skilltree.store.uow import units_of_work

from conftest import SKILLTREE


def test_the_teams_and_the_paths_they_assigned(cli, database_url, catalog):
    assert cli("teams").out == "you are in no team yet: create one or accept an invite on the web\n"
    assert cli("assignments").out == "nothing is assigned to you\n"
    assert cli("mark", "git", "done").code == 0  # ada exists from here on
    engine = make_engine(database_url)
    units, now = units_of_work(engine), datetime.now(timezone.utc)
    with units() as uow:
        ada = uow.learners.get("ada")
    team = teams_service.create_team(units, learner=ada, name="Platform", now=now).team
    due = now.date() + timedelta(days=3)
    teams_service.assign_path(units, catalog, team_id=team.id, viewer=ada, path_id="starter-kit", due=due,
                              usernames=["ada"], today=now.date(), now=now)
    engine.dispose()
    assert cli("teams", "--json").json() == {
        "teams": [{"id": team.id, "name": "Platform", "description": "", "role": "owner", "members": 1}]
    }
    listed = cli("teams").out.splitlines()
    assert listed[1].split() == [str(team.id), "Platform", "owner", "1"]
    mine = cli("assignments", "--json").json()["assignments"]
    assert [(a["team_name"], a["path"], a["due"], a["days_left"]) for a in mine] == [("Platform", "starter-kit", due.isoformat(), 3)]
    assert 0 < mine[0]["percent"] < 100
    shown = cli("assignments").out.splitlines()[1].rstrip()
    assert shown.startswith("starter-kit  Platform  ada") and shown.endswith("3 days left")


def test_a_lead_runs_a_team_from_the_command_line(cli, database_url, catalog):
    created = cli("team", "create", "Platform", "--description", "New joiners", "--json")
    assert created.code == 0
    team = created.json()
    assert (team["name"], team["description"], team["role"], [m["username"] for m in team["members"]]) == (
        "Platform", "New joiners", "owner", ["ada"]
    )
    invite = cli("team", "invite", str(team["id"]), "--uses", "2", "--days", "3", "--base-url", "https://skills.example.org/", "--json").json()
    assert invite["url"] == f"https://skills.example.org/invites/{invite['code']}" and invite["uses_left"] == 2
    # Grace joins through the link, as she would on the web.
    engine = make_engine(database_url)
    units, now = units_of_work(engine), datetime.now(timezone.utc)
    grace = progress_service.ensure_learner(units, username="grace", now=now)
    teams_service.accept_invite(units, code=invite["code"], learner=grace, now=now, secret=DEVELOPMENT_SECRET)
    engine.dispose()
    members = cli("team", "members", str(team["id"]))
    assert members.code == 0
    assert [line.split() for line in members.out.splitlines()[3:]] == [
        ["ada", "ada", "owner", now.date().isoformat()], ["grace", "grace", "member", now.date().isoformat()]
    ]
    due = (now.date() + timedelta(days=14)).isoformat()
    assigned = cli("team", "assign", str(team["id"]), "starter-kit", "--due", due, "--member", "grace")
    assert assigned.out == f"assigned starter-kit to grace, due {due}\n"
    whole = cli("team", "assign", str(team["id"]), "starter-kit", "--json").json()
    assert (whole["members"], whole["due"], whole["assigned_by"]) == (None, None, "ada")
    mine = cli("assignments", "--json", env={"SKILLTREE_LEARNER": "grace"}).json()["assignments"]
    assert [(a["path"], a["due"]) for a in mine] == [("starter-kit", due), ("starter-kit", None)]

    # Grace reads two topics; the lead's dashboard shows it on both assignments, in every format.
    assert cli("mark", "programming-language", "git", "done", env={"SKILLTREE_LEARNER": "grace"}).code == 0
    board = cli("team", "dashboard", str(team["id"]), "--json").json()
    assert [a["path"] for a in board["assignments"]] == ["starter-kit", "starter-kit"]
    (row,) = board["members"]
    percent = row["cells"][0]["percent"]
    assert row["username"] == "grace" and percent > 0 and row["cells"][1]["percent"] == percent and row["stuck"] == []
    text = cli("team", "dashboard", str(team["id"]))
    assert text.code == 0 and "0 of 1 members stuck" in text.out
    assert [line.split() for line in text.out.splitlines() if line.startswith("grace")] == [["grace", f"{percent}%", f"{percent}%"]]
    csv_lines = cli("team", "dashboard", str(team["id"]), "--csv").out.splitlines()
    assert len(csv_lines) == 3 and csv_lines[1].startswith("grace,grace,member,starter-kit,")
    as_member = cli("team", "dashboard", str(team["id"]), env={"SKILLTREE_LEARNER": "grace"})
    assert as_member.code == 1 and as_member.err.startswith("error: ")


def test_the_team_commands_refuse_what_the_role_or_the_input_does_not_allow(cli, database_url):
    team_id = str(cli("team", "create", "Platform", "--json").json()["id"])
    outsider = cli("team", "members", team_id, env={"SKILLTREE_LEARNER": "zed"})
    assert (outsider.code, outsider.err) == (1, f"error: no team {team_id}\n")
    assert cli("mark", "git", "done", env={"SKILLTREE_LEARNER": "zed"}).code == 0  # zed exists, still outside the team
    assert cli("team", "invite", team_id, env={"SKILLTREE_LEARNER": "zed"}).err == f"error: no team {team_id}\n"
    bad_due = cli("team", "assign", team_id, "starter-kit", "--due", "31/12/2026")
    assert (bad_due.code, bad_due.err) == (2, "error: --due '31/12/2026' is not a date such as 2026-12-31\n")
    stranger = cli("team", "assign", team_id, "starter-kit", "--member", "zed")
    assert (stranger.code, stranger.err) == (1, "error: 'zed' is not a member of this team\n")
    too_many = cli("team", "invite", team_id, "--uses", "101")
    assert (too_many.code, too_many.err) == (1, "error: an invite's uses must be from 1 to 100, not 101\n")
    assert cli("team", "members", "0").code == 2
    both = cli("team", "dashboard", team_id, "--csv", "--json")
    assert (both.code, both.err) == (2, "error: choose one of --csv and --json\n")


def test_the_team_commands_do_not_load_the_web_framework(cli_environment):
    # Their --json documents are the API's (services.team_documents, checked by the API's pydantic
    # models), built without the web app: printing them through its routes' module imported FastAPI.
    created = subprocess.run(
        [sys.executable, "-X", "importtime", str(SKILLTREE), "team", "create", "Platform", "--json"],
        capture_output=True, text=True, env=cli_environment, timeout=120,
    )
    assert created.returncode == 0 and json.loads(created.stdout)["name"] == "Platform"
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in created.stderr.splitlines() if line.startswith("import time:")}
    assert "skilltree" in imported and "fastapi" not in imported
