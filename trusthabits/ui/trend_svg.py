"""The Trends charts drawn as SVG text on the server: stacked weekly bars on a count axis and
lines on the 1–5 trust axis, with gaps where a week has no value.

Plain Python (no Reflex), so the geometry is tested fast. The browser receives one string and
inserts it: no chart library to download (recharts was 114 KiB gzipped) and nothing to lay out
in script on a phone. Colours come from the catalogue through CSS classes and Radix variables;
every text is escaped. The numbers behind the chart are also on the page as a table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PX_PER_WEEK = 36  # eight weeks fit a 390 px phone; wider ranges scroll sideways
BAR_WIDTH = 24
AXIS_WIDTH = 28
TOP = 8
LABELS_HEIGHT = 22
TRUST_MIN, TRUST_MAX = 1, 5
DOT_RADIUS = 3


@dataclass(frozen=True)
class Bars:
    """One stacked series: `values[i]` is week i's count."""

    key: str
    name: str
    colour: str  # a Radix colour scale
    values: Sequence[int]


@dataclass(frozen=True)
class Line:
    """One series on the trust axis: None is a gap, never a zero."""

    css_class: str
    name: str
    values: Sequence[float | None]
    dots: bool = False


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def count_ticks(highest: int) -> list[int]:
    """At most six whole-number ticks from 0 that cover `highest`."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if math.ceil(max(highest, 1) / s) <= 5)
    return list(range(0, step * math.ceil(max(highest, 1) / step) + 1, step))


def line_path(points: Sequence[tuple[float, float] | None]) -> str:
    """SVG path data through the points; a None breaks the line (a new M after it)."""
    commands, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{_number(point[0])} {_number(point[1])}")
        pen_down = True
    return " ".join(commands)


def chart(
    *,
    element_id: str,
    label: str,
    weeks: Sequence[str],
    bars: Sequence[Bars],
    lines: Sequence[Line],
    height: int,
) -> str:
    """The SVG markup of one chart: `weeks` are the x labels, bars stack in the given order."""
    width = 2 * AXIS_WIDTH + PX_PER_WEEK * len(weeks)
    bottom = height - LABELS_HEIGHT
    plot_height = bottom - TOP
    totals = [sum(series.values[i] for series in bars) for i in range(len(weeks))]
    ticks = count_ticks(max(totals, default=0))
    per_action = plot_height / ticks[-1]

    def x_centre(i: int) -> float:
        return AXIS_WIDTH + PX_PER_WEEK * i + PX_PER_WEEK / 2

    def trust_y(value: float) -> float:
        return bottom - (value - TRUST_MIN) / (TRUST_MAX - TRUST_MIN) * plot_height

    parts = [
        f'<svg id="{element_id}" class="trend-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="min-width:{width}px;max-width:{round(width * 1.25)}px" role="img" aria-label="{escape(label)}">',
        '<g class="trend-grid">',
        *(f'<line x1="{AXIS_WIDTH}" x2="{width - AXIS_WIDTH}" y1="{_number(trust_y(v))}" y2="{_number(trust_y(v))}"/>'
          for v in range(TRUST_MIN, TRUST_MAX + 1)),
        "</g>",
        '<g class="trend-axis count-axis" text-anchor="end">',
        *(f'<text x="{AXIS_WIDTH - 6}" y="{_number(bottom - t * per_action + 4)}">{t}</text>' for t in ticks),
        "</g>",
        '<g class="trend-axis trust-axis" text-anchor="start">',
        *(f'<text x="{width - AXIS_WIDTH + 6}" y="{_number(trust_y(v) + 4)}">{v}</text>'
          for v in range(TRUST_MIN, TRUST_MAX + 1)),
        "</g>",
    ]
    stacked = [0] * len(weeks)
    for series in bars:
        # One path per series, a closed rectangle per week: a year of six series stays a few KB.
        boxes = []
        for i, value in enumerate(series.values):
            if value <= 0:
                continue
            top = bottom - (stacked[i] + value) * per_action
            boxes.append(f"M{_number(x_centre(i) - BAR_WIDTH / 2)} {_number(top)}h{BAR_WIDTH}"
                         f"v{_number(value * per_action)}h-{BAR_WIDTH}z")
            stacked[i] += value
        parts.append(f'<path class="trend-bar bar-{series.key}" fill="var(--{series.colour}-9)" d="{"".join(boxes)}">'
                     f"<title>{escape(series.name)}</title></path>")
    for line in lines:
        points = [None if v is None else (x_centre(i), trust_y(v)) for i, v in enumerate(line.values)]
        parts.append(f'<path class="trend-line {line.css_class}" d="{line_path(points)}">'
                     f"<title>{escape(line.name)}</title></path>")
        if line.dots:
            parts.append(f'<g class="trend-dots {line.css_class}-dots">')
            parts.extend(f'<circle cx="{_number(p[0])}" cy="{_number(p[1])}" r="{DOT_RADIUS}"/>' for p in points if p)
            parts.append("</g>")
    parts.append(f'<g class="trend-axis week-axis" text-anchor="middle" transform="translate(0 {height - 6})">')
    parts.extend(f'<text x="{_number(x_centre(i))}">{escape(w)}</text>' for i, w in enumerate(weeks))
    parts.append("</g></svg>")
    return "".join(parts)


def bar_boxes(path_data: str) -> list[tuple[float, float, float]]:
    """(x, top, height) of each rectangle in a bar series' path (for tests and checks)."""
    return [(float(x), float(y), float(h)) for x, y, h in re.findall(r"M([\d.]+) ([\d.]+)h[\d.]+v([\d.]+)", path_data)]
