"""The wording layer over the insight statistics: what may be said, with n, never causal."""

from __future__ import annotations

import random
import re

from trusthabits.core.calendar import shift_week
from trusthabits.core.correlation import behaviour_correlations
from trusthabits.core.i18n import CATALOGUES
from trusthabits.core.insight_sentences import (
    behaviour_sentences,
    lag_cells,
    need_sentence,
    waiting_sentence,
)

WEEKS = [shift_week("2026-W01", i) for i in range(20)]


def _lagged(weeks, lag=1):
    counts = {w: (i * 7) % 5 for i, w in enumerate(weeks)}
    trust = {w: None for w in weeks}
    for i, w in enumerate(weeks):
        if i >= lag:
            trust[w] = 3.0 + 0.3 * counts[weeks[i - lag]]
    return counts, trust


def test_a_lagged_behaviour_is_described_at_its_lag_with_n():
    counts, trust = _lagged(WEEKS, lag=1)
    sentence = behaviour_sentences(behaviour_correlations(WEEKS, {"courage": counts}, trust))["courage"]
    assert sentence.key == "insight.together_strong" and not sentence.exploratory
    text = sentence.text("en")
    assert text.startswith("Courage: ") and "one week later" in text and "n = 19 weeks" in text
    assert "r = +1.00" in text
    assert "een week later" in sentence.text("nl") and "n = 19 weken" in sentence.text("nl")


def test_an_unrelated_behaviour_is_not_said_to_move_with_trust():
    rng = random.Random(7)
    counts = {w: rng.randint(0, 5) for w in WEEKS}
    trust = {w: round(rng.uniform(2.5, 4.5), 2) for w in WEEKS}
    sentence = behaviour_sentences(behaviour_correlations(WEEKS, {"humility": counts}, trust))["humility"]
    best = max((c for c in behaviour_correlations(WEEKS, {"humility": counts}, trust)["humility"]),
               key=lambda c: abs(c.r))
    assert abs(best.r) < 0.5  # the seed gives no strong link; the words must say so too
    assert sentence.key != "insight.together_strong" and "strong" not in sentence.key


def test_below_eight_paired_weeks_nothing_is_said_and_the_page_says_what_it_waits_for():
    counts, trust = _lagged(WEEKS[:7], lag=0)
    assert behaviour_sentences(behaviour_correlations(WEEKS[:7], {"courage": counts}, trust)) == {"courage": None}
    waiting = waiting_sentence(WEEKS[:7], trust, k=4)
    assert waiting.text("en") == "Waiting for 1 more weeks with at least 4 answers before anything can be said."


def test_weeks_below_k_do_not_count_towards_the_minimum():
    counts, trust = _lagged(WEEKS[:12], lag=0)
    for week in WEEKS[:6]:
        trust[week] = None  # below k: no trust value at all
    assert behaviour_sentences(behaviour_correlations(WEEKS[:12], {"courage": counts}, trust)) == {"courage": None}
    assert waiting_sentence(WEEKS[:12], trust, k=3).values["weeks"] == 2
    cells = [cell.text("en") for cell in lag_cells(behaviour_correlations(WEEKS[:12], {"c": counts}, trust)["c"])]
    assert cells[0] == "in the same week: too few weeks (n = 6)"


def test_between_eight_and_eleven_weeks_the_sentence_is_labelled_exploratory():
    counts, trust = _lagged(WEEKS[:9], lag=0)
    sentence = behaviour_sentences(behaviour_correlations(WEEKS[:9], {"courage": counts}, trust))["courage"]
    assert sentence.exploratory
    assert sentence.text("en").startswith("Exploratory: Courage:") and "n = 9 weeks" in sentence.text("en")
    assert waiting_sentence(WEEKS[:9], trust, k=3) is None


def test_opposite_direction_and_need_that_moved_most():
    counts = {w: i % 4 for i, w in enumerate(WEEKS)}
    trust = {w: 4.5 - 0.4 * counts[w] for w in WEEKS}
    assert behaviour_sentences(behaviour_correlations(WEEKS, {"forgiveness": counts},
        trust))["forgiveness"].key == "insight.opposite_strong"
    needs = {"autonomy": {w: trust[w] for w in WEEKS}, "competence": {w: 3.0 + (i % 3) for i, w in enumerate(WEEKS)}}
    sentence = need_sentence(WEEKS, trust, needs)
    assert sentence.text("en") == "Of the three needs, Autonomy moved most with trust (r = +1.00, n = 20 weeks)."


def test_insight_wording_never_uses_causal_words():
    causal = re.compile(r"\b(caus\w*|because|led to|leads to|drives?|made|effect|veroorza\w*|doordat|leidde|zorgde)\b",
                        re.IGNORECASE)
    for lang, messages in CATALOGUES.items():
        for key, text in messages.items():
            if key.startswith("insight."):
                assert not causal.search(text), (lang, key, text)
