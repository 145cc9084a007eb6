"""The wording layer over the insight statistics: what may be said, with n, never causal."""

from __future__ import annotations

import random
import re

from trusthabits.core.calendar import shift_week
from trusthabits.core.correlation import behaviour_correlations
from trusthabits.core.experiments import Period, compare, windows
from trusthabits.core.i18n import CATALOGUES
from trusthabits.core.insight_sentences import (
    basis_sentence,
    behaviour_sentences,
    caveat_key,
    experiment_sentence,
    lag_cells,
    need_sentence,
    none_yet_sentence,
    seen_sentences,
    unit_of,
    waiting_sentence,
)
from trusthabits.core.logged_vs_seen import SeenFigure, gaps, points

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


# A series in reporting blocks: the statistics count points, one per block (keyed by its first
# week), so n and the lags count blocks and the sentences must say so.
BLOCKS = [shift_week("2026-W02", 2 * i) for i in range(20)]


def test_a_series_is_counted_in_weeks_only_while_every_point_is_one_week():
    assert unit_of([1, 1, 1]) == "week" and unit_of([]) == "week"
    assert unit_of([2, 2]) == "block" and unit_of([4]) == "block"
    assert unit_of([1, 1, 2]) == "block"  # a team that changed its period: one word for the whole series


def test_a_block_series_counts_and_names_blocks_in_both_languages():
    counts, trust = _lagged(BLOCKS, lag=1)
    sentence = behaviour_sentences(behaviour_correlations(BLOCKS, {"courage": counts}, trust), "block")["courage"]
    assert sentence.text("en") == ("Courage: blocks with more of it and trust one block later moved closely "
                                   "together (r = +1.00, n = 19 blocks).")
    assert sentence.text("nl") == ("Moed: blokken met er meer van en het vertrouwen een blok later bewogen sterk "
                                   "samen (r = +1.00, n = 19 blokken).")
    cells = lag_cells(behaviour_correlations(BLOCKS, {"c": counts}, trust)["c"], "block")
    assert [cell.text("en").split(":")[0] for cell in cells] == ["in the same block", "one block later",
                                                                 "two blocks later"]
    assert [cell.text("nl").split(":")[0] for cell in cells] == ["in hetzelfde blok", "een blok later",
                                                                 "twee blokken later"]
    thin = {w: (None if i < 6 else v) for i, (w, v) in enumerate(_lagged(BLOCKS[:12], lag=0)[1].items())}
    cell = lag_cells(behaviour_correlations(BLOCKS[:12], {"c": counts}, thin)["c"], "block")[0]
    assert cell.text("en") == "in the same block: too few blocks (n = 6)"
    assert cell.text("nl") == "in hetzelfde blok: te weinig blokken (n = 6)"
    waiting = waiting_sentence(BLOCKS[:5], trust, k=3, unit="block")
    assert waiting.text("en") == "Waiting for 4 more blocks with at least 3 answers before anything can be said."
    assert waiting.text("nl") == "Nog 4 blokken met minstens 3 antwoorden nodig voordat er iets te zeggen valt."
    need = need_sentence(BLOCKS, trust, {"autonomy": trust}, "block")
    assert need.text("en").endswith("(r = +1.00, n = 19 blocks).") and need.text("nl").endswith("n = 19 blokken).")
    explored = behaviour_sentences(behaviour_correlations(BLOCKS[:9], {"courage": counts}, trust), "block")
    assert explored["courage"].text("en").startswith("Exploratory: Courage: blocks with more of it")
    assert none_yet_sentence("block").text("en") == ("Nothing to report yet: no behaviour has enough blocks paired "
                                                     "with trust.")
    assert "genoeg blokken naast" in none_yet_sentence("block").text("nl")
    assert basis_sentence(10, "block").text("en") == "Over all 10 blocks so far, whatever period the chart shows."
    assert basis_sentence(10, "block").text("nl") == ("Over alle 10 blokken tot nu toe, welke periode de grafiek "
                                                      "ook toont.")
    caveat = {lang: CATALOGUES[lang][caveat_key("block")] for lang in ("en", "nl")}
    assert "Fewer than 12 blocks is exploratory." in caveat["en"] and "Minder dan 12 blokken is" in caveat["nl"]


def test_a_weekly_series_reads_as_before_and_never_speaks_of_blocks():
    counts, trust = _lagged(WEEKS, lag=1)
    found = behaviour_correlations(WEEKS, {"courage": counts}, trust)
    assert behaviour_sentences(found, "week") == behaviour_sentences(found)
    assert behaviour_sentences(found)["courage"].text("en") == (
        "Courage: weeks with more of it and trust one week later moved closely together (r = +1.00, n = 19 weeks).")
    assert lag_cells(found["courage"])[0].text("nl").startswith("in dezelfde week: r = ")
    assert none_yet_sentence().text("en") == "Nothing to report yet: no behaviour has enough weeks paired with trust."
    assert basis_sentence(30).text("nl") == "Over alle 30 weken tot nu toe, welke periode de grafiek ook toont."
    assert CATALOGUES["en"][caveat_key()] == ("Patterns, not proof: many things move a team's trust. Fewer than 12 "
                                              "weeks is exploratory.")
    for sentence in _every_sentence():
        if sentence.unit == "week":
            for lang in ("en", "nl"):
                assert not re.search(r"blo(c)?k", sentence.text(lang)), (lang, sentence.text(lang))


# Words that claim or suggest that one thing brought about another, per language. Checked over
# every catalogue text an insight sentence is built from and over every sentence built below.
CAUSAL_WORDS = {
    "en": [r"caus\w*", r"because", r"due to", r"lead(s|ing)? to", r"led to", r"driv(e|es|en|ing)", r"drove",
           r"made", r"makes", r"effects?", r"affect\w*", r"impact\w*", r"influenc\w*", r"result(s|ed|ing)? in",
           r"thanks to", r"improv\w*", r"boost\w*", r"raise[ds]?", r"prov(e|es|ed|en)", r"proof", r"therefore",
           r"hence", r"works?", r"so that", r"consequen\w*", r"respon(d|ds|ded) to"],
    "nl": [r"veroorza\w*", r"oorza\w*", r"doordat", r"omdat", r"leid(t|de|den)", r"geleid",
           r"zorg(t|de|den) (voor|ervoor)",
           r"dankzij", r"effect\w*", r"gevolg\w*", r"resulte\w*", r"verbeter\w*", r"invloed", r"bewij\w*",
           r"daardoor", r"waardoor", r"bewerkstellig\w*", r"werkt", r"hierdoor", r"reageerde"],
}


# A denial of proof is the opposite of a causal claim (the caveat under the insight says it).
DENIALS = {"en": "not proof", "nl": "geen bewijs"}


class _Causal:
    def __init__(self, language: str):
        self.denial = DENIALS[language]
        self.pattern = re.compile(r"\b(" + "|".join(CAUSAL_WORDS[language]) + r")\b", re.IGNORECASE)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text.replace(self.denial, ""))


def _causal(language: str) -> _Causal:
    return _Causal(language)


def test_the_causal_word_lists_catch_causal_claims():
    assert _causal("en").search("More empowerment led to higher trust")
    assert _causal("en").search("Trust improved because of your courage")
    assert _causal("nl").search("Meer empowerment leidde tot meer vertrouwen")
    assert _causal("nl").search("Het vertrouwen steeg doordat je moed toonde")
    assert not _causal("en").search("Courage moved together with trust one week later")
    assert _causal("en").search("This is proof that courage works")
    assert not _causal("en").search("Patterns, not proof")


def test_insight_catalogue_texts_never_use_causal_words():
    for lang, messages in CATALOGUES.items():
        for key, text in messages.items():
            if key.startswith("insight."):
                assert not _causal(lang).search(text), (lang, key, text)


def _periods(span, values):
    """One released weekly period per week of the windows, before then during."""
    return [Period((week,), value) for week, value in zip(span.before + span.during, values, strict=True)]


def _every_sentence():
    """Every kind of sentence the insight layer builds, from known synthetic series."""
    counts, trust = _lagged(WEEKS, lag=1)
    rng = random.Random(5)
    noise = {w: rng.randint(0, 5) for w in WEEKS}
    opposite = {w: 4.5 - 0.4 * (i % 4) for i, w in enumerate(WEEKS)}
    sentences = [s for s in behaviour_sentences(behaviour_correlations(
        WEEKS, {"courage": counts, "humility": noise, "forgiveness": {w: i % 4 for i, w in enumerate(WEEKS)}},
        trust | {w: opposite[w] for w in WEEKS[10:]})).values() if s]
    sentences += behaviour_sentences(behaviour_correlations(WEEKS[:9], {"courage": counts}, trust)).values()
    thin_trust = {w: (None if i < 6 else v) for i, (w, v) in enumerate(trust.items())}
    sentences += lag_cells(behaviour_correlations(WEEKS[:12], {"c": counts}, thin_trust)["c"])
    sentences += lag_cells(behaviour_correlations(WEEKS, {"c": counts}, trust)["c"])
    sentences.append(need_sentence(WEEKS, trust, {"autonomy": trust, "competence": noise}))
    sentences.append(waiting_sentence(WEEKS[:3], trust, k=3))
    span = windows("2026-W10", 4)
    shift = _periods(span, (3.0, 3.1, 2.9, 3.0, 3.8, 3.9, 3.7, 3.8))
    flat = [Period((w,), 3.4 + 0.1 * (i % 2)) for i, w in enumerate(span.before + span.during)]
    middling = _periods(span, (3.0, 3.3, 3.1, 3.2, 3.3, 3.5, 3.2, 3.4))
    for periods in (shift, flat, middling, shift[:1] + shift[4:]):
        for construct in ("trust", "autonomy", "relatedness", "competence"):
            sentences.append(experiment_sentence(compare(construct, periods, span)))
    weeks = ("2026-W10",)
    sentences += seen_sentences(gaps(points(
        [SeenFigure(weeks, "empowerment", 2.2), SeenFigure(weeks, "humility", 4.2), SeenFigure(weeks, "courage", 3.4)],
        {"empowerment": {"2026-W10": 4}, "humility": {"2026-W10": 0}, "courage": {"2026-W10": 2}})), k=3)
    sentences += seen_sentences(gaps(points([SeenFigure(weeks, "courage", 3.4)], {"courage": {"2026-W10": 2}})), k=3)
    sentences += seen_sentences([], k=4)
    # The same statistics over reporting blocks, and the page's lines around them, in both units.
    block_counts, block_trust = _lagged(BLOCKS, lag=1)
    sentences += behaviour_sentences(behaviour_correlations(
        BLOCKS, {"courage": block_counts, "humility": dict(zip(BLOCKS, noise.values(), strict=True)),
                 "forgiveness": {w: i % 4 for i, w in enumerate(BLOCKS)}},
        block_trust | {w: opposite[w2] for w, w2 in zip(BLOCKS[10:], WEEKS[10:], strict=True)}), "block").values()
    sentences += behaviour_sentences(behaviour_correlations(BLOCKS[:9], {"courage": block_counts}, block_trust),
                                     "block").values()
    sentences += lag_cells(behaviour_correlations(WEEKS[:12], {"c": counts}, thin_trust)["c"], "block")
    sentences += lag_cells(behaviour_correlations(WEEKS, {"c": counts}, trust)["c"], "block")
    sentences.append(need_sentence(WEEKS, trust, {"autonomy": trust, "competence": noise}, "block"))
    sentences.append(waiting_sentence(WEEKS[:3], trust, k=3, unit="block"))
    sentences += [none_yet_sentence(unit) for unit in ("week", "block")]
    sentences += [basis_sentence(14, unit) for unit in ("week", "block")]
    return [s for s in sentences if s is not None]


def test_every_built_sentence_is_free_of_causal_words_in_both_languages():
    sentences = _every_sentence()
    keys = {s.key for s in sentences}
    # Every kind was built: experiments at each chance band and thin, each logged-vs-seen case.
    assert {"insight.experiment_rarely", "insight.experiment_possibly", "insight.experiment_easily",
            "insight.experiment_thin", "insight.seen_logged_more", "insight.seen_seen_more", "insight.seen_alike",
            "insight.seen_waiting", "insight.together_strong", "insight.need_most", "insight.waiting",
            "insight.cell", "insight.cell_thin"} <= keys, keys
    for sentence in sentences:
        for lang in ("en", "nl"):
            text = sentence.text(lang)
            assert "{" not in text, (lang, text)
            assert not _causal(lang).search(text), (lang, text)


def test_the_causal_check_covers_every_sentence_in_blocks_too():
    in_blocks = {s.key for s in _every_sentence() if s.unit == "block"}
    assert {"insight.together_strong", "insight.together_moderate", "insight.opposite_strong", "insight.need_most",
            "insight.waiting", "insight.cell", "insight.cell_thin", "insight.none_yet", "insight.based_on"} <= in_blocks
    assert {"insight.caveat_blocks", "insight.unit_blocks", "insight.block_lag_1"} <= set(CATALOGUES["nl"])


def test_experiment_and_seen_sentences_are_always_exploratory():
    for sentence in _every_sentence():
        if sentence.key.startswith(("insight.experiment_", "insight.seen_")) and sentence.key != "insight.seen_waiting":
            assert sentence.exploratory, sentence.key
            assert sentence.text("en").startswith("Exploratory: ")
            assert sentence.text("nl").startswith("Verkennend: ")


def test_an_experiment_sentence_gives_difference_n_and_chance_in_words():
    span = windows("2026-W10", 4)
    periods = _periods(span, (3.0, 3.1, 2.9, 3.0, 3.8, 3.9, 3.7, 3.8))
    text = experiment_sentence(compare("trust", periods, span)).text("en")
    assert text == ("Exploratory: Trust index: 3.00 in the weeks before, 3.80 in the experiment's weeks (+0.80; "
                    "n = 4 and 4 periods). A difference this size seldom comes up by chance alone (p = 0.029).")
    dutch = experiment_sentence(compare("trust", periods, span)).text("nl")
    assert "komt zelden alleen bij toeval voor (p = 0.029)" in dutch
