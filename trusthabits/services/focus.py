"""A manager's personal focus: behaviours in focus (first on Today; named by the daily nudge and
the reflection prompt), behaviours hidden from Today (history kept) and own micro-actions.

Every function is scoped by the signed-in manager's id; another manager's own micro-action is
answered exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from trusthabits.core import behaviours
from trusthabits.core import focus as rules
from trusthabits.core.errors import FieldErrors, NotFound
from trusthabits.db.models import HabitPrefs, OwnMicroAction
from trusthabits.db.rows import stored_id


class OwnMicroActionNotFound(NotFound):
    """No own micro-action with this id belongs to this manager."""


@dataclass(frozen=True)
class OwnAction:
    id: int
    behaviour: str
    text: str

    @property
    def key(self) -> str:
        return rules.own_key(self.id)


@dataclass(frozen=True)
class FocusView:
    focus: list[str]
    hidden: list[str]
    own: dict[str, list[OwnAction]] = field(default_factory=dict)

    @property
    def order(self) -> list[str]:
        """What Today shows, in order."""
        return rules.today_order(self.focus, self.hidden)


def prefs(session: Session, manager_id: int) -> HabitPrefs:
    """The manager's stored preferences, or unsaved defaults."""
    return session.get(HabitPrefs, manager_id) or HabitPrefs(manager_id=manager_id)


def behaviours_in_focus(session: Session, manager_id: int) -> list[str]:
    """The manager's behaviours in focus, in the order chosen (empty: no focus). For the daily
    nudge and the weekly reflection prompt."""
    row = prefs(session, manager_id)
    hidden = rules.parse_keys(row.hidden)
    return [key for key in rules.parse_keys(row.focus) if key not in hidden]


def own_actions(session: Session, manager_id: int) -> dict[str, list[OwnAction]]:
    rows = session.exec(
        select(OwnMicroAction).where(OwnMicroAction.manager_id == manager_id).order_by(col(OwnMicroAction.id))
    ).all()
    found: dict[str, list[OwnAction]] = {key: [] for key in behaviours.KEYS}
    for row in rows:
        if row.behaviour in found:
            found[row.behaviour].append(OwnAction(stored_id(row), row.behaviour, row.text))
    return found


def get_focus(session: Session, manager_id: int) -> FocusView:
    row = prefs(session, manager_id)
    hidden = rules.parse_keys(row.hidden)
    focus = [key for key in rules.parse_keys(row.focus) if key not in hidden]
    return FocusView(focus, hidden, own_actions(session, manager_id))


def _save(session: Session, row: HabitPrefs) -> None:
    session.add(row)
    session.commit()


def set_focus(session: Session, manager_id: int, keys: list[str]) -> FocusView:
    """Replace the behaviours in focus (in this order)."""
    row = prefs(session, manager_id)
    hidden = rules.parse_keys(row.hidden)
    if key := rules.focus_error(keys, hidden):
        raise FieldErrors({"focus": key})
    row.focus = rules.join_keys(keys)
    _save(session, row)
    return get_focus(session, manager_id)


def toggle_focus(session: Session, manager_id: int, behaviour: str) -> FocusView:
    """Put a behaviour in focus (last), or take it out."""
    current = get_focus(session, manager_id).focus
    wanted = [k for k in current if k != behaviour] if behaviour in current else [*current, behaviour]
    return set_focus(session, manager_id, wanted)


def set_hidden(session: Session, manager_id: int, behaviour: str, hidden: bool) -> FocusView:
    """Hide a behaviour from Today (its entries stay) or show it again. A hidden behaviour
    leaves the focus."""
    row = prefs(session, manager_id)
    current = rules.parse_keys(row.hidden)
    wanted = ([*current, behaviour] if behaviour not in current else current) if hidden else \
        [k for k in current if k != behaviour]
    if key := rules.hidden_error(wanted):
        raise FieldErrors({"hidden": key})
    row.hidden = rules.join_keys(wanted)
    row.focus = rules.join_keys(k for k in rules.parse_keys(row.focus) if k not in wanted)
    _save(session, row)
    return get_focus(session, manager_id)


def add_own_action(session: Session, manager_id: int, behaviour: str, text: str) -> OwnAction:
    if not behaviours.is_behaviour(behaviour):
        raise FieldErrors({"behaviour": "error.behaviour_unknown"})
    text = rules.normalise_own_text(text)
    existing = [item.text for item in own_actions(session, manager_id)[behaviour]]
    if key := rules.own_text_error(text, existing):
        raise FieldErrors({"text": key})
    row = OwnMicroAction(manager_id=manager_id, behaviour=behaviour, text=text)
    session.add(row)
    session.commit()
    return OwnAction(stored_id(row), behaviour, text)


def _owned(session: Session, manager_id: int, own_id: int) -> OwnMicroAction:
    row = session.exec(
        select(OwnMicroAction).where(OwnMicroAction.id == own_id, OwnMicroAction.manager_id == manager_id)
    ).first()
    if row is None:
        raise OwnMicroActionNotFound(own_id)
    return row


def remove_own_action(session: Session, manager_id: int, own_id: int) -> None:
    """Remove an own micro-action. Entries that used it keep their behaviour and note; the
    micro-action then reads as removed."""
    session.delete(_owned(session, manager_id, own_id))
    session.commit()


def own_action_exists(session: Session, manager_id: int, behaviour: str, micro_action: str) -> bool:
    """Whether `own:<id>` names one of this manager's own micro-actions for this behaviour."""
    own_id = rules.own_id(micro_action)
    if own_id is None or own_id < 0:
        return False
    return session.exec(
        select(OwnMicroAction.id).where(OwnMicroAction.id == own_id, OwnMicroAction.manager_id == manager_id,
                                        OwnMicroAction.behaviour == behaviour)
    ).first() is not None


def own_texts(session: Session, manager_id: int) -> dict[str, str]:
    """`own:<id>` → text, for showing entries."""
    return {item.key: item.text for items in own_actions(session, manager_id).values() for item in items}
