"""Presenters: what a page shows, built as frozen rows from service results, in either language.
Pure functions: no state, no database, no browser."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from functools import partial

import pytest

from trusthabits.core.anonymity import Figure
from trusthabits.core.i18n import translate
from trusthabits.core.scoring import HabitStrength
from trusthabits.services.actions import Entry, WeekSummary
from trusthabits.services.habits import PauseView
from trusthabits.services.history import HeatCell
from trusthabits.services.mail import OutboxItem
from trusthabits.services.reflections import PastReflection, WeekReflection
from trusthabits.services.results import Block, OpenRound, TeamResults
from trusthabits.services.schedules import RoundStatus, TeamStatus
from trusthabits.services.teams import AddedMembers, TeamSummary
from trusthabits.ui.presenters import entries, habits, history, reflect, teams, trends, week

EN = partial(translate, language="en")
NL = partial(translate, language="nl")
TODAY = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _entry(day: date, micro: str | None = None, note: str = "") -> Entry:
    return Entry(7, "uid", "courage", micro, note, day, NOW, NOW)


def test_days_are_named_relative_to_today_in_both_languages():
    assert entries.day_label(TODAY, TODAY, EN) == "Today"
    assert entries.day_label(date(2026, 11, 25), TODAY, NL) == "Gisteren"
    assert entries.day_label(date(2026, 11, 19), TODAY, EN) == "Thu 19 Nov"
    assert entries.day_label(date(2025, 11, 19), TODAY, EN) == "19 Nov 2025"


def test_an_entry_row_is_frozen_and_typed():
    row = entries.entry_row(_entry(TODAY, "kept_word", "said so"), TODAY, EN)
    assert (row.id, row.name, row.colour, row.day, row.day_label) == (7, "Courage", row.colour, "2026-11-26", "Today")
    assert row.micro == "Kept a promise that cost me effort" and row.note == "said so"
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.note = "changed"  # type: ignore[misc]
    assert entries.entry_row(_entry(TODAY), TODAY, NL).micro == ""


def test_this_week_names_what_is_untouched_or_says_all_done():
    counts = {key: [0] * 7 for key in ("empowerment", "stewardship", "courage", "humility", "standing_back",
                                       "forgiveness")}
    counts["courage"][3] = 2
    glance = week.week_glance(WeekSummary([], counts), TODAY, EN)
    assert glance.totals["courage"] == 2 and glance.today_index == 3
    assert glance.status.startswith("Still untouched this week: Empowerment, Stewardship, Humility")
    done = week.week_glance(WeekSummary([], {key: [1] * 7 for key in counts}), TODAY, NL)
    assert "Courage" not in done.status and done.totals["forgiveness"] == 7


def test_the_heatmap_colours_by_level_and_labels_each_month_once():
    cells = [HeatCell(date(2026, 10, 26), 0, 0, False), HeatCell(date(2026, 10, 27), 5, 4, False),
             *[HeatCell(date(2026, 10, 28 + n), 1, 1, False) for n in range(4)],
             HeatCell(date(2026, 11, 1), 0, 0, False),
             HeatCell(date(2026, 11, 2), 2, 2, False), HeatCell(date(2026, 11, 3), 0, 0, True)]
    shown = history.heatmap(cells, TODAY, "courage", EN)
    assert shown.colour == "crimson"  # courage's own scale
    assert shown.cells[1].level == 4 and shown.cells[-1] == history.HeatCellRow(history.FUTURE, "")
    assert shown.months == ["Oct", "Nov"]
    assert shown.summary == "Entries in the last 12 months: 11"
    assert history.heatmap(cells, TODAY, None, EN).colour == "teal"  # all behaviours: the accent


def test_habit_strengths_and_pauses_in_words():
    found = {"courage": HabitStrength(score=64, streak=3, this_week=1, target=2, paused_now=True)}
    shown = habits.strengths(found, NL)
    assert shown.scores == {"courage": 64} and shown.targets == {"courage": "2"} and shown.paused_now
    assert shown.progress["courage"] == translate("habits.this_week", "nl", count=1, target=2)
    rows = habits.pause_rows([PauseView(4, date(2026, 11, 25), TODAY)], TODAY, EN)
    assert rows == [habits.PauseRow(4, "Yesterday – Today")]


def test_an_open_round_shows_participation_only_and_a_block_its_released_figures():
    open_round = OpenRound(round_id=9, iso_week="2026-W48", invited=5, answered=2, closes_at=NOW)
    view = teams.open_round_view(open_round, 3, "Europe/Amsterdam", EN)
    assert view.figures == [] and not view.shown and not view.closed
    assert view.answered == "2 of 5 answered" and view.not_enough.startswith("While the round is open you see only")
    assert view.status == "Open until 2026-11-26 13:00 (Europe/Amsterdam)"
    assert view.by_hand == "" and not view.can_close
    by_hand = teams.open_round_view(dataclasses.replace(open_round, links_by_hand=True, answered=3), 3,
                                    "Europe/Amsterdam", EN)
    assert by_hand.by_hand == "Links handed out by hand" and by_hand.can_close
    block = Block("2026-W47", "2026-W48", ("2026-W47", "2026-W48"), (7, 9), 8, 4, True, True, 3, 4,
                  trust=Figure(3.75, 4), needs={"autonomy": Figure(4.0, 4), "competence": Figure(3.5, 4)},
                  comments=("more of this",))
    shown = teams.block_view(block, NL)
    assert [f.value for f in shown.figures] == ["3.75", "4.00", "3.50"]  # no figure for a missing need
    assert shown.comments == ["more of this"] and shown.closed and shown.heading == "Weken 2026-W47 t/m 2026-W48"
    below_k = dataclasses.replace(block, answered=2, shown=False, trust=None, needs={}, comments=())
    hidden = teams.block_view(below_k, EN)
    assert hidden.figures == [] and hidden.not_enough == "Not enough answers yet (2 of 3)."
    results = TeamResults(1, 3, "2026-W48", 2, None, (block,), (open_round,))
    # The open round's card, then the block (it also holds a closed round): never figures for W48 alone.
    assert [v.heading for v in teams.result_views(results, "Europe/Amsterdam", EN)] == [
        "Week 2026-W48", "Weeks 2026-W47 to 2026-W48"]


def test_team_rows_members_report_and_status():
    summary = TeamSummary(id=3, name="Blue", language="nl", time_zone="Europe/Amsterdam", k=3, active_members=4)
    assert teams.team_rows([summary], EN) == [teams.TeamRow("/team/3", "Blue", "4 active members", "Nederlands")]
    assert teams.team_facts(summary, EN) == "4 active members · Nederlands · Europe/Amsterdam"
    report, invalid = teams.added_report(AddedMembers(["a@x.org"], ["b@x.org"], [("nope", "error.email_invalid")]), EN)
    assert report == ["Added: 1.", "Already in the team: 1."]
    assert invalid == ["nope: This does not look like an email address."]
    status = teams.schedule_status(TeamStatus("Fri 13:00", "Fri 16:00", [RoundStatus("2026-W48", 0, 2, 0)]), EN)
    assert status.warnings == [translate("status.undelivered", "en", week="2026-W48")]


def test_outbox_rows_flag_failures_as_booleans():
    item = OutboxItem(1, "a@x.org", "Hi", "failed", 3, "550 no", "", NOW)
    row = teams.outbox_rows([item], EN)[0]
    assert row.failed is True and row.error == "Attempts: 3. Last error: 550 no" and row.status == "failed"


def test_reflection_week_in_words_and_past_rows():
    view = WeekReflection(week="2026-W48", counts={"courage": 2, "humility": 0}, not_practised=["humility"],
                          focus="humility", question_key="humility.1", went_well="", try_next="", finished=False)
    words = reflect.week_in_words(view, "en", EN)
    assert words.logged == ["Courage: 2×"] and words.not_practised == "Not practised: Humility"
    assert words.question and words.heading == "Reflection 2026-W48"
    assert reflect.past_rows([PastReflection("2026-W47", "ask more", True)], NL)[0].href == "/reflect/2026-W47"


def test_trend_choices_keep_the_current_one_while_it_is_offered():
    choices = trends.team_choices([(1, "Blue"), (2, "Red")])
    assert trends.kept_choice("2", choices) == "2"
    assert trends.kept_choice("9", choices) == "1"
    assert trends.kept_choice("1", []) == ""
