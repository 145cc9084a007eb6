"""Texts for teams, the weekly pulse (answer page, invitation mail, results) and the outbox.
The pulse items themselves live with the instrument in core/instrument.py."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.team": {"en": "Team", "nl": "Team"},
    # Teams
    "team.title": {"en": "Your teams", "nl": "Je teams"},
    "team.none": {
        "en": "No teams yet. Create your first one below.",
        "nl": "Nog geen teams. Maak hieronder je eerste team.",
    },
    "team.create_title": {"en": "New team", "nl": "Nieuw team"},
    "team.create": {"en": "Create team", "nl": "Team maken"},
    "team.active_members": {"en": "{count} active members", "nl": "{count} actieve leden"},
    "team.back": {"en": "All teams", "nl": "Alle teams"},
    "team.not_found": {
        "en": "This team does not exist or is not yours.",
        "nl": "Dit team bestaat niet of is niet van jou.",
    },
    "team.outbox_link": {"en": "Outbox: sent and waiting mail", "nl": "Postvak uit: verstuurde en wachtende mail"},
    "field.team_name": {"en": "Team name", "nl": "Teamnaam"},
    "field.pulse_language": {"en": "Language of the pulse", "nl": "Taal van de pulse"},
    "field.team_time_zone_hint": {
        "en": "Decides which week a pulse belongs to.",
        "nl": "Bepaalt bij welke week een pulse hoort.",
    },
    "field.k": {"en": "Anonymity threshold", "nl": "Anonimiteitsdrempel"},
    "field.k_hint": {
        "en": "Results show only when at least this many people answered (3 or more).",
        "nl": "Resultaten verschijnen pas als minstens zoveel mensen antwoordden (3 of meer).",
    },
    "team.members_title": {"en": "Members", "nl": "Leden"},
    "field.member_emails": {"en": "Add members", "nl": "Leden toevoegen"},
    "field.member_emails_hint": {
        "en": "Paste email addresses, one per line or separated by commas.",
        "nl": "Plak e-mailadressen, één per regel of gescheiden door komma's.",
    },
    "team.add_members": {"en": "Add members", "nl": "Leden toevoegen"},
    "team.added": {"en": "Added: {count}.", "nl": "Toegevoegd: {count}."},
    "team.already": {"en": "Already in the team: {count}.", "nl": "Al in het team: {count}."},
    "team.invalid_title": {"en": "Not added, please check:", "nl": "Niet toegevoegd, controleer:"},
    "team.deactivate": {"en": "Deactivate", "nl": "Deactiveren"},
    "team.reactivate": {"en": "Reactivate", "nl": "Heractiveren"},
    "team.inactive": {"en": "inactive", "nl": "inactief"},
    # Sending and closing
    "pulse.section_title": {"en": "Weekly pulse", "nl": "Wekelijkse pulse"},
    "pulse.send_now": {"en": "Send this week's pulse now", "nl": "Stuur de pulse van deze week nu"},
    "pulse.sent": {"en": "Invitations queued: {count}.", "nl": "Uitnodigingen klaargezet: {count}."},
    "pulse.nobody_new": {
        "en": "Every active member already has this week's invitation.",
        "nl": "Alle actieve leden hebben de uitnodiging van deze week al.",
    },
    "pulse.round_closed": {
        "en": "This week's round is closed. The next one is next week.",
        "nl": "De ronde van deze week is gesloten. De volgende is volgende week.",
    },
    "pulse.close_now": {"en": "Close round now", "nl": "Ronde nu sluiten"},
    # Results
    "results.title": {"en": "Results", "nl": "Resultaten"},
    "results.none": {"en": "No pulse sent yet.", "nl": "Nog geen pulse verstuurd."},
    "results.week": {"en": "Week {week}", "nl": "Weeknummer {week}"},
    "results.answered": {"en": "{answered} of {invited} answered", "nl": "{answered} van {invited} beantwoord"},
    "results.not_enough": {
        "en": "Not enough answers yet ({answered} of {k}).",
        "nl": "Nog niet genoeg antwoorden ({answered} van {k}).",
    },
    "results.weeks": {"en": "Weeks {first} to {last}", "nl": "Weken {first} t/m {last}"},
    "results.block_pending": {
        "en": "These answers are reported together over {weeks} weeks: shown once all those weeks are over, every "
              "round is closed and at least {k} answered.",
        "nl": "Deze antwoorden worden samen over {weeks} weken getoond: zodra al die weken voorbij zijn, elke "
              "ronde gesloten is en minstens {k} mensen antwoordden.",
    },
    "results.block_running": {"en": "In progress", "nl": "Loopt nog"},
    # Reporting period (pooling for small teams)
    "period.title": {"en": "Reporting period", "nl": "Rapportageperiode"},
    "period.explain": {
        "en": "A small team can pool its answers: results are shown per block of 1, 2 or 4 weeks, only when a "
              "block is over and at least k people answered in it. Weeks of a block are never shown on their own. "
              "A change starts with the next block.",
        "nl": "Een klein team kan antwoorden bundelen: resultaten verschijnen per blok van 1, 2 of 4 weken, pas als "
              "een blok voorbij is en minstens k mensen erin antwoordden. Weken van een blok worden nooit los "
              "getoond. Een wijziging gaat in bij het volgende blok.",
    },
    "period.field": {"en": "Show results per", "nl": "Resultaten tonen per"},
    "period.weeks_1": {"en": "1 week (each week on its own)", "nl": "1 week (elke week apart)"},
    "period.weeks_2": {"en": "2 weeks", "nl": "2 weken"},
    "period.weeks_4": {"en": "4 weeks", "nl": "4 weken"},
    "period.save": {"en": "Save period", "nl": "Periode opslaan"},
    "period.current": {"en": "Results per {weeks} week(s).", "nl": "Resultaten per {weeks} week/weken."},
    "period.pending": {"en": "From {week}: per {weeks} week(s).", "nl": "Vanaf {week}: per {weeks} week/weken."},
    "period.saved": {"en": "Saved. It applies from {week}.", "nl": "Opgeslagen. Het gaat in vanaf {week}."},
    "error.period_invalid": {"en": "Choose 1, 2 or 4 weeks.", "nl": "Kies 1, 2 of 4 weken."},
    "results.trust_index": {"en": "Trust index", "nl": "Vertrouwensindex"},
    "results.need_autonomy": {"en": "Autonomy", "nl": "Autonomie"},
    "results.need_relatedness": {"en": "Relatedness", "nl": "Verbondenheid"},
    "results.need_competence": {"en": "Competence", "nl": "Competentie"},
    "results.scale_note": {
        "en": "Averages on a 1–5 scale; higher is better.",
        "nl": "Gemiddelden op een schaal van 1–5; hoger is beter.",
    },
    "results.open_until": {"en": "Open until {closes} ({zone})", "nl": "Open tot {closes} ({zone})"},
    "results.closed": {"en": "Closed", "nl": "Gesloten"},
    "results.comments_title": {"en": "What could you do more of?", "nl": "Wat zou je meer kunnen doen?"},
    "results.comments_after_close": {
        "en": "Comments are shown once the round has closed and enough people answered.",
        "nl": "Opmerkingen verschijnen zodra de ronde gesloten is en genoeg mensen antwoordden.",
    },
    "results.no_comments": {"en": "No comments this week.", "nl": "Geen opmerkingen deze week."},
    "delivery.problems": {
        "en": "Some mail could not be delivered yet. See the outbox.",
        "nl": "Sommige mail kon nog niet worden bezorgd. Zie het postvak uit.",
    },
    # Outbox
    "outbox.title": {"en": "Outbox", "nl": "Postvak uit"},
    "outbox.no_smtp": {
        "en": (
            "No mail server is set up (SMTP_URL), so messages wait here. Pass a link on yourself, or open it to try "
            "the pulse."
        ),
        "nl": (
            "Er is geen mailserver ingesteld (SMTP_URL), dus berichten wachten hier. Geef een link zelf door, of open "
            "hem om de pulse te proberen."
        ),
    },
    "outbox.with_smtp": {
        "en": "Messages go out through the mail server. A link is removed here once its message is sent.",
        "nl": "Berichten gaan via de mailserver. Een link verdwijnt hier zodra het bericht verstuurd is.",
    },
    "outbox.empty": {"en": "No messages yet.", "nl": "Nog geen berichten."},
    "outbox.to": {"en": "To {to}", "nl": "Aan {to}"},
    "outbox.status_queued": {"en": "waiting", "nl": "wacht"},
    "outbox.status_sending": {"en": "sending", "nl": "wordt verstuurd"},
    "outbox.status_sent": {"en": "sent", "nl": "verstuurd"},
    "outbox.status_failed": {"en": "failed", "nl": "mislukt"},
    "outbox.attempts": {
        "en": "Attempts: {count}. Last error: {error}",
        "nl": "Pogingen: {count}. Laatste fout: {error}",
    },
    "outbox.open_link": {"en": "Open link", "nl": "Link openen"},
    # The answer page (in the team's language)
    "pulse.title": {"en": "How was this week with {manager}?", "nl": "Hoe was deze week met {manager}?"},
    "pulse.intro": {
        "en": "{team}, week {week}. Tap a number for each sentence.",
        "nl": "{team}, week {week}. Tik bij elke zin een cijfer aan.",
    },
    "pulse.scale_low": {"en": "1 = strongly disagree", "nl": "1 = helemaal oneens"},
    "pulse.scale_high": {"en": "5 = strongly agree", "nl": "5 = helemaal eens"},
    "pulse.anonymous": {"en": "Your answers are anonymous.", "nl": "Je antwoorden zijn anoniem."},
    "pulse.how": {"en": "How?", "nl": "Hoe?"},
    "pulse.how_body": {
        "en": (
            "Your link only shows that you were invited. When you send your answers, the link is marked as used (yes "
            "or no, never when) and your answers wait apart, without your name, email, link or the time. When the "
            "round closes, all its answers are written together in a random order. While it is open {manager} sees "
            "only how many answered; after it closes, averages only if at least {k} people answered, and comments in "
            "random order."
        ),
        "nl": (
            "Je link laat alleen zien dat je bent uitgenodigd. Als je je antwoorden verstuurt, wordt de link als "
            "gebruikt gemarkeerd (ja of nee, nooit wanneer) en wachten je antwoorden apart, zonder je naam, e-mail, "
            "link of tijdstip. Als de ronde sluit, worden al haar antwoorden samen in willekeurige volgorde "
            "weggeschreven. Zolang ze open is, ziet {manager} alleen hoeveel mensen hebben geantwoord; na het "
            "sluiten gemiddelden alleen als minstens {k} mensen hebben geantwoord, en opmerkingen in willekeurige "
            "volgorde."
        ),
    },
    "pulse.comment_label": {
        "en": "What could {manager} do more of? (optional)",
        "nl": "Wat zou {manager} meer kunnen doen? (optioneel)",
    },
    "pulse.submit": {"en": "Send my answers", "nl": "Verstuur mijn antwoorden"},
    "pulse.incomplete": {
        "en": "Please answer every sentence ({count} still open).",
        "nl": "Beantwoord alsjeblieft elke zin (nog {count} open).",
    },
    "pulse.thanks_title": {"en": "Thank you!", "nl": "Dank je wel!"},
    "pulse.thanks_body": {
        "en": "Your answers are in. You can close this page.",
        "nl": "Je antwoorden zijn binnen. Je kunt deze pagina sluiten.",
    },
    "pulse.used_title": {"en": "This link has already been used", "nl": "Deze link is al gebruikt"},
    "pulse.used_body": {
        "en": "Each link works once, so every voice counts once. Nothing was saved this time.",
        "nl": "Elke link werkt één keer, zodat elke stem één keer telt. Er is nu niets opgeslagen.",
    },
    "pulse.closed_title": {"en": "This pulse has closed", "nl": "Deze pulse is gesloten"},
    "pulse.closed_body": {
        "en": (
            "This week's round is over and takes no more answers, so its results stay as they were when it closed. "
            "Your next link comes with the next pulse."
        ),
        "nl": (
            "De ronde van deze week is voorbij en neemt geen antwoorden meer aan, zodat de resultaten blijven zoals "
            "ze waren bij het sluiten. Je volgende link komt met de volgende pulse."
        ),
    },
    "pulse.unknown_title": {"en": "This link does not work", "nl": "Deze link werkt niet"},
    "pulse.unknown_body": {
        "en": "Check that you opened the whole link from the email. Otherwise, wait for the next pulse.",
        "nl": "Controleer of je de hele link uit de e-mail hebt geopend. Wacht anders op de volgende pulse.",
    },
    # The invitation mail (in the team's language)
    "mail.pulse_subject": {"en": "How was this week with {manager}?", "nl": "Hoe was deze week met {manager}?"},
    "mail.pulse_body": {
        "en": (
            "Hello,\n\n{manager} would like to know how this week went for you in {team}. It takes under a minute and "
            "your answers are anonymous:\n\n{link}\n\nThe link works once and until {closes}.\n\nTrustHabits"
        ),
        "nl": (
            "Hallo,\n\n{manager} wil graag weten hoe deze week voor je was in {team}. Het kost minder dan een minuut "
            "en je antwoorden zijn anoniem:\n\n{link}\n\nDe link werkt één keer en tot {closes}.\n\nTrustHabits"
        ),
    },
    # Errors
    "error.team_name_required": {"en": "Give the team a name.", "nl": "Geef het team een naam."},
    "error.team_name_too_long": {"en": "Keep the name under 80 characters.", "nl": "Houd de naam onder de 80 tekens."},
    "error.k_invalid": {"en": "Choose a whole number from 3 to 50.", "nl": "Kies een heel getal van 3 tot 50."},
    "error.too_many_members": {"en": "At most 200 addresses at once.", "nl": "Hooguit 200 adressen tegelijk."},
    "error.pulse_incomplete": {"en": "Please answer every sentence.", "nl": "Beantwoord alsjeblieft elke zin."},
    "error.pulse_comment_too_long": {
        "en": "Keep the comment under 1000 characters.",
        "nl": "Houd de opmerking onder de 1000 tekens.",
    },
}
