"""Texts for keeping the app safe to run in public: confirming an address, resetting a password,
waiting between sign-ins, sending limits, and a team member's unsubscribe page."""

MESSAGES: dict[str, dict[str, str]] = {
    # Confirming the address
    "mail.confirm_subject": {
        "en": "Confirm your email address for TrustHabits",
        "nl": "Bevestig je e-mailadres voor TrustHabits",
    },
    "mail.confirm_body": {
        "en": (
            "Hello {name},\n\nPlease confirm that this is your address by opening this link within 24 "
            "hours:\n\n{link}\n\nUntil you do, TrustHabits sends no mail on your behalf. Did you not "
            "create an account? Then ignore this mail; nothing will be sent.\n\nTrustHabits"
        ),
        "nl": (
            "Hallo {name},\n\nBevestig dat dit jouw adres is door deze link binnen 24 uur te "
            "openen:\n\n{link}\n\nTot die tijd verstuurt TrustHabits geen mail namens jou. Heb je geen "
            "account aangemaakt? Negeer deze mail dan; er wordt niets verstuurd.\n\nTrustHabits"
        ),
    },
    "confirm.done_title": {
        "en": "Your address is confirmed",
        "nl": "Je adres is bevestigd",
    },
    "confirm.done_body": {
        "en": "Thank you. TrustHabits now sends your team's pulse mail ({email}).",
        "nl": "Dank je. TrustHabits verstuurt nu de pulse-mail van je team ({email}).",
    },
    "confirm.to_app": {
        "en": "Go to TrustHabits",
        "nl": "Naar TrustHabits",
    },
    "outbox.unconfirmed": {
        "en": (
            "Your address {email} is not confirmed yet, so nothing is sent: mail waits here until you "
            "open the link we sent you."
        ),
        "nl": (
            "Je adres {email} is nog niet bevestigd, dus er gaat niets de deur uit: mail wacht hier "
            "tot je de link opent die we je stuurden."
        ),
    },
    "outbox.resend": {
        "en": "Send the link again",
        "nl": "Stuur de link opnieuw",
    },
    "outbox.resent": {
        "en": "A new link is on its way to {email}.",
        "nl": "Er is een nieuwe link onderweg naar {email}.",
    },
    "error.confirm_resend_wait": {
        "en": "A link was sent moments ago. Check your mail, or try again in a few minutes.",
        "nl": "Er is net een link gestuurd. Kijk in je mail, of probeer het over een paar minuten opnieuw.",
    },
    # Single-use links (confirm, reset)
    "link.unknown_title": {
        "en": "This link does not work",
        "nl": "Deze link werkt niet",
    },
    "link.unknown": {
        "en": "Check that you opened the whole link from the mail.",
        "nl": "Controleer of je de hele link uit de mail hebt geopend.",
    },
    "link.used": {
        "en": "This link has been used already. Each link works once.",
        "nl": "Deze link is al gebruikt. Elke link werkt één keer.",
    },
    "link.expired": {
        "en": "This link has expired. Ask for a new one.",
        "nl": "Deze link is verlopen. Vraag een nieuwe aan.",
    },
    # Password reset
    "signin.forgot_link": {
        "en": "Forgot your password?",
        "nl": "Wachtwoord vergeten?",
    },
    "reset.request_title": {
        "en": "Reset your password",
        "nl": "Je wachtwoord opnieuw instellen",
    },
    "reset.request_intro": {
        "en": "Fill in the address you signed up with. We mail you a link to choose a new password.",
        "nl": "Vul het adres in waarmee je je aanmeldde. We mailen je een link om een nieuw wachtwoord te kiezen.",
    },
    "reset.request_submit": {
        "en": "Send the link",
        "nl": "Stuur de link",
    },
    "reset.request_sent": {
        "en": "If {email} has an account, a link is on its way. It works once, for one hour.",
        "nl": "Als {email} een account heeft, is er een link onderweg. Die werkt één keer, een uur lang.",
    },
    "reset.title": {
        "en": "Choose a new password",
        "nl": "Kies een nieuw wachtwoord",
    },
    "reset.submit": {
        "en": "Save the new password",
        "nl": "Bewaar het nieuwe wachtwoord",
    },
    "reset.new_link": {
        "en": "Ask for a new link",
        "nl": "Vraag een nieuwe link aan",
    },
    "signin.password_reset": {
        "en": "Your password is changed and every device is signed out. Sign in with the new password.",
        "nl": "Je wachtwoord is gewijzigd en elk apparaat is uitgelogd. Log in met het nieuwe wachtwoord.",
    },
    "mail.reset_subject": {
        "en": "Choose a new TrustHabits password",
        "nl": "Kies een nieuw TrustHabits-wachtwoord",
    },
    "mail.reset_body": {
        "en": (
            "Hello {name},\n\nSomeone asked to reset the password of your TrustHabits account. To "
            "choose a new one, open this link within one hour:\n\n{link}\n\nThe link works once and "
            "signs out every device. Did you not ask? Then ignore this mail; your password stays as it "
            "is.\n\nTrustHabits"
        ),
        "nl": (
            "Hallo {name},\n\nIemand vroeg om het wachtwoord van je TrustHabits-account opnieuw in te "
            "stellen. Open deze link binnen een uur om een nieuw te kiezen:\n\n{link}\n\nDe link werkt "
            "één keer en logt elk apparaat uit. Heb je hier niet om gevraagd? Negeer deze mail dan; je "
            "wachtwoord blijft zoals het is.\n\nTrustHabits"
        ),
    },
    # Sign-in throttling
    "error.signin_wait": {
        "en": "Too many attempts. For your safety, try again in {seconds} seconds.",
        "nl": "Te veel pogingen. Voor je veiligheid: probeer het over {seconds} seconden opnieuw.",
    },
    "error.signin_busy": {
        "en": "Many people are signing in right now. Try again in a moment.",
        "nl": "Er loggen nu veel mensen in. Probeer het zo opnieuw.",
    },
    # Sending limits
    "error.too_many_teams": {
        "en": "You have {teams} teams, the most one account can have.",
        "nl": "Je hebt {teams} teams, het maximum voor één account.",
    },
    "error.team_full": {
        "en": "This team has {members} active members, the most a team can have.",
        "nl": "Dit team heeft {members} actieve leden, het maximum voor een team.",
    },
    "team.over_limit": {
        "en": "{count} not added: a team has at most {members} active members.",
        "nl": "{count} niet toegevoegd: een team heeft hoogstens {members} actieve leden.",
    },
    "error.mail_limit": {
        "en": "This would send {wanted} mails; {left} of your {mails} a day are left. Try again tomorrow.",
        "nl": (
            "Dit zou {wanted} mails versturen; er zijn nog {left} van je {mails} per dag over. Probeer "
            "het morgen opnieuw."
        ),
    },
    "team.unsubscribed": {
        "en": "{count} unsubscribed (who is not shown)",
        "nl": "{count} afgemeld (wie wordt niet getoond)",
    },
    # A team member's unsubscribe page
    "mail.unsubscribe_footer": {
        "en": "You get this mail because you are in a team on TrustHabits. No more of these mails? {link}",
        "nl": "Je krijgt deze mail omdat je in een team op TrustHabits zit. Geen mails meer? {link}",
    },
    "unsubscribe.title": {
        "en": "No more mail from this team?",
        "nl": "Geen mail meer van dit team?",
    },
    "unsubscribe.intro": {
        "en": (
            "You get the weekly pulse of {team} from {manager}. After unsubscribing you get no pulses, "
            "reminders or shared results from this team. {manager} sees how many people unsubscribed, "
            "not who."
        ),
        "nl": (
            "Je krijgt de wekelijkse pulse van {team} van {manager}. Na het afmelden krijg je geen "
            "pulses, herinneringen of gedeelde uitkomsten meer van dit team. {manager} ziet hoeveel "
            "mensen zich afmeldden, niet wie."
        ),
    },
    "unsubscribe.button": {
        "en": "Unsubscribe",
        "nl": "Afmelden",
    },
    "unsubscribe.done_title": {
        "en": "You are unsubscribed",
        "nl": "Je bent afgemeld",
    },
    "unsubscribe.done_body": {
        "en": "You get no more mail from {team}.",
        "nl": "Je krijgt geen mail meer van {team}.",
    },
    # Input rules (core/input_rules.py): what no form, import or link may hold
    "error.name_hidden_characters": {
        "en": "The name contains invisible characters (control characters or text-direction overrides). "
              "Please remove them.",
        "nl": "De naam bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). Haal ze weg.",
    },
    "error.team_name_hidden_characters": {
        "en": "The team name contains invisible characters (control characters or text-direction overrides). "
              "Please remove them.",
        "nl": "De teamnaam bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). Haal ze weg.",
    },
    "error.note_hidden_characters": {
        "en": "The note contains invisible characters (control characters or text-direction overrides). "
              "Please remove them.",
        "nl": "De notitie bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). Haal ze weg.",
    },
    "error.share_note_hidden_characters": {
        "en": "The note to your team contains invisible characters (control characters or text-direction "
              "overrides). Please remove them.",
        "nl": "De notitie aan je team bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). "
              "Haal ze weg.",
    },
    "error.reflection_hidden_characters": {
        "en": "This answer contains invisible characters (control characters or text-direction overrides). "
              "Please remove them.",
        "nl": "Dit antwoord bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). Haal ze weg.",
    },
    "error.comment_hidden_characters": {
        "en": "The comment contains invisible characters (control characters or text-direction overrides). "
              "Please remove them.",
        "nl": "De opmerking bevat onzichtbare tekens (stuurtekens of tekstrichting-overschrijvingen). Haal ze weg.",
    },
    "error.day_out_of_range": {
        "en": "Choose a day from 1 January 2000 up to today (a pause may be planned up to a year ahead).",
        "nl": "Kies een dag vanaf 1 januari 2000 tot en met vandaag (een pauze mag tot een jaar vooruit).",
    },
    "error.too_many_pauses": {
        "en": "There can be at most 50 pauses. Delete an old one first.",
        "nl": "Er kunnen hoogstens 50 pauzes zijn. Verwijder eerst een oude.",
    },
    "error.import_too_deep": {
        "en": "This file is nested far deeper than a TrustHabits export; nothing was changed.",
        "nl": "Dit bestand is veel dieper genest dan een TrustHabits-export; er is niets veranderd.",
    },
    "error.not_found": {
        "en": "That is not there (any more). Reload the page to see what is.",
        "nl": "Dat bestaat niet (meer). Laad de pagina opnieuw om te zien wat er is.",
    },
    "error.database": {
        "en": "Saving did not work just now; nothing was changed. Try again in a moment.",
        "nl": "Opslaan lukte net niet; er is niets veranderd. Probeer het zo nog eens.",
    },
}
