"""Logged by you, seen by the team: the manager's own count of a behaviour next to how much the
team said it noticed of it, and where the two tell different stories.

Input is what the anonymity rule already released: per released answer set (its weeks), the
"seen by the team" figure of the one behaviour asked then (1–5). The manager's log is theirs to
see. A point pairs that figure with the manager's mean logged count per week over the same
weeks. Per behaviour, the means over its points are compared with fixed bands: logged OFTEN or
more a week while the team's answer stays below SEEN_LOW, or logged less than RARELY a week
while the team's answer is SEEN_HIGH or more. Anything else is not called a difference.

The figures describe two views of the same weeks; nothing here says which one is right, and the
wording (catalogue keys "insight.seen_*") never judges the manager.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

OFTEN = 2.0  # logged per week
RARELY = 1.0  # logged per week
SEEN_LOW = 3.0  # below the middle of the 1–5 agree scale
SEEN_HIGH = 3.5

LOGGED_MORE, SEEN_MORE = "logged_more", "seen_more"


@dataclass(frozen=True)
class SeenFigure:
    """A released answer set's "seen by the team" figure for one behaviour."""

    weeks: tuple[str, ...]
    behaviour: str
    value: float


@dataclass(frozen=True)
class Point:
    weeks: tuple[str, ...]
    behaviour: str
    seen: float
    logged_per_week: float


@dataclass(frozen=True)
class Gap:
    behaviour: str
    logged_per_week: float  # mean over the points
    seen: float  # mean over the points
    n: int  # points (released answer sets)
    kind: str | None  # LOGGED_MORE, SEEN_MORE or None (no clear difference)


def points(figures: Sequence[SeenFigure], counts: Mapping[str, Mapping[str, int]]) -> dict[str, list[Point]]:
    """Per behaviour, its figures paired with the manager's mean logged count per week over the
    same weeks (`counts`: behaviour → week → count; a week without entries counts 0)."""
    found: dict[str, list[Point]] = {}
    for figure in sorted(figures, key=lambda f: f.weeks):
        logged = counts.get(figure.behaviour, {})
        per_week = sum(logged.get(week, 0) for week in figure.weeks) / len(figure.weeks)
        found.setdefault(figure.behaviour, []).append(Point(figure.weeks, figure.behaviour, figure.value, per_week))
    return found


def gap(behaviour: str, found: Sequence[Point]) -> Gap | None:
    if not found:
        return None
    logged = sum(p.logged_per_week for p in found) / len(found)
    seen = sum(p.seen for p in found) / len(found)
    kind = None
    if logged >= OFTEN and seen < SEEN_LOW:
        kind = LOGGED_MORE
    elif logged < RARELY and seen >= SEEN_HIGH:
        kind = SEEN_MORE
    return Gap(behaviour, logged, seen, len(found), kind)


def gaps(by_behaviour: Mapping[str, Sequence[Point]]) -> list[Gap]:
    """One Gap per behaviour that has at least one point, in the order given."""
    return [g for behaviour, found in by_behaviour.items() if (g := gap(behaviour, found))]
