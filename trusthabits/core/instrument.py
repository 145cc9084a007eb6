"""The weekly pulse instrument as data: which items a team is asked in a given ISO week, in
Dutch and English, and how each one is scored.

Every week asks the same trust-in-the-manager items (so the trend means something), one item
per basic need rotating through a small bank by ISO week (so the team does not read the same
sentence forever), and one optional open comment. Answers are stored with the instrument
version they were given under; a new wording or item set gets a new version and the old one
stays here, so old answers remain interpretable. The wording is our own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

SCALE_MIN = 1
SCALE_MAX = 5
MAX_COMMENT_LENGTH = 1000

TRUST = "trust"
NEEDS = ("autonomy", "relatedness", "competence")


@dataclass(frozen=True)
class Item:
    key: str
    construct: str  # TRUST or one of NEEDS
    text: dict[str, str]  # language → wording
    reverse: bool = False  # agreement means *less* of the construct

    def score(self, answer: int) -> int:
        """The answer on the construct's scale: reverse items flipped (5 ↔ 1)."""
        return SCALE_MIN + SCALE_MAX - answer if self.reverse else answer


@dataclass(frozen=True)
class Instrument:
    version: int
    trust_items: tuple[Item, ...]
    need_banks: dict[str, tuple[Item, ...]]  # need → the items it rotates through

    def items_for_week(self, iso_week: str) -> tuple[Item, ...]:
        """The trust items, then one item per need chosen by the week number."""
        week_number = int(iso_week.split("-W")[1])
        rotating = tuple(bank[week_number % len(bank)] for bank in (self.need_banks[n] for n in NEEDS))
        return self.trust_items + rotating

    def item(self, key: str) -> Item | None:
        return self._by_key.get(key)

    # Built once per instrument: summarise() looks up every answer, thousands on the Trends page.
    @cached_property
    def _by_key(self) -> dict[str, Item]:
        items = list(self.trust_items) + [i for bank in self.need_banks.values() for i in bank]
        return {item.key: item for item in items}


def _item(key: str, construct: str, en: str, nl: str, reverse: bool = False) -> Item:
    return Item(key, construct, {"en": en, "nl": nl}, reverse)


V1 = Instrument(
    version=1,
    trust_items=(
        _item("trust_backing", TRUST,
              "I can count on my manager to stand up for me.",
              "Ik kan erop rekenen dat mijn leidinggevende voor me opkomt."),
        _item("trust_mistakes", TRUST,
              "I can admit a mistake to my manager without fear.",
              "Ik kan een fout toegeven aan mijn leidinggevende zonder bang te zijn."),
        _item("trust_word", TRUST,
              "My manager does what they say they will do.",
              "Mijn leidinggevende doet wat hij of zij zegt."),
        _item("trust_holding_back", TRUST,
              "I keep concerns to myself rather than raise them with my manager.",
              "Ik houd zorgen liever voor mezelf dan ze bij mijn leidinggevende aan te kaarten.",
              reverse=True),
    ),
    need_banks={
        "autonomy": (
            _item("autonomy_decide", "autonomy",
                  "This week I could decide for myself how to do my work.",
                  "Deze week kon ik zelf bepalen hoe ik mijn werk deed."),
            _item("autonomy_checked", "autonomy",
                  "This week I felt checked on more than I needed.",
                  "Deze week voelde ik me meer gecontroleerd dan nodig was.",
                  reverse=True),
            _item("autonomy_say", "autonomy",
                  "This week I had a real say in decisions about my work.",
                  "Deze week had ik echt inspraak in beslissingen over mijn werk."),
        ),
        "relatedness": (
            _item("relatedness_belong", "relatedness",
                  "This week I felt I belong in this team.",
                  "Deze week voelde ik dat ik bij dit team hoor."),
            _item("relatedness_care", "relatedness",
                  "This week people here cared about how I was doing.",
                  "Deze week gaven mensen hier om hoe het met me ging."),
            _item("relatedness_alone", "relatedness",
                  "This week I felt on my own at work.",
                  "Deze week voelde ik me alleen staan op mijn werk.",
                  reverse=True),
        ),
        "competence": (
            _item("competence_good", "competence",
                  "This week I felt good at what I do.",
                  "Deze week voelde ik me goed in wat ik doe."),
            _item("competence_learn", "competence",
                  "This week I learned something that makes me better at my work.",
                  "Deze week leerde ik iets waardoor ik beter word in mijn werk."),
            _item("competence_tools", "competence",
                  "This week I had what I needed to do my work well.",
                  "Deze week had ik wat ik nodig had om mijn werk goed te doen."),
        ),
    },
)

INSTRUMENTS: dict[int, Instrument] = {V1.version: V1}
CURRENT = V1


def instrument(version: int) -> Instrument:
    return INSTRUMENTS[version]


class InvalidAnswers(ValueError):
    """The answers are incomplete or malformed. `missing` lists unanswered item keys."""

    def __init__(self, missing: list[str], key: str = "error.pulse_incomplete"):
        super().__init__(key)
        self.key = key
        self.missing = missing


def clean_answers(items: tuple[Item, ...], raw: Mapping[str, object], comment: str | None) -> tuple[dict[str, int],
    str]:
    """Validate hostile input from the answer page: every item present as an integer on the
    scale and nothing else kept; the comment trimmed and within its length limit."""
    answers: dict[str, int] = {}
    missing: list[str] = []
    for item in items:
        value = raw.get(item.key)
        try:
            number = int(str(value).strip()) if value is not None and not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or not SCALE_MIN <= number <= SCALE_MAX:
            missing.append(item.key)
        else:
            answers[item.key] = number
    if missing:
        raise InvalidAnswers(missing)
    text = (comment or "").strip() if isinstance(comment, str) or comment is None else ""
    if len(text) > MAX_COMMENT_LENGTH:
        raise InvalidAnswers([], "error.pulse_comment_too_long")
    return answers, text
