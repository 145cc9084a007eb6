"""Texts about what the pulse keeps and who could see what: the manager's team page (a round
that is open takes nobody new, closing early, links handed out by hand), the answer page's
notice for links handed out by hand, and the team's public "how anonymous?" page."""

MESSAGES: dict[str, dict[str, str]] = {
    # The manager's team page
    "pulse.already_open": {
        "en": (
            "Nothing new was sent: this week's round is open until {closes}, and its list of invited members was "
            "fixed when it opened. Members added or reactivated since then are invited from the next round on, so "
            "no figure can change by one person's answers."
        ),
        "nl": (
            "Er is niets nieuws verstuurd: de ronde van deze week is open tot {closes}, en de lijst van uitgenodigde "
            "leden lag vast toen ze openging. Leden die sindsdien zijn toegevoegd of weer actief zijn, worden vanaf "
            "de volgende ronde uitgenodigd, zodat geen enkel cijfer verandert door de antwoorden van één persoon."
        ),
    },
    "pulse.nobody_to_invite": {
        "en": "There is nobody to invite yet: add active members first.",
        "nl": "Er is nog niemand om uit te nodigen: voeg eerst actieve leden toe.",
    },
    "pulse.close_early": {"en": "Close this round now", "nl": "Deze ronde nu sluiten"},
    "pulse.close_early_hint": {
        "en": "Closing is final: the round takes no more answers and never reopens.",
        "nl": "Sluiten is definitief: de ronde neemt geen antwoorden meer aan en gaat nooit meer open.",
    },
    "pulse.close_below_k": {
        "en": "A round can only close early once at least {k} people have answered.",
        "nl": "Een ronde kan pas eerder sluiten als minstens {k} mensen hebben geantwoord.",
    },
    "pulse.open_no_figures": {
        "en": "While the round is open you see only how many answered. Results follow after it closes.",
        "nl": "Zolang de ronde open is, zie je alleen hoeveel mensen hebben geantwoord. Resultaten volgen na het "
              "sluiten.",
    },
    "results.by_hand": {"en": "Links handed out by hand", "nl": "Links met de hand uitgedeeld"},
    "team.public_page": {
        "en": "What your team can read about its anonymity",
        "nl": "Wat je team over de anonimiteit kan lezen",
    },
    # The answer page, for a round whose links the manager handed out (no mail server)
    "pulse.by_hand_title": {
        "en": "{manager} handed out this team's links",
        "nl": "{manager} heeft de links van dit team zelf uitgedeeld",
    },
    "pulse.by_hand_body": {
        "en": (
            "These links were not mailed to each of you: {manager} handed them out and could read every one, yours "
            "included. So {manager} knows which link is yours, and could open it or answer with someone else's link "
            "(which would weaken the rule that results need at least {k} people). Your answers are still stored "
            "without your name and shown only as part of the team's results."
        ),
        "nl": (
            "Deze links zijn niet naar ieder van jullie gemaild: {manager} heeft ze uitgedeeld en kon ze allemaal "
            "lezen, ook die van jou. {manager} weet dus welke link van jou is, en zou hem kunnen openen of met de "
            "link van iemand anders kunnen antwoorden (dat verzwakt de regel dat resultaten minstens {k} mensen "
            "nodig hebben). Je antwoorden worden nog steeds zonder je naam bewaard en alleen getoond als deel van "
            "de resultaten van het team."
        ),
    },
    "pulse.how_more": {
        "en": "What is stored, and what {manager} did with the results",
        "nl": "Wat er wordt bewaard, en wat {manager} met de resultaten deed",
    },
    # The team's public page
    "public.title": {"en": "How anonymous is the pulse of {team}?", "nl": "Hoe anoniem is de pulse van {team}?"},
    "public.intro": {
        "en": "This page is for the members of {team}. It shows no results, only how answers are kept.",
        "nl": "Deze pagina is voor de leden van {team}. Ze toont geen resultaten, alleen hoe antwoorden worden "
              "bewaard.",
    },
    "public.stored_title": {"en": "What is stored for each answer", "nl": "Wat er per antwoord wordt bewaard"},
    "public.stored_link": {
        "en": (
            "Your link: only a fingerprint of it, who it was for, and whether it was used — yes or no, never when."
        ),
        "nl": (
            "Je link: alleen een vingerafdruk ervan, voor wie hij was, en of hij is gebruikt — ja of nee, nooit "
            "wanneer."
        ),
    },
    "public.stored_held": {
        "en": (
            "While the round is open, your answers wait apart: with the round, without your name, link or time."
        ),
        "nl": (
            "Zolang de ronde open is, wachten je antwoorden apart: bij de ronde, zonder je naam, link of tijdstip."
        ),
    },
    "public.stored_closed": {
        "en": (
            "When the round closes, all its answers are written together in a random order, with only the team and "
            "the week, and the waiting copies are erased. Comments are kept apart from the scores."
        ),
        "nl": (
            "Als de ronde sluit, worden al haar antwoorden samen in willekeurige volgorde weggeschreven, met alleen "
            "het team en de week, en worden de wachtende kopieën gewist. Opmerkingen worden apart van de scores "
            "bewaard."
        ),
    },
    "public.rules_title": {"en": "What {manager} can see", "nl": "Wat {manager} kan zien"},
    "public.rule_open": {
        "en": "While a round is open: only how many people answered.",
        "nl": "Zolang een ronde open is: alleen hoeveel mensen hebben geantwoord.",
    },
    "public.rule_k": {
        "en": "After it closes: averages, only when at least {k} people answered. Comments in random order.",
        "nl": "Na het sluiten: gemiddelden, alleen als minstens {k} mensen hebben geantwoord. Opmerkingen in "
              "willekeurige volgorde.",
    },
    "public.rule_period": {
        "en": "Results are reported per {weeks} week(s).",
        "nl": "Resultaten worden per {weeks} week/weken gerapporteerd.",
    },
    "public.by_hand": {
        "en": (
            "No mail server is set up: {manager} hands out this team's links and can read them all."
        ),
        "nl": (
            "Er is geen mailserver ingesteld: {manager} deelt de links van dit team zelf uit en kan ze allemaal lezen."
        ),
    },
    "public.events_title": {
        "en": "What {manager} did with the results",
        "nl": "Wat {manager} met de resultaten deed",
    },
    "public.events_none": {"en": "Nothing yet.", "nl": "Nog niets."},
    "public.event.shared_back": {
        "en": "{day}: shared the results of week {week} with the team",
        "nl": "{day}: de resultaten van week {week} met het team gedeeld",
    },
    "public.event.closed_early": {
        "en": "{day}: closed the round of week {week} early",
        "nl": "{day}: de ronde van week {week} eerder gesloten",
    },
    "public.event.what_i_heard": {
        "en": "{day}: told the team what they heard in week {week}",
        "nl": "{day}: het team verteld wat er in week {week} is gehoord",
    },
    "public.event.period_1": {
        "en": "{day}: chose results per week, from week {week}",
        "nl": "{day}: koos voor resultaten per week, vanaf week {week}",
    },
    "public.event.period_2": {
        "en": "{day}: chose results per block of 2 weeks, from week {week}",
        "nl": "{day}: koos voor resultaten per blok van 2 weken, vanaf week {week}",
    },
    "public.event.period_4": {
        "en": "{day}: chose results per block of 4 weeks, from week {week}",
        "nl": "{day}: koos voor resultaten per blok van 4 weken, vanaf week {week}",
    },
    "public.unknown_title": {"en": "This page does not exist", "nl": "Deze pagina bestaat niet"},
    "public.unknown_body": {
        "en": "Check that you opened the whole link.",
        "nl": "Controleer of je de hele link hebt geopend.",
    },
}
