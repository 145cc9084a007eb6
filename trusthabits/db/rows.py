"""Typed access to stored rows: a row's id once it is stored, and a row that must exist.

SQLModel declares primary keys as `int | None` (None until the row is flushed); code that works
with stored rows says so with `stored_id(row)`, which fails loudly for a row that was never stored.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from sqlmodel import Session, SQLModel

from trusthabits.core.errors import NotFound


class Stored(Protocol):
    @property
    def id(self) -> int | None: ...


Row = TypeVar("Row", bound=SQLModel)


def stored_id(row: Stored) -> int:
    """The id of a stored row."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: it was never stored (flush or commit first)")
    return row.id


def required(session: Session, model: type[Row], ident: int) -> Row:
    """The row with this primary key; NotFound when there is none."""
    row = session.get(model, ident)
    if row is None:
        raise NotFound(f"{model.__name__} {ident}")
    return row
