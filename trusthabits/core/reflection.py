"""Weekly reflection: research-grounded questions per behaviour, and which one to ask.

The questions follow the six dimensions of the Servant Leadership Survey (Van Dierendonck &
Nuijten, 2011) that TrustHabits practises, written in our own words. Each behaviour has at least
three, so a manager meets a different one each time that behaviour is in focus. Adding a
behaviour (e.g. accountability) means adding its questions here.
"""

from __future__ import annotations

from dataclasses import dataclass

from trusthabits.core.calendar import parse_iso_week


@dataclass(frozen=True)
class Question:
    key: str
    behaviour: str
    text: dict[str, str]  # language → wording


def _q(behaviour: str, number: int, en: str, nl: str) -> Question:
    return Question(f"{behaviour}.{number}", behaviour, {"en": en, "nl": nl})


QUESTIONS: tuple[Question, ...] = (
    _q("empowerment", 1,
       "Which decision did you take this week that someone in your team could have taken?",
       "Welk besluit nam jij deze week dat iemand in je team had kunnen nemen?"),
    _q("empowerment", 2,
       "Who lacked information to do their work well, and how would they have found out without you?",
       "Wie miste informatie om het werk goed te doen, en hoe had die persoon dat zonder jou kunnen ontdekken?"),
    _q("empowerment", 3,
       "Which skill did someone in your team grow this week, and what did you do to make room for it?",
       "Welke vaardigheid ontwikkelde iemand in je team deze week, en wat deed jij om daar ruimte voor te maken?"),
    _q("stewardship", 1,
       "If your team described this week's work to their family, what would they be proud of?",
       "Als je team het werk van deze week aan thuis zou uitleggen: waar zouden ze trots op zijn?"),
    _q("stewardship", 2,
       "Where did a short-term pressure win over what your team stands for in the long run?",
       "Waar won de druk van de korte termijn het van waar je team op de lange termijn voor staat?"),
    _q("stewardship", 3,
       "Did everyone in your team hear, in your own words, why our work matters beyond this quarter?",
       "Heeft iedereen in je team in jouw woorden gehoord waarom ons werk ertoe doet, ook na dit kwartaal?"),
    _q("courage", 1,
       "When did you stand up for someone in your team this week, and when did you keep quiet?",
       "Wanneer kwam je deze week op voor iemand in je team, en wanneer hield je je mond?"),
    _q("courage", 2,
       "Which promise to your team did you keep, and which one is at risk?",
       "Welke belofte aan je team heb je waargemaakt, en welke dreigt te sneuvelen?"),
    _q("courage", 3,
       "What unpopular but right thing did you postpone? What would it take to do it next week?",
       "Welke onpopulaire maar juiste stap heb je uitgesteld? Wat is er nodig om die volgende week te zetten?"),
    _q("humility", 1,
       "Where did you say \"I don't know\" this week, and what did you learn from the answer?",
       "Waar zei je deze week \"ik weet het niet\", en wat leerde je van het antwoord?"),
    _q("humility", 2,
       "Whose expertise did you rely on this week, and did they know you valued it?",
       "Op wiens kennis leunde je deze week, en weet die persoon dat je dat waardeert?"),
    _q("humility", 3,
       "What feedback about yourself did you hear this week, and how did you respond to it?",
       "Welke feedback over jezelf kreeg je deze week, en hoe reageerde je erop?"),
    _q("standing_back", 1,
       "Whose contribution did others get to see this week because you put them in front?",
       "Wiens bijdrage werd deze week zichtbaar voor anderen doordat jij diegene naar voren schoof?"),
    _q("standing_back", 2,
       "When a result disappointed, did you first look at your own part? What was it?",
       "Toen een resultaat tegenviel: keek je eerst naar je eigen aandeel? Wat was dat?"),
    _q("standing_back", 3,
       "Was there a moment you took credit, even implicitly, that belonged to someone else?",
       "Was er een moment waarop je, al was het impliciet, eer kreeg die bij een ander hoorde?"),
    _q("forgiveness", 1,
       "Which mistake in your team did you treat as a chance to learn this week? Did you say so out loud?",
       "Welke fout in je team behandelde je deze week als leerkans? Zei je dat ook hardop?"),
    _q("forgiveness", 2,
       "Is there something you still hold against someone? What would letting it go look like?",
       "Is er iets dat je iemand nog nadraagt? Hoe zou loslaten eruitzien?"),
    _q("forgiveness", 3,
       "Would someone in your team dare to tell you about a mistake tomorrow? How do you know?",
       "Zou iemand in je team je morgen durven vertellen over een fout? Hoe weet je dat?"),
)


def questions_for(behaviour: str) -> list[Question]:
    return [q for q in QUESTIONS if q.behaviour == behaviour]


def behaviour_in_focus(week_counts: dict[str, int], behaviours: list[str], week_key: str) -> str:
    """The behaviour to reflect on: the least practised this week; ties rotate by week number
    so an untouched pair does not always resolve to the same one."""
    _, week = parse_iso_week(week_key)
    fewest = min(week_counts.get(b, 0) for b in behaviours)
    candidates = [b for b in behaviours if week_counts.get(b, 0) == fewest]
    return candidates[week % len(candidates)]


def question_for_week(behaviour: str, week_key: str) -> Question:
    """Rotate through the behaviour's questions by ISO week, so the same behaviour in focus
    in consecutive weeks gets a different question."""
    year, week = parse_iso_week(week_key)
    options = questions_for(behaviour)
    if not options:
        raise KeyError(f"no reflection questions for behaviour {behaviour!r}")
    return options[(year * 53 + week) % len(options)]
