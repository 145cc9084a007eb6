"""Instrument versions: version 2 adds one rotating "seen by the team" item per week; version 1
stays exactly as it was, so answers given under it stay readable."""

from __future__ import annotations

import hashlib
import json

from trusthabits.core import instrument
from trusthabits.core.behaviours import KEYS
from trusthabits.core.calendar import shift_week
from trusthabits.core.instrument import CURRENT, TRUST, V1, V2, seen_behaviour


def _fingerprint(version: instrument.Instrument) -> str:
    items = [*version.trust_items, *(i for bank in version.need_banks.values() for i in bank), *version.seen_items]
    data = [(i.key, i.construct, i.text, i.reverse) for i in items]
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def test_version_one_is_unchanged():
    # The wording and keys of version 1 as shipped (fingerprint taken from main before version 2
    # existed): changing them would change what old answers mean.
    assert _fingerprint(V1) == "6a13163cf1dc6a7609a5821294ead9f0d6f89d9cbe9bbfbe0099b981ff598b6e"
    assert all(len(V1.items_for_week(w)) == 7 for w in ("2026-W01", "2026-W02", "2026-W03"))
    assert V1.seen_items == () and V1.seen_item_for_week("2026-W05") is None


def test_new_rounds_use_version_two_and_old_versions_stay_known():
    assert CURRENT is V2 and instrument.instrument(1) is V1 and instrument.instrument(2) is V2


def test_version_two_keeps_version_one_items_and_adds_one_seen_item_a_week():
    for offset in range(12):
        week = shift_week("2026-W01", offset)
        v1, v2 = V1.items_for_week(week), V2.items_for_week(week)
        assert v2[:-1] == v1
        seen = v2[-1]
        assert seen_behaviour(seen.construct) in KEYS and not seen.reverse
        assert seen.text["en"].startswith("This week my manager") and seen.text["nl"].startswith("Deze week")


def test_the_seen_item_rotates_through_every_behaviour():
    asked = [seen_behaviour(V2.seen_item_for_week(shift_week("2026-W01", i)).construct) for i in range(6)]
    assert sorted(asked) == sorted(KEYS)
    assert asked[0] != asked[1]
    assert set(V2.seen_behaviours()) == set(KEYS)


def test_a_chosen_seen_behaviour_overrides_the_rotation():
    items = V2.items_for_week("2026-W01", seen="courage")
    assert items[-1].key == "seen_courage"


def test_an_answer_key_is_read_with_its_own_version():
    assert V1.item("seen_courage") is None
    assert V2.item("seen_courage").construct == "seen:courage"
    assert V1.item("trust_word") is V2.item("trust_word") and V2.item("trust_word").construct == TRUST


def test_seen_items_are_written_fresh_in_both_languages():
    texts = [item.text for item in V2.seen_items]
    assert all(t["en"] and t["nl"] and t["en"] != t["nl"] for t in texts)
    assert len({t["en"] for t in texts}) == len(texts) == len(KEYS)
