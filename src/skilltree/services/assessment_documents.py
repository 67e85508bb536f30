"""Assessments as documents: the one JSON shape the API answers and the CLI's --json prints."""

from __future__ import annotations

from skilltree.ladder.growth import GrowthPlan
from skilltree.services.assessment import LadderStanding, RatingChange, TimelineEntry


def _moment(value) -> str | None:
    return value.isoformat() if value else None


def standing_document(standing: LadderStanding) -> dict:
    return {
        "ladder": standing.ladder.id,
        "title": standing.ladder.title,
        "ratings": [{"id": step.id, "label": step.label, "meaning": step.meaning} for step in standing.ladder.ratings],
        "current_level": standing.current.id if standing.current else None,
        "next_level": standing.next.level.id if standing.next else None,
        "levels": [
            {
                "id": item.level.id,
                "title": item.level.title,
                "reached": item.reached,
                **{rating.value: count for rating, count in item.counts.items()},
                "total": item.total,
                "missing": [duty.id for duty in item.missing],
            }
            for item in standing.levels
        ],
        "responsibilities": [
            {
                "id": duty.id,
                "title": duty.title,
                "rating": duty.rating.value if duty.rating else None,
                "evidence": duty.evidence,
                "rated_at": _moment(duty.rated_at),
                "topics": {"done": duty.topics.done, "skipped": duty.topics.skipped, "total": duty.topics.total},
                "note": duty.note,
                "retired": duty.retired,
            }
            for duty in standing.duties
        ],
    }


def change_document(change: RatingChange) -> dict:
    return {
        "ladder": change.ladder,
        "responsibility": change.responsibility,
        "title": change.title,
        "previous": change.previous.value if change.previous else None,
        "rating": change.rating.value,
        "evidence": change.evidence,
        "rated_at": change.rated_at.isoformat(),
        "changed": change.changed,
    }


def timeline_document(entries: list[TimelineEntry]) -> list[dict]:
    return [
        {
            "responsibility": entry.responsibility,
            "title": entry.title,
            "rating": entry.rating.value,
            "evidence": entry.evidence,
            "at": entry.at.isoformat(),
            "source": entry.source.value,
            "retired": entry.retired,
        }
        for entry in entries
    ]


def growth_document(plan: GrowthPlan) -> dict:
    return {
        "ladder": plan.ladder.id,
        "target": plan.target.id,
        "target_title": plan.target.title,
        "minutes": plan.minutes,
        "progress": {
            "done": plan.progress.done,
            "skipped": plan.progress.skipped,
            "total": plan.progress.total,
            "percent": plan.progress.percent,
        },
        "next": plan.next.id if plan.next else None,
        "responsibilities": [
            {"id": item.duty.id, "title": item.duty.title, "rating": item.rating.value} for item in plan.responsibilities
        ],
        "topics": [
            {
                "id": topic.id,
                "title": topic.title,
                "minutes": topic.minutes,
                "responsibilities": list(topic.responsibilities),
                "outside_ladder": topic.outside_ladder,
                "status": topic.status.value,
            }
            for topic in plan.topics
        ],
    }
