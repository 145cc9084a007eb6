"""A manager's personal focus on a real SQLite file: focus (1–3, in order, first on Today),
hidden behaviours (history kept), own micro-actions (≤ 20 per behaviour, as typed) usable in
entries, validation with catalogue keys, and one manager never touching another's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trusthabits.core import behaviours
from trusthabits.core import focus as rules
from trusthabits.core.errors import FieldErrors
from trusthabits.core.i18n import translate
from trusthabits.services import accounts, actions, focus

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def manager(session, email="ann@example.com"):
    return accounts.register(session, name="Ann", email=email, password="correct horse battery", locale="nl",
                             time_zone="Europe/Amsterdam").id


def test_no_focus_by_default_and_today_shows_the_catalogue_order(session):
    ann = manager(session)
    view = focus.get_focus(session, ann)
    assert (view.focus, view.hidden, view.order) == ([], [], list(behaviours.KEYS))
    assert focus.behaviours_in_focus(session, ann) == []


def test_focus_comes_first_in_the_order_chosen_and_at_most_three(session):
    ann = manager(session)
    focus.toggle_focus(session, ann, "humility")
    view = focus.toggle_focus(session, ann, "courage")
    assert view.focus == ["humility", "courage"]
    assert view.order[:2] == ["humility", "courage"] and sorted(view.order) == sorted(behaviours.KEYS)
    focus.toggle_focus(session, ann, "forgiveness")
    with pytest.raises(FieldErrors) as refused:
        focus.toggle_focus(session, ann, "empowerment")
    assert refused.value.errors == {"focus": "error.focus_too_many"}
    assert translate("error.focus_too_many", "nl").startswith("Hoogstens drie")
    assert focus.toggle_focus(session, ann, "courage").focus == ["humility", "forgiveness"]
    assert focus.behaviours_in_focus(session, ann) == ["humility", "forgiveness"]


@pytest.mark.parametrize("keys, error", [
    (["nope"], "error.behaviour_unknown"),
    (["courage", "courage"], "error.focus_repeated"),
    (["courage", "humility", "forgiveness", "stewardship"], "error.focus_too_many"),
])
def test_a_bad_focus_is_refused_and_nothing_changes(session, keys, error):
    ann = manager(session)
    focus.set_focus(session, ann, ["stewardship"])
    with pytest.raises(FieldErrors) as refused:
        focus.set_focus(session, ann, keys)
    assert refused.value.errors == {"focus": error}
    assert focus.get_focus(session, ann).focus == ["stewardship"]


def test_hiding_keeps_history_leaves_focus_and_can_be_undone(session):
    ann = manager(session)
    entry = actions.log_action(session, ann, "courage", now=NOW)
    focus.set_focus(session, ann, ["courage", "humility"])
    view = focus.set_hidden(session, ann, "courage", True)
    assert view.hidden == ["courage"] and view.focus == ["humility"] and "courage" not in view.order
    assert actions.get_entry(session, ann, entry.id).behaviour == "courage"  # history kept
    with pytest.raises(FieldErrors) as refused:
        focus.set_focus(session, ann, ["courage"])
    assert refused.value.errors == {"focus": "error.focus_hidden"}
    assert "courage" in focus.set_hidden(session, ann, "courage", False).order


def test_at_least_one_behaviour_stays_on_today(session):
    ann = manager(session)
    for key in behaviours.KEYS[:-1]:
        focus.set_hidden(session, ann, key, True)
    with pytest.raises(FieldErrors) as refused:
        focus.set_hidden(session, ann, behaviours.KEYS[-1], True)
    assert refused.value.errors == {"hidden": "error.hide_all"}
    with pytest.raises(FieldErrors):
        focus.set_hidden(session, ann, "<script>", True)


def test_own_micro_actions_as_typed_at_most_twenty_and_usable_in_entries(session):
    ann = manager(session)
    own = focus.add_own_action(session, ann, "humility", "  Vroeg   Bart om raad ")
    assert own.text == "Vroeg Bart om raad"
    entry = actions.log_action(session, ann, "humility", micro_action=own.key, now=NOW)
    assert entry.micro_action == own.key
    assert focus.own_texts(session, ann) == {own.key: "Vroeg Bart om raad"}
    # The same action for another behaviour is not this behaviour's.
    with pytest.raises(FieldErrors) as refused:
        actions.log_action(session, ann, "courage", micro_action=own.key, now=NOW)
    assert refused.value.errors == {"micro_action": "error.micro_action_unknown"}
    with pytest.raises(FieldErrors) as refused:
        focus.add_own_action(session, ann, "humility", "vroeg bart om raad")
    assert refused.value.errors == {"text": "error.own_micro_exists"}
    for n in range(19):
        focus.add_own_action(session, ann, "humility", f"Action {n}")
    with pytest.raises(FieldErrors) as refused:
        focus.add_own_action(session, ann, "humility", "One too many")
    assert refused.value.errors == {"text": "error.own_micro_too_many"}
    assert len(focus.own_actions(session, ann)["humility"]) == rules.MAX_OWN_PER_BEHAVIOUR


@pytest.mark.parametrize("text, error", [
    ("", "error.own_micro_empty"),
    ("   ", "error.own_micro_empty"),
    ("x" * 81, "error.own_micro_too_long"),
    ("bell\x07", "error.own_micro_invalid"),
])
def test_bad_own_micro_actions_are_refused(session, text, error):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        focus.add_own_action(session, ann, "humility", text)
    assert refused.value.errors == {"text": error}
    with pytest.raises(FieldErrors) as refused:
        focus.add_own_action(session, ann, "nope", "fine text")
    assert refused.value.errors == {"behaviour": "error.behaviour_unknown"}


def test_another_managers_own_actions_are_out_of_reach(session):
    ann, bob = manager(session), manager(session, "bob@example.com")
    own = focus.add_own_action(session, ann, "courage", "Stood up for Bart")
    with pytest.raises(FieldErrors):
        actions.log_action(session, bob, "courage", micro_action=own.key, now=NOW)
    with pytest.raises(focus.OwnMicroActionNotFound):
        focus.remove_own_action(session, bob, own.id)
    assert focus.own_texts(session, bob) == {}
    for bad in ("own:", "own:abc", "own:-1", "own:" + "9" * 40):
        with pytest.raises(FieldErrors):
            actions.log_action(session, ann, "courage", micro_action=bad, now=NOW)


def test_a_removed_own_action_leaves_the_entry(session):
    ann = manager(session)
    own = focus.add_own_action(session, ann, "courage", "Stood up for Bart")
    entry = actions.log_action(session, ann, "courage", micro_action=own.key, now=NOW)
    focus.remove_own_action(session, ann, own.id)
    assert actions.get_entry(session, ann, entry.id).micro_action == own.key
    assert focus.own_texts(session, ann) == {}


def test_an_export_with_own_actions_imports_again(session):
    from trusthabits.services import data_transfer

    ann, bob = manager(session), manager(session, "bob@example.com")
    own = focus.add_own_action(session, ann, "courage", "Stood up for Bart")
    actions.log_action(session, ann, "courage", micro_action=own.key)
    exported = data_transfer.export_json(session, ann)
    assert data_transfer.import_json(session, ann, exported).added == 0  # its own file: nothing new
    assert data_transfer.import_json(session, bob, exported).added == 1  # another account: without the own action
    assert [e.micro_action for e in actions.recent_entries(session, bob, NOW.date().replace(year=2000))] == [None]


def test_waiting_taps_cannot_fill_a_day_beyond_the_cap(session):
    import uuid
    from datetime import timedelta

    ann = manager(session)
    for n in range(actions.MAX_QUEUED_PER_DAY):
        actions.log_queued_tap(session, ann, uid=uuid.uuid4().hex, behaviour="courage",
                               tapped_at=NOW - timedelta(seconds=n), now=NOW)
    with pytest.raises(FieldErrors) as refused:
        actions.log_queued_tap(session, ann, uid=uuid.uuid4().hex, behaviour="courage", tapped_at=NOW, now=NOW)
    assert refused.value.errors == {"day": "error.tap_too_many"}
    # A retry of a tap already made still answers with its entry.
    first = actions.recent_entries(session, ann, NOW.date(), 1)[0]
    assert actions.log_queued_tap(session, ann, uid=first.uid, behaviour="courage", tapped_at=NOW, now=NOW)[1] is False
