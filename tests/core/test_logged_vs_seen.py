"""Logged by you vs seen by the team: pairing released figures with the manager's log, and the
fixed bands that decide where the two differ."""

from __future__ import annotations

import pytest

from trusthabits.core.logged_vs_seen import LOGGED_MORE, SEEN_MORE, SeenFigure, gap, gaps, points


def test_a_figure_is_paired_with_the_mean_logged_count_over_its_own_weeks():
    pooled = SeenFigure(("2026-W10", "2026-W11"), "courage", 3.5)
    found = points([pooled], {"courage": {"2026-W10": 3, "2026-W11": 1, "2026-W12": 9}})
    assert found["courage"][0].logged_per_week == pytest.approx(2.0)  # W12 is not in the set


def test_often_logged_but_seen_little_is_a_difference():
    found = points([SeenFigure(("2026-W10",), "empowerment", 2.4), SeenFigure(("2026-W16",), "empowerment", 2.8)],
                   {"empowerment": {"2026-W10": 4, "2026-W16": 2}})
    result = gap("empowerment", found["empowerment"])
    assert result.kind == LOGGED_MORE and result.n == 2
    assert result.logged_per_week == pytest.approx(3.0) and result.seen == pytest.approx(2.6)


def test_rarely_logged_but_seen_often_is_the_other_difference():
    found = points([SeenFigure(("2026-W10",), "humility", 4.1)], {"humility": {}})
    assert gap("humility", found["humility"]).kind == SEEN_MORE


@pytest.mark.parametrize("logged, seen", [(3, 3.2), (1, 2.0), (0, 3.4), (2, 3.0)])
def test_in_between_is_not_called_a_difference(logged, seen):
    found = points([SeenFigure(("2026-W10",), "courage", seen)], {"courage": {"2026-W10": logged}})
    assert gap("courage", found["courage"]).kind is None


def test_behaviours_without_figures_get_no_gap():
    assert gaps({"courage": []}) == []
