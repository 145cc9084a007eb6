"""The weekly pulse instrument as data: which items a team is asked in a given ISO week, in
Dutch and English, and how each one is scored.

Every week asks the same trust-in-the-manager items (so the trend means something), one item
per basic need rotating through a small bank by ISO week (so the team does not read the same
sentence forever), and one optional open comment. From version 2 on, every week also asks how
much the team saw of ONE of the manager's behaviours ("seen by the team"), rotating through the
behaviours, so the manager's own log can be set next to what the team noticed.

Answers are stored with the instrument version they were given under; a new wording or item set
gets a new version and the old one stays here unchanged, so old answers remain interpretable.
The wording is our own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from trusthabits.core.input_rules import hidden_characters_error

SCALE_MIN = 1
SCALE_MAX = 5
MAX_COMMENT_LENGTH = 1000

TRUST = "trust"
NEEDS = ("autonomy", "relatedness", "competence")
# "Seen by the team" items measure one behaviour each; their construct is "seen:<behaviour key>"
# so each behaviour is its own figure (never mixed with another behaviour's answers).
SEEN_PREFIX = "seen:"


def seen_construct(behaviour: str) -> str:
    return f"{SEEN_PREFIX}{behaviour}"


def seen_behaviour(construct: str) -> str | None:
    """The behaviour a "seen by the team" construct is about, or None for any other construct."""
    return construct[len(SEEN_PREFIX):] if construct.startswith(SEEN_PREFIX) else None


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
    seen_items: tuple[Item, ...] = ()  # one per behaviour, in rotation order (none before version 2)

    def items_for_week(self, iso_week: str, seen: str | None = None) -> tuple[Item, ...]:
        """The trust items, one item per need chosen by the week number, then (from version 2)
        the "seen by the team" item of behaviour `seen`, or of the week's turn in the rotation."""
        week_number = int(iso_week.split("-W")[1])
        rotating = tuple(bank[week_number % len(bank)] for bank in (self.need_banks[n] for n in NEEDS))
        seen_item = self.seen_item(seen) if seen else self.seen_item_for_week(iso_week)
        return self.trust_items + rotating + ((seen_item,) if seen_item else ())

    def seen_item_for_week(self, iso_week: str) -> Item | None:
        if not self.seen_items:
            return None
        return self.seen_items[int(iso_week.split("-W")[1]) % len(self.seen_items)]

    def seen_item(self, behaviour: str) -> Item | None:
        return self._by_key.get(f"seen_{behaviour}")

    def seen_behaviours(self) -> tuple[str, ...]:
        return tuple(b for item in self.seen_items if (b := seen_behaviour(item.construct)))

    def item(self, key: str) -> Item | None:
        return self._by_key.get(key)

    # Built once per instrument: core.anonymity looks up every answer, thousands on the Trends page.
    @cached_property
    def _by_key(self) -> dict[str, Item]:
        items = [*self.trust_items, *(i for bank in self.need_banks.values() for i in bank), *self.seen_items]
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



def _seen(behaviour: str, en: str, nl: str) -> Item:
    return _item(f"seen_{behaviour}", seen_construct(behaviour), en, nl)


# Version 2: version 1's items, unchanged and with the same keys, plus "seen by the team".
# Written for this instrument: what a team member could have noticed of each behaviour this week.
V2 = Instrument(
    version=2,
    trust_items=V1.trust_items,
    need_banks=V1.need_banks,
    seen_items=(
        _seen("empowerment",
              "This week my manager gave me room to decide how to do my work.",
              "Deze week gaf mijn leidinggevende me ruimte om zelf te bepalen hoe ik mijn werk doe."),
        _seen("stewardship",
              "This week my manager talked about where we are heading and why that matters.",
              "Deze week vertelde mijn leidinggevende waar we naartoe werken en waarom dat ertoe doet."),
        _seen("courage",
              "This week my manager stood up for our team, also when that was not easy.",
              "Deze week kwam mijn leidinggevende op voor ons team, ook toen dat niet makkelijk was."),
        _seen("humility",
              "This week my manager asked for our knowledge or said they did not know something.",
              "Deze week vroeg mijn leidinggevende om onze kennis of zei iets niet te weten."),
        _seen("standing_back",
              "This week my manager let others take the credit for good work.",
              "Deze week liet mijn leidinggevende de eer van goed werk aan anderen."),
        _seen("forgiveness",
              "This week my manager treated a mistake as something to learn from.",
              "Deze week behandelde mijn leidinggevende een fout als iets om van te leren."),
    ),
)

INSTRUMENTS: dict[int, Instrument] = {V1.version: V1, V2.version: V2}
CURRENT = V2


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
    if key := hidden_characters_error(text, "comment", multiline=True):
        raise InvalidAnswers([], key)
    return answers, text
