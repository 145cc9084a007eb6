"""From reflection to commitment: the team in the reflection, commitments, "what I heard, what
I'll try", logged vs seen by the team, and personal experiments.

The "insight.*" sentences here describe figures side by side; like those in trends.py they
never say that one thing caused another (tests/core/test_insight_sentences.py checks every
sentence the app can build against a list of causal words in both languages)."""

MESSAGES = {
    "experiment.refused_running": {
        "en": "One experiment at a time: this one can start once the current one has ended or been stopped.",
        "nl": "Eén experiment tegelijk: dit kan beginnen zodra het huidige is afgelopen of gestopt.",
    },
    "error.outcome_unknown": {"en": "Choose yes, partly or no.", "nl": "Kies ja, deels of nee."},
    "error.experiment_weeks": {"en": "Choose between 2 and 8 weeks.", "nl": "Kies tussen 2 en 8 weken."},
    # --- personal experiments: the comparison, always exploratory ---------------------------
    "insight.experiment_rarely": {
        "en": "{construct}: {before} in the weeks before, {during} in the experiment's weeks ({difference}; "
              "n = {n_before} and {n_during} periods). A difference this size seldom comes up by chance alone "
              "(p = {p}).",
        "nl": "{construct}: {before} in de weken ervoor, {during} in de weken van het experiment ({difference}; "
              "n = {n_before} en {n_during} perioden). Een verschil van deze grootte komt zelden alleen bij toeval "
              "voor (p = {p}).",
    },
    "insight.experiment_possibly": {
        "en": "{construct}: {before} in the weeks before, {during} in the experiment's weeks ({difference}; "
              "n = {n_before} and {n_during} periods). A difference this size could be chance (p = {p}).",
        "nl": "{construct}: {before} in de weken ervoor, {during} in de weken van het experiment ({difference}; "
              "n = {n_before} en {n_during} perioden). Een verschil van deze grootte kan toeval zijn (p = {p}).",
    },
    "insight.experiment_easily": {
        "en": "{construct}: {before} in the weeks before, {during} in the experiment's weeks ({difference}; "
              "n = {n_before} and {n_during} periods). A difference this size could easily be chance (p = {p}).",
        "nl": "{construct}: {before} in de weken ervoor, {during} in de weken van het experiment ({difference}; "
              "n = {n_before} en {n_during} perioden). Een verschil van deze grootte kan makkelijk toeval zijn "
              "(p = {p}).",
    },
    "insight.experiment_thin": {
        "en": "{construct}: too few shown periods to compare ({n_before} before, {n_during} during; at least "
              "{minimum} on each side).",
        "nl": "{construct}: te weinig getoonde perioden om te vergelijken ({n_before} ervoor, {n_during} tijdens; "
              "minstens {minimum} aan elke kant).",
    },
    # --- logged by you, seen by the team: never a verdict ---------------------------------------
    "insight.seen_logged_more": {
        "en": "{behaviour}: you logged it {logged} times a week in the weeks the team was asked about it, and "
              "their answer averaged {seen} of 5 (n = {n} periods). Your log and what the team noticed differ "
              "here; worth asking them what they see.",
        "nl": "{behaviour}: je registreerde het {logged} keer per week in de weken waarin het team ernaar werd "
              "gevraagd, en hun antwoord was gemiddeld {seen} van 5 (n = {n} perioden). Je registratie en wat het "
              "team merkte lopen hier uiteen; vraag ze gerust wat zij zien.",
    },
    "insight.seen_seen_more": {
        "en": "{behaviour}: you logged it {logged} times a week in the weeks the team was asked about it, and "
              "their answer averaged {seen} of 5 (n = {n} periods). The team noticed more of it than your log "
              "shows.",
        "nl": "{behaviour}: je registreerde het {logged} keer per week in de weken waarin het team ernaar werd "
              "gevraagd, en hun antwoord was gemiddeld {seen} van 5 (n = {n} perioden). Het team merkte er meer "
              "van dan je registratie laat zien.",
    },
    "insight.seen_alike": {
        "en": "Where the team was asked, your log and their answers tell a similar story (n = {n} periods).",
        "nl": "Waar het team ernaar werd gevraagd, vertellen je registratie en hun antwoorden een vergelijkbaar "
              "verhaal (n = {n} perioden).",
    },
    "insight.seen_waiting": {
        "en": "No \"seen by the team\" figures yet. Each week the pulse asks about one behaviour; its figure "
              "shows once a closed period has at least {k} answers.",
        "nl": "Nog geen cijfers \"gezien door het team\". Elke week vraagt de pulse naar één gedrag; het cijfer "
              "verschijnt zodra een afgesloten periode minstens {k} antwoorden heeft.",
    },
}
