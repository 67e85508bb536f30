"""The radar chart's geometry: an axis per responsibility clockwise from the top, ratings by rank,
the target's expectation at the rim on what it holds and at the centre elsewhere."""

from __future__ import annotations

from skilltree.ladder.ratings import Rating
from skilltree.progress.path_progress import Tally
from skilltree.services.assessment import DutyStanding, LadderStanding
from skilltree.web.radar import CENTRE, RADIUS, radar

from test_ladder_domain import LADDER, PRINCIPAL, SENIOR


def standing(ratings: dict[str, Rating | None]) -> LadderStanding:
    areas = {duty.id: area.title for area in LADDER.areas for duty in area.responsibilities}
    duties = tuple(
        DutyStanding(duty.id, duty.title, areas[duty.id], ratings.get(duty.id), "", None, Tally(), None, False)
        for duty in LADDER.responsibilities
    )
    return LadderStanding(LADDER, {r: r.value for r in Rating}, (), None, None, duties)


def points(text: str) -> list[tuple[float, float]]:
    return [tuple(map(float, pair.split(","))) for pair in text.split()]


def test_axes_run_clockwise_from_the_top_grouped_by_area():
    chart = radar(standing({}), SENIOR)
    assert [axis.number for axis in chart.axes] == [1, 2, 3, 4]
    assert chart.axes[0].end == (CENTRE, CENTRE - RADIUS)  # straight up
    assert chart.axes[1].end == (CENTRE + RADIUS, CENTRE)  # then right
    assert [(a.title, a.first, a.last) for a in chart.areas] == [("Tech", 1, 2), ("People", 3, 4)]


def test_ratings_by_rank_and_the_target_at_the_rim_where_it_holds():
    chart = radar(standing({"design": Rating.CONSISTENT, "apis": Rating.NOT_YET}), SENIOR)
    you = points(chart.learner)
    assert you[0] == (CENTRE, CENTRE - RADIUS)  # consistent: the rim
    assert you[1] == (CENTRE + RADIUS / 3, CENTRE)  # not yet: the first ring
    assert you[2] == (CENTRE, CENTRE)  # not rated: the centre
    target = points(chart.target)
    # Senior holds design, apis and mentoring, not strategy (principal only).
    assert target[3] == (CENTRE, CENTRE) and target[2] == (CENTRE, CENTRE + RADIUS)
    assert points(radar(standing({}), PRINCIPAL).target)[3] == (CENTRE - RADIUS, CENTRE)
    assert len(chart.rings) == len(Rating)
