"""Texts for History, Habits (strength, targets, pauses) and Your data (export, import)."""

MESSAGES: dict[str, dict[str, str]] = {
    "history.title": {"en": "History", "nl": "Historie"},
    "history.filter": {"en": "Show behaviour", "nl": "Toon gedrag"},
    "history.all_behaviours": {"en": "All behaviours", "nl": "Alle gedragingen"},
    "history.search": {"en": "Search notes", "nl": "Zoek in notities"},
    "history.search_placeholder": {"en": "Search your notes", "nl": "Zoek in je notities"},
    "history.cell": {"en": "{day}: {count}", "nl": "{day}: {count}"},
    "history.heat_summary": {
        "en": "Entries in the last 12 months: {count}",
        "nl": "Registraties in de afgelopen 12 maanden: {count}",
    },
    "history.empty": {"en": "No entries match.", "nl": "Geen registraties gevonden."},
    "history.newer": {"en": "Newer", "nl": "Nieuwer"},
    "history.older": {"en": "Older", "nl": "Ouder"},
    "data.title": {"en": "Your data", "nl": "Jouw gegevens"},
    "data.explain": {
        "en": "Download all your entries, or bring back a JSON export. Entries you already have are not added twice.",
        "nl": (
            "Download al je registraties, of zet een JSON-export terug. Wat je al hebt, wordt niet dubbel toegevoegd."
        ),
    },
    "data.export_csv": {"en": "CSV", "nl": "CSV-bestand"},
    "data.export_json": {"en": "JSON", "nl": "JSON-bestand"},
    "data.import": {"en": "Import a JSON export", "nl": "JSON-export importeren"},
    "data.imported": {
        "en": "Imported {added} entries; {skipped} were already here.",
        "nl": "{added} registraties geïmporteerd; {skipped} waren er al.",
    },
    "habits.title": {"en": "Habits", "nl": "Gewoontes"},
    "habits.streak": {"en": "streak {weeks} wk", "nl": "reeks {weeks} wk"},
    "habits.this_week": {"en": "{count}/{target} this week", "nl": "{count}/{target} deze week"},
    "habits.how_title": {"en": "What the score means", "nl": "Wat de score betekent"},
    "habits.how_score": {
        "en": "Each finished week moves the score a fifth of the way towards how well you met your weekly target: "
        "100 means you have met it week after week, 0 that the habit has not started yet. One missed week costs a "
        "little; "
        "a habit built over months does not vanish in a week. The streak counts the weeks in a row that met the "
        "target.",
        "nl": "Elke afgeronde week brengt de score een vijfde dichter bij hoe goed je je weekdoel haalde: "
        "100 betekent dat je het week na week haalt, 0 dat de gewoonte nog niet begonnen is. Eén gemiste week kost "
        "een beetje; "
        "een gewoonte van maanden verdwijnt niet in een week. De reeks telt de weken op rij waarin je je doel haalde.",
    },
    "habits.how_pause": {
        "en": (
            "During a pause (holiday, sick leave) score and streak stand still instead of dropping. The running week "
            "only counts once you have met its target."
        ),
        "nl": (
            "Tijdens een pauze (vakantie, ziekte) staan score en reeks stil in plaats van te dalen. De lopende week "
            "telt pas mee zodra je het doel haalt."
        ),
    },
    "habits.pauses": {"en": "Pauses", "nl": "Pauzes"},
    "habits.pauses_explain": {
        "en": "Away for a while? Add the dates and your habits wait for you.",
        "nl": "Even weg? Vul de data in en je gewoontes wachten op je.",
    },
    "habits.pause_start": {"en": "From", "nl": "Van"},
    "habits.pause_end": {"en": "Until", "nl": "Tot en met"},
    "habits.add_pause": {"en": "Add pause", "nl": "Pauze toevoegen"},
    "habits.delete_pause": {"en": "Delete pause", "nl": "Pauze verwijderen"},
    "habits.pause_range": {"en": "{start} – {end}", "nl": "{start} – {end}"},
    "habits.paused_now": {
        "en": "You are on a pause: score and streak stand still.",
        "nl": "Je hebt pauze: score en reeks staan stil.",
    },
}
for _n in range(1, 8):
    MESSAGES[f"habits.per_week.{_n}"] = {"en": f"{_n}× a week", "nl": f"{_n}× per week"}
