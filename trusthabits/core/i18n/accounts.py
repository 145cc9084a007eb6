"""Texts for accounts, sign-in, the app shell and settings."""

MESSAGES: dict[str, dict[str, str]] = {
    "app.name": {
        "en": "TrustHabits",
        "nl": "TrustHabits",
    },
    "language.en": {
        "en": "English",
        "nl": "English",
    },
    "language.nl": {
        "en": "Nederlands",
        "nl": "Nederlands",
    },
    "language.short_en": {
        "en": "EN",
        "nl": "EN",
    },
    "language.short_nl": {
        "en": "NL",
        "nl": "NL",
    },
    "language.switch": {
        "en": "Language",
        "nl": "Taal",
    },
    "connection.lost": {
        "en": "No connection to TrustHabits. Trying again…",
        "nl": "Geen verbinding met TrustHabits. We proberen het opnieuw…",
    },
    "nav.main": {
        "en": "Main navigation",
        "nl": "Hoofdmenu",
    },
    "nav.today": {
        "en": "Today",
        "nl": "Vandaag",
    },
    "nav.settings": {
        "en": "Settings",
        "nl": "Instellingen",
    },
    "field.name": {
        "en": "Your name",
        "nl": "Je naam",
    },
    "field.email": {
        "en": "Email address",
        "nl": "E-mailadres",
    },
    "field.password": {
        "en": "Password",
        "nl": "Wachtwoord",
    },
    "field.password_hint": {
        "en": "At least 10 characters. A short sentence works well.",
        "nl": "Minstens 10 tekens. Een korte zin werkt goed.",
    },
    "field.current_password": {
        "en": "Current password",
        "nl": "Huidig wachtwoord",
    },
    "field.new_password": {
        "en": "New password",
        "nl": "Nieuw wachtwoord",
    },
    "field.language": {
        "en": "Language",
        "nl": "Taal",
    },
    "field.time_zone": {
        "en": "Time zone",
        "nl": "Tijdzone",
    },
    "field.time_zone_hint": {
        "en": "Taken from your device; used for your days, weeks and reminders.",
        "nl": "Overgenomen van je apparaat; bepaalt je dagen, weken en herinneringen.",
    },
    "signin.title": {
        "en": "Sign in",
        "nl": "Inloggen",
    },
    "signin.subtitle": {
        "en": "Small daily habits that build your team's trust.",
        "nl": "Kleine dagelijkse gewoontes die het vertrouwen van je team opbouwen.",
    },
    "signin.submit": {
        "en": "Sign in",
        "nl": "Inloggen",
    },
    "signin.no_account": {
        "en": "New here?",
        "nl": "Nieuw hier?",
    },
    "signin.register_link": {
        "en": "Create an account",
        "nl": "Maak een account",
    },
    "signin.signed_out": {
        "en": "You are signed out.",
        "nl": "Je bent uitgelogd.",
    },
    "register.title": {
        "en": "Create your account",
        "nl": "Maak je account",
    },
    "register.subtitle": {
        "en": "Practise six trust-building behaviours and see whether your team's trust follows.",
        "nl": "Oefen zes gedragingen die vertrouwen opbouwen en zie of het vertrouwen van je team meegroeit.",
    },
    "register.submit": {
        "en": "Create account",
        "nl": "Account maken",
    },
    "register.have_account": {
        "en": "Already have an account?",
        "nl": "Heb je al een account?",
    },
    "register.signin_link": {
        "en": "Sign in",
        "nl": "Inloggen",
    },
    "today.title": {
        "en": "Today",
        "nl": "Vandaag",
    },
    "today.greeting": {
        "en": "Good to see you, {name}.",
        "nl": "Fijn je te zien, {name}.",
    },
    "settings.title": {
        "en": "Settings",
        "nl": "Instellingen",
    },
    "settings.profile": {
        "en": "Profile",
        "nl": "Profiel",
    },
    "settings.signed_in_as": {
        "en": "Signed in as",
        "nl": "Ingelogd als",
    },
    "settings.save": {
        "en": "Save",
        "nl": "Opslaan",
    },
    "settings.saved": {
        "en": "Your settings are saved.",
        "nl": "Je instellingen zijn opgeslagen.",
    },
    "settings.password_section": {
        "en": "Change password",
        "nl": "Wachtwoord wijzigen",
    },
    "settings.change_password": {
        "en": "Change password",
        "nl": "Wachtwoord wijzigen",
    },
    "settings.password_changed": {
        "en": "Password changed. Your other devices are signed out.",
        "nl": "Wachtwoord gewijzigd. Je andere apparaten zijn uitgelogd.",
    },
    "settings.sign_out": {
        "en": "Sign out",
        "nl": "Uitloggen",
    },
    "error.email_invalid": {
        "en": "This does not look like an email address.",
        "nl": "Dit lijkt geen e-mailadres.",
    },
    "error.email_taken": {
        "en": "An account with this email address already exists. Sign in instead?",
        "nl": "Er bestaat al een account met dit e-mailadres. Wil je inloggen?",
    },
    "error.name_required": {
        "en": "Please fill in your name.",
        "nl": "Vul je naam in.",
    },
    "error.name_too_long": {
        "en": "Please keep your name under 120 characters.",
        "nl": "Houd je naam korter dan 120 tekens.",
    },
    "error.password_too_short": {
        "en": "Use at least 10 characters.",
        "nl": "Gebruik minstens 10 tekens.",
    },
    "error.password_too_long": {
        "en": "Use at most 1024 characters.",
        "nl": "Gebruik hoogstens 1024 tekens.",
    },
    "error.language_invalid": {
        "en": "Choose English or Nederlands.",
        "nl": "Kies English of Nederlands.",
    },
    "error.time_zone_invalid": {
        "en": "Pick a time zone from the list, such as Europe/Amsterdam.",
        "nl": "Kies een tijdzone uit de lijst, zoals Europe/Amsterdam.",
    },
    "error.signin_missing": {
        "en": "Fill in your email address and password.",
        "nl": "Vul je e-mailadres en wachtwoord in.",
    },
    "error.signin_failed": {
        "en": "That email address and password do not match.",
        "nl": "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
    },
    "error.signin_locked": {
        "en": "Too many attempts. For your safety, try again in {minutes} minutes.",
        "nl": "Te veel pogingen. Voor je veiligheid: probeer het over {minutes} minuten opnieuw.",
    },
    "error.current_password_wrong": {
        "en": "That is not your current password.",
        "nl": "Dit is niet je huidige wachtwoord.",
    },
}
