"""Texts for the Trends page, its insight sentences and the share-back mail. Insight wording
describes what moved together; it never says one thing caused another."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.trends": {"en": "Trends", "nl": "Verloop"},
    # Insight sentences ({behaviour}, {when}, {need} are filled with catalogue texts)
    "insight.lag_0": {"en": "in the same week", "nl": "in dezelfde week"},
    "insight.lag_1": {"en": "one week later", "nl": "een week later"},
    "insight.lag_2": {"en": "two weeks later", "nl": "twee weken later"},
    # The same for a series in reporting blocks of more than one week (a team that pools answers)
    "insight.block_lag_0": {"en": "in the same block", "nl": "in hetzelfde blok"},
    "insight.block_lag_1": {"en": "one block later", "nl": "een blok later"},
    "insight.block_lag_2": {"en": "two blocks later", "nl": "twee blokken later"},
    # {unit}: what the figures count, weeks or blocks
    "insight.unit_weeks": {"en": "weeks", "nl": "weken"},
    "insight.unit_blocks": {"en": "blocks", "nl": "blokken"},
    "insight.together_weak": {
        "en": "{behaviour}: {unit} with more of it and trust {when} moved together a little (r = {r}, n = {n} {unit}).",
        "nl": (
            "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen een beetje samen (r = {r}, n = {n} "
            "{unit})."
        ),
    },
    "insight.together_moderate": {
        "en": "{behaviour}: {unit} with more of it and trust {when} moved together (r = {r}, n = {n} {unit}).",
        "nl": "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen samen (r = {r}, n = {n} {unit}).",
    },
    "insight.together_strong": {
        "en": "{behaviour}: {unit} with more of it and trust {when} moved closely together (r = {r}, n = {n} {unit}).",
        "nl": (
            "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen sterk samen (r = {r}, n = {n} "
            "{unit})."
        ),
    },
    "insight.opposite_weak": {
        "en": (
            "{behaviour}: {unit} with more of it and trust {when} moved a little in opposite directions (r = {r}, n = "
            "{n} {unit})."
        ),
        "nl": (
            "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen een beetje tegengesteld (r = {r}, n "
            "= {n} {unit})."
        ),
    },
    "insight.opposite_moderate": {
        "en": (
            "{behaviour}: {unit} with more of it and trust {when} moved in opposite directions (r = {r}, n = {n} "
            "{unit})."
        ),
        "nl": (
            "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen tegengesteld (r = {r}, n = {n} "
            "{unit})."
        ),
    },
    "insight.opposite_strong": {
        "en": (
            "{behaviour}: {unit} with more of it and trust {when} moved clearly in opposite directions (r = {r}, n = "
            "{n} {unit})."
        ),
        "nl": (
            "{behaviour}: {unit} met er meer van en het vertrouwen {when} bewogen duidelijk tegengesteld (r = {r}, n = "
            "{n} {unit})."
        ),
    },
    "insight.no_clear_link": {
        "en": "{behaviour}: no clear pattern with trust so far (r = {r} {when}, n = {n} {unit}).",
        "nl": "{behaviour}: nog geen duidelijk patroon met het vertrouwen (r = {r} {when}, n = {n} {unit}).",
    },
    "insight.exploratory": {"en": "Exploratory: {sentence}", "nl": "Verkennend: {sentence}"},
    "insight.need_most": {
        "en": "Of the three needs, {need} moved most with trust (r = {r}, n = {n} {unit}).",
        "nl": "Van de drie behoeften bewoog {need} het meest met het vertrouwen mee (r = {r}, n = {n} {unit}).",
    },
    "insight.waiting": {
        "en": "Waiting for {weeks} more {unit} with at least {k} answers before anything can be said.",
        "nl": "Nog {weeks} {unit} met minstens {k} antwoorden nodig voordat er iets te zeggen valt.",
    },
    "insight.cell": {"en": "{when}: r = {r} (n = {n})", "nl": "{when}: r = {r} (n = {n})"},
    "insight.cell_thin": {"en": "{when}: too few {unit} (n = {n})", "nl": "{when}: te weinig {unit} (n = {n})"},
    "insight.caveat": {
        "en": "Patterns, not proof: many things move a team's trust. Fewer than 12 weeks is exploratory.",
        "nl": (
            "Patronen, geen bewijs: veel dingen bewegen het vertrouwen van een team. Minder dan 12 weken is "
            "verkennend."
        ),
    },
    "insight.caveat_blocks": {
        "en": "Patterns, not proof: many things move a team's trust. Fewer than 12 blocks is exploratory.",
        "nl": (
            "Patronen, geen bewijs: veel dingen bewegen het vertrouwen van een team. Minder dan 12 blokken is "
            "verkennend."
        ),
    },
    "insight.based_on": {
        "en": "Over all {weeks} {unit} so far, whatever period the chart shows.",
        "nl": "Over alle {weeks} {unit} tot nu toe, welke periode de grafiek ook toont.",
    },
    "insight.none_yet": {
        "en": "Nothing to report yet: no behaviour has enough {unit} paired with trust.",
        "nl": "Nog niets te melden: geen gedrag heeft genoeg {unit} naast het vertrouwen.",
    },
    # Share back
    "share.title": {"en": "Share results with the team", "nl": "Resultaten delen met het team"},
    "share.intro": {
        "en": (
            "Send the team the averages of a closed week, or of a closed block of weeks when the team pools its "
            "answers. Only when at least k people answered; never comments."
        ),
        "nl": (
            "Stuur het team de gemiddelden van een afgesloten week, of van een afgesloten blok weken als het team "
            "antwoorden bundelt. Alleen als minstens k mensen antwoordden; nooit opmerkingen."
        ),
    },
    "share.round": {"en": "Week or block", "nl": "Week of blok"},
    "share.round_option": {"en": "{week} · {answered} answered", "nl": "{week} · {answered} antwoorden"},
    "share.note": {"en": "Personal note (optional)", "nl": "Persoonlijke noot (optioneel)"},
    "share.note_hint": {"en": "Up to 1,000 characters.", "nl": "Hooguit 1.000 tekens."},
    "share.send": {"en": "Send to the team", "nl": "Naar het team sturen"},
    "share.sent": {
        "en": "Queued for {count} members. See the Outbox.",
        "nl": "Klaargezet voor {count} leden. Zie Postvak uit.",
    },
    "share.already": {
        "en": "These results were already shared with everyone.",
        "nl": "Deze resultaten zijn al met iedereen gedeeld.",
    },
    "share.none": {"en": "Nothing closed to share yet.", "nl": "Nog niets afgesloten om te delen."},
    "share.refused_below_k": {
        "en": "Not sent: fewer people answered than the team's anonymity threshold, so there is nothing to share.",
        "nl": (
            "Niet verstuurd: minder mensen antwoordden dan de anonimiteitsdrempel van het team, dus er valt niets te "
            "delen."
        ),
    },
    "share.refused_open": {"en": "Not sent: this round is still open.", "nl": "Niet verstuurd: deze ronde loopt nog."},
    "error.share_note_too_long": {
        "en": "Keep the note under 1,000 characters.",
        "nl": "Houd de noot onder de 1.000 tekens.",
    },
    "mail.share_subject": {"en": "{team}: how {period} went", "nl": "{team}: hoe {period} ging"},
    # {period} in the two texts around it: one week, or a block of weeks when the team pools its answers.
    "mail.share_period_week": {"en": "week {week}", "nl": "week {week}"},
    "mail.share_period_block": {"en": "weeks {weeks}", "nl": "weken {weeks}"},
    "mail.share_body": {
        "en": (
            "Hello,\n\n{manager} shares what {team} said in the pulse of {period}. {answered} people answered; "
            "these are averages on a scale of 1 to 5, nobody's own answers.\n\nTrust: {trust}\n{needs}"
        ),
        "nl": (
            "Hallo,\n\n{manager} deelt wat {team} zei in de pulse van {period}. {answered} mensen antwoordden; dit "
            "zijn gemiddelden op een schaal van 1 tot 5, niemands eigen antwoorden.\n\nVertrouwen: {trust}\n{needs}"
        ),
    },
    "mail.share_need": {"en": "{need}: {value}", "nl": "{need}: {value}"},
    "mail.share_note": {"en": "A note from {manager}:\n{note}", "nl": "Een noot van {manager}:\n{note}"},
    # The page
    "trends.title": {"en": "Trends", "nl": "Verloop"},
    "trends.team": {"en": "Team", "nl": "Team"},
    "trends.range": {"en": "Period", "nl": "Periode"},
    "trends.range_8w": {"en": "8 weeks", "nl": "8 weken"},
    "trends.range_6m": {"en": "6 months", "nl": "6 maanden"},
    "trends.range_1y": {"en": "1 year", "nl": "1 jaar"},
    "trends.range_all": {"en": "All", "nl": "Alles"},
    "trends.layout": {"en": "Show as", "nl": "Toon als"},
    "trends.show_chart": {"en": "Chart", "nl": "Grafiek"},
    "trends.show_table": {"en": "Table", "nl": "Tabel"},
    "trends.show_needs": {
        "en": "Also show autonomy, relatedness, competence",
        "nl": "Toon ook autonomie, verbondenheid, competentie",
    },
    "trends.legend": {
        "en": (
            "Bars: your logged actions per week (per block when your team pools its answers), by behaviour. Line: "
            "your team's trust (1–5, right axis). A gap: fewer answers than the anonymity threshold in that week or "
            "block."
        ),
        "nl": (
            "Staven: je gelogde acties per week (per blok als je team antwoorden bundelt), per gedrag. Lijn: het "
            "vertrouwen van je team (1–5, rechteras). Een gat: in die week of dat blok minder antwoorden dan de "
            "anonimiteitsdrempel."
        ),
    },
    "trends.chart_label": {
        "en": "Chart of actions per week or block and team trust",
        "nl": "Grafiek van acties per week of blok en vertrouwen van het team",
    },
    "trends.table_caption": {
        "en": (
            "Per week, or per block of weeks when the team pools its answers: your actions per behaviour, how many "
            "answered of how many were asked, and the team's averages (– until a block is over and reached the "
            "threshold)."
        ),
        "nl": (
            "Per week, of per blok van weken als het team antwoorden bundelt: je acties per gedrag, hoeveel van de "
            "gevraagden antwoordden en de gemiddelden van het team (– tot een blok voorbij is en de drempel haalde)."
        ),
    },
    "trends.col_week": {"en": "Week", "nl": "Week"},
    "trends.col_answered": {"en": "Answered", "nl": "Antwoorden"},
    "trends.insight_title": {"en": "What moved together", "nl": "Wat bewoog samen"},
    "trends.behaviour": {"en": "Behaviour", "nl": "Gedrag"},
    "trends.per_behaviour": {"en": "Per behaviour", "nl": "Per gedrag"},
    "trends.no_team": {
        "en": "Trends compare your habits with your team's trust. Create a team and send a pulse first.",
        "nl": "Verloop zet je gewoontes naast het vertrouwen van je team. Maak eerst een team en stuur een pulse.",
    },
    "trends.to_team": {"en": "Go to your teams", "nl": "Naar je teams"},
}
