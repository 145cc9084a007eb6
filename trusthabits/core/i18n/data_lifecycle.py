"""Texts for the data lifecycle: deleting an account, erasing a member's address, the full
export, and the privacy page."""

MESSAGES: dict[str, dict[str, str]] = {
    # Settings → delete account
    "erase.account_title": {
        "en": "Delete your account",
        "nl": "Je account verwijderen",
    },
    "erase.account_explain": {
        "en": (
            "This removes everything that is yours, at once and for good: your profile, daily log, habit "
            "targets and pauses, reflections, commitments and experiments, your teams with their members' "
            "addresses, pulse rounds, answers and comments, and every mail in your outbox. Download your data "
            "first if you want to keep it. Backups the operator made before today keep a copy until they "
            "are rotated out (see the privacy page)."
        ),
        "nl": (
            "Dit verwijdert alles wat van jou is, meteen en voorgoed: je profiel, dagelijkse log, "
            "gewoontedoelen en pauzes, reflecties, voornemens en experimenten, je teams met de adressen van "
            "hun leden, pulse-rondes, antwoorden en opmerkingen, en alle mail in je outbox. Download eerst je "
            "gegevens als je ze wilt bewaren. Back-ups die de beheerder vóór vandaag maakte, houden een kopie "
            "tot ze worden opgeruimd (zie de privacypagina)."
        ),
    },
    "erase.account_password": {
        "en": "Your password, to confirm",
        "nl": "Je wachtwoord, ter bevestiging",
    },
    "erase.account_button": {
        "en": "Delete my account and all my data",
        "nl": "Mijn account en al mijn gegevens verwijderen",
    },
    "erase.account_done": {
        "en": "Your account and all your data are deleted.",
        "nl": "Je account en al je gegevens zijn verwijderd.",
    },
    # Team page → erase a member
    "erase.member_button": {
        "en": "Erase",
        "nl": "Wissen",
    },
    "erase.member_confirm": {
        "en": (
            "Erase {email}? Their address, invitations and the mail to them go for good. Answers they gave "
            "stay only as part of the anonymous team results; they were never linked to them."
        ),
        "nl": (
            "{email} wissen? Het adres, de uitnodigingen en de mail aan dit teamlid verdwijnen voorgoed. "
            "Gegeven antwoorden blijven alleen bestaan als deel van de anonieme teamresultaten; ze waren nooit "
            "aan dit teamlid gekoppeld."
        ),
    },
    "erase.member_yes": {
        "en": "Erase for good",
        "nl": "Voorgoed wissen",
    },
    "erase.cancel": {
        "en": "Cancel",
        "nl": "Annuleren",
    },
    "erase.member_done": {
        "en": "The address is erased.",
        "nl": "Het adres is gewist.",
    },
    # Unsubscribe page → erase my address
    "erase.own_explain": {
        "en": (
            "You can also have your address erased: you get no more mail from this team, your invitations "
            "are deleted, and your manager no longer sees your address. Answers you gave stay only as part of "
            "the anonymous team results; they were never linked to you."
        ),
        "nl": (
            "Je kunt je adres ook laten wissen: je krijgt geen mail meer van dit team, je uitnodigingen worden "
            "verwijderd en je manager ziet je adres niet meer. Antwoorden die je gaf blijven alleen bestaan als "
            "deel van de anonieme teamresultaten; ze waren nooit aan jou gekoppeld."
        ),
    },
    "erase.own_button": {
        "en": "Erase my address",
        "nl": "Mijn adres wissen",
    },
    "erase.own_done": {
        "en": "Your address is erased. You will not get mail from this team again.",
        "nl": "Je adres is gewist. Je krijgt geen mail meer van dit team.",
    },
    # Privacy links
    "privacy.link": {
        "en": "Privacy: what is kept, and for how long",
        "nl": "Privacy: wat wordt bewaard, en hoe lang",
    },
    "privacy.title": {
        "en": "Privacy: what TrustHabits keeps, for how long, and why",
        "nl": "Privacy: wat TrustHabits bewaart, hoe lang, en waarom",
    },
    "privacy.intro": {
        "en": "TrustHabits keeps only what it needs to do its work. This page says what, for how long, and why.",
        "nl": ("TrustHabits bewaart alleen wat het nodig heeft om zijn werk te doen. Hier staat wat, hoe lang, "
               "en waarom."),
    },
    "privacy.account_title": {"en": "Your account", "nl": "Je account"},
    "privacy.account_body": {
        "en": (
            "Your name, email address, language, time zone and a hash of your password (the password itself "
            "is never stored). Why: to sign you in and to write to you. Kept until you delete your account "
            "(Settings), which removes everything on this page that is yours, at once."
        ),
        "nl": (
            "Je naam, e-mailadres, taal, tijdzone en een hash van je wachtwoord (het wachtwoord zelf wordt nooit "
            "bewaard). Waarom: om je te laten inloggen en je te mailen. Bewaard tot je je account verwijdert "
            "(Instellingen); dan verdwijnt in één keer alles op deze pagina wat van jou is."
        ),
    },
    "privacy.log_title": {"en": "Your log and reflections", "nl": "Je log en reflecties"},
    "privacy.log_body": {
        "en": (
            "Your daily log, habit targets and pauses, reflections, commitments and experiments. Only you see "
            "them. Kept until you delete them or your account; you can download all of it at any time "
            "(History, Your data)."
        ),
        "nl": (
            "Je dagelijkse log, gewoontedoelen en pauzes, reflecties, voornemens en experimenten. Alleen jij "
            "ziet ze. Bewaard tot je ze of je account verwijdert; je kunt alles altijd downloaden "
            "(Geschiedenis, Jouw gegevens)."
        ),
    },
    "privacy.members_title": {"en": "Team members' addresses", "nl": "Adressen van teamleden"},
    "privacy.members_body": {
        "en": (
            "The addresses a manager enters, to send the weekly pulse. Kept until the manager erases one (team "
            "page) or the member does (the link at the foot of every mail), or the team is deleted. A member who "
            "unsubscribes gets no more mail."
        ),
        "nl": (
            "De adressen die een manager invoert, om de wekelijkse pulse te versturen. Bewaard tot de manager "
            "er een wist (teampagina) of het teamlid zelf (de link onderaan elke mail), of tot het team wordt "
            "verwijderd. Wie zich afmeldt, krijgt geen mail meer."
        ),
    },
    "privacy.answers_title": {"en": "Pulse answers", "nl": "Pulse-antwoorden"},
    "privacy.answers_body": {
        "en": (
            "Stored without any link to who gave them: no name, no address, no time, a random number as key. "
            "Shown only as team averages once at least {k} people answered; comments only after the week "
            "closes, shuffled, and also only with {k} answers. They cannot be traced to anyone, so they stay as "
            "long as the team exists, also when an address is erased."
        ),
        "nl": (
            "Opgeslagen zonder enige koppeling aan wie ze gaf: geen naam, geen adres, geen tijdstip, een "
            "willekeurig nummer als sleutel. Alleen zichtbaar als teamgemiddelde zodra minstens {k} mensen "
            "antwoordden; opmerkingen pas na het sluiten van de week, geschud, en ook alleen bij {k} antwoorden. "
            "Ze zijn naar niemand te herleiden en blijven dus zolang het team bestaat, ook als een adres "
            "wordt gewist."
        ),
    },
    "privacy.invitations_title": {"en": "Invitations", "nl": "Uitnodigingen"},
    "privacy.invitations_body": {
        "en": (
            "Which member was invited to which week, with a single-use link stored only as a hash. The hash is "
            "removed {days} day(s) after the week closes, so the link can no longer be matched to anything."
        ),
        "nl": (
            "Welk teamlid voor welke week is uitgenodigd, met een eenmalige link die alleen als hash wordt "
            "bewaard. De hash wordt {days} dag(en) na het sluiten van de week verwijderd, zodat de link nergens "
            "meer aan te koppelen is."
        ),
    },
    "privacy.mail_title": {"en": "Mail", "nl": "Mail"},
    "privacy.mail_body": {
        "en": (
            "Every mail waits in the outbox until it is sent. Its text and address are removed {days} days "
            "after it was sent (or gave up); what stays is its kind, subject, status and dates, for the "
            "Outbox's history and the sending limits."
        ),
        "nl": (
            "Elke mail wacht in de outbox tot hij is verstuurd. De tekst en het adres worden {days} dagen na "
            "verzending (of opgeven) verwijderd; wat blijft is soort, onderwerp, status en data, voor de "
            "geschiedenis in de Outbox en de verzendlimieten."
        ),
    },
    "privacy.signin_title": {"en": "Signing in", "nl": "Inloggen"},
    "privacy.signin_body": {
        "en": (
            "Failed sign-in attempts (address and network address) are kept {hours} hours, to slow down "
            "password guessing; successful ones 90 days, so that your usual network is never slowed down by "
            "strangers. A session (the one cookie TrustHabits sets) is deleted {days} day(s) after it expired "
            "or you signed out."
        ),
        "nl": (
            "Mislukte inlogpogingen (adres en netwerkadres) worden {hours} uur bewaard, om het raden van "
            "wachtwoorden te vertragen; gelukte 90 dagen, zodat je gewone netwerk nooit door vreemden wordt "
            "vertraagd. Een sessie (de enige cookie die TrustHabits zet) wordt {days} dag(en) nadat hij verliep "
            "of je uitlogde verwijderd."
        ),
    },
    "privacy.backups_title": {"en": "Backups", "nl": "Back-ups"},
    "privacy.backups_body": {
        "en": (
            "The operator keeps daily backups of the whole database, the latest {keep}, readable only by the "
            "operator. What you delete stays in those backups until they are replaced, at most {keep} days."
        ),
        "nl": (
            "De beheerder bewaart dagelijkse back-ups van de hele database, de laatste {keep}, alleen leesbaar "
            "voor de beheerder. Wat je verwijdert, blijft in die back-ups tot ze vervangen zijn, hooguit "
            "{keep} dagen."
        ),
    },
    "privacy.nothing_else_title": {"en": "Nothing else", "nl": "Verder niets"},
    "privacy.nothing_else_body": {
        "en": "No analytics, no advertising, no tracking. Nothing is sold or shared.",
        "nl": "Geen analytics, geen advertenties, geen tracking. Niets wordt verkocht of gedeeld.",
    },
    # History → Your data: the full export
    "data.export_all": {
        "en": "Everything (zip)",
        "nl": "Alles (zip)",
    },
    "data.export_all_hint": {
        "en": (
            "Your profile, log, habits, reflections, commitments, teams and members, and each closed period's "
            "team results as you see them (averages only, only with enough answers); JSON and CSV. The "
            "actions.json inside can be imported here again."
        ),
        "nl": (
            "Je profiel, log, gewoontes, reflecties, voornemens, teams en leden, en de teamresultaten van elke "
            "afgesloten periode zoals jij ze ziet (alleen gemiddelden, alleen bij genoeg antwoorden); JSON en "
            "CSV. De actions.json erin kun je hier weer importeren."
        ),
    },
}
