"""Texts for the weekly rhythm: schedules, reminders, the reflection page and its prompt."""

MESSAGES: dict[str, dict[str, str]] = {
    # Mail
    "mail.reminder_subject": {"en": "A reminder: how was this week with {manager}?",
                              "nl": "Herinnering: hoe was deze week met {manager}?"},
    "mail.reminder_body": {
        "en": (
            "Hello,\n\nIf you have not answered yet: {manager} would still like to know how this week went for you in "
            "{team}. Your answers are anonymous:\n\n{link}\n\nThis link replaces the one in the earlier mail. It "
            "works once and until {closes}.\n\nTrustHabits"
        ),
        "nl": (
            "Hallo,\n\nAls je nog niet hebt geantwoord: {manager} wil nog steeds graag weten hoe deze week voor je "
            "was in {team}. Je antwoorden zijn anoniem:\n\n{link}\n\nDeze link vervangt die uit de eerdere mail. Hij "
            "werkt één keer en tot {closes}.\n\nTrustHabits"
        ),
    },
    "mail.reflect_subject": {"en": "Your weekly reflection", "nl": "Je wekelijkse reflectie"},
    "mail.reflect_body": {
        "en": (
            "Hello {name},\n\nFive quiet minutes: look back on your week and choose one thing to try next "
            "week.\n\n{link}\n\nTrustHabits"
        ),
        "nl": (
            "Hallo {name},\n\nVijf rustige minuten: kijk terug op je week en kies één ding om volgende week te "
            "proberen.\n\n{link}\n\nTrustHabits"
        ),
    },
    # Schedule validation
    "error.time_invalid": {"en": "Enter a time as hours:minutes, for example 13:00.",
                           "nl": "Vul een tijd in als uren:minuten, bijvoorbeeld 13:00."},
    "error.weekday_invalid": {"en": "Choose a day of the week.", "nl": "Kies een dag van de week."},
    "error.reminder_hours": {"en": "Enter a number of hours from 1 to 168.",
                             "nl": "Vul een aantal uren in van 1 tot 168."},
    "error.close_after_days": {"en": "Enter a number of days from 1 to 6.",
                               "nl": "Vul een aantal dagen in van 1 tot 6."},
    "error.reflection_too_long": {"en": "Keep it under 1,000 characters ({count} now).",
                                  "nl": "Houd het onder de 1.000 tekens (nu {count})."},
    # Schedules
    "schedule.pulse_title": {"en": "Weekly pulse schedule", "nl": "Planning wekelijkse pulse"},
    "schedule.reflect_title": {"en": "Weekly reflection", "nl": "Wekelijkse reflectie"},
    "schedule.weekday": {"en": "Day", "nl": "Dag"},
    "schedule.time": {"en": "Time (hh:mm)", "nl": "Tijd (uu:mm)"},
    "schedule.reminder_hours": {"en": "Remind after (hours)", "nl": "Herinnering na (uren)"},
    "schedule.close_after_days": {"en": "Close after (days)", "nl": "Sluiten na (dagen)"},
    "schedule.zone": {"en": "Time zone: {zone}", "nl": "Tijdzone: {zone}"},
    "schedule.save": {"en": "Set schedule", "nl": "Planning instellen"},
    "schedule.saved": {"en": "Schedule set.", "nl": "Planning ingesteld."},
    "schedule.reminder_explain": {
        "en": "Only people who have not answered get a reminder. You never see who they are.",
        "nl": "Alleen wie nog niet antwoordde krijgt een herinnering. Jij ziet nooit wie dat is.",
    },
    # Status
    "status.title": {"en": "Schedule status", "nl": "Status planning"},
    "status.next_pulse": {"en": "Next pulse: {when}", "nl": "Volgende pulse: {when}"},
    "status.next_prompt": {"en": "Next reflection prompt: {when}", "nl": "Volgende reflectievraag: {when}"},
    "status.round": {"en": "{week}: {sent} sent, {failed} failed, {waiting} waiting",
                     "nl": "{week}: {sent} verstuurd, {failed} mislukt, {waiting} wachtend"},
    "status.no_rounds": {"en": "No rounds yet.", "nl": "Nog geen rondes."},
    "status.undelivered": {
        "en": "Round {week} opened but no mail could be delivered. Check the Outbox and the mail server.",
        "nl": "Ronde {week} is geopend maar er kon geen mail worden bezorgd. Kijk in de Outbox en bij de mailserver.",
    },
    # Reflection page
    "nav.reflect": {"en": "Reflect", "nl": "Reflectie"},
    "reflect.title": {"en": "Reflection {week}", "nl": "Reflectie {week}"},
    "reflect.your_week": {"en": "Your week", "nl": "Jouw week"},
    "reflect.logged": {"en": "{behaviour}: {count}×", "nl": "{behaviour}: {count}×"},
    "reflect.not_practised": {"en": "Not practised: {behaviours}", "nl": "Niet geoefend: {behaviours}"},
    "reflect.all_practised": {"en": "You practised every behaviour.", "nl": "Je oefende elk gedrag."},
    "reflect.focus": {"en": "In focus: {behaviour}", "nl": "Centraal: {behaviour}"},
    "reflect.went_well": {"en": "What went well", "nl": "Wat ging goed"},
    "reflect.try_next": {"en": "What I will try next week", "nl": "Wat ik volgende week ga proberen"},
    "reflect.save_draft": {"en": "Save draft", "nl": "Concept opslaan"},
    "reflect.finish": {"en": "Finish reflection", "nl": "Reflectie afronden"},
    "reflect.draft_saved": {"en": "Draft saved.", "nl": "Concept opgeslagen."},
    "reflect.finished": {"en": "Reflection finished.", "nl": "Reflectie afgerond."},
    "reflect.is_finished": {"en": "Finished", "nl": "Afgerond"},
    "reflect.is_draft": {"en": "Draft", "nl": "Concept"},
    "reflect.past": {"en": "Past reflections", "nl": "Eerdere reflecties"},
    "reflect.none_yet": {"en": "No reflections yet.", "nl": "Nog geen reflecties."},
    "reflect.private": {"en": "Only you can see your reflections.", "nl": "Alleen jij ziet je reflecties."},
    "reflect.bad_week": {"en": "That week does not exist.", "nl": "Die week bestaat niet."},
    "today.reflect_now": {"en": "Your weekly reflection is ready", "nl": "Je wekelijkse reflectie staat klaar"},
    "today.last_try": {"en": "You planned to try this week", "nl": "Je wilde deze week proberen"},
}
