"""The server-drawn Trends charts: bars stack per week, lines break at gaps (never zero), axes
and labels are where the numbers say, and every text is escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from trusthabits.ui import trend_svg
from trusthabits.ui.trend_svg import Bars, Line

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    # The markup has no namespace declaration (HTML inlines it); add one for the XML parser.
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def _chart(values_a, values_b, trust, height=200) -> ET.Element:
    weeks = [f"W{i + 1:02d}" for i in range(len(values_a))]
    return _parse(trend_svg.chart(
        element_id="c", label="Chart & <label>", weeks=weeks,
        bars=[Bars("a", "A", "blue", values_a), Bars("b", "B <b>", "teal", values_b)],
        lines=[Line("trust-line", "Trust", trust, dots=True)], height=height,
    ))


def test_count_ticks_are_whole_numbers_from_zero_covering_the_highest():
    assert trend_svg.count_ticks(0) == [0, 1]
    assert trend_svg.count_ticks(4) == [0, 1, 2, 3, 4]
    assert trend_svg.count_ticks(7) == [0, 2, 4, 6, 8]
    assert trend_svg.count_ticks(23) == [0, 5, 10, 15, 20, 25]
    assert trend_svg.count_ticks(101) == [0, 50, 100, 150]


def test_a_gap_starts_a_new_line_instead_of_joining_or_dropping_to_zero():
    assert trend_svg.line_path([(0, 10), (10, 20), None, (30, 5), (40, 6)]) == "M0 10 L10 20 M30 5 L40 6"
    assert trend_svg.line_path([None, None]) == ""


def test_bars_stack_per_week_with_heights_proportional_to_counts():
    svg = _chart([2, 0, 4], [1, 3, 0], [None, 3.0, 4.5])
    a = trend_svg.bar_boxes(svg.find(f".//{SVG}path[@class='trend-bar bar-a']").get("d"))
    b = trend_svg.bar_boxes(svg.find(f".//{SVG}path[@class='trend-bar bar-b']").get("d"))
    assert len(a) == 2 and len(b) == 2  # zero counts draw nothing
    unit = a[0][2] / 2
    assert abs(a[1][2] - unit * 4) < 0.11 and abs(b[1][2] - unit * 3) < 0.11
    # Week 1: B sits on top of A (its bottom is A's top); both are centred on the week.
    assert abs(b[0][1] + b[0][2] - a[0][1]) < 0.11 and a[0][0] == b[0][0]
    assert svg.find(f".//{SVG}path[@class='trend-bar bar-a']").get("fill") == "var(--blue-9)"


def test_the_trust_line_has_a_dot_per_value_and_none_for_a_gap():
    svg = _chart([1, 1, 1, 1], [0, 0, 0, 0], [3.0, None, 5.0, 1.0])
    path = svg.find(f".//{SVG}path[@class='trend-line trust-line']").get("d")
    assert path.count("M") == 2 and path.count("L") == 1
    dots = svg.findall(f".//{SVG}g[@class='trend-dots trust-line-dots']/{SVG}circle")
    assert len(dots) == 3
    ys = [float(dot.get("cy")) for dot in dots]
    assert ys[1] < ys[0] < ys[2]  # 5 is highest, 1 lowest on screen


def test_one_label_per_week_and_width_grows_with_weeks():
    for weeks in (8, 52):
        svg = _chart([1] * weeks, [0] * weeks, [None] * weeks)
        assert len(svg.findall(f".//{SVG}g[@class='trend-axis week-axis']/{SVG}text")) == weeks
        assert int(svg.get("width")) == 2 * trend_svg.AXIS_WIDTH + weeks * trend_svg.PX_PER_WEEK
    assert 2 * trend_svg.AXIS_WIDTH + 8 * trend_svg.PX_PER_WEEK <= 358  # eight weeks fit a 390 px phone


def test_texts_are_escaped():
    markup = trend_svg.chart(element_id="c", label='"><script>', weeks=["<W1>"],
                             bars=[Bars("a", "<img src=x>", "blue", [1])], lines=[], height=100)
    assert "<script>" not in markup and "<img" not in markup and "<W1>" not in markup
    assert re.search(r"&lt;img src=x&gt;", markup)
