"""The behaviour catalogue is complete data, and the rest of the app follows it."""

from __future__ import annotations

from datetime import date

from trusthabits.core import behaviours
from trusthabits.core.action_log import day_error, entry_errors, note_error
from trusthabits.core.i18n import CATALOGUES

TODAY = date(2026, 11, 26)


def test_six_behaviours_each_with_texts_icon_colour_and_five_micro_actions():
    assert behaviours.KEYS == ("empowerment", "stewardship", "courage", "humility", "standing_back", "forgiveness")
    for b in behaviours.BEHAVIOURS:
        assert b.icon and b.colour
        for texts in (b.name, b.description, *[m.text for m in b.micro_actions]):
            assert set(texts) == {"en", "nl"} and all(v.strip() for v in texts.values())
        assert len(b.micro_actions) >= 5
        assert len({m.key for m in b.micro_actions}) == len(b.micro_actions)


def test_every_behaviour_text_is_in_the_message_catalogue():
    for b in behaviours.BEHAVIOURS:
        assert CATALOGUES["nl"][f"behaviour.{b.key}.name"] == b.name["nl"]
        for m in b.micro_actions:
            assert CATALOGUES["en"][f"micro.{b.key}.{m.key}"] == m.text["en"]


def test_dutch_names():
    assert behaviours.name("stewardship", "nl") == "Rentmeesterschap"
    assert behaviours.name("standing_back", "nl") == "Dienstbaarheid"


def test_entry_rules():
    assert entry_errors("courage", None, "", TODAY, TODAY) == {}
    assert entry_errors("courage", "kept_word", "x" * 280, date(2026, 11, 19), TODAY) == {}
    assert entry_errors("bravado", None, "", TODAY, TODAY) == {"behaviour": "error.behaviour_unknown"}
    assert entry_errors("courage", "let_decide", "", TODAY, TODAY) == {"micro_action": "error.micro_action_unknown"}
    assert note_error("x" * 281) == "error.note_too_long"
    assert day_error(date(2026, 11, 27), TODAY) == "error.day_in_future"
    assert day_error(date(2026, 11, 18), TODAY) == "error.day_too_old"
