"""History: the 12-month calendar heatmap and the paged, filterable list of entries.

Both stay fast with years of entries: the heatmap asks the database for counts per day (an
aggregate over the (manager_id, day) index, at most 371 rows back), and the list fetches one
page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from trusthabits.core.calendar import week_start
from trusthabits.db.models import ActionLog
from trusthabits.services.actions import Entry, to_entry

HEATMAP_WEEKS = 53  # 12 months, ending with the running week
PAGE_SIZE = 20
MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class HeatCell:
    day: date
    count: int
    level: int  # 0 (none) … 4 (most), for the colour
    future: bool


def _level(count: int) -> int:
    return 0 if count <= 0 else 1 if count == 1 else 2 if count == 2 else 3 if count <= 4 else 4


def heatmap(session: Session, manager_id: int, today: date, behaviour: str | None = None) -> list[HeatCell]:
    """One cell per day, Monday-first columns of weeks, oldest week first."""
    first = week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    query = (
        select(col(ActionLog.day), func.count())
        .where(ActionLog.manager_id == manager_id, ActionLog.day >= first, ActionLog.day <= today)
        .group_by(col(ActionLog.day))
    )
    if behaviour:
        query = query.where(ActionLog.behaviour == behaviour)
    counts = dict(session.exec(query).all())
    cells = []
    for offset in range(HEATMAP_WEEKS * 7):
        day = first + timedelta(days=offset)
        count = counts.get(day, 0)
        cells.append(HeatCell(day, count, _level(count), day > today))
    return cells


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entries_page(
    session: Session,
    manager_id: int,
    *,
    behaviour: str | None = None,
    search: str = "",
    page: int = 0,
    page_size: int = PAGE_SIZE,
) -> tuple[list[Entry], bool]:
    """One page of own entries, newest first, and whether an older page exists."""
    query = select(ActionLog).where(ActionLog.manager_id == manager_id)
    if behaviour:
        query = query.where(ActionLog.behaviour == behaviour)
    search = (search or "").strip()[:MAX_SEARCH_LENGTH]
    if search:
        query = query.where(col(ActionLog.note).ilike(f"%{_escape_like(search)}%", escape="\\"))
    query = query.order_by(col(ActionLog.day).desc(), col(ActionLog.created_at).desc(), col(ActionLog.id).desc())
    # One row more than a page tells whether there is a next page without counting them all.
    rows = session.exec(query.offset(max(page, 0) * page_size).limit(page_size + 1)).all()
    return [to_entry(row) for row in rows[:page_size]], len(rows) > page_size
