"""The team in the reflection (services/team_reflection.py and its presenter): figures only for
closed blocks at k or more, the change against the shown block before, released comments only,
and nothing but a note while only open rounds exist."""

from __future__ import annotations

from datetime import timedelta

from tests.services.pulse_helpers import NOW, answers, manager, past_round, send_round, team_with_members
from trusthabits.core.i18n import translate
from trusthabits.services import pulse_answers, results, team_reflection
from trusthabits.ui.presenters.reflect import team_cards

EN = lambda key, **values: translate(key, "en", **values)  # noqa: E731
SECRET = "only two of us answered this week"


def _given(week: str, value: int) -> dict[str, int]:
    return {key: int(v) for key, v in answers(week, value).items()}


def _texts(cards) -> str:
    return "\n".join([c.heading + c.answered + c.waiting + c.open_note + " ".join(c.comments)
                      + " ".join(f"{f.label} {f.value} {f.change}" for f in c.figures) for c in cards])


def test_team_figures_only_for_closed_blocks_at_k_or_more(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"), k=3)
    past_round(session, team.id, "2026-W44", [_given("2026-W44", 3)] * 3, comments=["W44 comment"])
    past_round(session, team.id, "2026-W45", [_given("2026-W45", 1)] * 2, comments=[SECRET])  # below k
    past_round(session, team.id, "2026-W46", [_given("2026-W46", 5)] * 4, comments=["more coffee"])
    # This week's round is open, with one answer: participation only.
    token = next(iter(send_round(session, ann.id, team.id).values()))
    pulse_answers.submit_pulse(session, token, answers(value=1), "open-round comment", NOW + timedelta(hours=1))

    later = NOW + timedelta(hours=2)
    [entry] = team_reflection.team_results(session, ann.id, later)
    found = results.visible_results(session, ann.id, team.id, later)
    by_week = {b.start_week: b for b in found.blocks}
    assert entry.block == by_week["2026-W46"] and entry.block.shown and entry.block.n == 4
    assert entry.before == by_week["2026-W44"]  # W45 (two answers) is skipped, never compared against
    assert entry.open_rounds == 1 and not entry.waiting
    assert entry.block.comments == ("more coffee",)

    [card] = team_cards([entry], EN)
    text = _texts([card])
    trust_change = entry.block.trust.value - entry.before.trust.value
    assert card.figures[0].value == f"{entry.block.trust.value:.2f}"
    assert card.figures[0].change == EN("reflect.team_change", change=f"{trust_change:+.2f}", weeks="2026-W44")
    assert card.comments == ["more coffee"] and card.open_note
    assert SECRET not in text and "open-round comment" not in text and "W44 comment" not in text
    # Every figure shown is one of W46's (four answers), none over W45's two or the open round's one.
    block = entry.block
    expected = [f"{block.trust.value:.2f}", *(f"{f.value:.2f}" for f in block.needs.values()),
                *(f"{f.value:.2f}" for f in block.seen.values())]
    assert [f.value for f in card.figures] == expected


def test_only_open_rounds_show_nothing_and_say_so(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, k=3)
    for token in list(send_round(session, ann.id, team.id).values())[:3]:
        pulse_answers.submit_pulse(session, token, answers(value=4), "a comment", NOW + timedelta(hours=1))
    [entry] = team_reflection.team_results(session, ann.id, NOW + timedelta(hours=2))
    assert entry.waiting and entry.block is None and entry.open_rounds == 1
    [card] = team_cards([entry], EN)
    assert card.figures == [] and card.comments == [] and card.heading == ""
    assert card.waiting == EN("reflect.team_waiting", k=3) and card.open_note == EN("reflect.team_open")


def test_a_closed_block_below_k_shows_nothing_and_other_managers_teams_never_appear(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    team = team_with_members(session, ann.id, k=3)
    past_round(session, team.id, "2026-W46", [_given("2026-W46", 2)] * 2, comments=[SECRET])
    bobs = team_with_members(session, bob.id, emails=("p@x.nl", "q@x.nl", "r@x.nl"), k=3)
    past_round(session, bobs.id, "2026-W46", [_given("2026-W46", 4)] * 3)
    [entry] = team_reflection.team_results(session, ann.id, NOW)
    assert entry.team_id == team.id and entry.block is None and entry.open_rounds == 0
    assert SECRET not in _texts(team_cards([entry], EN))
    [first] = team_cards(team_reflection.team_results(session, bob.id, NOW), EN)
    assert first.figures and first.figures[0].change == EN("reflect.team_first")
