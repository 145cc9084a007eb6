"""The team in the weekly reflection: per team of the manager, the latest reporting block the
anonymity rule shows (complete, every round closed, at least k answers), its released comments,
and the change of each figure against the shown block before it.

Every figure comes from `services.results.visible_results` (the one place answers are read): a
block that is still running, has an open round or has fewer than k answers gives nothing here,
and a team whose only rounds are open says so instead (`waiting`). A change is the difference of
two figures that are each visible on their own, so it reveals nothing the Team page does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from trusthabits.db.models import Team
from trusthabits.db.rows import stored_id
from trusthabits.services import results
from trusthabits.services.results import Block


@dataclass(frozen=True)
class TeamInReflection:
    team_id: int
    team_name: str
    language: str
    k: int
    block: Block | None  # the latest shown block (None: nothing may be shown yet)
    before: Block | None  # the shown block before it, for the change
    open_rounds: int  # rounds still open: participation only, never a figure

    @property
    def waiting(self) -> bool:
        """Only open rounds (or none at all) so far: nothing to show yet."""
        return self.block is None


def latest_shown(found: results.TeamResults) -> tuple[Block | None, Block | None]:
    shown = found.shown_blocks()
    return (shown[-1] if shown else None), (shown[-2] if len(shown) > 1 else None)


def team_results(session: Session, manager_id: int, now: datetime) -> list[TeamInReflection]:
    """One entry per team of the manager (by name), each scoped by `visible_results`."""
    teams = session.exec(select(Team).where(Team.manager_id == manager_id).order_by(col(Team.name), col(Team.id)))
    found_all = []
    for team in teams.all():
        found = results.visible_results(session, manager_id, stored_id(team), now)
        block, before = latest_shown(found)
        found_all.append(TeamInReflection(stored_id(team), team.name, team.language, found.k, block, before,
                                          len(found.open_rounds)))
    return found_all


def change(now_value: float | None, before_value: float | None) -> float | None:
    if now_value is None or before_value is None:
        return None
    return round(now_value - before_value, 2)
