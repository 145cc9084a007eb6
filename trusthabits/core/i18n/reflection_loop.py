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
    # --- the team in the reflection: only what the anonymity rule shows -------------------------
    "reflect.team_title": {"en": "What your team said", "nl": "Wat je team zei"},
    "reflect.team_intro": {
        "en": "The latest closed period with at least k answers, and the change against the period before it.",
        "nl": "De laatste afgesloten periode met minstens k antwoorden, en de verandering ten opzichte van de "
              "periode daarvoor.",
    },
    "reflect.team_waiting": {
        "en": "No results to show yet: figures appear once a period has closed with at least {k} answers.",
        "nl": "Nog geen resultaten om te tonen: cijfers verschijnen zodra een periode is afgesloten met minstens "
              "{k} antwoorden.",
    },
    "reflect.team_open": {
        "en": "A round is still open: until it closes it shows only how many answered.",
        "nl": "Er loopt nog een ronde: tot die sluit, zie je alleen hoeveel mensen antwoordden.",
    },
    "reflect.team_answered": {"en": "{n} people answered", "nl": "{n} mensen antwoordden"},
    "reflect.team_change": {"en": "{change} against {weeks}", "nl": "{change} ten opzichte van {weeks}"},
    "reflect.team_first": {"en": "no earlier period to compare", "nl": "geen eerdere periode om mee te vergelijken"},
    "reflect.team_seen": {"en": "Seen by the team: {behaviour}", "nl": "Gezien door het team: {behaviour}"},
    "reflect.team_comments": {"en": "Comments", "nl": "Opmerkingen"},
    # --- "what I heard, what I'll try": one short message to the team per period ----------------
    "heard.title": {"en": "What I heard, what I'll try", "nl": "Wat ik hoorde, wat ik ga proberen"},
    "heard.intro": {
        "en": "Send your team the figures above, one sentence of what you heard, and your commitment. Once per "
              "period; comments are never included.",
        "nl": "Stuur je team de cijfers hierboven, één zin over wat je hoorde, en je voornemen. Eén keer per "
              "periode; opmerkingen gaan nooit mee.",
    },
    "heard.team": {"en": "Team", "nl": "Team"},
    "heard.sentence": {"en": "What I heard, in one sentence", "nl": "Wat ik hoorde, in één zin"},
    "heard.send": {"en": "Send to the team", "nl": "Naar het team sturen"},
    "heard.sent": {
        "en": "Queued for {count} team members. See the Outbox.",
        "nl": "Klaargezet voor {count} teamleden. Zie het Postvak uit.",
    },
    "heard.status_sent": {"en": "{team}: sent for {week}", "nl": "{team}: verstuurd voor {week}"},
    "heard.status_ready": {"en": "{team}: ready to send for {week}", "nl": "{team}: klaar om te sturen voor {week}"},
    "heard.refused_nothing": {
        "en": "Not sent: there is no closed period with enough answers to share yet.",
        "nl": "Niet verstuurd: er is nog geen afgesloten periode met genoeg antwoorden om te delen.",
    },
    "heard.refused_already": {
        "en": "Not sent: you already sent this period's message to the team.",
        "nl": "Niet verstuurd: je stuurde het bericht voor deze periode al naar het team.",
    },
    "heard.refused_no_members": {
        "en": "Not sent: the team has no members who receive mail.",
        "nl": "Niet verstuurd: het team heeft geen leden die mail ontvangen.",
    },
    "error.heard_empty": {"en": "Write one sentence of what you heard.", "nl": "Schrijf één zin over wat je hoorde."},
    "error.heard_too_long": {
        "en": "Keep it to one sentence (at most 300 characters).",
        "nl": "Houd het bij één zin (hoogstens 300 tekens).",
    },
    "heard.subject": {"en": "{team}: what I heard in {week}", "nl": "{team}: wat ik hoorde in {week}"},
    "heard.body": {
        "en": "Hello,\n\n{manager} on the pulse of {team}, {week}. {answered} people answered; these are averages "
              "on a scale of 1 to 5, nobody's own answers.\n\n{figures}\n\nWhat I heard:\n{heard}\n\n"
              "What I'll try:\n{commitment}",
        "nl": "Hallo,\n\n{manager} over de pulse van {team}, {week}. {answered} mensen antwoordden; dit zijn "
              "gemiddelden op een schaal van 1 tot 5, niemands eigen antwoorden.\n\n{figures}\n\n"
              "Wat ik hoorde:\n{heard}\n\nWat ik ga proberen:\n{commitment}",
    },
    "heard.commitment": {"en": "{behaviour}, in week {week}", "nl": "{behaviour}, in weeknummer {week}"},
    "heard.no_commitment": {"en": "I will let you know.", "nl": "Dat laat ik nog weten."},
    # --- Trends: logged by you next to seen by the team --------------------------------------------
    "trends.seen_title": {
        "en": "Logged by you, seen by the team",
        "nl": "Door jou geregistreerd, door het team gezien",
    },
    "trends.seen_legend": {
        "en": "For the behaviour chosen above. Bars: what you logged per period. Dots: how often the team said they "
              "saw it (1–5, right axis), only for closed periods with at least k answers.",
        "nl": "Voor het gedrag hierboven gekozen. Staven: wat je per periode registreerde. Stippen: hoe vaak het "
              "team zei het te zien (1–5, rechter as), alleen voor afgesloten perioden met minstens k antwoorden.",
    },
    "trends.seen_line": {"en": "Seen by the team", "nl": "Gezien door het team"},
    "trends.seen_chart_label": {
        "en": "{behaviour}: logged by you and seen by the team",
        "nl": "{behaviour}: door jou geregistreerd en door het team gezien",
    },
    "team.events_title": {
        "en": "What you did with the results (the team's page lists this too)",
        "nl": "Wat je met de resultaten deed (de pagina van het team toont dit ook)",
    },
    "trends.seen_focus": {"en": "Shown: {behaviour}", "nl": "Getoond: {behaviour}"},
    # --- the commitment: made in the reflection, shown on Today, asked about a week later ------
    "commit.title": {"en": "Next week I will try", "nl": "Volgende week probeer ik"},
    "commit.hint": {
        "en": "Today shows it all next week, and next week's reflection asks how it went.",
        "nl": "Vandaag laat het de hele volgende week zien, en de reflectie van volgende week vraagt hoe het ging.",
    },
    "commit.behaviour": {"en": "Behaviour", "nl": "Gedrag"},
    "commit.none": {"en": "No commitment this week", "nl": "Deze week geen voornemen"},
    "commit.micro_action": {"en": "How", "nl": "Hoe"},
    "commit.any_micro": {"en": "Any way of practising it", "nl": "Op welke manier dan ook"},
    "commit.sentence": {"en": "In one sentence (optional)", "nl": "In één zin (optioneel)"},
    "commit.saved": {"en": "Commitment saved.", "nl": "Voornemen opgeslagen."},
    "commit.withdrawn": {"en": "No commitment for next week.", "nl": "Geen voornemen voor volgende week."},
    "today.commitment": {"en": "This week I try", "nl": "Deze week probeer ik"},
    "today.commitment_next": {"en": "From next week I try", "nl": "Vanaf volgende week probeer ik"},
    "today.commitment_logged": {"en": "Logged {count}× this week", "nl": "Deze week {count}× geregistreerd"},
    "did.title": {"en": "Your commitment for {week}", "nl": "Je voornemen voor {week}"},
    "did.question": {"en": "Did you?", "nl": "Is het gelukt?"},
    "did.yes": {"en": "Yes", "nl": "Ja"},
    "did.partly": {"en": "Partly", "nl": "Deels"},
    "did.no": {"en": "No", "nl": "Nee"},
    "did.entry": {"en": "{day}: {micro}", "nl": "{day}: {micro}"},
    "did.no_micro": {"en": "no micro-action noted", "nl": "geen micro-actie genoteerd"},
    "did.nothing": {
        "en": "Nothing logged for {behaviour} this week.",
        "nl": "Deze week niets geregistreerd voor {behaviour}.",
    },
    "did.suggested": {
        "en": "Filled in from your log; change it if it is not right.",
        "nl": "Ingevuld op basis van je registraties; pas het aan als het niet klopt.",
    },
    "did.saved": {"en": "Answer saved.", "nl": "Antwoord opgeslagen."},
    # --- personal experiments ------------------------------------------------------------------
    "experiment.title": {"en": "Personal experiment", "nl": "Persoonlijk experiment"},
    "experiment.intro": {
        "en": "Practise more of one behaviour for a few weeks. Afterwards the app sets the team's figures in "
              "those weeks next to the same number of weeks before: exploratory, never proof.",
        "nl": "Oefen een paar weken meer met één gedrag. Daarna zet de app de cijfers van het team in die weken "
              "naast evenveel weken ervoor: verkennend, nooit bewijs.",
    },
    "experiment.behaviour": {"en": "More of", "nl": "Meer"},
    "experiment.weeks": {"en": "For", "nl": "Gedurende"},
    "experiment.weeks_option": {"en": "{weeks} weeks", "nl": "{weeks} weken"},
    "experiment.start": {"en": "Start next week", "nl": "Begin volgende week"},
    "experiment.started": {"en": "Experiment planned.", "nl": "Experiment gepland."},
    "experiment.stop": {"en": "Stop", "nl": "Stoppen"},
    "experiment.stopped": {"en": "Experiment stopped.", "nl": "Experiment gestopt."},
    "experiment.status_not_started": {
        "en": "More {behaviour} for {weeks} weeks: starts {first}",
        "nl": "Meer {behaviour} gedurende {weeks} weken: begint {first}",
    },
    "experiment.status_running": {
        "en": "More {behaviour}: week {number} of {weeks} (until {last})",
        "nl": "Meer {behaviour}: week {number} van {weeks} (tot en met {last})",
    },
    "experiment.status_ended": {
        "en": "More {behaviour}: {first} to {last}, ended",
        "nl": "Meer {behaviour}: {first} tot en met {last}, afgelopen",
    },
    "experiment.status_stopped": {
        "en": "More {behaviour} ({first} to {last}): stopped",
        "nl": "Meer {behaviour} ({first} tot en met {last}): gestopt",
    },
    "experiment.detail_not_started": {
        "en": "In the weeks before you logged {behaviour} {before} times a week.",
        "nl": "In de weken ervoor registreerde je {behaviour} {before} keer per week.",
    },
    "experiment.detail_running": {
        "en": "So far you logged {behaviour} {during} times a week, against {before} in the weeks before.",
        "nl": "Tot nu toe registreerde je {behaviour} {during} keer per week, tegen {before} in de weken ervoor.",
    },
    "experiment.detail_ended": {
        "en": "You logged {behaviour} {during} times a week, against {before} in the weeks before.",
        "nl": "Je registreerde {behaviour} {during} keer per week, tegen {before} in de weken ervoor.",
    },
    "experiment.detail_stopped": {
        "en": "A stopped experiment is not compared: its weeks would be chosen afterwards.",
        "nl": "Een gestopt experiment wordt niet vergeleken: de weken zouden achteraf gekozen zijn.",
    },
}
