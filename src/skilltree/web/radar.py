"""The geometry of the radar chart on /ladders/{id}/me; the template draws it as SVG.

One axis per responsibility, in ladder order so that each area's axes sit together, clockwise
from the top. The distance from the centre is the rating's rank on the scale (the centre: not
rated); the target level's expectation, the top of the scale on each responsibility it holds, is
drawn behind the learner's own shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from skilltree.catalog.models import LadderLevel
from skilltree.ladder.ratings import Rating
from skilltree.services.assessment import LadderStanding

SIZE = 400
CENTRE = SIZE / 2
RADIUS = 150
LABEL_RADIUS = RADIUS + 22
STEPS = len(Rating)


@dataclass(frozen=True)
class RadarAxis:
    number: int
    title: str
    area: str
    # Where the axis ends, and where its number is written.
    end: tuple[float, float]
    label: tuple[float, float]
    # Where an area begins: the axis that draws the area's boundary line.
    starts_area: bool


@dataclass(frozen=True)
class RadarArea:
    title: str
    first: int  # the numbers of its first and last axes
    last: int


@dataclass(frozen=True)
class Radar:
    size: int
    axes: tuple[RadarAxis, ...]
    areas: tuple[RadarArea, ...]
    rings: tuple[str, ...]  # one polygon per step of the scale, innermost first
    learner: str  # SVG points of the learner's ratings
    target: str  # SVG points of what the target level expects
    target_level: LadderLevel


def _point(index: int, count: int, distance: float) -> tuple[float, float]:
    angle = 2 * math.pi * index / count - math.pi / 2
    return (round(CENTRE + distance * math.cos(angle), 1), round(CENTRE + distance * math.sin(angle), 1))


def _points(values: list[float], count: int) -> str:
    return " ".join(f"{x},{y}" for x, y in (_point(i, count, v) for i, v in enumerate(values)))


def radar(standing: LadderStanding, target: LadderLevel) -> Radar | None:
    """None when the ladder has too few responsibilities for a shape (fewer than three)."""
    ladder = standing.ladder
    duties = [duty for duty in standing.duties if not duty.retired]
    count = len(duties)
    if count < 3:
        return None
    held = {duty.id for duty in ladder.responsibilities if target.id in ladder.level_ids_holding(duty)}
    axes = []
    previous_area = None
    for index, duty in enumerate(duties):
        axes.append(
            RadarAxis(
                number=index + 1,
                title=duty.title,
                area=duty.area,
                end=_point(index, count, RADIUS),
                label=_point(index, count, LABEL_RADIUS),
                starts_area=duty.area != previous_area,
            )
        )
        previous_area = duty.area
    areas = []
    for axis in axes:
        if axis.starts_area:
            areas.append(RadarArea(axis.area, axis.number, axis.number))
        else:
            areas[-1] = RadarArea(axis.area, areas[-1].first, axis.number)
    step = RADIUS / STEPS
    return Radar(
        size=SIZE,
        axes=tuple(axes),
        areas=tuple(areas),
        rings=tuple(_points([step * (ring + 1)] * count, count) for ring in range(STEPS)),
        learner=_points([step * (duty.rating.rank if duty.rating else 0) for duty in duties], count),
        target=_points([RADIUS if duty.id in held else 0 for duty in duties], count),
        target_level=target,
    )
