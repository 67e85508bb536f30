"""Teams as documents: the one JSON shape the API answers and `skilltree team ... --json` prints."""

from __future__ import annotations

from skilltree.services.team_dashboard import TeamDashboard
from skilltree.services.teams import TeamView


def member_document(member) -> dict:
    return {"username": member.username, "display_name": member.display_name, "role": member.role.value, "joined_at": member.joined_at}


def team_document(view: TeamView) -> dict:
    team = view.team
    return {
        "id": team.id, "name": team.name, "description": team.description, "created_at": team.created_at,
        "stuck_days": team.stuck_days, "role": view.role.value, "members": [member_document(m) for m in view.members],
    }


def assignment_document(assignment) -> dict:
    return {
        "id": assignment.id, "path": assignment.path_id, "due": assignment.due, "assigned_by": assignment.assigned_by,
        "members": None if assignment.whole_team else list(assignment.members),
    }


def _reasons(reasons) -> list[dict]:
    return [{"kind": r.kind.value, "path": r.path_id, "days": r.days, "message": r.message} for r in reasons]


def dashboard_document(board: TeamDashboard) -> dict:
    return {
        "team": board.team.id,
        "stuck_days": board.team.stuck_days,
        "assignments": [
            {"id": c.assignment_id, "path": c.path_id, "title": c.title, "due": c.due, "members": None if c.whole_team else list(c.members)}
            for c in board.columns
        ],
        "members": [
            {
                "username": row.username, "display_name": row.display_name, "role": row.role.value,
                "cells": [
                    cell and {"assignment": cell.assignment_id, "percent": cell.percent, "last_activity": cell.last_activity,
                              "due": cell.due, "days_left": cell.days_left, "stuck": _reasons(cell.reasons)}
                    for cell in row.cells
                ],
                "stuck": _reasons(row.reasons),
            }
            for row in board.rows
        ],
        "activity": {"days": list(board.activity.days),
                     "members": [{"username": r.username, "counts": list(r.counts)} for r in board.activity.rows]},
        "sections": [
            {"path": a.path_id, "title": a.title, "members": a.members, "percent": a.percent,
             "sections": [{"title": s.title, "percent": s.percent} for s in a.sections]}
            for a in board.averages
        ],
    }
