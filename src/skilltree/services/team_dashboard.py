"""The team dashboard for owners and mentors: members x assignments with progress, who is stuck and
why, four weeks of team activity, and the team's average per section of each assigned path.

Built from a fixed handful of set-based queries whatever the team's size (members, assignments,
time zones, every member's statuses, changes per day): never a query per member.
Activity days are UTC days, the same columns for everyone: a team spans time zones, and a shared
grid needs one calendar. Due dates count in each member's own days, as their home page counts them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timezone

from skilltree.catalog.models import Catalog
from skilltree.progress.activity import zone_named
from skilltree.progress.models import Learner
from skilltree.progress.path_progress import Tally
from skilltree.progress.year import shade
from skilltree.services.teams import team_access
from skilltree.store.uow import UnitOfWork
from skilltree.teams.dashboard import (
    PathIndex,
    Standing,
    StuckReason,
    day_span,
    idle_days,
    path_index,
    standing,
    stuck_reasons,
    team_sections,
)
from skilltree.teams.model import Assignment, Member, Permission, Role, Team, days_left


@dataclass(frozen=True, slots=True)
class DashboardColumn:
    """An assignment, a column of the grid."""

    assignment_id: int
    path_id: str
    title: str  # the path's id once it has left the curriculum
    due: date | None
    members: tuple[str, ...]  # empty: the whole team

    @property
    def whole_team(self) -> bool:
        return not self.members


@dataclass(frozen=True, slots=True)
class DashboardCell:
    """A member's standing on one assignment that reaches them."""

    assignment_id: int
    path_id: str
    percent: int | None  # None once the path has left the curriculum
    last_activity: datetime | None
    due: date | None
    days_left: int | None  # negative: overdue
    reasons: tuple[StuckReason, ...]


@dataclass(frozen=True, slots=True)
class DashboardRow:
    username: str
    display_name: str
    role: Role
    cells: tuple[DashboardCell | None, ...]  # one per column; None where the assignment does not reach them

    @property
    def reasons(self) -> tuple[StuckReason, ...]:
        return tuple(reason for cell in self.cells if cell for reason in cell.reasons)

    @property
    def stuck(self) -> bool:
        return any(cell and cell.reasons for cell in self.cells)


@dataclass(frozen=True, slots=True)
class ActivityRow:
    username: str
    display_name: str
    counts: tuple[int, ...]  # one per day of TeamActivity.days
    shades: tuple[int, ...]  # against the team's busiest member-day

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class TeamActivity:
    days: tuple[date, ...]  # UTC days, oldest first, today last
    rows: tuple[ActivityRow, ...]


@dataclass(frozen=True, slots=True)
class SectionAverage:
    title: str
    percent: int


@dataclass(frozen=True, slots=True)
class PathAverage:
    """The team's progress on an assigned path, over the members it reaches, as one tally of all
    their topics (teams.dashboard.team_sections)."""

    path_id: str
    title: str
    members: int
    percent: int | None  # None with nobody it reaches
    sections: tuple[SectionAverage, ...]

    @property
    def hardest(self) -> str | None:
        """The title of the section furthest behind, where the team may need help; None while
        every section stands alike (nothing to single out)."""
        percents = {section.percent for section in self.sections}
        if not self.members or len(percents) < 2:
            return None
        return min(self.sections, key=lambda section: section.percent).title


@dataclass(frozen=True, slots=True)
class TeamDashboard:
    team: Team
    columns: tuple[DashboardColumn, ...]
    rows: tuple[DashboardRow, ...]  # stuck first, then by username
    activity: TeamActivity
    averages: tuple[PathAverage, ...]

    @property
    def stuck(self) -> tuple[DashboardRow, ...]:
        return tuple(row for row in self.rows if row.stuck)


def _reaches(assignment: Assignment, member: Member) -> bool:
    """As on the member's home page: a whole-team assignment reaches those with the member role;
    a named one, whoever it names."""
    return member.username in assignment.members if assignment.members else member.role is Role.MEMBER


def team_dashboard(uow: UnitOfWork, catalog: Catalog, *, team_id: int, viewer: Learner, now: datetime) -> TeamDashboard:
    team = team_access(uow, team_id=team_id, viewer=viewer, needs=Permission.SEE_PROGRESS).team
    assignments = uow.teams.assignments(team_id)
    # Followed: every member, and an owner or mentor whom an assignment names.
    followed = [m for m in uow.teams.members(team_id) if m.role is Role.MEMBER or any(_reaches(a, m) for a in assignments)]
    paths = {a.path_id: path_index(catalog.paths[a.path_id], catalog) for a in assignments if a.path_id in catalog.paths}
    topic_ids = {t for index in paths.values() for t in index.places}
    # Prerequisites outside a path decide whether it is blocked.
    topic_ids |= {p for index in paths.values() if index.may_block for t in index.places if t in catalog.topics
                  for p in catalog.topics[t].prerequisites}
    touched = uow.team_progress.touched(team_id, topic_ids) if paths else {}
    zones = uow.team_progress.time_zones(team_id)
    today_utc = now.astimezone(timezone.utc).date()
    days = day_span(today_utc)
    since = datetime.combine(days[0], datetime.min.time(), timezone.utc)
    changes = uow.team_progress.changes_per_day(team_id, since=since)

    standings: dict[tuple[int, str], Standing] = {}
    rows = []
    for member in followed:
        mine = touched.get(member.learner_id, {})
        today = now.astimezone(zone_named(zones.get(member.learner_id))).date()
        cells: list[DashboardCell | None] = []
        for assignment in assignments:
            if not _reaches(assignment, member):
                cells.append(None)
                continue
            left = days_left(assignment.due, today)
            index = paths.get(assignment.path_id)
            if index is None:
                cells.append(DashboardCell(assignment.id, assignment.path_id, None, None, assignment.due, left, ()))
                continue
            key = (member.learner_id, assignment.path_id)
            if key not in standings:
                standings[key] = standing(index, mine)
            place = standings[key]
            idle = idle_days(last=place.last_change, joined_at=member.joined_at, assigned_at=assignment.created_at, now=now)
            reasons = stuck_reasons(index=index, catalog=catalog, standing=place, touched=mine, days_left=left,
                                    idle=idle, stuck_days=team.stuck_days)
            cells.append(DashboardCell(assignment.id, assignment.path_id, place.percent, place.last_change, assignment.due,
                                       left, reasons))
        rows.append(DashboardRow(member.username, member.display_name, member.role, tuple(cells)))
    rows.sort(key=lambda row: (not row.stuck, row.username))

    return TeamDashboard(
        team=team,
        columns=tuple(
            DashboardColumn(a.id, a.path_id, paths[a.path_id].path.title if a.path_id in paths else a.path_id, a.due, a.members)
            for a in assignments
        ),
        rows=tuple(rows),
        activity=_activity(followed, changes, days),
        averages=_averages(paths, standings),
    )


def _activity(followed: list[Member], changes: dict[int, dict[date, int]], days: tuple[date, ...]) -> TeamActivity:
    column = {day: n for n, day in enumerate(days)}
    counts = {}
    for member in followed:
        row = [0] * len(days)
        for day, count in changes.get(member.learner_id, {}).items():
            if day in column:
                row[column[day]] = count
        counts[member.learner_id] = row
    busiest = max((max(row) for row in counts.values()), default=0)
    return TeamActivity(days, tuple(
        ActivityRow(m.username, m.display_name, tuple(counts[m.learner_id]), tuple(shade(n, busiest) for n in counts[m.learner_id]))
        for m in sorted(followed, key=lambda m: m.username)
    ))


def _averages(paths: dict[str, PathIndex], standings: dict[tuple[int, str], Standing]) -> tuple[PathAverage, ...]:
    averages = []
    for path_id, index in paths.items():
        reached = [place for (_, of_path), place in standings.items() if of_path == path_id]
        sections = team_sections(index, reached)
        overall = sum((section.required for section in sections), Tally())
        averages.append(PathAverage(
            path_id, index.path.title, len(reached), overall.percent if reached else None,
            tuple(SectionAverage(section.title, section.percent) for section in sections),
        ))
    return tuple(averages)


CSV_HEADER = ("username", "display name", "role", "path", "path title", "assigned to", "due", "days left", "percent done",
              "last change (UTC)", "stuck because")
# A cell a spreadsheet would read as a formula (OWASP's CSV injection list; tab and carriage return
# too) gets a leading apostrophe: names and titles come from people and content.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, int):
        return value  # our own figures: a negative number of days left is a number, not a formula
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def dashboard_csv(board: TeamDashboard) -> str:
    """The grid as CSV: a header, then a row per member and assignment that reaches them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in board.rows:
        for column, cell in zip(board.columns, row.cells):
            if cell is None:
                continue
            writer.writerow(_cell(value) for value in (
                row.username, row.display_name, row.role.value, column.path_id, column.title,
                "every member" if column.whole_team else " ".join(column.members), cell.due, cell.days_left,
                cell.percent, cell.last_activity.strftime("%Y-%m-%d %H:%M") if cell.last_activity else None,
                "; ".join(reason.message for reason in cell.reasons),
            ))
    return out.getvalue()
