"""Trends: "logged by you" next to "seen by the team" (services/trends.py, its presenter): the seen
side only from blocks the anonymity rule shows, the sentence where the two diverge, and wording
that never judges the manager, in both languages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.services.pulse_helpers import answers, manager, past_round, team_with_members
from trusthabits.core.calendar import week_monday
from trusthabits.core.i18n import CATALOGUES, translate
from trusthabits.core.instrument import CURRENT, seen_behaviour
from trusthabits.services import actions, results, trends
from trusthabits.ui.presenters import trends as present

EN = lambda key, **values: translate(key, "en", **values)  # noqa: E731
WEEKS = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]
# Words that would turn a description into a verdict on the manager.
VERDICT_WORDS = {
    "en": [r"wrong", r"fail\w*", r"bad\w*", r"should", r"must", r"overestimat\w*", r"underestimat\w*",
           r"lie\w*", r"poor\w*", r"blame\w*", r"fault\w*", r"incorrect\w*", r"mistake\w*"],
    "nl": [r"fout\w*", r"faal\w*", r"slecht\w*", r"moet\w*", r"overschat\w*", r"onderschat\w*", r"lieg\w*",
           r"schuld\w*", r"onjuist\w*", r"vergis\w*", r"tekortschiet\w*"],
}


def _given(week: str, value: int, seen: int) -> dict[str, int]:
    item = CURRENT.seen_item_for_week(week)
    return {key: int(v) for key, v in answers(week, value).items()} | ({item.key: seen} if item else {})


def _setup(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"), k=3)
    # Three weeks at k (the team says it saw little: 1 or 2), one week below k (5: must not show).
    for week, count, seen in zip(WEEKS, (3, 4, 2, 3), (2, 1, 5, 2), strict=True):
        past_round(session, team.id, week, [_given(week, 4, seen)] * count)
    # The manager logs the week's behaviour three times in each of those weeks.
    for week in WEEKS:
        behaviour = seen_behaviour(CURRENT.seen_item_for_week(week).construct)
        for offset in range(3):
            day = week_monday(week) + timedelta(days=offset)
            actions.log_action(session, ann.id, behaviour, day=day,
                               now=datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
    return ann, team


def test_the_seen_side_comes_only_from_shown_blocks(session):
    ann, team = _setup(session)
    now = datetime(2026, 11, 2, 12, tzinfo=UTC)
    found = results.visible_results(session, ann.id, team.id, now)
    shown = {b.start_week: b for b in found.shown_blocks()}
    assert set(shown) == {"2026-W40", "2026-W41", "2026-W43"}

    series = trends.team_trends(session, ann.id, team.id, "all", now.date(), now)
    points = trends.logged_vs_seen_points(series)
    released = sorted((p.weeks[0], b, p.seen) for b, found_points in points.items() for p in found_points)
    expected = sorted((week, b, f.value) for week, block in shown.items() for b, f in block.seen.items())
    assert released == expected and released  # exactly the figures visible_results released
    assert not any(week == "2026-W42" for week, _, _ in released)  # below k: no seen figure at all
    assert all(p.logged_per_week == 3 for found_points in points.values() for p in found_points)

    rows = present.chart_rows(series)
    w42 = next(row for row in rows if row["label"] == "W42")
    behaviour_42 = seen_behaviour(CURRENT.seen_item_for_week("2026-W42").construct)
    assert w42[f"seen_{behaviour_42}"] is None
    svg = present.seen_chart_svg(rows, behaviour_42, EN)
    assert 'id="seen-chart"' in svg and "<circle" not in svg  # only W42 asked about it, and it is hidden


def test_the_insight_says_plainly_where_logged_and_seen_diverge(session):
    ann, team = _setup(session)
    now = datetime(2026, 11, 2, 12, tzinfo=UTC)
    _, found, _ = trends.page_data(session, ann.id, team.id, "8w", now.date(), now)
    texts = present.insight_texts(found, "en")
    # Logged 3 a week while the team's answer stayed at 1–2: each such behaviour gets the sentence.
    assert texts.seen and all("differ here" in line for line in texts.seen)
    assert any(texts.seen_behaviour.values())
    for language in ("en", "nl"):
        for sentence in found.seen:
            text = sentence.text(language)
            for word in VERDICT_WORDS[language]:
                assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), (language, word, text)


def test_no_seen_figures_yet_says_what_it_waits_for(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, k=3)
    now = datetime(2026, 11, 2, 12, tzinfo=UTC)
    _, found, _ = trends.page_data(session, ann.id, team.id, "8w", now.date(), now)
    assert [s.key for s in found.seen] == ["insight.seen_waiting"]


def test_logged_vs_seen_and_reflection_texts_never_judge_nor_claim_cause():
    """The catalogue texts of this issue, both languages, against the verdict words (the causal
    words are checked over every "insight.*" text in tests/core/test_insight_sentences.py)."""
    from tests.core.test_insight_sentences import _causal

    prefixes = ("insight.seen_", "trends.seen_", "reflect.team_", "heard.")
    checked = 0
    for language, messages in CATALOGUES.items():
        for key, text in messages.items():
            if key.startswith(prefixes):
                checked += 1
                assert not _causal(language).search(text), (language, key, text)
                for word in VERDICT_WORDS[language]:
                    assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), (language, key, word)
    assert checked > 40
