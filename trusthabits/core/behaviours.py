"""The behaviour catalogue: the servant-leadership behaviours a manager practises, as data.

Each behaviour has a stable key (stored with every log entry), a lucide icon, a Radix colour,
and Dutch and English texts written by us: a name, a one-line description and concrete
micro-actions. The UI, the scoring and the message catalogue all loop over `BEHAVIOURS`, so a
seventh behaviour (accountability, authenticity, …) is one more entry here and nothing else.
Keys of behaviours and micro-actions must never change once entries use them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MicroAction:
    key: str
    text: dict[str, str]


@dataclass(frozen=True)
class Behaviour:
    key: str
    icon: str  # a lucide icon name (https://lucide.dev)
    colour: str  # a Radix Themes colour scale name
    name: dict[str, str]
    description: dict[str, str]
    micro_actions: tuple[MicroAction, ...]


def _actions(*items: tuple[str, str, str]) -> tuple[MicroAction, ...]:
    return tuple(MicroAction(key, {"en": en, "nl": nl}) for key, en, nl in items)


BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour(
        key="empowerment",
        icon="rocket",
        colour="blue",
        name={"en": "Empowerment", "nl": "Empowerment"},
        description={
            "en": "Give people the information, the room and the chances to grow and decide.",
            "nl": "Geef mensen de informatie, de ruimte en de kansen om te groeien en te beslissen.",
        },
        micro_actions=_actions(
            ("shared_context", "Shared the context behind a decision", "Deelde de achtergrond van een besluit"),
            ("let_decide", "Let someone decide without me", "Liet iemand beslissen zonder mij"),
            ("offered_stretch", "Offered someone a stretch assignment", "Bood iemand een uitdagende klus aan"),
            (
                "asked_needs",
                "Asked what someone needs to do the job well",
                "Vroeg wat iemand nodig heeft om het werk goed te doen",
            ),
            ("removed_obstacle", "Removed an obstacle from someone's path", "Haalde een obstakel voor iemand weg"),
        ),
    ),
    Behaviour(
        key="stewardship",
        icon="compass",
        colour="teal",
        name={"en": "Stewardship", "nl": "Rentmeesterschap"},
        description={
            "en": "Paint a long-term picture people can be proud of and steer by.",
            "nl": "Schets een beeld voor de lange termijn waar mensen trots op zijn en op kunnen koersen.",
        },
        micro_actions=_actions(
            (
                "linked_purpose",
                "Linked today's work to our bigger purpose",
                "Verbond het werk van vandaag met ons grotere doel",
            ),
            (
                "explained_why",
                "Explained why a choice serves the long run",
                "Legde uit waarom een keuze de lange termijn dient",
            ),
            (
                "chose_responsibly",
                "Chose the responsible option over the easy one",
                "Koos de verantwoorde optie boven de makkelijke",
            ),
            (
                "shared_vision",
                "Talked with the team about where we are heading",
                "Sprak met het team over waar we heen gaan",
            ),
            (
                "thought_of_others",
                "Weighed the effect on people outside the team",
                "Woog het effect op mensen buiten het team mee",
            ),
        ),
    ),
    Behaviour(
        key="courage",
        icon="shield",
        colour="crimson",
        name={"en": "Courage", "nl": "Moed"},
        description={
            "en": "Stand for what you say and back your people, also when it is uncomfortable.",
            "nl": "Sta voor wat je zegt en steun je mensen, ook als dat ongemakkelijk is.",
        },
        micro_actions=_actions(
            (
                "backed_publicly",
                "Backed a team member in front of others",
                "Steunde een teamlid in het bijzijn van anderen",
            ),
            ("raised_hard_topic", "Raised a difficult topic openly", "Bracht een lastig onderwerp open ter sprake"),
            ("defended_case", "Defended the team's case higher up", "Verdedigde de zaak van het team hogerop"),
            ("kept_word", "Kept a promise that cost me effort", "Hield een belofte die me moeite kostte"),
            ("said_no", "Said no to protect the team's focus", "Zei nee om de focus van het team te beschermen"),
        ),
    ),
    Behaviour(
        key="humility",
        icon="sprout",
        colour="green",
        name={"en": "Humility", "nl": "Bescheidenheid"},
        description={
            "en": "Know your limits, and show that you need other people's knowledge.",
            "nl": "Ken je grenzen en laat zien dat je de kennis van anderen nodig hebt.",
        },
        micro_actions=_actions(
            (
                "said_dont_know",
                "Said \"I don't know how we best do this\"",
                "Zei \"ik weet niet hoe we dit het beste doen\"",
            ),
            ("asked_advice", "Asked a team member for advice", "Vroeg een teamlid om advies"),
            ("admitted_mistake", "Admitted a mistake of my own", "Gaf een eigen fout toe"),
            ("asked_feedback", "Asked for feedback on how I lead", "Vroeg feedback op hoe ik leiding geef"),
            (
                "learned_from_junior",
                "Learned something from a less experienced colleague",
                "Leerde iets van een minder ervaren collega",
            ),
        ),
    ),
    Behaviour(
        key="standing_back",
        icon="hand-heart",
        colour="amber",
        name={"en": "Standing back", "nl": "Dienstbaarheid"},
        description={
            "en": "Give others the credit and stay in the background; look at yourself first.",
            "nl": "Geef anderen de eer en blijf op de achtergrond; kijk eerst naar jezelf.",
        },
        micro_actions=_actions(
            ("gave_credit", "Gave someone the credit for a result", "Gaf iemand de eer voor een resultaat"),
            ("praised_contribution", "Praised a specific contribution", "Prees een concrete bijdrage"),
            ("let_present", "Let a team member present our work", "Liet een teamlid ons werk presenteren"),
            (
                "looked_at_myself",
                "Looked at my own part first when results disappointed",
                "Keek eerst naar mijn eigen rol toen resultaten tegenvielen",
            ),
            (
                "discussed_privately",
                "Discussed a problem privately, not in public",
                "Besprak een probleem onder vier ogen, niet in het openbaar",
            ),
        ),
    ),
    Behaviour(
        key="forgiveness",
        icon="heart-handshake",
        colour="violet",
        name={"en": "Forgiveness", "nl": "Vergeving"},
        description={
            "en": "Let mistakes go and treat them as the best chance to learn.",
            "nl": "Laat fouten los en zie ze als de beste kans om te leren.",
        },
        micro_actions=_actions(
            ("let_mistake_go", "Let a mistake go without blame", "Liet een fout los zonder schuldvraag"),
            ("asked_lesson", "Asked what we learned from a mistake", "Vroeg wat we van een fout leerden"),
            ("said_its_ok", "Said out loud that mistakes are allowed", "Zei hardop dat fouten mogen"),
            (
                "fresh_start",
                "Gave someone a fresh start after a conflict",
                "Gaf iemand een nieuwe kans na een conflict",
            ),
            (
                "shared_own_failure",
                "Shared a failure of my own and what it taught me",
                "Deelde een eigen mislukking en wat die me leerde",
            ),
        ),
    ),
)

BY_KEY: dict[str, Behaviour] = {b.key: b for b in BEHAVIOURS}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def is_behaviour(key: str) -> bool:
    return key in BY_KEY


def is_micro_action(behaviour: str, micro_action: str) -> bool:
    return behaviour in BY_KEY and any(m.key == micro_action for m in BY_KEY[behaviour].micro_actions)


def name(behaviour: str, language: str) -> str:
    found = BY_KEY.get(behaviour)
    return found.name.get(language, found.name["en"]) if found else behaviour


def micro_action_text(behaviour: str, micro_action: str | None, language: str) -> str:
    for item in BY_KEY[behaviour].micro_actions if behaviour in BY_KEY else ():
        if item.key == micro_action:
            return item.text.get(language, item.text["en"])
    return ""
