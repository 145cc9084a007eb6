"""Texts for the habit reaching the manager: personal focus, own micro-actions, the daily
nudge, offline taps and home-screen shortcuts."""

MESSAGES: dict[str, dict[str, str]] = {
    # Your focus
    "focus.title": {"en": "Your focus", "nl": "Je focus"},
    "today.your_focus": {"en": "Your focus and own actions", "nl": "Je focus en eigen acties"},
    "focus.intro": {
        "en": ("Put one to three behaviours in focus: they come first on Today and in your daily nudge. Hide a "
               "behaviour you do not work on now; its history stays and you can show it again at any time."),
        "nl": ("Zet een tot drie gedragingen in focus: die staan bovenaan op Vandaag en in je dagelijkse "
               "herinnering. Verberg een gedrag waar je nu niet aan werkt; de geschiedenis blijft en je kunt het "
               "altijd weer tonen."),
    },
    "focus.in_focus": {"en": "In focus", "nl": "Staat in focus"},
    "focus.put_in_focus": {"en": "Put in focus", "nl": "In focus zetten"},
    "focus.hide": {"en": "Hide from Today", "nl": "Verbergen op Vandaag"},
    "focus.show": {"en": "Show on Today", "nl": "Tonen op Vandaag"},
    "focus.hidden_badge": {"en": "Hidden", "nl": "Verborgen"},
    "focus.remove": {"en": "Remove", "nl": "Verwijderen"},
    "focus.add": {"en": "Add", "nl": "Toevoegen"},
    "focus.own_label": {"en": "Your own action", "nl": "Je eigen actie"},
    "focus.own_placeholder": {"en": "Your own action, in your words", "nl": "Je eigen actie, in je eigen woorden"},
    "micro.own_removed": {"en": "(an own action, since removed)", "nl": "(een eigen actie, inmiddels verwijderd)"},
    "error.focus_repeated": {"en": "A behaviour can be in focus once.", "nl": "Een gedrag kan één keer in focus."},
    "error.focus_too_many": {
        "en": "At most three behaviours can be in focus. Take one out first.",
        "nl": "Hoogstens drie gedragingen kunnen in focus staan. Haal er eerst een uit.",
    },
    "error.focus_hidden": {
        "en": "A hidden behaviour cannot be in focus. Show it on Today first.",
        "nl": "Een verborgen gedrag kan niet in focus. Toon het eerst op Vandaag.",
    },
    "error.hide_all": {
        "en": "At least one behaviour stays on Today.",
        "nl": "Minstens één gedrag blijft op Vandaag staan.",
    },
    "error.own_micro_empty": {"en": "Type the action first.", "nl": "Typ eerst de actie."},
    "error.own_micro_too_long": {
        "en": "An own action can be at most 80 characters.",
        "nl": "Een eigen actie mag hoogstens 80 tekens zijn.",
    },
    "error.own_micro_invalid": {
        "en": "Use letters, digits and punctuation only.",
        "nl": "Gebruik alleen letters, cijfers en leestekens.",
    },
    "error.own_micro_exists": {"en": "You already have that action.", "nl": "Die actie heb je al."},
    "error.own_micro_too_many": {
        "en": "At most 20 own actions per behaviour. Remove one first.",
        "nl": "Hoogstens 20 eigen acties per gedrag. Verwijder er eerst een.",
    },
}
MESSAGES.update({
    # The daily nudge
    "nudge.text": {
        "en": "Today: nothing logged yet. One small act of {behaviour}?",
        "nl": "Vandaag: nog niets vastgelegd. Eén kleine daad van {behaviour}?",
    },
    "nudge.mail_body": {
        "en": "Hello {name},\n\n{text}\n\nOne tap on Today logs it:\n\n{link}\n\nTrustHabits",
        "nl": "Hallo {name},\n\n{text}\n\nEén tik op Vandaag legt het vast:\n\n{link}\n\nTrustHabits",
    },
    "error.nudge_days_none": {"en": "Pick at least one day.", "nl": "Kies minstens één dag."},
    "error.nudge_days_invalid": {"en": "Pick days of the week.", "nl": "Kies dagen van de week."},
    "error.push_endpoint": {
        "en": "This browser's push service cannot be used. Your nudge comes by mail.",
        "nl": "De pushdienst van deze browser is niet bruikbaar. Je herinnering komt per mail.",
    },
    "error.push_keys": {
        "en": "This browser sent an unusable subscription. Your nudge comes by mail.",
        "nl": "Deze browser stuurde een onbruikbaar abonnement. Je herinnering komt per mail.",
    },
})
MESSAGES.update({
    # Offline taps
    "error.tap_uid": {"en": "This tap has no valid id.", "nl": "Deze tik heeft geen geldig kenmerk."},
    "offline.saved": {"en": "saved on this phone, will sync", "nl": "bewaard op deze telefoon, wordt verstuurd"},
    "offline.undo": {"en": "Undo", "nl": "Ongedaan maken"},
    "offline.waiting": {"en": "Waiting for a connection", "nl": "Wacht op verbinding"},
})
MESSAGES.update({
    # The daily nudge on Settings
    "nudge.title": {"en": "Daily nudge", "nl": "Dagelijkse herinnering"},
    "nudge.explain": {
        "en": ("One reminder on the days you choose, at your local time, only when you have not logged anything "
               "yet that day (and never during a pause)."),
        "nl": ("Eén herinnering op de dagen die je kiest, op jouw tijd, alleen als je die dag nog niets hebt "
               "vastgelegd (en nooit tijdens een pauze)."),
    },
    "nudge.enabled": {"en": "Send me a daily nudge", "nl": "Stuur me een dagelijkse herinnering"},
    "nudge.time": {"en": "Time", "nl": "Tijd"},
    "nudge.days": {"en": "On these days", "nl": "Op deze dagen"},
    "nudge.save": {"en": "Set nudge", "nl": "Herinnering instellen"},
    "nudge.saved": {"en": "Saved. Your nudge is on.", "nl": "Opgeslagen. Je herinnering staat aan."},
    "nudge.saved_off": {"en": "Saved. No daily nudge.", "nl": "Opgeslagen. Geen dagelijkse herinnering."},
    "nudge.device_explain": {
        "en": ("It comes as a notification on each phone or browser you allow here; otherwise by mail. On an "
               "iPhone, add TrustHabits to your home screen first (iOS 16.4 or later)."),
        "nl": ("Hij komt als melding op elke telefoon of browser die je hier toestemming geeft; anders per mail. "
               "Op een iPhone zet je TrustHabits eerst op je beginscherm (iOS 16.4 of nieuwer)."),
    },
    "nudge.allow": {"en": "Allow notifications on this device", "nl": "Meldingen toestaan op dit apparaat"},
    "nudge.push_on": {
        "en": "Notifications are on for this device.",
        "nl": "Meldingen staan aan op dit apparaat.",
    },
    "nudge.push_denied": {
        "en": "This browser does not allow notifications. Your nudge comes by mail.",
        "nl": "Deze browser staat geen meldingen toe. Je herinnering komt per mail.",
    },
    "nudge.push_unavailable": {
        "en": ("Notifications are not available here (they need https, and on an iPhone the app on your home "
               "screen). Your nudge comes by mail."),
        "nl": ("Meldingen zijn hier niet beschikbaar (ze vragen https, en op een iPhone de app op je "
               "beginscherm). Je herinnering komt per mail."),
    },
})
MESSAGES.update({
    "error.tap_too_many": {
        "en": "That day already has 100 entries; this tap was not added.",
        "nl": "Die dag heeft al 100 registraties; deze tik is niet toegevoegd.",
    },
})
