"""`skilltree teams` and `skilltree assignments`: what the learner's teams are and gave them, from the
same services as the web, in the API's shapes with --json."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from skilltree.services import teams as teams_service
from skilltree.store.engine import make_engine
from skilltree.store.uow import units_of_work


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
