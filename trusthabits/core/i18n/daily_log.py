"""Texts for the daily action log: Today, this week, history, habit strength and your data."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.behaviour_unknown": {
        "en": "That behaviour is not in the catalogue.",
        "nl": "Dat gedrag staat niet in de catalogus.",
    },
    "error.micro_action_unknown": {
        "en": "Pick one of the actions shown for this behaviour.",
        "nl": "Kies een van de acties die bij dit gedrag staan.",
    },
    "error.note_too_long": {
        "en": "A note can be at most 280 characters. Shorten it a little; your text is still there.",
        "nl": "Een notitie mag hoogstens 280 tekens zijn. Maak hem iets korter; je tekst staat er nog.",
    },
    "error.day_in_future": {
        "en": "You cannot log something that has not happened yet. Pick today or an earlier day.",
        "nl": "Je kunt niets vastleggen wat nog niet gebeurd is. Kies vandaag of een eerdere dag.",
    },
    "error.day_too_old": {
        "en": "You can date an entry at most 7 days back.",
        "nl": "Je kunt hoogstens 7 dagen terug dateren.",
    },
    "error.day_invalid": {
        "en": "Pick a date.",
        "nl": "Kies een datum.",
    },
    "error.target_invalid": {
        "en": "A weekly target is between 1 and 7.",
        "nl": "Een weekdoel ligt tussen 1 en 7.",
    },
    "error.pause_order": {
        "en": "A pause ends on or after the day it starts.",
        "nl": "Een pauze eindigt op of na de dag waarop hij begint.",
    },
    "error.entry_gone": {
        "en": "That entry no longer exists.",
        "nl": "Die registratie bestaat niet meer.",
    },
    "error.import_not_json": {
        "en": "This file is not JSON. Choose a file exported from TrustHabits; nothing was changed.",
        "nl": "Dit bestand is geen JSON. Kies een bestand dat uit TrustHabits is geëxporteerd; er is niets veranderd.",
    },
    "error.import_not_export": {
        "en": "This JSON file is not a TrustHabits export; nothing was changed.",
        "nl": "Dit JSON-bestand is geen TrustHabits-export; er is niets veranderd.",
    },
    "error.import_version": {
        "en": "This export comes from a version of TrustHabits we cannot read; nothing was changed.",
        "nl": "Deze export komt uit een versie van TrustHabits die we niet kunnen lezen; er is niets veranderd.",
    },
    "error.import_row": {
        "en": "Entry {row} in this file is not valid; nothing was changed.",
        "nl": "Registratie {row} in dit bestand is niet geldig; er is niets veranderd.",
    },
    "error.import_too_large": {
        "en": "This file is too large to be an export; nothing was changed.",
        "nl": "Dit bestand is te groot voor een export; er is niets veranderd.",
    },
    "error.import_no_file": {
        "en": "Choose a JSON file first.",
        "nl": "Kies eerst een JSON-bestand.",
    },
    "today.tiles_label": {"en": "Log what you did today", "nl": "Leg vast wat je vandaag deed"},
    "today.logged": {"en": "{name} logged for today.", "nl": "{name} vastgelegd voor vandaag."},
    "today.undo": {"en": "Undo", "nl": "Ongedaan maken"},
    "today.details": {"en": "Add details", "nl": "Details"},
    "today.undone": {"en": "Undone: that entry is gone.", "nl": "Ongedaan gemaakt: die registratie is weg."},
    "today.recent": {"en": "Latest entries", "nl": "Laatst vastgelegd"},
    "today.all_history": {"en": "All history", "nl": "Alle historie"},
    "today.habit_strength": {"en": "Habit strength, targets and pauses", "nl": "Gewoontesterkte, doelen en pauzes"},
    "today.nothing_yet": {
        "en": "Nothing logged yet. Tap a behaviour above when you have practised it.",
        "nl": "Nog niets vastgelegd. Tik hierboven op een gedrag zodra je het in praktijk bracht.",
    },
    "week.title": {"en": "This week", "nl": "Deze week"},
    "week.not_yet": {"en": "not yet", "nl": "nog niet"},
    "week.all_done": {
        "en": "Every behaviour practised this week. Well done.",
        "nl": "Deze week elk gedrag in praktijk gebracht. Goed bezig.",
    },
    "week.untouched": {"en": "Still untouched this week: {names}.", "nl": "Deze week nog niet aan bod: {names}."},
    "log.edit": {"en": "Edit entry", "nl": "Registratie bewerken"},
    "log.delete": {"en": "Delete entry", "nl": "Registratie verwijderen"},
    "log.saved": {"en": "Entry saved.", "nl": "Registratie opgeslagen."},
    "log.deleted": {"en": "Entry deleted: {name}.", "nl": "Registratie verwijderd: {name}."},
    "log.delete_question": {"en": "Delete this entry?", "nl": "Deze registratie verwijderen?"},
    "log.delete_confirm": {"en": "Delete", "nl": "Verwijderen"},
    "log.keep": {"en": "Keep", "nl": "Houden"},
    "log.editor_hint": {
        "en": "Pick what you did, add a line, or change the day.",
        "nl": "Kies wat je deed, schrijf een regel erbij of kies een andere dag.",
    },
    "log.micro_action": {"en": "What did you do?", "nl": "Wat deed je?"},
    "log.no_micro_action": {"en": "(nothing specific)", "nl": "(niets specifieks)"},
    "log.note": {"en": "Note", "nl": "Notitie"},
    "log.note_hint": {"en": "Optional, up to 280 characters.", "nl": "Optioneel, hoogstens 280 tekens."},
    "log.day": {"en": "Day", "nl": "Dag"},
    "log.day_hint": {"en": "Today or up to 7 days back.", "nl": "Vandaag of tot 7 dagen terug."},
    "log.cancel": {"en": "Cancel", "nl": "Annuleren"},
    "log.save": {"en": "Save", "nl": "Opslaan"},
}
