"""The test suite's own check of the anonymity promise, written apart from the app's rule.

Given every answer set a manager could see a figure of (over all the moments they looked), group
the answers into atoms: answers that lie in exactly the same visible sets. Any sum, difference
or other linear combination of visible sums and means (n is visible too) is constant on each
atom, so the smallest atom that lies in some visible set is the smallest group of answers a
manager could single out. The promise holds when every visible set and every such atom has at
least k answers.
"""

from __future__ import annotations

from collections.abc import Iterable


def atoms_of(sets: Iterable[frozenset[int]]) -> list[frozenset[int]]:
    listed = sorted(set(sets), key=sorted)
    universe = frozenset().union(*listed) if listed else frozenset()
    groups: dict[tuple[bool, ...], set[int]] = {}
    for element in universe:
        groups.setdefault(tuple(element in s for s in listed), set()).add(element)
    return [frozenset(g) for g in groups.values()]


def smallest_group(sets: Iterable[frozenset[int]]) -> int | None:
    """The size of the smallest visible set or atom (None when nothing is visible)."""
    listed = [s for s in sets if s]
    if not listed:
        return None
    return min(min(map(len, listed)), min(map(len, atoms_of(listed))))


def assert_no_group_below(sets: Iterable[frozenset[int]], k: int) -> None:
    smallest = smallest_group(sets)
    assert smallest is None or smallest >= k, f"a group of {smallest} answers can be isolated (k={k})"
