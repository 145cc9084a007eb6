"""Texts for the Trends page, its insight sentences and the share-back mail. Insight wording
describes what moved together; it never says one thing caused another."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.trends": {"en": "Trends", "nl": "Verloop"},
    # Insight sentences ({behaviour}, {when}, {need} are filled with catalogue texts)
    "insight.lag_0": {"en": "in the same week", "nl": "in dezelfde week"},
    "insight.lag_1": {"en": "one week later", "nl": "een week later"},
    "insight.lag_2": {"en": "two weeks later", "nl": "twee weken later"},
    "insight.together_weak": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved together a little (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen een beetje samen (r = {r}, n = {n} weken).",
    },
    "insight.together_moderate": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved together (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen samen (r = {r}, n = {n} weken).",
    },
    "insight.together_strong": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved closely together (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen sterk samen (r = {r}, n = {n} weken).",
    },
    "insight.opposite_weak": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved a little in opposite directions (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen een beetje tegengesteld (r = {r}, n = {n} weken).",
    },
    "insight.opposite_moderate": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved in opposite directions (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen tegengesteld (r = {r}, n = {n} weken).",
    },
    "insight.opposite_strong": {
        "en": "{behaviour}: weeks with more of it and trust {when} moved clearly in opposite directions (r = {r}, n = {n} weeks).",
        "nl": "{behaviour}: weken met er meer van en het vertrouwen {when} bewogen duidelijk tegengesteld (r = {r}, n = {n} weken).",
    },
    "insight.no_clear_link": {
        "en": "{behaviour}: no clear pattern with trust so far (r = {r} {when}, n = {n} weeks).",
        "nl": "{behaviour}: nog geen duidelijk patroon met het vertrouwen (r = {r} {when}, n = {n} weken).",
    },
    "insight.exploratory": {"en": "Exploratory: {sentence}", "nl": "Verkennend: {sentence}"},
    "insight.need_most": {
        "en": "Of the three needs, {need} moved most with trust (r = {r}, n = {n} weeks).",
        "nl": "Van de drie behoeften bewoog {need} het meest met het vertrouwen mee (r = {r}, n = {n} weken).",
    },
    "insight.waiting": {
        "en": "Waiting for {weeks} more weeks with at least {k} answers before anything can be said.",
        "nl": "Nog {weeks} weken met minstens {k} antwoorden nodig voordat er iets te zeggen valt.",
    },
    "insight.cell": {"en": "{when}: r = {r} (n = {n})", "nl": "{when}: r = {r} (n = {n})"},
    "insight.cell_thin": {"en": "{when}: too few weeks (n = {n})", "nl": "{when}: te weinig weken (n = {n})"},
    "insight.caveat": {
        "en": "Patterns, not proof: many things move a team's trust. Fewer than 12 weeks is exploratory.",
        "nl": "Patronen, geen bewijs: veel dingen bewegen het vertrouwen van een team. Minder dan 12 weken is verkennend.",
    },
    "insight.none_yet": {
        "en": "Nothing to report yet: no behaviour has enough weeks paired with trust.",
        "nl": "Nog niets te melden: geen gedrag heeft genoeg weken naast het vertrouwen.",
    },
}
